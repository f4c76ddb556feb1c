from kit import menu
from kit.scoring.engine import takes_part

menu.register(
    "merit",
    "建功立业",
    icon="ti-trophy",
    order=50,
    items=[
        menu.MenuItem("概览", "merit:overview"),
        menu.MenuItem("劳动和技能竞赛", "merit:competition_list", perm="merit.view_competition"),
        menu.MenuItem("竞赛项目", "merit:event_list", perm="merit.view_event"),
        menu.MenuItem("竞赛报名", "merit:registration_list", perm="merit.view_registration"),
        menu.MenuItem("裁判评分", "merit:scoring_home", when=takes_part("competition")),
        menu.MenuItem("竞赛获奖", "merit:award_list", perm="merit.view_award"),
        menu.MenuItem("创新工作室", "merit:studio_list", perm="merit.view_studio"),
        menu.MenuItem("命名与晋级", "merit:studiolevel_list", perm="merit.view_studiolevel"),
        menu.MenuItem("工作室年度考评", "merit:studioreview_list", perm="merit.view_studioreview"),
        menu.MenuItem("劳模创新工作组", "merit:workgroup_list", perm="merit.view_workgroup"),
        menu.MenuItem("工作组项目", "merit:groupproject_list", perm="merit.view_groupproject"),
    ],
)
