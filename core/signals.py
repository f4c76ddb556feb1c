"""Log-ins, log-outs and failed log-ins go to the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from kit import audit
from kit.models import AuditEntry


@receiver(user_logged_in)
def on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit.record(AuditEntry.Action.LOGIN, actor=user, obj=user)
    if request is not None and hasattr(request, "session"):
        from core import services
        from kit.middleware import client_ip

        services.session_started(
            user,
            session_key=request.session.session_key,
            ip=client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
        )


@receiver(user_logged_out)
def on_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.record(AuditEntry.Action.LOGOUT, actor=user, obj=user)


@receiver(user_login_failed)
def on_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = str(credentials.get("username", ""))[:100]
    audit.record(
        AuditEntry.Action.LOGIN_FAILED,
        actor=None,
        object_type="core.user",
        object_repr=username,
        message="用户名或密码错误",
    )
