from django.urls import include, path

from kit.scoring.views import scoring_urls
from kit.views.routes import entity_pages
from reform import entities, views

app_name = "reform"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("evaluation/", include(scoring_urls(purpose="reform_evaluation"))),
    path("evaluation/<int:pk>/units/", views.UnitRankingView.as_view(), name="evaluation_units"),
    *entity_pages(entities),
]
