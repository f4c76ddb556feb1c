from kit import menu
from kit.scoring.engine import takes_part

menu.register(
    "skills",
    "技能提升",
    icon="ti-tools",
    order=40,
    items=[
        menu.MenuItem("概览", "skills:overview"),
        menu.MenuItem("传帮带试点", "skills:mentorshippilot_list", perm="skills.view_mentorshippilot"),
        menu.MenuItem("师徒结对", "skills:mentorship_list", perm="skills.view_mentorship"),
        menu.MenuItem("帮带成果", "skills:outcome_list", perm="skills.view_outcome"),
        menu.MenuItem("试点企业年度指标", "skills:enterpriseresult_list", perm="skills.view_enterpriseresult"),
        menu.MenuItem("成果与操作法评选", "skills:selectionround_list", perm="skills.view_selectionround"),
        menu.MenuItem("评选申报", "skills:submission_list", perm="skills.view_submission"),
        menu.MenuItem("公示异议", "skills:objection_list", perm="skills.view_objection"),
        menu.MenuItem("专家评审", "skills:scoring_home", when=takes_part("selection")),
        menu.MenuItem("实训基地", "skills:trainingbase_list", perm="skills.view_trainingbase"),
        menu.MenuItem("培训班次", "skills:trainingclass_list", perm="skills.view_trainingclass"),
        menu.MenuItem("培训报名", "skills:enrolment_list", perm="skills.view_enrolment"),
        menu.MenuItem("课次", "skills:session_list", perm="skills.view_session"),
        menu.MenuItem("考勤", "skills:attendance_list", perm="skills.view_attendance"),
        menu.MenuItem("技能鉴定", "skills:appraisal_list", perm="skills.view_appraisal"),
        menu.MenuItem("创新改造项目", "skills:innovationproject_list", perm="skills.view_innovationproject"),
    ],
)
