"""Sign-ups with capacity (报名与候补): enrolment into anything with a quota — training classes,
competition events, volunteer activities, lectures.

The capacity is enforced inside one transaction that first locks the parent row (the class, the
event …): `SELECT … FOR UPDATE` on PostgreSQL; on SQLite the IMMEDIATE transaction mode already takes
the write lock at BEGIN. So concurrent sign-ups are serialised per parent and can never over-book;
whoever finds the quota full goes to the waiting list, in order. When a place frees up, the first
on the waiting list is promoted in the same transaction.

A model using it declares (see skills.Enrolment):
    parent_field = "training_class"      # FK to the thing with a quota
    capacity_attr = "capacity"           # the parent's field holding the quota (None = unlimited)
    status: CharField with Status.ENROLLED / WAITING / CANCELLED (+ anything else, e.g. COMPLETED)
and a unique constraint on (parent, person) so the same person never signs up twice."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from kit import audit
from kit.models import AuditEntry

ENROLLED, WAITING, CANCELLED = "enrolled", "waiting", "cancelled"
HOLDS_A_PLACE = ("enrolled", "completed")


def _lock_parent(model: type[models.Model], parent: models.Model) -> models.Model:
    parent_model = type(parent)
    return parent_model._base_manager.select_for_update().get(pk=parent.pk)


def sign_up(model: type[models.Model], *, parent: models.Model, person: Any, actor: Any, **fields: Any) -> Any:
    """Enrol `person` if a place is free, else put him on the waiting list. A second sign-up of the
    same person is refused with a clear message."""
    parent_field = model.parent_field  # type: ignore[attr-defined]
    with transaction.atomic():
        locked = _lock_parent(model, parent)
        existing: Any = model._default_manager.filter(**{parent_field: locked, "person": person}).first()
        if existing is not None and existing.status != CANCELLED:
            raise ValidationError(f"{person} 已经报名（{existing.get_status_display()}），不能重复报名")
        capacity = getattr(locked, model.capacity_attr)  # type: ignore[attr-defined]
        taken = model._default_manager.filter(**{parent_field: locked, "status__in": HOLDS_A_PLACE}).count()
        status = ENROLLED if capacity is None or taken < capacity else WAITING
        now = timezone.now()
        if existing is not None:  # a cancelled sign-up comes back at the end of the queue
            existing.status, existing.signed_up_at = status, now
            for key, value in fields.items():
                setattr(existing, key, value)
            existing.save()
            row = existing
        else:
            row = model._default_manager.create(
                **{
                    parent_field: locked,
                    "person": person,
                    "status": status,
                    "signed_up_at": now,
                    "created_by": actor,
                    **fields,
                }
            )
        audit.record(
            AuditEntry.Action.CREATE,
            actor=actor,
            obj=row,
            message="报名成功" if status == ENROLLED else "名额已满，进入候补",
        )
    return row


def cancel(row: Any, *, actor: Any, reason: str = "") -> Any | None:
    """Cancel a sign-up; if it held a place, promote the first on the waiting list. Returns the
    promoted row, if any."""
    model = type(row)
    parent_field = model.parent_field
    with transaction.atomic():
        locked = _lock_parent(model, getattr(row, parent_field))
        fresh = model._base_manager.get(pk=row.pk)
        if fresh.status == CANCELLED:
            raise ValidationError("该报名已取消")
        held = fresh.status in HOLDS_A_PLACE
        model._base_manager.filter(pk=row.pk).update(status=CANCELLED)
        audit.record(
            AuditEntry.Action.UPDATE,
            actor=actor,
            obj=fresh,
            changes={"status": [fresh.status, CANCELLED]},
            message="取消报名" + (f"：{reason}" if reason else ""),
        )
        if not held:
            return None
        nxt = (
            model._default_manager.filter(**{parent_field: locked, "status": WAITING})
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
