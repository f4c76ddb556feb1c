"""/portal/…: the workers' own pages (mobile), and under /portal/admin/ the unions' side — the
applications and self-registrations they answer, the text-message outbox."""

from django.urls import include, path

from kit.views.routes import entity_pages
from portal import entities, views

app_name = "portal"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("bind/", views.BindView.as_view(), name="bind"),
    path("register/", views.RegisterView.as_view(), name="register"),
    path("join/", views.JoinView.as_view(), name="join"),
    path("card/", views.CardView.as_view(), name="card"),
    path("stations/", views.StationsView.as_view(), name="stations"),
    path("stations/<int:pk>/", views.StationView.as_view(), name="station"),
    path("legal/", views.LegalView.as_view(), name="legal"),
    path("legal/cases/", views.CasesView.as_view(), name="cases"),
    path("legal/cases/<int:pk>/", views.CaseView.as_view(), name="case"),
    path("signup/", views.OffersView.as_view(), name="offers"),
    path("signup/<str:kind>/<int:pk>/", views.SignupView.as_view(), name="signup"),
    path("signup/<str:kind>/<int:pk>/cancel/", views.CancelView.as_view(), name="cancel"),
    path("vote/", views.VoteView.as_view(), name="vote"),
    path("me/", views.MeView.as_view(), name="me"),
    path("me/data/", views.MyDataView.as_view(), name="my_data"),
    # the unions' side
    path("admin/", views.AdminOverviewView.as_view(), name="overview"),
    path("admin/<str:model>/<int:pk>/decide/", views.DecisionView.as_view(), name="decide"),
    path("admin/outbox/", views.OutboxView.as_view(), name="outbox"),
    path("admin/", include(entity_pages(entities))),
]
