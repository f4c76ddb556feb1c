from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from kit import menu


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "menu": menu.for_user(user, request.path) if user is not None and user.is_authenticated else [],
        "site_name": "产改通",
        "site_full_name": "产业工人队伍建设改革工作平台",
        "debug": settings.DEBUG,
    }
