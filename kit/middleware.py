from __future__ import annotations

import logging
import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from ipware import get_client_ip

from kit import context

_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def client_ip(request: HttpRequest) -> str | None:
    from django.conf import settings

    proxy_count = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or None
    ip, _routable = get_client_ip(request, proxy_count=proxy_count)
    return str(ip) if ip else request.META.get("REMOTE_ADDR")


class RequestIdMiddleware:
    """Gives every request an id (or keeps a sane incoming X-Request-ID), puts it in the log
    lines, the audit rows and the response header, and on the 500 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else context.new_request_id()
        request.request_id = request_id  # type: ignore[attr-defined]
        ctx = context.RequestContext(request_id=request_id, ip=client_ip(request), path=request.path)
        with context.bound(ctx):
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = context.current().request_id or "-"
        return True


class NoStoreMiddleware:
    """`Cache-Control: no-store, private` on every answer the application itself makes (pages, API,
    exports, files): they may carry personal data — a revealed ID number, an export with full
    phones — and must not stay in a browser's or a proxy's cache. Static files are served before
    this (WhiteNoise, long-lived and public); a view that sets its own Cache-Control keeps it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store, private"
        return response
