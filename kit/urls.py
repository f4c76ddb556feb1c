"""Routes the kit owns (namespace "kit"): a job's progress and result, the recycle bin, the charts' JSON."""

from django.urls import path

from kit.views.indicators import BreakdownView, SeriesView
from kit.views.jobs import JobDownloadView, JobListView, JobResubmitView, JobView
from kit.views.pick import AccountPickView, PickView
from kit.views.recycle import RecycleBinView

app_name = "kit"

urlpatterns = [
    path("jobs/", JobListView.as_view(), name="job_list"),
    path("pick/accounts/", AccountPickView.as_view(), name="pick_accounts"),
    path("pick/<str:model>/<str:field>/", PickView.as_view(), name="pick"),
    path("jobs/<int:pk>/", JobView.as_view(), name="job_detail"),
    path("jobs/<int:pk>/download/", JobDownloadView.as_view(), name="job_download"),
    path("jobs/<int:pk>/resubmit/", JobResubmitView.as_view(), name="job_resubmit"),
    path("system/recycle-bin/", RecycleBinView.as_view(), name="recycle_bin"),
    path("charts/<str:code>/series.json", SeriesView.as_view(), name="indicator_series"),
    path("charts/<str:code>/breakdown.json", BreakdownView.as_view(), name="indicator_breakdown"),
]
