from django.urls import path

from core import entities
from core.views import PersonRecordsView, SecurityView
from kit.views.routes import entity_pages

app_name = "core"

urlpatterns = [
    path("person/<int:pk>/records/", PersonRecordsView.as_view(), name="person_records"),
    path("security/", SecurityView.as_view(), name="security"),
    *entity_pages(entities),
]
