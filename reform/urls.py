from django.urls import include, path

from kit.scoring_views import scoring_urls
from reform import views

app_name = "reform"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("evaluation/", include(scoring_urls(purpose="reform_evaluation"))),
    path("evaluation/<int:pk>/units/", views.UnitRankingView.as_view(), name="evaluation_units"),
    *views.InitiativeViews.urls(),
    *views.ProjectViews.urls(),
    *views.MilestoneViews.urls(),
    *views.ReportViews.urls(),
    *views.PositionViews.urls(),
    *views.PositionCheckViews.urls(),
    *views.MicroServiceViews.urls(),
    *views.KeyContactViews.urls(),
    *views.VisitViews.urls(),
    *views.ActivityViews.urls(),
]
