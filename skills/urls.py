from django.urls import include, path

from kit.scoring.views import scoring_urls
from kit.views.routes import entity_pages
from skills import entities, views

app_name = "skills"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("review/", include(scoring_urls(purpose="selection"))),
    path("trainingclass/<int:pk>/enrol/", views.EnrolView.as_view(), name="enrol"),
    path("enrolment/<int:pk>/cancel/", views.CancelEnrolmentView.as_view(), name="enrolment_cancel"),
    path("selectionround/<int:pk>/step/<str:step>/", views.SelectionStepView.as_view(), name="selection_step"),
    path("selectionround/<int:pk>/certificates/", views.CertificatesView.as_view(), name="certificates"),
    path("submission/<int:pk>/eligibility/", views.EligibilityView.as_view(), name="submission_eligibility"),
    *entity_pages(entities),
]
