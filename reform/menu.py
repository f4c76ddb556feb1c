from kit import menu
from kit.scoring.engine import takes_part

menu.register(
    "reform",
    "一体化推进",
    icon="ti-arrows-join",
    order=20,
    items=[
        menu.MenuItem("概览", "reform:overview"),
        menu.MenuItem("政策文件", "core:policydocument_list", perm="core.view_policydocument"),
        menu.MenuItem("改革举措", "reform:initiative_list", perm="reform.view_initiative"),
        menu.MenuItem("项目清单", "reform:reformproject_list", perm="reform.view_reformproject"),
        menu.MenuItem("里程碑", "reform:milestone_list", perm="reform.view_milestone"),
        menu.MenuItem("进度报告", "reform:progressreport_list", perm="reform.view_progressreport"),
        menu.MenuItem("工作联评", "reform:scoring_home", when=takes_part("reform_evaluation")),
        menu.MenuItem("党工服务阵地", "reform:serviceposition_list", perm="reform.view_serviceposition"),
        menu.MenuItem("阵地年度检查", "reform:positioncheck_list", perm="reform.view_positioncheck"),
        menu.MenuItem("微服务项目", "reform:microservice_list", perm="reform.view_microservice"),
        menu.MenuItem("重点联系企业", "reform:keycontact_list", perm="reform.view_keycontact"),
        menu.MenuItem("走访记录", "reform:visit_list", perm="reform.view_visit"),
        menu.MenuItem("四带四联活动", "reform:activity_list", perm="reform.view_activity"),
    ],
)
