"""A step taken from a record's page (enrol, approve, record hours …): run the service, tell the
user what it refused — in its own Chinese words, the rule named — or what it did."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest


def refusal(exc: Exception) -> str:
    messages_ = getattr(exc, "messages", None)
    if messages_:
        return "；".join(str(m) for m in messages_)
    return str(exc) or "您没有执行此操作的权限"


def attempt(request: HttpRequest, action: Callable[[], Any], success: str | Callable[[Any], str]) -> Any:
    """Run `action`; on a refusal (validation or permission) show it and return None, otherwise show
    `success` (or `success(result)`) and return the result."""
    try:
        result = action()
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, refusal(exc))
        return None
    messages.success(request, success(result) if callable(success) else success)
    return result
