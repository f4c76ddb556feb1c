from django.urls import include, path

from kit.scoring.views import scoring_urls
from kit.views.routes import entity_pages
from merit import entities, views

app_name = "merit"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("judging/", include(scoring_urls(purpose="competition"))),
    path("event/<int:pk>/do/<str:action>/", views.EventActionView.as_view(), name="event_action"),
    path("event/<int:pk>/awards.pdf", views.EventAwardsPdfView.as_view(), name="event_awards_pdf"),
    *entity_pages(entities),
]
