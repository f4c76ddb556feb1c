"""Services: the one gate every write goes through.

A write — from a page, the API, a management command or another service — is a service call with
the acting user. In one transaction the gate checks
- the permission (`app.action_model`), and that every object the write touches lies inside the
  data scope *of that permission* (not merely of "view": a user who may view everything but review
  only his own unit's reports cannot review another unit's);
- validation (`full_clean()`, or the service's own rules), with Chinese messages at the field;
- the optimistic lock: an update names the version it was read at, a stale one is refused;
- the saved row still inside the actor's scope (NetBox's save → re-check → roll back);
- one audit entry with the before/after diff (personal data masked), many-to-many included.

Generic writes: `save_object`, `delete_object`, `restore_object` (and `kit.workflow.transition`,
`kit.signups`). A domain service is a function `<entity>_<action>(*, actor, …)` declared with
`@service(Model, "action", scope=(…))`: the decorator runs the permission and scope checks before
the body, inside the transaction, and registers the function so that a test walks every service
with an unpermitted actor and with an object outside the scope (`kit.testing.gate`).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F, ProtectedError, RestrictedError
from django.utils import timezone

from kit import audit
from kit.audit.models import AuditEntry
from kit.db import perm_name
from kit.scope import scope_q

M = TypeVar("M", bound=models.Model)
F_ = TypeVar("F_", bound=Callable[..., Any])

NO_PERMISSION = "您没有执行此操作的权限"


class StaleVersion(Exception):
    def __init__(self) -> None:
        super().__init__("该记录已被他人修改，请刷新页面查看最新内容后再保存。")


class OutOfScope(PermissionDenied):
    """The object (or the row as it would be saved) lies outside the actor's data scope for the
    action. A PermissionDenied: uncaught it answers 403; forms show it as an error."""

    def __init__(self, message: str = "不能将记录保存到您的数据范围之外。") -> None:
        super().__init__(message)


class InUse(Exception):
    def __init__(self, blockers: list[str]) -> None:
        self.blockers = blockers
        super().__init__("该记录仍被以下数据引用，不能删除：" + "；".join(blockers[:10]))


def snapshot(obj: models.Model) -> dict[str, Any]:
    if hasattr(obj, "audit_snapshot"):
        return obj.audit_snapshot()  # type: ignore[no-any-return]
    return {f.name: str(getattr(obj, f.attname)) for f in obj._meta.concrete_fields}


# --- the checks ---------------------------------------------------------------------------------
def _active(actor: Any) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False) and getattr(actor, "is_active", False)


def check_permission(actor: Any, model: type[models.Model], action: str) -> None:
    if not _active(actor) or not actor.has_perm(perm_name(model, action)):
        raise PermissionDenied(NO_PERMISSION)


def in_scope(actor: Any, obj: models.Model, perm: str) -> bool:
    """Does `obj` (a saved row of any model) lie inside the actor's data scope for `perm`? The
    scope comes from the roles granting `perm`; the object is placed by its own model's ScopeSpec."""
    if not _active(actor):
        return False
    if actor.is_superuser:
        return True
    if not actor.has_perm(perm):
        return False
    model = type(obj)
    spec = getattr(model, "scope", None)
    if spec is None or not hasattr(actor, "scope_for"):
        return True
    q = scope_q(spec, actor.scope_for(perm), actor.pk)
    return q is None or model._base_manager.filter(q, pk=obj.pk).exists()


def ensure_in_scope(actor: Any, obj: models.Model, action: str, *, perm: str | None = None) -> None:
    """Refuse (OutOfScope) when `obj` lies outside the scope of `perm` (default: the action's
    permission on the object's own model)."""
    if not in_scope(actor, obj, perm or perm_name(type(obj), action)):
        raise OutOfScope("该记录不在您的数据范围内，不能执行此操作。")


# --- the service declaration --------------------------------------------------------------------
@dataclass(frozen=True)
class Gate:
    model: type[models.Model]
    action: str | None  # None: the call's own `action` argument ("add" or "change") names it
    scope: tuple[str, ...]  # arguments (or argument.attribute paths) that must lie in the permission's scope

    def action_of(self, kwargs: dict[str, Any]) -> str:
        action = self.action or kwargs.get("action")
        if not action:
            raise TypeError("this service needs an `action` argument")
        return str(action)


REGISTRY: list[Callable[..., Any]] = []


def _resolve(kwargs: dict[str, Any], path: str) -> Any:
    head, *rest = path.split(".")
    value = kwargs.get(head)
    for part in rest:
        if value is None:
            return None
        value = getattr(value, part)
    return value


def service(model: type[models.Model], action: str | None, *, scope: Sequence[str] = ()) -> Callable[[F_], F_]:
    """Declare a domain write. The function takes keyword-only arguments including `actor`; before
    its body runs, inside one transaction, `actor` must hold `action` on `model` (None: the action
    the call names in its `action` argument), and each saved object named in `scope` (an argument,
    or `argument.attribute`; a list of objects is checked one by one) must lie inside the scope of
    that permission. The body then validates, writes and audits (a new row's own scope is checked
    when it is saved, by `save_object`).

        @service(Event, "change", scope=("event",))
        def award(*, actor, event, granted_on): …
    """
    gate = Gate(model, action, tuple(scope))

    def decorate(fn: F_) -> F_:
        params = inspect.signature(fn).parameters
        if "actor" not in params or params["actor"].kind is not inspect.Parameter.KEYWORD_ONLY:
            raise TypeError(f"service {fn.__qualname__} must take a keyword-only `actor`")

        @functools.wraps(fn)
        def gated(*args: Any, **kwargs: Any) -> Any:
            if args:
                raise TypeError(f"service {fn.__qualname__} takes keyword arguments only")
            actor = kwargs.get("actor")
            act = gate.action_of(kwargs)
            with transaction.atomic():
                check_permission(actor, model, act)
                for path in gate.scope:
                    value = _resolve(kwargs, path)
                    for item in value if isinstance(value, list | tuple | set) else [value]:
                        if item is not None and getattr(item, "pk", None) is not None:
                            ensure_in_scope(actor, item, act, perm=perm_name(model, act))
                return fn(**kwargs)

        gated.gate = gate  # type: ignore[attr-defined]
        REGISTRY.append(gated)
        return gated  # type: ignore[return-value]

    return decorate


def gate_of(fn: Any) -> Gate | None:
    return getattr(fn, "gate", None)


# --- generic writes -----------------------------------------------------------------------------
def _m2m_values(obj: models.Model, name: str) -> list[str]:
    return sorted(str(o) for o in getattr(obj, name).all())


def save_object(
    obj: M,
    *,
    actor: Any,
    action: str,
    expected_version: int | None = None,
    before: dict[str, Any] | None = None,
    message: str = "",
    m2m: dict[str, Any] | None = None,
    check_perm: bool = True,
    exclude: list[str] | None = None,
    as_step: bool = False,
) -> M:
    """Create (`action="add"`) or update (`"change"`) one object as `actor`, with its many-to-many
    values (`m2m`: field name → objects) in the same transaction and audit entry.
    `check_perm=False` is for the demo loader and the importer (which checks every row's scope
    itself) only; a test fails when anything else passes it."""
    model = type(obj)
    if check_perm:
        check_permission(actor, model, action)
    with transaction.atomic():
        is_new = obj._state.adding
        m2m_before: dict[str, list[str]] = {}
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
            # a service taking a workflow step of its own (publishing with its numbers) may write a
            # row whose status is otherwise closed to edits
            if editable is not None and not as_step and stored.status not in editable:  # type: ignore[attr-defined]
                raise ValidationError(f"当前状态为“{stored.get_status_display()}”，不能修改")  # type: ignore[attr-defined]
        if not is_new:
            m2m_before = {name: _m2m_values(obj, name) for name in (m2m or {})}
        try:
            obj.full_clean(exclude=exclude)
        except ValidationError as exc:
            raise without_other_scopes(obj, actor, exc) from None
        if hasattr(obj, "updated_by_id") and _active(actor):
            obj.updated_by = actor  # type: ignore[attr-defined]
            if is_new:
                obj.created_by = actor  # type: ignore[attr-defined]
        if not is_new and expected_version is not None:
            # set only now: a refused save (validation, scope) leaves the caller's object as it was
            obj.version = expected_version + 1  # type: ignore[attr-defined]
        obj.save()
        changes = audit.diff(None if is_new else before, snapshot(obj))
        for name, values in (m2m or {}).items():
            getattr(obj, name).set(values)
            after = _m2m_values(obj, name)
            if after != m2m_before.get(name, []):
                changes[name] = [m2m_before.get(name) if not is_new else None, after]
        if check_perm:
            ensure_in_scope(actor, obj, "add" if is_new else "change")
        audit.record(
            AuditEntry.Action.CREATE if is_new else AuditEntry.Action.UPDATE,
            actor=actor,
            obj=obj,
            changes=changes,
            message=message,
        )
    return obj


NOT_HERE = "不能在此登记该记录，请联系区总工会核实办理"


def _attname(model: type[models.Model], name: str) -> str:
    return str(getattr(model._meta.get_field(name), "attname", name))


def without_other_scopes(obj: models.Model, actor: Any, exc: ValidationError) -> ValidationError:
    """A uniqueness refusal must not tell the actor that a record he may not see exists elsewhere
    (an ID number registered by another enterprise): when the row in the way lies outside his
    view scope, the refusal says only that he cannot register it here and whom to ask."""
    if not hasattr(exc, "error_dict"):
        return exc
    model = type(obj)
    for constraint in model._meta.constraints:
        if not isinstance(constraint, models.UniqueConstraint) or not constraint.fields:
            continue
        message = str(constraint.get_violation_error_message())
        hits = [key for key, errors in exc.error_dict.items() if any(message in e.messages for e in errors)]
        if not hits:
            continue
        rows = model._base_manager.filter(**{f: getattr(obj, _attname(model, f)) for f in constraint.fields})
        if constraint.condition is not None:
            rows = rows.filter(constraint.condition)
        if obj.pk is not None:
            rows = rows.exclude(pk=obj.pk)
        other = rows.first()
        if other is not None and not in_scope(actor, other, perm_name(model, "view")):
            for key in hits:
                exc.error_dict[key] = [
                    ValidationError(NOT_HERE) if message in err.messages else err for err in exc.error_dict[key]
                ]
    return exc


def delete_object(obj: models.Model, *, actor: Any, check_perm: bool = True, message: str = "") -> None:
    """Soft-delete models with `deleted_at` (recycle bin); hard-delete others, refusing when
    protected rows depend on them."""
    model = type(obj)
    if check_perm:
        check_permission(actor, model, "delete")
    editable = getattr(model, "editable_statuses", None)
    if editable is not None and getattr(obj, "status", None) not in editable:
        # a record past its editable steps (an accepted report, a published bulletin) is kept
        shown = getattr(obj, "get_status_display", lambda: obj.status)()  # type: ignore[attr-defined]
        raise ValidationError(f"{shown}的{model._meta.verbose_name}不能删除")
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
                deleted_by=actor if _active(actor) else None,
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
        ensure_in_scope(actor, obj, "change")
        obj.deleted_at = None  # type: ignore[attr-defined]
        obj.deleted_by = None  # type: ignore[attr-defined]
        obj.validate_constraints()  # e.g. a live row took the same ID number meanwhile
        model._base_manager.filter(pk=obj.pk).update(deleted_at=None, deleted_by=None, version=F("version") + 1)
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
