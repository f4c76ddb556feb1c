"""Pages of the shell that are not an entity's: log-in and the home page (the entities' pages come
from `core.entities`)."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.password_validation import password_validators_help_texts
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import TemplateView
from django_otp import login as otp_login
from django_otp import match_token

from core import selectors, services
from kit import audit
from kit.audit.models import AuditEntry
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


# --- the second factor ------------------------------------------------------------------------------
def _next(request: HttpRequest) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or "/"
    return nxt if url_has_allowed_host_and_scheme(nxt, {request.get_host()}) else "/"


class OtpSetupView(LoginRequiredMixin, View):
    """绑定动态验证码: scan the QR code (or type the key) into an authenticator app, confirm with a
    first code; the ten recovery codes are shown once."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(request, error="")

    def page(self, request: HttpRequest, error: str) -> HttpResponse:
        device = services.otp_device(request.user)  # type: ignore[arg-type]
        secret = base64.b32encode(device.bin_key).decode().rstrip("=")
        qr = segno.make(device.config_url, error="m").svg_data_uri(scale=4)
        ctx = {"title": "绑定动态验证码", "secret": secret, "qr": qr, "error": error, "next": _next(request)}
        return render(request, "registration/otp_setup.html", ctx)

    def post(self, request: HttpRequest) -> HttpResponse:
        device = services.otp_device(request.user)  # type: ignore[arg-type]
        codes = services.otp_confirm(request.user, device, request.POST.get("token", ""))  # type: ignore[arg-type]
        if codes is None:
            return self.page(request, error="验证码不正确，请核对手机时间后重新输入")
        otp_login(request, device)
        ctx = {"title": "恢复码", "codes": codes, "next": _next(request)}
        return render(request, "registration/otp_codes.html", ctx)


class OtpVerifyView(LoginRequiredMixin, View):
    """输入动态验证码 (or one of the recovery codes) after the password."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "registration/otp_verify.html", {"title": "动态验证码", "next": _next(request)})

    def post(self, request: HttpRequest) -> HttpResponse:
        device = match_token(request.user, str(request.POST.get("token", "")).strip().replace(" ", ""))
        if device is None:
            audit.record(
                AuditEntry.Action.LOGIN_FAILED, actor=request.user, obj=request.user, message="动态验证码不正确"
            )
            ctx = {"title": "动态验证码", "next": _next(request), "error": "验证码不正确或已用过，请重新输入"}
            return render(request, "registration/otp_verify.html", ctx)
        otp_login(request, device)
        audit.record(AuditEntry.Action.LOGIN, actor=request.user, obj=request.user, message="双因素认证通过")
        return HttpResponseRedirect(_next(request))


class SessionsView(LoginRequiredMixin, View):
    """我的登录: where this account is signed in; any session but the current one can be ended."""

    def get(self, request: HttpRequest) -> HttpResponse:
        rows = services.sessions_of(request.user)  # type: ignore[arg-type]
        ctx = {
            "title": "我的登录",
            "breadcrumbs": [("我的登录", None)],
            "rows": rows,
            "current": request.session.session_key,
        }
        return render(request, "core/sessions.html", ctx)

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            pk = int(request.POST.get("session", ""))
        except ValueError:
            pk = 0
        if services.session_end(request.user, pk):  # type: ignore[arg-type]
            messages.success(request, "已结束该登录，对方需重新登录。")
        else:
            messages.error(request, "没有这个登录会话")
        return HttpResponseRedirect(reverse("sessions"))
