"""The audit log (操作日志). Writing entries: services call `record()` inside their transaction;
imports call `record_many()`. `kit.audit.chain` seals and verifies the hash chain;
`kit.audit.history` shows an entry's changes in the model's own words.

Writing audit entries. Services call `record()` inside their transaction; imports call
`record_many()` with one entry per row written, in one bulk insert."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from kit import context
from kit.audit.models import AuditEntry
from kit.db import bulk_insert


def _actor_fields(actor: Any) -> dict[str, Any]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor": None, "actor_name": "", "actor_org_path": ""}
    org = getattr(actor, "org", None)
    return {
        "actor": actor,
        "actor_name": (getattr(actor, "display_name", "") or actor.get_username())[:150],
        "actor_org_path": getattr(org, "path", "") or "",
    }


def label_of(model: type[models.Model] | models.Model) -> str:
    return model._meta.label_lower


def build(
    action: str,
    *,
    actor: Any,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: Any = "",
    object_repr: str = "",
    changes: dict[str, Any] | None = None,
    message: str = "",
) -> AuditEntry:
    ctx = context.current()
    if obj is not None:
        object_type = object_type or label_of(obj)
        object_id = object_id or obj.pk
        object_repr = object_repr or str(obj)
    return AuditEntry(
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        object_repr=object_repr[:255],
        changes=changes or {},
        message=message[:500],
        ip=ctx.ip,
        request_id=ctx.request_id,
        **_actor_fields(actor),
    )


def record(action: str, **kwargs: Any) -> AuditEntry:
    entry = build(action, **kwargs)
    entry.save()
    return entry


def record_many(entries: Iterable[AuditEntry], batch_size: int = 1000) -> None:
    rows = list(entries)
    for row in rows:  # bulk_create does not call save(): each row gets its MAC here
        if not row.mac:
            row.mac = row.content_mac()
    for i in range(0, len(rows), batch_size):
        bulk_insert(AuditEntry, rows[i : i + batch_size])


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, list[Any]]:
    """{"field": [before, after]} for changed fields; a create has before None, a delete after None."""
    before = before or {}
    after = after or {}
    out: dict[str, list[Any]] = {}
    for key in sorted(set(before) | set(after)):
        b, a = before.get(key), after.get(key)
        if b != a:
            out[key] = [b, a]
    return out
