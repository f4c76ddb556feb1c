from django.urls import include, path

from kit.scoring_views import scoring_urls
from skills import views

app_name = "skills"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("review/", include(scoring_urls(purpose="selection"))),
    path("trainingclass/<int:pk>/enrol/", views.EnrolView.as_view(), name="enrol"),
    path("enrolment/<int:pk>/cancel/", views.CancelEnrolmentView.as_view(), name="enrolment_cancel"),
    path("selectionround/<int:pk>/step/<str:step>/", views.SelectionStepView.as_view(), name="selection_step"),
    path("selectionround/<int:pk>/certificates/", views.CertificatesView.as_view(), name="certificates"),
    *views.PilotViews.urls(),
    *views.MentorshipViews.urls(),
    *views.OutcomeViews.urls(),
    *views.EnterpriseResultViews.urls(),
    *views.BaseViews.urls(),
    *views.ClassViews.urls(),
    *views.EnrolmentViews.urls(),
    *views.SessionViews.urls(),
    *views.AttendanceViews.urls(),
    *views.AppraisalViews.urls(),
    *views.ProjectViews.urls(),
    *views.SelectionViews.urls(),
    *views.SubmissionViews.urls(),
    *views.ObjectionViews.urls(),
]
