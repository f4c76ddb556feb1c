from django.urls import path

from kit.views.routes import entity_pages
from legal import entities, views

app_name = "legal"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("case/<int:pk>/to-arbitration/", views.ToArbitrationView.as_view(), name="case_to_arbitration"),
    path("referral/<int:pk>/packet/", views.ReferralPacketView.as_view(), name="referral_packet"),
    *entity_pages(entities),
]
