from django.urls import path

from kit.views.pages import ModuleOverviewView

app_name = "indicators"

SECTIONS = [
    ("指标目录", "名称、口径、计算方式"),
    ("看板", "图表与下钻"),
]

urlpatterns = [
    path(
        "",
        ModuleOverviewView.as_view(
            title="指标看板",
            intro="专报中的每一个数字，都是按任意期间、任意组织范围从业务记录计算出的指标。",
            sections=SECTIONS,
        ),
        name="overview",
    ),
]
