from django.urls import path

from kit.views.pages import ModuleOverviewView

app_name = "legal"

SECTIONS = [
    ("案件", "受理、指派、审理或调解、结案，当事人与涉案标的"),
    ("异地协作", "与协作工会的转介"),
    ("法律体检", "律师进企业"),
]

urlpatterns = [
    path(
        "",
        ModuleOverviewView.as_view(
            title="法律援助",
            intro="“一庭三室”：仲裁庭、调解室、咨询室、普法室的案件受理、指派、审理/调解与结案；异地法律援助协作；企业法律体检。",
            sections=SECTIONS,
        ),
        name="overview",
    ),
]
