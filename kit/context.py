"""Who is acting, from where, in which request — for audit rows and log lines.

Set by middleware for web requests and by `acting_as()` for tasks and commands. Services still
take `actor` explicitly; this only carries what a service cannot know (IP, request id).
"""

from __future__ import annotations

import contextlib
import contextvars
import uuid
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip: str | None = None
    path: str = ""


_current: contextvars.ContextVar[RequestContext] = contextvars.ContextVar(
    "changai_request",
    default=RequestContext(),  # noqa: B039 — frozen dataclass, immutable
)


def current() -> RequestContext:
    return _current.get()


def new_request_id() -> str:
    return uuid.uuid4().hex[:16]


@contextlib.contextmanager
def bound(ctx: RequestContext) -> Iterator[RequestContext]:
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)
