from django.urls import path

from kit.views.pages import ModuleOverviewView

app_name = "portal"

SECTIONS = [
    ("找驿站", ""),
    ("法律求助", ""),
    ("报名", ""),
    ("我的记录", ""),
]

urlpatterns = [
    path(
        "",
        ModuleOverviewView.as_view(
            title="职工服务",
            intro="职工手机端：找驿站、法律求助、报名培训与竞赛和志愿活动、查看本人记录。",
            sections=SECTIONS,
        ),
        name="overview",
    ),
]
