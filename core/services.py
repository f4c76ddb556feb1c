"""Writes of the core domain (HackSoft style: `<entity>_<action>`, keyword-only, atomic, audited).

Every function here is a service (`kit.services.service`): the permission and the data scope of
that permission are checked before the body runs, in the same transaction. Most entities need
nothing beyond the kit's generic save/delete: their rules live in the model's `clean()` and
constraints. The exceptions: the org tree (nodes added and moved through treebeard so every
descendant's path stays consistent), honours (the worker must be one the actor may change),
roles and users (permission changes get their own audit entries)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.models import Org, Person, PersonHonour, Role, User
from kit import audit, services
from kit.models import AuditEntry
from kit.services import service


@service(Org, "add", scope=("parent",))
def org_create(*, actor: Any, parent: Org | None, **fields: Any) -> Org:
    """A new org under `parent` (which must lie in the actor's scope for adding orgs); only a
    superuser creates a top-level org."""
    if parent is None and not actor.is_superuser:
        raise ValidationError({"parent": "只有系统管理员可以新建顶级组织"})
    return _org_create(actor=actor, parent=parent, **fields)


def _org_create(*, actor: Any, parent: Org | None, **fields: Any) -> Org:
    """The write itself, shared with the org-tree import (which checks every row's scope first)."""
    node = Org(**fields)
    node.full_clean(exclude=["path", "depth", "numchild"])
    if actor is not None and actor.is_authenticated:
        node.created_by = node.updated_by = actor
    node = Org.objects.add_child(parent, instance=node) if parent is not None else Org.objects.add_root(instance=node)
    audit.record(AuditEntry.Action.CREATE, actor=actor, obj=node, changes=audit.diff(None, node.audit_snapshot()))
    return node


@service(Org, "change", scope=("org", "new_parent"))
def org_move(*, actor: Any, org: Org, new_parent: Org) -> Org:
    """Move a subtree under another org; treebeard rewrites every descendant's path."""
    return _org_move(actor=actor, org=org, new_parent=new_parent)


def _org_move(*, actor: Any, org: Org, new_parent: Org) -> Org:
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


@service(Org, "change", scope=("org", "parent"))
def org_save(
    *,
    actor: Any,
    org: Org,
    parent: Org | None = None,
    expected_version: int | None = None,
    before: dict[str, Any] | None = None,
    m2m: dict[str, Any] | None = None,
) -> Org:
    """Edit an org; a different parent moves its whole subtree (in the same transaction)."""
    org = services.save_object(
        org, actor=actor, action="change", expected_version=expected_version, before=before, m2m=m2m
    )
    current = org.get_parent()
    if parent is not None and (current is None or parent.pk != current.pk):
        org = org_move(actor=actor, org=Org.objects.get(pk=org.pk), new_parent=parent)
    return org


@service(PersonHonour, "add", scope=("person",))
def honour_add(*, actor: Any, person: Person, **fields: Any) -> PersonHonour:
    """An honour (劳模, 五一劳动奖章, 竞赛获奖 …) for a worker the actor may add honours for; the
    same honour (kind, level, year) is recorded once."""
    existing = PersonHonour.objects.filter(
        person=person, kind=fields.get("kind"), level=fields.get("level"), year=fields.get("year")
    ).first()
    if existing is not None:
        return existing
    return services.save_object(PersonHonour(person=person, **fields), actor=actor, action="add")


@service(PersonHonour, None, scope=("honour.person",))
def honour_save(*, actor: Any, honour: PersonHonour, action: str, **kw: Any) -> PersonHonour:
    """Record or correct an honour through the page or the API: the worker must lie in the scope."""
    return services.save_object(honour, actor=actor, action=action, **kw)


@service(Role, None)
def role_save(
    *,
    actor: Any,
    role: Role,
    action: str,
    m2m: dict[str, Any] | None = None,
    expected_version: int | None = None,
    before: dict[str, Any] | None = None,
) -> Role:
    """Create or edit a role; a change of its permissions is also recorded as a permission change.
    A duty (三员) given to a role some user holds beside another duty's role is refused."""
    if role.pk and role.duty:
        for user in User.objects.filter(roles=role).prefetch_related("roles"):
            others = [r for r in user.roles.all() if r.pk != role.pk]
            problem = duty_conflict([*others, role])
            if problem:
                raise ValidationError({"duty": f"{user}：{problem}"})
    old = sorted(role.permissions.values_list("codename", flat=True)) if role.pk else []
    role = services.save_object(
        role, actor=actor, action=action, m2m=m2m, expected_version=expected_version, before=before
    )
    new = sorted(role.permissions.values_list("codename", flat=True))
    if old != new:
        audit.record(AuditEntry.Action.PERMISSION, actor=actor, obj=role, changes={"permissions": [old, new]})
    return role


def duty_conflict(roles: list[Role]) -> str:
    """三员分立: the message refusing roles that combine two administrator duties, else ""."""
    duties = sorted({r.duty for r in roles if r.duty}, key=lambda d: list(Role.Duty.values).index(d))
    if len(duties) < 2:
        return ""
    names = "、".join(str(Role.Duty(d).label) for d in duties)
    return f"三员分立：同一账号不能同时担任{names}（所选角色：{'、'.join(r.name for r in roles if r.duty)}）"


@service(User, "change", scope=("user",))
def user_set_roles(*, actor: Any, user: User, roles: list[Role]) -> None:
    problem = duty_conflict(roles)
    if problem:
        raise ValidationError({"roles": problem})
    before = sorted(r.code for r in user.roles.all())
    user.roles.set(roles)
    after = sorted(r.code for r in roles)
    if before != after:
        audit.record(AuditEntry.Action.PERMISSION, actor=actor, obj=user, changes={"roles": [before, after]})
    user.refresh_grants()


@service(User, None, scope=("user",))
def user_save(
    *,
    actor: Any,
    user: User,
    action: str,
    password: str = "",
    m2m: dict[str, Any] | None = None,
    **kw: Any,
) -> User:
    """Create or edit an account: a new one needs a password (checked by Django's validators);
    roles go through `user_set_roles` (a permission change of its own in the audit log)."""
    if action == "add" and not password:
        raise ValidationError({"password": "新建用户必须设置密码"})
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from exc
        user.set_password(password)
        # a password an administrator set is changed by its owner at the next log-in
        user.must_change_password = user.pk != getattr(actor, "pk", None)
    roles = (m2m or {}).pop("roles", None)
    user = services.save_object(user, actor=actor, action=action, m2m=m2m, **kw)
    if roles is not None:
        user_set_roles(actor=actor, user=user, roles=list(roles))
    return user


# --- passwords ------------------------------------------------------------------------------------
def password_was_changed(user: User, *, keep: int = 5) -> None:
    """After any password is set (Django calls the validators' `password_changed`): keep its hash
    for the history check (the last `keep`) and stamp the change."""
    from core.models import PasswordHistory

    PasswordHistory.objects.create(user=user, password=user.password)
    stale = PasswordHistory.objects.filter(user=user).order_by("-id").values_list("id", flat=True)[keep:]
    PasswordHistory.objects.filter(id__in=list(stale)).delete()
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now())


def password_changed_by_owner(user: User) -> None:
    """The account's own change (修改密码): the forced change is done."""
    User.objects.filter(pk=user.pk).update(must_change_password=False, password_changed_at=timezone.now())
    audit.record(AuditEntry.Action.PERMISSION, actor=user, obj=user, message="本人修改密码")


# --- the second factor (TOTP) ---------------------------------------------------------------------
def otp_device(user: User) -> Any:
    """The account's TOTP device being set up (unconfirmed; made on first use)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    return device or TOTPDevice.objects.create(user=user, name="动态验证码", confirmed=False)


def otp_confirm(user: User, device: Any, token: str) -> list[str] | None:
    """Confirm a new TOTP device with a first code: older devices of the account go, and ten
    one-time recovery codes are made (shown once). None when the code is wrong."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not device.verify_token(str(token or "").strip()):
        audit.record(AuditEntry.Action.LOGIN_FAILED, actor=user, obj=user, message="绑定动态验证码：验证码不正确")
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    StaticDevice.objects.filter(user=user).delete()
    backup = StaticDevice.objects.create(user=user, name="恢复码")
    codes = [StaticToken.random_token() for _ in range(10)]
    for code in codes:
        backup.token_set.create(token=code)
    audit.record(AuditEntry.Action.PERMISSION, actor=user, obj=user, message="绑定动态验证码（双因素认证）")
    return codes


# --- sessions ---------------------------------------------------------------------------------------
def session_started(user: User, *, session_key: str | None, ip: str | None, user_agent: str) -> None:
    from core.models import LoginSession

    if session_key:
        LoginSession.objects.update_or_create(
            session_key=session_key, defaults={"user": user, "ip": ip, "user_agent": user_agent[:200]}
        )


def sessions_of(user: User) -> list[Any]:
    """The account's sessions that are still alive (the ended and expired ones are dropped)."""
    from django.contrib.sessions.models import Session

    from core.models import LoginSession

    rows = list(LoginSession.objects.filter(user=user))
    alive = set(
        Session.objects.filter(
            session_key__in=[r.session_key for r in rows], expire_date__gt=timezone.now()
        ).values_list("session_key", flat=True)
    )
    LoginSession.objects.filter(user=user).exclude(session_key__in=alive).delete()
    return [r for r in rows if r.session_key in alive]


def session_end(user: User, pk: int) -> bool:
    """End one of the account's own sessions (its owner only). False when there is no such session."""
    from django.contrib.sessions.models import Session

    from core.models import LoginSession

    row = LoginSession.objects.filter(user=user, pk=pk).first()
    if row is None:
        return False
    Session.objects.filter(session_key=row.session_key).delete()
    row.delete()
    audit.record(AuditEntry.Action.LOGOUT, actor=user, obj=user, message=f"结束登录会话（{row.ip or '未知地址'}）")
    return True


# --- 安全管理员: lock-outs and lost second factors ------------------------------------------------
@service(User, "secure", scope=("user",))
def account_unlock(*, actor: Any, user: User) -> int:
    """解锁: clear the failed log-ins that lock `user` out (every address), audited. Returns how
    many lock-out records were cleared."""
    from axes.utils import reset

    cleared = int(reset(username=user.username) or 0)
    audit.record(AuditEntry.Action.UPDATE, actor=actor, obj=user, message=f"解锁账号（清除 {cleared} 条失败记录）")
    return cleared


@service(User, "secure", scope=("user",))
def account_reset_otp(*, actor: Any, user: User) -> int:
    """重置动态验证码 for a user who lost his phone: his authenticator and recovery codes are removed;
    where a second factor is required he sets a new one up at his next log-in. Audited."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    removed = TOTPDevice.objects.filter(user=user).delete()[0] + StaticDevice.objects.filter(user=user).delete()[0]
    audit.record(AuditEntry.Action.UPDATE, actor=actor, obj=user, message="重置动态验证码（须重新绑定）")
    return removed
