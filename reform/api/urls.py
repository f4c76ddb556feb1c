"""/api/v1/reform/…: the entities (reform.entities) and the section's figures."""

from django.urls import path

from kit.api.figures import figures_view
from kit.api.viewsets import entity_routes
from reform import entities
from reform import figures as reform_figures

urlpatterns = [
    path("figures/", figures_view(reform_figures.section), name="reform-figures"),
    *entity_routes(entities),
]
