from kit import menu
from kit.scoring.engine import takes_part

menu.register(
    "guidance",
    "思想引领",
    icon="ti-flag",
    order=30,
    items=[
        menu.MenuItem("概览", "guidance:overview"),
        menu.MenuItem("讲师团", "guidance:lecturer_list", perm="guidance.view_lecturer"),
        menu.MenuItem("宣讲", "guidance:lecture_list", perm="guidance.view_lecture"),
        menu.MenuItem("宣讲日历", "guidance:calendar", perm="guidance.view_lecture"),
        menu.MenuItem("微党课", "guidance:microcourse_list", perm="guidance.view_microcourse"),
        menu.MenuItem("十佳微党课评选", "guidance:toptenselection_list", perm="guidance.view_toptenselection"),
        menu.MenuItem("参评课程", "guidance:nomination_list", perm="guidance.view_nomination"),
        menu.MenuItem("专家评分", "guidance:scoring_home", when=takes_part("topten")),
        menu.MenuItem("宣传报道", "guidance:mediareport_list", perm="guidance.view_mediareport"),
        menu.MenuItem("集体荣誉", "guidance:unionhonour_list", perm="guidance.view_unionhonour"),
    ],
)
