from django.urls import path

from kit.views.routes import entity_pages
from rights import entities, views

app_name = "rights"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("unitenrolment/<int:pk>/members/", views.EnrolmentMembersView.as_view(), name="enrolment_members"),
    path("claim/<int:pk>/approve/", views.ClaimApproveView.as_view(), name="claim_approve"),
    path("volunteeractivity/<int:pk>/signups/", views.ActivitySignupView.as_view(), name="activity_signups"),
    path("volunteeractivity/<int:pk>/hours/", views.HoursRecordView.as_view(), name="hours_record"),
    path("hourscorrection/<int:pk>/apply/", views.CorrectionApplyView.as_view(), name="correction_apply"),
    path("volunteer/<int:pk>/certificate/", views.CertificateIssueView.as_view(), name="certificate_issue"),
    path("hourscertificate/<int:pk>/pdf/", views.CertificatePdfView.as_view(), name="certificate_pdf"),
    *entity_pages(entities),
]
