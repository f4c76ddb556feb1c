from django.urls import path

from bulletins import entities, views
from kit.views.routes import entity_pages

app_name = "bulletins"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("template/<int:pk>/generate/", views.GenerateView.as_view(), name="template_generate"),
    path("issue/<int:pk>/step/<str:step>/", views.IssueStepView.as_view(), name="issue_step"),
    path("issue/<int:pk>/file/<str:kind>/", views.IssueFileView.as_view(), name="issue_file"),
    *entity_pages(entities),
]
