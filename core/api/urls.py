"""/api/v1/…: the core entities (declared in core.entities)."""

from core import entities
from kit.api.viewsets import entity_routes

urlpatterns = entity_routes(entities)
