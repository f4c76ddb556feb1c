"""Workflows: a record's status changes only through named transitions.

A model declares its transitions; `transition(obj, name, actor=…, comment=…)` checks that the
transition starts from the current status, that the actor holds the transition's own permission
and that the row lies inside the data scope *of that permission* (viewing a row is not reviewing
it), runs its guard, writes the new status, and records who/when/comment in the audit log (action
"transition") — in one transaction. The status field is not editable in forms or
serializers; nothing else writes it.

    class ProgressReport(WorkflowMixin, BaseModel):
        status = status_field(Status.choices, default=Status.DRAFT)
        transitions = {
            "submit": Transition("提交", [DRAFT, RETURNED], SUBMITTED, perm="change"),
            "accept": Transition("通过", [SUBMITTED], ACCEPTED, perm="review"),
            "return": Transition("退回", [SUBMITTED], RETURNED, perm="review", comment_required=True),
        }
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from kit import audit, services
from kit.audit.models import AuditEntry
from kit.db import perm_name


@dataclass(frozen=True)
class Transition:
    label: str
    sources: Sequence[str]
    target: str
    perm: str = "change"  # an action of the model: "change" → app.change_model, "review" → app.review_model
    guard: Callable[[Any], str | None] | None = None  # returns an error message to refuse
    comment_required: bool = False
    style: str = "primary"  # button style on the detail page
    extra: dict[str, Any] = field(default_factory=dict)
    stamp: str | None = None  # a date field set to today when the transition is taken (e.g. "filed_on")
    button: bool = True  # False: taken through the module's own form (it needs more than a comment)


def status_field(choices: Any, default: str) -> models.CharField:
    return models.CharField("状态", max_length=20, choices=choices, default=default, editable=False, db_index=True)


class WorkflowMixin:
    transitions: ClassVar[dict[str, Transition]] = {}
    # statuses in which the record's fields may still be edited (None: always)
    editable_statuses: ClassVar[tuple[str, ...] | None] = None

    def available_transitions(self, user: Any) -> list[tuple[str, Transition]]:
        """The transitions `user` may take now: from the current status, with the transition's
        permission, on a row inside that permission's scope."""
        out = []
        for name, t in self.transitions.items():
            if self.status in t.sources and services.in_scope(user, self, perm_name(type(self), t.perm)):  # type: ignore[attr-defined,arg-type]
                out.append((name, t))
        return out

    def transition_buttons(self, user: Any) -> list[tuple[str, Transition]]:
        """The available transitions the generic detail page offers as buttons."""
        return [(name, t) for name, t in self.available_transitions(user) if t.button]


def transition(obj: Any, name: str, *, actor: Any, comment: str = "") -> Any:
    model = type(obj)
    t = model.transitions.get(name)
    if t is None:
        raise ValidationError(f"未知的操作：{name}")
    services.check_permission(actor, model, t.perm)
    comment = (comment or "").strip()
    if t.comment_required and not comment:
        raise ValidationError({"comment": f"“{t.label}”需要填写意见"})
    with transaction.atomic():
        fresh = model._base_manager.select_for_update().get(pk=obj.pk)
        services.ensure_in_scope(actor, fresh, t.perm)
        if fresh.status not in t.sources:
            raise ValidationError(
                f"当前状态为“{fresh.get_status_display()}”，不能{t.label}（可能已被他人处理，请刷新页面）"
            )
        if t.guard is not None:
            problem = t.guard(fresh)
            if problem:
                raise ValidationError(problem)
        before = fresh.status
        updates: dict[str, Any] = {"status": t.target}
        changes: dict[str, Any] = {"status": [before, t.target]}
        if t.stamp:
            updates[t.stamp] = timezone.localdate()
            old = getattr(fresh, t.stamp)
            changes[t.stamp] = [old.isoformat() if old else None, updates[t.stamp].isoformat()]
        if hasattr(fresh, "version"):
            updates["version"] = F("version") + 1
        model._base_manager.filter(pk=obj.pk).update(**updates)
        fresh.refresh_from_db()
        audit.record(
            AuditEntry.Action.TRANSITION,
            actor=actor,
            obj=fresh,
            changes=changes,
            message=t.label + (f"：{comment}" if comment else ""),
        )
    return fresh


def history(obj: Any) -> Any:
    """The transitions an object went through, oldest first."""
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk), action=AuditEntry.Action.TRANSITION
    ).order_by("id")
