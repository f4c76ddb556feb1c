"""Text messages (短信) through a configurable backend — `settings.CHANGAI_SMS_BACKEND`, a dotted
path to a class with `send(phone, body) -> None` (raising `SmsError` on failure).

The local default, `OutboxBackend`, sends nothing: it writes the message to the log and to the
outbox table (`portal.TextMessage`), where staff holding `portal.view_textmessage` read it on the
短信发送记录 page — enough to run the portal on a machine without an SMS contract. A production
install names its provider's adapter (Aliyun, Tencent Cloud …) here; every message, whichever the
backend, is recorded in the outbox with its outcome, the number encrypted."""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from portal.models import TextMessage

log = logging.getLogger("changai.sms")


class SmsError(Exception):
    pass


class Backend(Protocol):
    def send(self, phone: str, body: str) -> None: ...


class OutboxBackend:
    """Local default: the log and the outbox table only."""

    def send(self, phone: str, body: str) -> None:
        log.info("短信（本地发件箱，未实际发送）尾号%s：%s", phone[-4:], body)


class FailingBackend:
    """For tests and drills: every message fails, as a provider outage would."""

    def send(self, phone: str, body: str) -> None:
        raise SmsError("短信服务暂不可用")


def backend() -> Backend:
    path = getattr(settings, "CHANGAI_SMS_BACKEND", "portal.sms.OutboxBackend")
    return import_string(path)()  # type: ignore[no-any-return]


def send(phone: str, body: str) -> TextMessage:
    """Send through the configured backend and record the message and its outcome."""
    sender = backend()
    row = TextMessage(
        phone=phone, phone_tail=phone[-4:], body=body, backend=type(sender).__name__, sent_at=timezone.now()
    )
    try:
        sender.send(phone, body)
    except SmsError as exc:
        row.ok, row.error = False, str(exc)[:200]
    row.save()
    return row
