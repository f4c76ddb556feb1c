"""Sign-ups with capacity (报名与候补): enrolment into anything with a quota — training classes,
competition events, volunteer activities, lectures.

Both writes are services (the gate of `kit.services`): the actor needs `add` on the sign-up model
to sign up and `delete` to cancel — by the worker himself in the portal, or by his union for him —
and the row, placed by the model's ScopeSpec (usually the person's org), must lie inside the scope
of that permission; the parent (the class, the event …) must be visible to him. The row is
validated (`full_clean`) before it is written, and each write is audited.

The capacity is enforced inside one transaction that first locks the parent row: `SELECT … FOR
UPDATE` on PostgreSQL; on SQLite the IMMEDIATE transaction mode already takes the write lock at
BEGIN. So concurrent sign-ups are serialised per parent and can never over-book; whoever finds the
quota full goes to the waiting list, in order. When a place frees up — by a cancellation or by the
row being deleted — the first on the waiting list is promoted in the same transaction.

A model using it declares (see skills.Enrolment):
    parent_field = "training_class"      # FK to the thing with a quota
    capacity_attr = "capacity"           # the parent's field holding the quota (None = unlimited)
    status: CharField with choices including the three below
    places_held_by = (Status.ENROLLED, Status.COMPLETED)   # statuses taking a place (default: enrolled)
and a unique constraint on (parent, person) so the same person never signs up twice."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from kit import audit, services
from kit.audit.models import AuditEntry

ENROLLED, WAITING, CANCELLED = "enrolled", "waiting", "cancelled"


def places_held_by(model: type[models.Model]) -> tuple[str, ...]:
    return tuple(getattr(model, "places_held_by", (ENROLLED,)))


def _lock_parent(parent: models.Model) -> models.Model:
    return type(parent)._base_manager.select_for_update().get(pk=parent.pk)


def open_to(parent: models.Model, person: Any) -> bool:
    """Is `parent` open to `person`'s sign-up whoever signs him up — a district class to every
    worker below the district? A parent model says so with a classmethod `open_to(person)`
    returning the parents open to him."""
    opener = getattr(type(parent), "open_to", None)
    return bool(opener and person is not None and opener(person).filter(pk=parent.pk).exists())


def _check_parent_visible(actor: Any, parent: models.Model, person: Any = None) -> None:
    """The parent must be visible to the actor, or open to the person signed up (the worker in the
    portal, or his union signing him up for a class run above it)."""
    manager = type(parent)._default_manager
    if not hasattr(manager, "visible_to") or manager.visible_to(actor, "view").filter(pk=parent.pk).exists():
        return
    if not open_to(parent, person):
        raise services.OutOfScope(f"找不到{parent._meta.verbose_name}，或它不对该职工开放报名")


def sign_up(model: type[models.Model], *, parent: models.Model, person: Any, actor: Any, **fields: Any) -> Any:
    """Enrol `person` if a place is free, else put him on the waiting list. A second sign-up of the
    same person is refused with a clear message; a cancelled one comes back at the end of the queue."""
    parent_field = model.parent_field  # type: ignore[attr-defined]
    services.check_permission(actor, model, "add")
    with transaction.atomic():
        _check_parent_visible(actor, parent, person)
        locked = _lock_parent(parent)
        existing: Any = model._default_manager.filter(**{parent_field: locked, "person": person}).first()
        if existing is not None and existing.status != CANCELLED:
            raise ValidationError(f"{person} 已经报名（{existing.get_status_display()}），不能重复报名")
        capacity = getattr(locked, model.capacity_attr)  # type: ignore[attr-defined]
        taken = model._default_manager.filter(**{parent_field: locked, "status__in": places_held_by(model)}).count()
        status = ENROLLED if capacity is None or taken < capacity else WAITING
        now = timezone.now()
        row: Any = existing if existing is not None else model(**{parent_field: locked, "person": person})
        before = services.snapshot(existing) if existing is not None else None
        row.status, row.signed_up_at = status, now
        for key, value in fields.items():
            setattr(row, key, value)
        row.full_clean()
        if existing is None:
            row.created_by = actor
        row.updated_by = actor
        row.save()
        services.ensure_in_scope(actor, row, "add")
        audit.record(
            AuditEntry.Action.CREATE if existing is None else AuditEntry.Action.UPDATE,
            actor=actor,
            obj=row,
            changes=audit.diff(before, services.snapshot(row)),
            message="报名成功" if status == ENROLLED else "名额已满，进入候补",
        )
    return row


def cancel(row: Any, *, actor: Any, reason: str = "") -> Any | None:
    """Cancel a sign-up; if it held a place, promote the first on the waiting list. Returns the
    promoted row, if any."""
    model = type(row)
    services.check_permission(actor, model, "delete")
    with transaction.atomic():
        services.ensure_in_scope(actor, row, "delete")
        locked = _lock_parent(getattr(row, model.parent_field))
        fresh = model._base_manager.get(pk=row.pk)
        if fresh.status == CANCELLED:
            raise ValidationError("该报名已取消")
        held = fresh.status in places_held_by(model)
        model._base_manager.filter(pk=row.pk).update(status=CANCELLED, updated_by=actor, updated_at=timezone.now())
        audit.record(
            AuditEntry.Action.UPDATE,
            actor=actor,
            obj=fresh,
            changes={"status": [fresh.status, CANCELLED]},
            message="取消报名" + (f"：{reason}" if reason else ""),
        )
        return _promote(model, locked, actor) if held else None


def remove(row: Any, *, actor: Any) -> Any | None:
    """Delete a sign-up (the 删除 of the list page and the API): the row goes, and if it held a
    place the first on the waiting list is promoted — exactly as a cancellation would."""
    model = type(row)
    with transaction.atomic():
        services.check_permission(actor, model, "delete")
        services.ensure_in_scope(actor, row, "delete")
        locked = _lock_parent(getattr(row, model.parent_field))
        held = model._base_manager.filter(pk=row.pk, status__in=places_held_by(model)).exists()
        services.delete_object(row, actor=actor)
        return _promote(model, locked, actor) if held else None


def _promote(model: type[models.Model], parent: models.Model, actor: Any) -> Any | None:
    nxt: Any = (
        model._default_manager.filter(**{model.parent_field: parent, "status": WAITING})  # type: ignore[attr-defined]
        .order_by("signed_up_at", "id")
        .first()
    )
    if nxt is None:
        return None
    model._base_manager.filter(pk=nxt.pk).update(status=ENROLLED)
    nxt.status = ENROLLED
    audit.record(
        AuditEntry.Action.UPDATE,
        actor=actor,
        obj=nxt,
        changes={"status": [WAITING, ENROLLED]},
        message="有名额空出，候补转为正式报名",
    )
    return nxt


def counts(model: type[models.Model], parent: models.Model) -> dict[str, int]:
    rows = model._default_manager.filter(**{model.parent_field: parent}).values_list("status", flat=True)  # type: ignore[attr-defined]
    out: dict[str, int] = {}
    for status in rows:
        out[status] = out.get(status, 0) + 1
    return out
