from django.urls import include, path

from guidance import entities, views
from kit.scoring.views import scoring_urls
from kit.views.routes import entity_pages

app_name = "guidance"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("topten/<int:pk>/", views.TopTenView.as_view(), name="topten"),
    path("expert/", include(scoring_urls(purpose="topten"))),
    *entity_pages(entities),
]
