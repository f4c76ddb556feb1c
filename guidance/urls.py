from django.urls import include, path

from guidance import views
from kit.scoring_views import scoring_urls

app_name = "guidance"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("topten/<int:pk>/", views.TopTenView.as_view(), name="topten"),
    path("expert/", include(scoring_urls(purpose="topten"))),
    *views.LecturerViews.urls(),
    *views.LectureViews.urls(),
    *views.MicroCourseViews.urls(),
    *views.SelectionViews.urls(),
    *views.NominationViews.urls(),
    *views.MediaReportViews.urls(),
    *views.UnionHonourViews.urls(),
]
