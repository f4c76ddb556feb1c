"""/api/v1/rights/…: the entities (rights.entities), the section's figures and the nearest stations."""

from django.urls import path

from kit.api.figures import figures_view
from kit.api.viewsets import entity_routes
from rights import entities
from rights import figures as rights_figures
from rights.api.views import NearestStationsView

urlpatterns = [
    path("figures/", figures_view(rights_figures.section), name="rights-figures"),
    # before the entity routes, where "nearest" would be read as a station's id
    path("stations/nearest/", NearestStationsView.as_view(), name="rights-stations-nearest"),
    *entity_routes(entities),
]
