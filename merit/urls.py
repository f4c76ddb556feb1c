from django.urls import path

from kit.views import ModuleOverviewView

app_name = "merit"

SECTIONS = [
    ("劳动和技能竞赛", "项目、报名、裁判评分、排名与奖项"),
    ("创新工作室", "级别、领衔人、成员、年度考评"),
    ("劳模创新工作组", "临时党支部、项目及成效"),
]

urlpatterns = [
    path(
        "",
        ModuleOverviewView.as_view(
            title="建功立业",
            intro="劳动竞赛与技能竞赛（培训、竞赛、表彰一体化，区级、行业、企业三级）、劳模（职工）创新工作室、劳模创新工作组。",
            sections=SECTIONS,
        ),
        name="overview",
    ),
]
