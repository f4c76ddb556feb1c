"""/api/v1/: every app's API router, gathered here (wiring only)."""

from django.urls import include, path

urlpatterns = [
    path("", include("core.api.urls")),
    path("reform/", include("reform.api.urls")),
    path("guidance/", include("guidance.api.urls")),
    path("merit/", include("merit.api.urls")),
    path("skills/", include("skills.api.urls")),
    path("rights/", include("rights.api.urls")),
    path("legal/", include("legal.api.urls")),
    path("indicators/", include("indicators.api.urls")),
    path("bulletins/", include("bulletins.api.urls")),
    path("portal/", include("portal.api.urls")),
]
