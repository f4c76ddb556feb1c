"""Pages of the shell that are not an entity's: log-in and the home page (the entities' pages come
from `core.entities`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.password_validation import password_validators_help_texts
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.generic import TemplateView

from core import selectors, services
from kit.middleware import client_ip


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        ctx["failure_limit"] = settings.AXES_FAILURE_LIMIT
        return ctx

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # one address trying password after password across accounts (spraying): throttled
        if selectors.address_throttled(client_ip(request)):
            return render(request, "registration/locked_out.html", {"address": True}, status=429)
        return super().post(request, *args, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    """修改密码 — also where the policy sends an account that must change its password."""

    template_name = "registration/password_change.html"
    success_url = "/"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        user: Any = self.request.user
        ctx["title"] = "修改密码"
        ctx["forced"] = user.must_change_password
        ctx["help"] = password_validators_help_texts()
        return ctx

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.password_changed_by_owner(self.request.user)  # type: ignore[arg-type]
        messages.success(self.request, "密码已修改。")
        return response


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "core/home.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # a worker's home is the portal (职工服务), not the back office
        if selectors.is_worker_only(request.user):
            return HttpResponseRedirect(reverse("portal:home"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = "工作台"
        ctx["breadcrumbs"] = [("工作台", None)]
        ctx["stats"] = selectors.home_stats(self.request.user)
        from kit import menu

        # what this user can open, by programme: the home page is a map, not only counts
        ctx["shortcuts"] = [g for g in menu.for_user(self.request.user) if g["key"] not in ("home", "system")]
        return ctx
