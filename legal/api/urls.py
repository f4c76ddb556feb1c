"""/api/v1/legal/…: the entities (legal.entities) and the section's figures."""

from django.urls import path

from kit.api.figures import figures_view
from kit.api.viewsets import entity_routes
from legal import entities
from legal import figures as legal_figures

urlpatterns = [
    path("figures/", figures_view(legal_figures.section), name="legal-figures"),
    *entity_routes(entities),
]
