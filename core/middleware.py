"""Session and password rules applied to every request of a signed-in user:
- `SessionTimeoutMiddleware`: a session ends after `SESSION_IDLE_SECONDS` without a request (30
  minutes) and `SESSION_COOKIE_AGE` after the log-in whatever the activity (8 hours);
- `PasswordPolicyMiddleware`: an account whose password an administrator set, or whose password is
  older than `PASSWORD_MAX_DAYS`, can open nothing but 修改密码 (and 退出) until it is changed.
Workers who sign in with a one-time code have no password and are not concerned."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

EXEMPT_PREFIXES = ("/static/", "/healthz", "/api/", "/logout/", "/password/", "/portal/logout/")


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            session = request.session
            started = session.setdefault("_started", now)
            seen = session.get("_seen", now)
            idle = int(getattr(settings, "SESSION_IDLE_SECONDS", 1800))
            if now - seen > idle or now - started > int(settings.SESSION_COOKIE_AGE):
                portal = request.path.startswith("/portal/")
                logout(request)
                messages.info(request, "长时间未操作，已自动退出，请重新登录。")
                login = reverse("portal:login" if portal else "login")
                return HttpResponseRedirect(f"{login}?next={request.get_full_path()}")
            if now - seen >= 60:  # written at most once a minute
                session["_seen"] = now
            session.setdefault("_seen", now)
        return self.get_response(request)


class PasswordPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.has_usable_password()
            and not request.path.startswith(EXEMPT_PREFIXES)
            and _must_change(user)
        ):
            return HttpResponseRedirect(reverse("password_change"))
        return self.get_response(request)


def _must_change(user: object) -> bool:
    if getattr(user, "must_change_password", False):
        return True
    days = int(getattr(settings, "PASSWORD_MAX_DAYS", 0) or 0)
    changed = getattr(user, "password_changed_at", None)
    return bool(days and changed and changed < timezone.now() - timedelta(days=days))


OTP_EXEMPT = ("/static/", "/healthz", "/otp/", "/logout/", "/password/", "/portal/", "/api/")


def needs_second_factor(user: object) -> bool:
    """Superusers and holders of a role that requires it (Role.require_otp)."""
    if getattr(user, "is_superuser", False):
        return True
    roles = getattr(user, "roles", None)
    return bool(roles is not None and roles.filter(is_active=True, require_otp=True).exists())


class SecondFactorMiddleware:
    """An account that needs a second factor reaches nothing but the TOTP pages until it gives a
    code in this session (django-otp's `is_verified`) — setting its authenticator up first if it
    has none."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            getattr(settings, "OTP_REQUIRED", False)
            and user is not None
            and user.is_authenticated
            and user.has_usable_password()
            and not request.path.startswith(OTP_EXEMPT)
            and not user.is_verified()  # type: ignore[attr-defined]
            and needs_second_factor(user)
        ):
            from django_otp.plugins.otp_totp.models import TOTPDevice

            has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
            target = reverse("otp_verify" if has_device else "otp_setup")
            return HttpResponseRedirect(f"{target}?next={request.get_full_path()}")
        return self.get_response(request)
