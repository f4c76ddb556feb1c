from django.urls import include, path

from kit.scoring_views import scoring_urls
from merit import views

app_name = "merit"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("judging/", include(scoring_urls(purpose="competition"))),
    path("event/<int:pk>/do/<str:action>/", views.EventActionView.as_view(), name="event_action"),
    *views.CompetitionViews.urls(),
    *views.EventViews.urls(),
    *views.RegistrationViews.urls(),
    *views.AwardViews.urls(),
    *views.StudioViews.urls(),
    *views.StudioLevelViews.urls(),
    *views.StudioReviewViews.urls(),
    *views.WorkGroupViews.urls(),
    *views.GroupProjectViews.urls(),
]
