"""/api/v1/skills/…: the entities (skills.entities) and the section's figures."""

from django.urls import path

from kit.api.figures import figures_view
from kit.api.viewsets import entity_routes
from skills import entities
from skills import figures as skills_figures

urlpatterns = [
    path("figures/", figures_view(skills_figures.section), name="skills-figures"),
    *entity_routes(entities),
]
