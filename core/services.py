"""Writes of the core domain (HackSoft style: `<entity>_<action>`, keyword-only, atomic, audited).

Most entities need nothing beyond the kit's generic save/delete: their rules live in the model's
`clean()` and constraints. The org tree is the exception: nodes are added and moved through
treebeard so every descendant's path stays consistent."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from core.models import Org, Person, PersonHonour, Role, User
from kit import audit, services
from kit.models import AuditEntry

save_object = services.save_object
delete_object = services.delete_object


@transaction.atomic
def org_create(*, actor: Any, parent: Org | None, check_perm: bool = True, **fields: Any) -> Org:
    if check_perm:
        services.check_permission(actor, Org, "add")
        if parent is None and not actor.is_superuser:
            raise ValidationError({"parent": "只有系统管理员可以新建顶级组织"})
        if parent is not None:
            services.ensure_in_scope(actor, parent, "add")
    node = Org(**fields)
    node.full_clean(exclude=["path", "depth", "numchild"])
    if actor is not None and actor.is_authenticated:
        node.created_by = node.updated_by = actor
    node = Org.objects.add_child(parent, instance=node) if parent is not None else Org.objects.add_root(instance=node)
    audit.record(AuditEntry.Action.CREATE, actor=actor, obj=node, changes=audit.diff(None, node.audit_snapshot()))
    return node


@transaction.atomic
def org_move(*, actor: Any, org: Org, new_parent: Org) -> Org:
    """Move a subtree under another org; treebeard rewrites every descendant's path."""
    services.check_permission(actor, Org, "change")
    services.ensure_in_scope(actor, org, "change")
    services.ensure_in_scope(actor, new_parent, "change")
    if new_parent.pk == org.pk or new_parent.path.startswith(org.path):
        raise ValidationError({"parent": "不能把组织移动到它自己或它的下级之下"})
    before = org.audit_snapshot()
    old_parent = org.get_parent()
    org.move(new_parent, pos="sorted-child")
    org.refresh_from_db()
    audit.record(
        AuditEntry.Action.UPDATE,
        actor=actor,
        obj=org,
        changes=audit.diff(before, org.audit_snapshot()),
        message=f"从“{old_parent}”移动到“{new_parent}”",
    )
    return org


def person_save(
    *, actor: Any, person: Person, expected_version: int | None = None, before: dict[str, Any] | None = None
) -> Person:
    action = "add" if person._state.adding else "change"
    return services.save_object(person, actor=actor, action=action, expected_version=expected_version, before=before)


def honour_add(*, actor: Any, person: Person, **fields: Any) -> PersonHonour:
    services.ensure_in_scope(actor, person, "change")
    return services.save_object(PersonHonour(person=person, **fields), actor=actor, action="add")


@transaction.atomic
def user_set_roles(*, actor: Any, user: User, roles: list[Role]) -> None:
    services.check_permission(actor, User, "change")
    services.ensure_in_scope(actor, user, "change")
    before = sorted(r.code for r in user.roles.all())
    user.roles.set(roles)
    after = sorted(r.code for r in roles)
    if before != after:
        audit.record(AuditEntry.Action.PERMISSION, actor=actor, obj=user, changes={"roles": [before, after]})
    user.refresh_grants()
