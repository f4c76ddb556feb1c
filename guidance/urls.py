from django.urls import path

from kit.views import ModuleOverviewView

app_name = "guidance"

SECTIONS = [
    ("讲师团", "劳模、先进工作者、党校教师"),
    ("宣讲", "时间、地点、主讲、受众人数，宣讲日历"),
    ("微党课", "在线课堂、投票与专家评分、年度十佳"),
    ("宣传报道", "媒体、级别、日期与链接"),
    ("集体荣誉", "工会获得的表彰"),
]

urlpatterns = [
    path(
        "",
        ModuleOverviewView.as_view(
            title="思想引领",
            intro="职工思想政治教育：讲师团、宣讲活动、十佳微党课评选、宣传报道与荣誉。",
            sections=SECTIONS,
        ),
        name="overview",
    ),
]
