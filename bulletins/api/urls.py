"""/api/v1/bulletins/…: series, templates and issues (bulletins.entities)."""

from bulletins import entities
from kit.api.viewsets import entity_routes

urlpatterns = [*entity_routes(entities)]
