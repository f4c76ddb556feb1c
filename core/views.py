"""Pages of the shell that are not an entity's: log-in and the home page (the entities' pages come
from `core.entities`)."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import quote

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.password_validation import password_validators_help_texts
from django.core.exceptions import PermissionDenied
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
        from kit import menu, todos

        ctx["todos"] = todos.for_user(self.request.user)

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


class PersonRecordsView(LoginRequiredMixin, View):
    """个人信息查询: everything held about a worker (PIPL), for a user holding `view_pii_person` in
    whose scope he is — as a page, or as a JSON file (`?format=json`) to hand to him. Audited."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        from core.entities import PersonEntity
        from kit.views.crud import get_object

        if not PersonEntity.reveal_allowed(request.user):
            raise PermissionDenied("您没有查看完整个人信息的权限")
        person = get_object(PersonEntity, request.user, pk)
        return records_response(request, person, title=f"{person.name}的个人信息")


def records_response(request: HttpRequest, person: Any, *, title: str, as_file: bool = False) -> HttpResponse:
    """The page or the JSON file of `selectors.records_about`, audited as a view of personal data."""
    sections = selectors.records_about(person, request.user)
    as_file = as_file or request.GET.get("format") == "json"
    message = "个人信息查询" + ("（导出）" if as_file else "")
    audit.record(AuditEntry.Action.VIEW_PII, actor=request.user, obj=person, message=message)
    if as_file:
        body = json.dumps({"person": person.name, "sections": sections}, ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(title)}.json"
        return response
    ctx = {"title": title, "breadcrumbs": [(title, None)], "person": person, "sections": sections}
    return render(request, "core/records.html", ctx)


# --- 安全管理 (the security administrator's page) -------------------------------------------------
class SecurityView(LoginRequiredMixin, View):
    """安全管理: the accounts locked out now (解锁), and an account's second factor reset when its
    phone is lost (重置动态验证码) — for the security administrator (core.secure_user), audited."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated and not request.user.has_perm("core.secure_user"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        from axes.models import AccessAttempt
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from core.models import User

        attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).order_by(
            "-attempt_time"
        )[:100]
        by_name = {u.username: u for u in User.objects.filter(username__in=[a.username for a in attempts])}
        q = request.GET.get("q", "").strip()[:50]
        found = []
        if q:
            from django.db.models import Q

            users = User.objects.filter(Q(username__startswith=q) | Q(name__contains=q)).select_related("org")[:20]
            with_otp = set(TOTPDevice.objects.filter(user__in=users, confirmed=True).values_list("user_id", flat=True))
            found = [{"user": u, "otp": u.pk in with_otp} for u in users]
        return render(
            request,
            "core/security.html",
            {
                "title": "安全管理",
                "breadcrumbs": [("系统管理", None), ("安全管理", None)],
                "locked": [{"attempt": a, "user": by_name.get(a.username)} for a in attempts],
                "q": q,
                "found": found,
            },
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        from django.core.exceptions import ValidationError

        from core.models import User

        user = User.objects.filter(pk=request.POST.get("user") or 0).first()
        action = request.POST.get("action")
        if user is None or action not in ("unlock", "reset_otp"):
            messages.error(request, "没有这个账号或操作")
        else:
            try:
                if action == "unlock":
                    services.account_unlock(actor=request.user, user=user)
                    messages.success(request, f"已解锁账号 {user.username}")
                else:
                    services.account_reset_otp(actor=request.user, user=user)
                    messages.success(request, f"已重置 {user.username} 的动态验证码，其下次登录时须重新绑定")
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
        back = reverse("core:security")
        return HttpResponseRedirect(f"{back}?q={quote(request.POST.get('q', ''))}" if request.POST.get("q") else back)
