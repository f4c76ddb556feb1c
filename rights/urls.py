from django.urls import path

from kit.views.pages import ModuleOverviewView

app_name = "rights"

SECTIONS = [
    ("互助保障", "参保单位与人员、理赔"),
    ("困难救助", ""),
    ("志愿服务", "服务队、活动与时长"),
    ("集体协商", "指导员、要约行动、合同与质效评估"),
    ("爱心驿站", "地址、设施、开放时间、星级评定"),
]

urlpatterns = [
    path(
        "",
        ModuleOverviewView.as_view(
            title="维权服务",
            intro="互助互济保险、困难职工救助、职工志愿服务、新就业形态劳动者服务、集体协商、安康·爱心驿站。",
            sections=SECTIONS,
        ),
        name="overview",
    ),
]
