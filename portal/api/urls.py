"""/api/v1/portal/…: the applications and self-registrations the unions answer (read-only; the
decisions are taken on their pages, the applications made by workers in the portal)."""

from kit.api.viewsets import entity_routes
from portal import entities

urlpatterns = [*entity_routes(entities)]
