from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token

from core.views import HomeView, LoginView
from kit.health import healthz

handler400 = "kit.views.bad_request"
handler403 = "kit.views.permission_denied"
handler404 = "kit.views.page_not_found"
handler500 = "kit.views.server_error"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", healthz, name="healthz"),
    path("system/", include("core.urls")),
    path("reform/", include("reform.urls")),
    path("guidance/", include("guidance.urls")),
    path("skills/", include("skills.urls")),
    path("merit/", include("merit.urls")),
    path("rights/", include("rights.urls")),
    path("legal/", include("legal.urls")),
    path("indicators/", include("indicators.urls")),
    path("bulletins/", include("bulletins.urls")),
    path("portal/", include("portal.urls")),
    path("api/v1/auth/token/", obtain_auth_token, name="api-token"),
    path("api/v1/", include("changai.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]

from kit.crud import JobDownloadView, JobView  # noqa: E402
from kit.scoring_views import scoring_admin_urls, scoring_urls  # noqa: E402

urlpatterns += [
    path("scoring/admin/", include((scoring_admin_urls(), "kit_scoring"))),
    path("scoring/", include((scoring_urls(), "scoring"))),
    path("jobs/<int:pk>/", JobView.as_view(), name="job_detail"),
    path("jobs/<int:pk>/download/", JobDownloadView.as_view(), name="job_download"),
]
