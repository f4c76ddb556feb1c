"""Generic writes: validate, lock, save, re-check the data scope, audit — in one transaction.

Domain services (`core/services.py` …) call these after doing what is particular to them, so
every module gets the same guarantees:
- `full_clean()` before any write; Chinese messages come from the model's validators;
- optimistic locking: an update names the version it was read at; a stale one is refused;
- the saved row must still be inside the actor's data scope for the action, else roll back
  (NetBox's save → re-check → roll back);
- one audit entry with the before/after diff (personal data masked).
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F, ProtectedError, RestrictedError
from django.utils import timezone

from kit import audit
from kit.models import AuditEntry, perm_name

M = TypeVar("M", bound=models.Model)


class StaleVersion(Exception):
    def __init__(self) -> None:
        super().__init__("该记录已被他人修改，请刷新页面查看最新内容后再保存。")


class OutOfScope(Exception):
    def __init__(self) -> None:
        super().__init__("不能将记录保存到您的数据范围之外。")


class InUse(Exception):
    def __init__(self, blockers: list[str]) -> None:
        self.blockers = blockers
        super().__init__("该记录仍被以下数据引用，不能删除：" + "；".join(blockers[:10]))


def snapshot(obj: models.Model) -> dict[str, Any]:
    if hasattr(obj, "audit_snapshot"):
        return obj.audit_snapshot()  # type: ignore[no-any-return]
    return {f.name: str(getattr(obj, f.attname)) for f in obj._meta.concrete_fields}


def check_permission(actor: Any, model: type[models.Model], action: str) -> None:
    if actor is None or not actor.is_authenticated or not actor.has_perm(perm_name(model, action)):
        raise PermissionDenied("您没有执行此操作的权限")


def ensure_in_scope(actor: Any, obj: models.Model, action: str) -> None:
    manager = type(obj)._default_manager
    qs = getattr(manager, "visible_to", None)
    if qs is None:
        return
    base = getattr(type(obj), "all_objects", manager)
    if not base.visible_to(actor, action).filter(pk=obj.pk).exists():  # type: ignore[union-attr]
        raise OutOfScope()


def save_object(
    obj: M,
    *,
    actor: Any,
    action: str,
    expected_version: int | None = None,
    before: dict[str, Any] | None = None,
    message: str = "",
    check_perm: bool = True,
    exclude: list[str] | None = None,
) -> M:
    """Create (`action="add"`) or update (`"change"`) one object as `actor`."""
    model = type(obj)
    if check_perm:
        check_permission(actor, model, action)
    with transaction.atomic():
        is_new = obj._state.adding
        if not is_new and hasattr(obj, "version"):
            if expected_version is None:
                expected_version = obj.version
            bumped = model._base_manager.filter(pk=obj.pk, version=expected_version).update(version=F("version") + 1)
            if bumped != 1:
                raise StaleVersion()
            stored = model._base_manager.get(pk=obj.pk)
            # the pre-edit scope: the row must have been ours to change
            if check_perm:
                ensure_in_scope(actor, stored, action)
            editable = getattr(model, "editable_statuses", None)
            if editable is not None and stored.status not in editable:  # type: ignore[attr-defined]
                raise ValidationError(f"当前状态为“{stored.get_status_display()}”，不能修改")  # type: ignore[attr-defined]
        obj.full_clean(exclude=exclude)
        if hasattr(obj, "updated_by_id") and actor is not None and actor.is_authenticated:
            obj.updated_by = actor  # type: ignore[attr-defined]
            if is_new:
                obj.created_by = actor  # type: ignore[attr-defined]
        if not is_new and expected_version is not None:
            # set only now: a refused save (validation, scope) leaves the caller's object as it was
            obj.version = expected_version + 1  # type: ignore[attr-defined]
        obj.save()
        if check_perm:
            ensure_in_scope(actor, obj, "add" if is_new else "change")
        after = snapshot(obj)
        audit.record(
            AuditEntry.Action.CREATE if is_new else AuditEntry.Action.UPDATE,
            actor=actor,
            obj=obj,
            changes=audit.diff(None if is_new else before, after),
            message=message,
        )
    return obj


def delete_object(obj: models.Model, *, actor: Any, check_perm: bool = True, message: str = "") -> None:
    """Soft-delete models with `deleted_at` (recycle bin); hard-delete others, refusing when
    protected rows depend on them."""
    model = type(obj)
    if check_perm:
        check_permission(actor, model, "delete")
    with transaction.atomic():
        if check_perm:
            ensure_in_scope(actor, obj, "delete")
        before = snapshot(obj)
        if hasattr(obj, "deleted_at"):
            blockers = live_dependents(obj)
            if blockers:
                raise InUse(blockers)
            model._base_manager.filter(pk=obj.pk).update(
                deleted_at=timezone.now(),
                deleted_by=actor if actor and actor.is_authenticated else None,
                version=F("version") + 1,
            )
        else:
            try:
                obj.delete()
            except (ProtectedError, RestrictedError) as exc:
                kinds: dict[str, int] = {}
                for o in exc.args[1]:
                    kinds[str(o._meta.verbose_name)] = kinds.get(str(o._meta.verbose_name), 0) + 1
                raise InUse([f"{k} {n} 条" for k, n in sorted(kinds.items())]) from exc
        audit.record(
            AuditEntry.Action.DELETE,
            actor=actor,
            obj=obj,
            object_id=str(before.get("id", "")),
            changes=audit.diff(before, None),
            message=message,
        )


def restore_object(obj: models.Model, *, actor: Any) -> None:
    model = type(obj)
    check_permission(actor, model, "change")
    with transaction.atomic():
        obj.deleted_at = None  # type: ignore[attr-defined]
        obj.deleted_by = None  # type: ignore[attr-defined]
        obj.validate_constraints()  # e.g. a live row took the same ID number meanwhile
        model._base_manager.filter(pk=obj.pk).update(deleted_at=None, deleted_by=None, version=F("version") + 1)
        ensure_in_scope(actor, obj, "change")
        audit.record(AuditEntry.Action.RESTORE, actor=actor, obj=obj)


def live_dependents(obj: models.Model, limit: int = 20) -> list[str]:
    """Rows that still point at `obj` with PROTECT/RESTRICT and are not themselves soft-deleted."""
    out: list[str] = []
    for rel in obj._meta.related_objects:
        if rel.on_delete not in (models.PROTECT, models.RESTRICT) or rel.many_to_many:
            continue
        related_model = rel.related_model
        manager = related_model._default_manager
        qs = manager.filter(**{rel.field.name: obj})
        for row in qs[:limit]:
            out.append(f"{related_model._meta.verbose_name}：{row}")
    return out


def dependents_summary(obj: models.Model) -> list[tuple[str, int]]:
    """For the delete confirmation: what points at this object, counted by kind."""
    out = []
    for rel in obj._meta.related_objects:
        if rel.many_to_many or rel.one_to_one:
            continue
        related_model = rel.related_model
        n = related_model._default_manager.filter(**{rel.field.name: obj}).count()
        if n:
            effect = {
                models.CASCADE: "将一并删除",
                models.PROTECT: "阻止删除",
                models.RESTRICT: "阻止删除",
                models.SET_NULL: "将解除关联",
            }.get(rel.on_delete, "")  # type: ignore[arg-type]
            out.append((f"{related_model._meta.verbose_name}（{effect}）", n))
    return out


def blockers_summary(obj: models.Model) -> list[tuple[str, int]]:
    """What prevents deleting `obj`, counted by kind (for the confirmation page)."""
    out = []
    for rel in obj._meta.related_objects:
        if rel.many_to_many or rel.on_delete not in (models.PROTECT, models.RESTRICT):
            continue
        related_model = rel.related_model
        n = related_model._default_manager.filter(**{rel.field.name: obj}).count()  # type: ignore[union-attr]
        if n:
            out.append((str(related_model._meta.verbose_name), n))  # type: ignore[union-attr]
    return out
