"""Writing audit entries. Services call `record()` inside their transaction; imports call
`record_many()` with one entry per row written, in one bulk insert."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from kit import context
from kit.models import AuditEntry


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
    AuditEntry.objects.bulk_create(list(entries), batch_size=batch_size)


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


# --- tamper evidence: a hash chain over the entries, sealed in id order --------------------------
SEAL_LAG_SECONDS = 5  # leave rows of transactions that may still commit with lower ids


def seal(batch: int = 5000) -> int:
    """Chain every unsealed entry (older than the lag) to its predecessor: hash = SHA-256 of the
    entry's content and the previous hash. Returns the number sealed. Run by a periodic task."""
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    cutoff = timezone.now() - timedelta(seconds=SEAL_LAG_SECONDS)
    sealed = 0
    with transaction.atomic():
        last = AuditEntry.objects.exclude(hash="").order_by("-id").values_list("id", "hash").first()
        last_id, prev = last if last else (0, "")
        pending = AuditEntry.objects.filter(id__gt=last_id, hash="", at__lt=cutoff).order_by("id")[:batch]
        for entry in pending:
            entry.prev_hash = prev
            entry.hash = entry.content_digest(prev)
            entry.save(update_fields=["prev_hash", "hash"], _sealing=True)
            prev = entry.hash
            sealed += 1
    return sealed


def verify() -> tuple[int, list[str]]:
    """Recompute the chain. Returns (entries checked, problems)."""
    problems: list[str] = []
    prev = ""
    checked = 0
    for entry in AuditEntry.objects.exclude(hash="").order_by("id").iterator(chunk_size=2000):
        checked += 1
        if entry.prev_hash != prev:
            problems.append(f"#{entry.pk}: 链接断开（前一条记录被删除或替换）")
        elif entry.content_digest(prev) != entry.hash:
            problems.append(f"#{entry.pk}: 内容与封存时不一致（被修改）")
        prev = entry.hash
    unsealed_before = (
        AuditEntry.objects.filter(hash="")
        .filter(id__lt=AuditEntry.objects.exclude(hash="").order_by("-id").values("id")[:1])
        .values_list("id", flat=True)[:10]
    )
    for pk in unsealed_before:
        problems.append(f"#{pk}: 未封存却夹在已封存的记录之间")
    return checked, problems


# --- for people: an entry's changes in the model's own words ------------------------------------
HIDDEN_IN_HISTORY = {"id", "created_at", "created_by", "deleted_at", "deleted_by", "path", "depth", "numchild"}


def _show(field: Any, value: Any) -> str:
    from django.utils.dateparse import parse_date, parse_datetime

    from kit.tables import format_value

    if value is None or value == "":
        return "（空）"
    if field is not None and getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and field.is_relation and field.many_to_one and field.related_model is not None:
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-":
        moment = parse_datetime(value) if "T" in value else None
        day = parse_date(value[:10]) if moment is None else None
        if moment is not None or day is not None:
            return format_value(moment or day)
    return str(value)


def humanize(model: type[models.Model] | None, changes: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(field label, before, after) with Chinese labels, choice labels, related objects by name and
    Chinese dates — what a history panel shows. Unknown fields keep their key."""
    out: list[tuple[str, str, str]] = []
    for key, pair in changes.items():
        if key in HIDDEN_IN_HISTORY or not isinstance(pair, list | tuple) or len(pair) != 2:
            continue
        field: Any = None
        if model is not None:
            try:
                field = model._meta.get_field(key)
            except Exception:  # noqa: BLE001 — a field that no longer exists
                field = None
        out.append((str(getattr(field, "verbose_name", key)), _show(field, pair[0]), _show(field, pair[1])))
    return out
