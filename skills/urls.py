from django.urls import path

from kit.views import ModuleOverviewView

app_name = "skills"

SECTIONS = [
    ("师徒结对", "帮带链条、目标责任制、考核与成果"),
    ("评选", "征集、资格审查、专家评分、公示、表彰与证书"),
    ("实训基地", "合作院校、挂牌日期、容量"),
    ("培训班次", "报名与候补、考勤、技能鉴定、证书"),
    ("创新改造项目", ""),
]

urlpatterns = [
    path(
        "",
        ModuleOverviewView.as_view(
            title="技能提升",
            intro="新型师徒“传帮带”、职工优秀科技创新成果与先进操作法评选、产业工人“火种”计划实训基地与班次。",
            sections=SECTIONS,
        ),
        name="overview",
    ),
]
