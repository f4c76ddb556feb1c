from django.urls import path

from kit.views import ModuleOverviewView

app_name = "reform"

SECTIONS = [
    ("政策文件", "实施意见、管理办法，按年度统计连续印发年数"),
    ("项目清单", "牵头成员单位、目标、里程碑、进度报告与审核"),
    ("工作联评", "年终按评分表联评、按成员单位排名"),
    ("党工服务阵地", "阵地名称、类型、承建单位、年度检查"),
    ("党工共建微服务项目", ""),
    ("重点联系非公企业", "联系人与走访记录"),
]

urlpatterns = [
    path(
        "",
        ModuleOverviewView.as_view(
            title="一体化推进",
            intro="党建、工建、产改一体化推进：实施意见、项目清单与进度、工作联评、党工服务阵地、微服务项目、重点联系非公企业、“四带四联”活动。",
            sections=SECTIONS,
        ),
        name="overview",
    ),
]
