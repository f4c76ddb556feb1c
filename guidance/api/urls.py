"""/api/v1/guidance/…: the entities (guidance.entities) and the section's figures."""

from django.urls import path

from guidance import entities
from guidance import figures as guidance_figures
from kit.api.figures import figures_view
from kit.api.viewsets import entity_routes

urlpatterns = [
    path("figures/", figures_view(guidance_figures.section), name="guidance-figures"),
    *entity_routes(entities),
]
