"""/api/v1/merit/…: the entities (merit.entities) and the section's figures."""

from django.urls import path

from kit.api.figures import figures_view
from kit.api.viewsets import entity_routes
from merit import entities
from merit import figures as merit_figures

urlpatterns = [
    path("figures/", figures_view(merit_figures.section), name="merit-figures"),
    *entity_routes(entities),
]
