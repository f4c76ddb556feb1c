"""Writes of the workers' portal.

Sign-in by phone and one-time code (no actor yet: `send_code`, `verify_code`) — the code is kept
as a keyed hash, lives a few minutes, is used once; five wrong codes lock the number for a while,
and sending is throttled per number and per address. Everything after sign-in is a service at the
gate (`kit.services.service`), called as the worker — binding to his record, registering himself,
joining the union or transferring — or as the union staff who answer him.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.models import Org, Person, Role, User
from core.selectors import calendar
from kit import audit, services
from kit.audit.models import AuditEntry
from kit.dates import chinese, today
from kit.pii import blind_index
from kit.sequences import next_value
from kit.services import service
from kit.validators import normalize_id_number, normalize_mobile, validate_id_number, validate_mobile
from portal import routing, sms
from portal.models import MembershipApplication, OneTimeCode, PhoneLock, SelfRegistration, Status

# what the 职工 role may do — the worker's own rows only (data scope "仅本人": his Person and the
# rows about him, `kit.scope.ScopeSpec.person`); created with the role on the first sign-in of an
# install without the demo, editable afterwards in 角色管理
WORKER_PERMISSIONS = [
    "core.view_person",
    "core.view_personhonour",
    "skills.view_enrolment",
    "skills.add_enrolment",
    "skills.delete_enrolment",
    "skills.view_appraisal",
    "merit.view_registration",
    "merit.add_registration",
    "merit.view_award",
    "rights.view_activitysignup",
    "rights.add_activitysignup",
    "rights.delete_activitysignup",
    "rights.view_volunteer",
    "rights.view_servicehours",
    "rights.view_enrolledmember",
    "rights.view_claim",
    "guidance.add_vote",
    "legal.view_case",
    "legal.add_case",
    "portal.add_selfregistration",
    "portal.view_selfregistration",
    "portal.view_membershipapplication",
    "portal.add_membershipapplication",
]
BIND_FAILED = "绑定职工档案：姓名与身份证号不匹配"
BIND_MISMATCH = "姓名与公民身份号码不匹配，请核对后重试；如果您尚未在平台登记，请选择“新职工登记”"


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _normalize_phone(raw: str) -> str:
    phone = normalize_mobile(str(raw or ""))
    try:
        validate_mobile(phone)
    except ValidationError as exc:
        raise ValidationError({"phone": exc.messages}) from exc
    return phone


def _code_hash(phone: str, code: str) -> str:
    return blind_index(f"{phone}\x00{code}", kind="otp")


def _locked_message(until: datetime) -> str:
    return f"该号码验证码错误次数过多，已暂时锁定，请于 {timezone.localtime(until):%H:%M} 后再试"


# --- sign-in ------------------------------------------------------------------------------------
def send_code(*, phone: str, ip: str | None = None, now: datetime | None = None) -> None:
    """Send a sign-in code, unless the number is locked or asked too often (one code a minute, ten
    a day per number; thirty an hour per address)."""
    now = now or timezone.now()
    phone = _normalize_phone(phone)
    bidx = blind_index(phone, kind="phone")
    lock = PhoneLock.objects.filter(phone_bidx=bidx, locked_until__gt=now).first()
    if lock is not None and lock.locked_until:
        raise ValidationError({"phone": _locked_message(lock.locked_until)})
    recent = OneTimeCode.objects.filter(phone_bidx=bidx).order_by("-created_at").first()
    wait = _setting("PORTAL_OTP_RESEND_SECONDS", 60)
    if recent is not None and (now - recent.created_at).total_seconds() < wait:
        left = wait - int((now - recent.created_at).total_seconds())
        raise ValidationError({"phone": f"验证码已发送，请 {left} 秒后再重新获取"})
    if OneTimeCode.objects.filter(phone_bidx=bidx, created_at__gte=now - timedelta(days=1)).count() >= _setting(
        "PORTAL_OTP_PER_DAY", 10
    ):
        raise ValidationError({"phone": "该号码今天获取验证码的次数已达上限，请明天再试"})
    if ip and OneTimeCode.objects.filter(client_ip=ip, created_at__gte=now - timedelta(hours=1)).count() >= _setting(
        "PORTAL_OTP_PER_ADDRESS_HOUR", 30
    ):
        raise ValidationError({"phone": "获取验证码过于频繁，请稍后再试"})
    code = f"{secrets.randbelow(10**6):06d}"
    ttl = _setting("PORTAL_OTP_TTL_SECONDS", 300)
    OneTimeCode.objects.create(
        phone_bidx=bidx,
        code_hash=_code_hash(phone, code),
        created_at=now,
        expires_at=now + timedelta(seconds=ttl),
        client_ip=ip,
    )
    sent = sms.send(phone, f"【产改通】您的登录验证码是 {code}，{ttl // 60} 分钟内有效。请勿告诉他人。")
    if not sent.ok:
        raise ValidationError({"phone": f"短信发送失败：{sent.error}。请稍后再试"})


def verify_code(*, phone: str, code: str, now: datetime | None = None) -> User:
    """The account of this number once its latest code is given right, in time and for the first
    time — created on the first sign-in. A wrong code counts against the number."""
    now = now or timezone.now()
    phone = _normalize_phone(phone)
    code = str(code or "").strip()
    bidx = blind_index(phone, kind="phone")
    problem = ""
    with transaction.atomic():
        lock, _ = PhoneLock.objects.select_for_update().get_or_create(phone_bidx=bidx)
        if lock.locked_until and lock.locked_until > now:
            raise ValidationError({"code": _locked_message(lock.locked_until)})
        latest = OneTimeCode.objects.filter(phone_bidx=bidx).order_by("-created_at", "-id").first()
        if latest is None:
            raise ValidationError({"code": "请先获取验证码"})
        if not hmac.compare_digest(latest.code_hash, _code_hash(phone, code)):
            window = timedelta(minutes=_setting("PORTAL_OTP_LOCK_MINUTES", 30))
            if lock.first_failure_at is None or now - lock.first_failure_at > window:
                lock.failures, lock.first_failure_at = 0, now
            lock.failures += 1
            limit = _setting("PORTAL_OTP_MAX_FAILURES", 5)
            if lock.failures >= limit:
                lock.locked_until, lock.failures, lock.first_failure_at = now + window, 0, None
                problem = _locked_message(lock.locked_until)
            else:
                problem = f"验证码不正确，还可以再试 {limit - lock.failures} 次"
            lock.save()
        elif latest.used_at is not None:
            problem = "该验证码已使用过，请重新获取"
        elif latest.expires_at <= now:
            problem = "验证码已过期，请重新获取"
        else:
            latest.used_at = now
            latest.save(update_fields=["used_at"])
            lock.failures, lock.first_failure_at = 0, None
            lock.save()
            user = User.objects.filter(phone_bidx=bidx).first()
            if user is None:
                user = User(username=f"w{secrets.token_hex(6)}", phone=phone)
                user.set_unusable_password()
                user.save()
                user.roles.add(worker_role())
                audit.record(
                    AuditEntry.Action.CREATE, actor=user, obj=user, message="职工首次用手机验证码登录，开通账号"
                )
            if not user.is_active:
                raise ValidationError({"code": "该账号已停用，请联系工会"})
            audit.record(AuditEntry.Action.LOGIN, actor=user, obj=user, message="手机验证码登录")
            return user
    raise ValidationError({"code": problem})


def worker_role() -> Role:
    """The 职工 role, created with its standard permissions when an install has none yet."""
    role = Role.objects.filter(code="worker").first()
    if role is None:
        from django.contrib.auth.models import Permission

        role = Role.objects.create(name="职工", code="worker", data_scope=Role.DataScope.SELF, sort=90)
        for name in WORKER_PERMISSIONS:
            app, codename = name.split(".", 1)
            role.permissions.add(*Permission.objects.filter(content_type__app_label=app, codename=codename))
    return role


# --- who he is ----------------------------------------------------------------------------------
def _bind(user: Any, person: Person, *, actor: Any, message: str) -> None:
    before = services.snapshot(user)
    user.person = person
    if user.org_id is None:  # a worker's account takes his union; a staff account keeps its own
        user.org = person.org
    user.name = user.name or person.name
    user.save(update_fields=["person", "org", "name"])
    user.refresh_grants()
    audit.record(
        AuditEntry.Action.UPDATE,
        actor=actor,
        obj=user,
        changes=audit.diff(before, services.snapshot(user)),
        message=message,
    )


@service(SelfRegistration, "add")
def bind(*, actor: Any, name: str, id_number: str) -> Person | None:
    """Bind the worker's account to his record by name and ID number (matched through the blind
    index). A wrong pair returns None — recorded, so that it counts, and the page says only that
    the two do not match, never which — and after five wrong tries in a day the account may not
    try again until the next. The record must then lie in the account's own scope of
    `core.view_person` (for a worker: himself), so a staff account cannot claim a worker of
    another branch."""
    if actor.person_id:
        raise ValidationError("您的账号已绑定职工档案")
    # the wrong tries are the audit's own entries: shared by every web process, kept for the record
    tries = AuditEntry.objects.filter(
        actor=actor,
        action=AuditEntry.Action.LOGIN_FAILED,
        message=BIND_FAILED,
        at__gte=timezone.now() - timedelta(days=1),
    ).count()
    if tries >= _setting("PORTAL_BIND_MAX_TRIES", 5):
        raise ValidationError("核对身份的次数已达上限，请 24 小时后再试，或带身份证到所在工会办理")
    number = normalize_id_number(str(id_number or ""))
    try:
        validate_id_number(number)
    except ValidationError as exc:
        raise ValidationError({"id_number": exc.messages}) from exc
    person = Person.objects.filter(id_number_bidx=blind_index(number, kind="id_number")).first()
    if person is None or person.name != str(name or "").strip():
        audit.record(AuditEntry.Action.LOGIN_FAILED, actor=actor, obj=actor, message=BIND_FAILED)
        return None
    if User.objects.filter(person=person).exclude(pk=actor.pk).exists():
        raise ValidationError("该职工档案已绑定其他账号；如非本人操作，请联系所在工会")
    _bind(actor, person, actor=actor, message="绑定职工档案")
    services.ensure_in_scope(actor, person, "view", perm="core.view_person")
    return person


@service(SelfRegistration, "add")
def register(
    *,
    actor: Any,
    name: str,
    id_number: str,
    employer: Any = None,
    category: Any = None,
    platform: str = "",
    job: str = "",
    place: Org | None = None,
) -> SelfRegistration:
    """新职工登记: a worker the platform does not know (or who would rather not bind) registers
    himself; the union that would receive him confirms. One open registration at a time."""
    if actor.person_id:
        raise ValidationError("您的账号已绑定职工档案，无需再登记")
    if SelfRegistration.objects.filter(user=actor, status=Status.SUBMITTED).exists():
        raise ValidationError("您已提交登记，请等待工会确认")
    if employer is None and place is None:
        raise ValidationError({"place": "没有选择工作单位时，请选择您工作所在的街道（园区）"})
    _route, org = routing.route(employer=employer, category=category, place=place)
    row = SelfRegistration(
        user=actor,
        name=str(name or "").strip(),
        id_number=id_number,
        employer=employer,
        new_form_category=category,
        platform=platform.strip(),
        job=job.strip(),
        org=org,
    )
    return services.save_object(row, actor=actor, action="add", message="职工自助登记")


@service(SelfRegistration, "review", scope=("registration",))
def registration_confirm(*, actor: Any, registration: SelfRegistration) -> Person:
    """确认: the worker's record is created — or, when his ID number is already registered under the
    same name, found — and his account bound to it."""
    if registration.status != Status.SUBMITTED:
        raise ValidationError(f"该登记为“{registration.get_status_display()}”，不能确认")
    user = registration.user
    if user.person_id:
        raise ValidationError("该账号已绑定职工档案")
    person = Person.all_objects.filter(id_number_bidx=registration.id_number_bidx).first()
    if person is not None:
        if person.deleted_at is not None or person.name != registration.name:
            raise ValidationError("该身份证号码已登记为另一职工档案，与登记的姓名不符，请核实后退回")
        if User.objects.filter(person=person).exists():
            raise ValidationError("该身份证号码对应的职工档案已绑定其他账号，请核实后退回")
    else:
        person = services.save_object(
            Person(
                name=registration.name,
                id_number=registration.id_number,
                phone=user.phone,
                employer=registration.employer,
                org=registration.org,
                new_form_category=registration.new_form_category,
                platform=registration.platform,
                job=registration.job,
                is_union_member=False,
            ),
            actor=actor,
            action="add",
            message="职工自助登记，工会确认",
        )
    _bind(user, person, actor=actor, message="工会确认自助登记，绑定职工档案")
    before = services.snapshot(registration)
    registration.status, registration.person, registration.decided_on = Status.APPROVED, person, today()
    services.save_object(
        registration, actor=actor, action="change", before=before, message="确认登记", check_perm=False
    )
    return person


@service(SelfRegistration, "review", scope=("registration",))
def registration_return(*, actor: Any, registration: SelfRegistration, reason: str) -> SelfRegistration:
    """退回, with the reason the worker reads."""
    return _give_back(registration, actor=actor, reason=reason, noun="登记")


def _give_back(row: Any, *, actor: Any, reason: str, noun: str) -> Any:
    """退回 an open registration or application with the reason the worker reads (the review was
    checked at the gate)."""
    if row.status != Status.SUBMITTED:
        raise ValidationError(f"该{noun}为“{row.get_status_display()}”，不能退回")
    if not str(reason or "").strip():
        raise ValidationError({"reason": "请填写退回理由，职工会看到它"})
    before = services.snapshot(row)
    row.status, row.reason, row.decided_on = Status.RETURNED, reason.strip(), today()
    return services.save_object(
        row, actor=actor, action="change", before=before, message=f"退回：{reason}", check_perm=False
    )


# --- membership ---------------------------------------------------------------------------------
def reply_due(day: date) -> date:
    """The last day the union may answer: `PORTAL_MEMBERSHIP_REPLY_DAYS` working days after."""
    return calendar().add(day, _setting("PORTAL_MEMBERSHIP_REPLY_DAYS", 5), working=True)


@service(MembershipApplication, "add")
def membership_apply(
    *,
    actor: Any,
    employer: Any = None,
    category: Any = None,
    platform: str = "",
    place: Org | None = None,
) -> MembershipApplication:
    """网上入会 — or, for a member whose employer changed, 会员转接 — as the worker himself. The
    application goes to the union `portal.routing` finds and must be answered by `due_on`."""
    person: Person | None = actor.person
    if person is None:
        raise ValidationError("请先绑定您的职工档案，再申请入会")
    transfer = person.is_union_member
    employer = employer if employer is not None else (None if transfer else person.employer)
    category = category if category is not None else person.new_form_category
    if employer is None and place is None:
        if transfer:
            raise ValidationError({"employer": "申请会员转接请选择新的工作单位，或选择新的工作所在街道（园区）"})
        if not person.employer_id:
            raise ValidationError({"place": "请选择您工作所在的街道（园区）"})
    if category is not None and employer is None and not (platform or person.platform).strip():
        raise ValidationError({"platform": "新就业形态劳动者请填写所在平台企业"})
    route, org = routing.route(employer=employer, category=category, place=place)
    if transfer and org.pk == person.org_id:
        raise ValidationError("新单位仍由您现在的工会管理，不需要转接；请联系工会更新工作单位")
    if MembershipApplication.objects.filter(person=person, status=Status.SUBMITTED).exists():
        raise ValidationError("您已有一份待确认的申请，请等待工会答复")
    day = today()
    row = MembershipApplication(
        person=person,
        kind=MembershipApplication.Kind.TRANSFER if transfer else MembershipApplication.Kind.JOIN,
        employer=employer,
        platform=(platform or person.platform).strip(),
        route=route,
        org=org,
        from_org=person.org if transfer else None,
        submitted_on=day,
        due_on=reply_due(day),
    )
    if person.new_form_category_id is None and category is not None:
        row.remark = f"新就业形态：{category}"
    return services.save_object(row, actor=actor, action="add", message=f"提交{row.get_kind_display()}，转{org}")


def card_number(person: Person, year: int) -> str:
    """The member card number: kept for life once given (a transfer keeps it)."""
    earlier = (
        MembershipApplication.objects.filter(person=person, status=Status.APPROVED)
        .exclude(card_no="")
        .values_list("card_no", flat=True)
        .first()
    )
    return earlier or f"HY{year}{next_value('portal.card'):07d}"


@service(MembershipApplication, "review", scope=("application",))
def membership_approve(*, actor: Any, application: MembershipApplication) -> MembershipApplication:
    """确认入会 / 确认转入: the worker becomes (or stays) a member of this union — his record moves to
    it with the new employer — and gets (or keeps) his member card number."""
    if application.status != Status.SUBMITTED:
        raise ValidationError(f"该申请为“{application.get_status_display()}”，不能确认")
    day = today()
    person = Person.objects.get(pk=application.person_id)
    before = services.snapshot(person)
    person.is_union_member = True
    if application.kind == MembershipApplication.Kind.JOIN or not person.joined_union_on:
        person.joined_union_on = day
    person.org = application.org
    if application.employer_id:
        person.employer = application.employer
    elif application.kind == MembershipApplication.Kind.TRANSFER:
        person.employer = None
    if application.platform:
        person.platform = application.platform
    # the record moves to the receiving union: allowed by its review of the application (the gate)
    services.save_object(
        person,
        actor=actor,
        action="change",
        before=before,
        message=application.get_kind_display() + "确认",
        check_perm=False,
    )
    before = services.snapshot(application)
    application.status, application.decided_on = Status.APPROVED, day
    application.card_no = card_number(person, day.year)
    saved = services.save_object(
        application, actor=actor, action="change", before=before, message="确认", check_perm=False
    )
    phone = person.phone or _user_phone(person)
    if phone:
        sms.send(
            phone, f"【产改通】{application.org}已确认您的{application.get_kind_display()}，会员证号 {saved.card_no}。"
        )
    return saved


def _user_phone(person: Person) -> str:
    return User.objects.filter(person=person).values_list("phone", flat=True).first() or ""


@service(MembershipApplication, "review", scope=("application",))
def membership_return(*, actor: Any, application: MembershipApplication, reason: str) -> MembershipApplication:
    """退回, with the reason the worker reads."""
    return _give_back(application, actor=actor, reason=reason, noun="申请")  # type: ignore[no-any-return]


def remind_due(day: date | None = None) -> list[MembershipApplication]:
    """The periodic reminder: applications still open whose answer is due by the next working day
    get one reminder — a text message to the receiving union's reviewers who have a phone, and
    the 待办 on their 工作台 (which lists every open application anyway)."""
    day = day or today()
    cal = calendar()
    horizon = cal.add(day, 1, working=True)
    due = list(
        MembershipApplication.objects.filter(status=Status.SUBMITTED, reminded_on__isnull=True, due_on__lte=horizon)
        .select_related("org", "person")
        .order_by("due_on", "id")
    )
    for app in due:
        reviewers = [
            u
            for u in User.objects.filter(org=app.org, is_active=True).exclude(phone_bidx="")
            if u.has_perm("portal.review_membershipapplication")
        ]
        for user in reviewers:
            sms.send(
                user.phone, f"【产改通】{app.person.name}的{app.get_kind_display()}须在{chinese(app.due_on)}前答复。"
            )
        app.reminded_on = day
        app.save(update_fields=["reminded_on"])
        audit.record(
            AuditEntry.Action.UPDATE,
            actor=None,
            obj=app,
            changes={"reminded_on": [None, str(day)]},
            message=f"到期提醒：{len(reviewers)} 名工作人员",
        )
    return due
