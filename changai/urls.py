from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.authtoken.views import obtain_auth_token

from core.views import HomeView, LoginView, OtpSetupView, OtpVerifyView, PasswordChangeView, SessionsView
from kit.health import healthz

handler400 = "kit.views.pages.bad_request"
handler403 = "kit.views.pages.permission_denied"
handler404 = "kit.views.pages.page_not_found"
handler500 = "kit.views.pages.server_error"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", PasswordChangeView.as_view(), name="password_change"),
    path("otp/setup/", OtpSetupView.as_view(), name="otp_setup"),
    path("sessions/", SessionsView.as_view(), name="sessions"),
    path("otp/verify/", OtpVerifyView.as_view(), name="otp_verify"),
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
    # the split view serves its start-up script as a file: the page needs no inline script (CSP)
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]

from kit.scoring import entities as scoring_entities  # noqa: E402
from kit.scoring.views import scoring_urls  # noqa: E402
from kit.views.routes import entity_pages  # noqa: E402

urlpatterns += [
    path("", include("kit.urls")),
    path("scoring/admin/", include((entity_pages(scoring_entities), "kit_scoring"))),
    path("scoring/", include((scoring_urls(), "scoring"))),
]
