from django.urls import include, path

from kit.scoring.views import scoring_urls
from kit.views.routes import entity_pages
from rights import entities, services, views

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
    path("evaluation/", views.RoundsView.as_view(kind="evaluation"), name="evaluation"),
    path("evaluation/rounds/", include((scoring_urls(purpose=services.EVALUATION), "evaluation"))),
    path("station-review/", views.RoundsView.as_view(kind="station_review"), name="station_review"),
    path("station-review/rounds/", include((scoring_urls(purpose=services.STATION_REVIEW), "station_review"))),
    path("station-map/", views.StationMapView.as_view(), name="station_map"),
    path("station-map/points/", views.StationPointsView.as_view(), name="station_points"),
    *entity_pages(entities),
]
