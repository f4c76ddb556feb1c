"""/healthz: the database and the task queue (a real round trip through the worker).

Answers 200 with JSON when both work, 503 when either does not. No log-in needed; it reveals
nothing but the two statuses and their timings.
"""

from __future__ import annotations

import logging
import time
import uuid
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

log = logging.getLogger(__name__)


def check_database() -> dict[str, Any]:
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 — any failure means "down"
        log.warning("health: database check failed: %s", exc)
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}


def check_queue(timeout: float | None = None) -> dict[str, Any]:
    from kit.tasks import ping

    timeout = timeout if timeout is not None else getattr(settings, "HEALTH_QUEUE_TIMEOUT", 5.0)
    started = time.monotonic()
    token = uuid.uuid4().hex
    try:
        result = ping(token)
        value = result.get(blocking=True, timeout=timeout) if result is not None else None
    except Exception as exc:  # noqa: BLE001 — unreachable storage, timeout (no worker), …
        log.warning("health: queue check failed: %s", exc)
        return {"ok": False, "error": type(exc).__name__}
    if value != token:
        return {"ok": False, "error": "WrongResult"}
    return {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": check_database(), "queue": check_queue()}
    ok = all(c["ok"] for c in checks.values())
    return JsonResponse({"status": "ok" if ok else "fail", "checks": checks}, status=200 if ok else 503)
