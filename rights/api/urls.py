"""/api/v1/rights/…: the entities (rights.entities) and the section's figures."""

from django.urls import path

from kit.api.figures import figures_view
from kit.api.viewsets import entity_routes
from rights import entities
from rights import figures as rights_figures

urlpatterns = [
    path("figures/", figures_view(rights_figures.section), name="rights-figures"),
    *entity_routes(entities),
]
