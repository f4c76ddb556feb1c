from django.urls import path

from kit.views.pages import ModuleOverviewView

app_name = "bulletins"

SECTIONS = [
    ("专报", "编辑、审批、印发"),
    ("分发名单", "报：/ 送："),
]

urlpatterns = [
    path(
        "",
        ModuleOverviewView.as_view(
            title="专报",
            intro="专报系列、期号、章节、绑定指标的语句、审批，按 GB/T 9704 版式生成 Word 与 PDF。",
            sections=SECTIONS,
        ),
        name="overview",
    ),
]
