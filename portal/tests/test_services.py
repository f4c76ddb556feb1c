"""portal.services at the gate, and the rules of the workers' own services: the one-time code
(wrong, expired, reused, five wrong ones lock the number; throttled sending), binding by name and ID
number (refused without saying which part is wrong; five wrong tries a day), self-registration
confirmed or returned, routing to the union that receives a worker (enterprise union; industry
union for his category; the sub-district's 联合工会; the district), the answer due in working days
and the reminder before it, approval giving a card number kept across a transfer."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from core.models import DictItem, DictType, Holiday, Org, Person, Role, User
from core.tests import factories as f
from kit import testing
from kit.audit.models import AuditEntry
from portal import routing, services
from portal.models import MembershipApplication, OneTimeCode, SelfRegistration, TextMessage


def _category(value: str = "rider") -> DictItem:
    dtype, _ = DictType.objects.get_or_create(code="new_form", defaults={"name": "新就业形态类别"})
    item, _ = DictItem.objects.get_or_create(dict_type=dtype, value=value, defaults={"label": value})
    return item


class PortalServicesGate(testing.ServiceGateCase):
    module = services

    def _as(self, person: Person) -> None:
        # the three actors act as this worker (in memory: a gate test's actors are fresh per test)
        for user in (self.insider, self.viewer, self.outsider):
            user.person = person

    def case_bind(self, org: Org) -> dict[str, Any]:
        person = f.person(org, 1)
        return {"name": person.name, "id_number": person.id_number}

    def case_register(self, org: Org) -> dict[str, Any]:
        return {"name": "王新", "id_number": f.id_number(9001), "employer": f.enterprise(org, 1)}

    def _registration(self, org: Org) -> SelfRegistration:
        user = User.objects.create_user(username=f"w{org.pk}", password="x")
        row = SelfRegistration(
            user=user, name="王新", id_number=f.id_number(9002), employer=f.enterprise(org, 2), org=org
        )
        row.full_clean()
        row.save()
        return row

    def case_registration_confirm(self, org: Org) -> dict[str, Any]:
        return {"registration": self._registration(org)}

    def case_registration_return(self, org: Org) -> dict[str, Any]:
        return {"registration": self._registration(org), "reason": "身份证照片不清楚"}

    def case_membership_apply(self, org: Org) -> dict[str, Any]:
        person = f.person(org, 3, employer=f.enterprise(org, 3), is_union_member=False)
        self._as(person)
        return {}

    def _application(self, org: Org) -> MembershipApplication:
        person = f.person(org, 4, is_union_member=False)
        return MembershipApplication.objects.create(
            person=person, route="area", org=org, submitted_on=date(2026, 1, 5), due_on=date(2026, 1, 12)
        )

    def case_membership_approve(self, org: Org) -> dict[str, Any]:
        return {"application": self._application(org)}

    def case_membership_return(self, org: Org) -> dict[str, Any]:
        return {"application": self._application(org), "reason": "请补充劳动关系证明"}


# --- the rules ------------------------------------------------------------------------------------
pytestmark = pytest.mark.django_db
PHONE = "13912345678"


def _sent_code(phone: str = PHONE) -> str:
    body = TextMessage.objects.filter(phone_tail=phone[-4:]).order_by("-id").first().body  # type: ignore[union-attr]
    return body.split("验证码是 ")[1][:6]


def test_a_code_signs_in_once_and_creates_the_workers_account(db: Any) -> None:
    services.send_code(phone=PHONE)
    code = _sent_code()
    user = services.verify_code(phone=PHONE, code=code)
    assert user.phone == PHONE and user.roles.filter(code="worker").exists()
    assert not user.has_usable_password()
    with pytest.raises(ValidationError, match="已使用过"):
        services.verify_code(phone=PHONE, code=code)
    # the same number signs in to the same account next time
    OneTimeCode.objects.update(created_at=timezone.now() - timedelta(minutes=2))
    services.send_code(phone=PHONE)
    assert services.verify_code(phone=PHONE, code=_sent_code()).pk == user.pk
    # the code is stored only as a keyed hash
    assert all(code not in row.code_hash for row in OneTimeCode.objects.all())


def test_an_expired_code_is_refused(db: Any) -> None:
    now = timezone.now()
    services.send_code(phone=PHONE, now=now)
    code = _sent_code()
    with pytest.raises(ValidationError, match="已过期"):
        services.verify_code(phone=PHONE, code=code, now=now + timedelta(seconds=300))
    # one second before the end it still works
    services.send_code(phone=PHONE, now=now + timedelta(seconds=400))
    assert services.verify_code(phone=PHONE, code=_sent_code(), now=now + timedelta(seconds=699))


def test_five_wrong_codes_lock_the_number_and_the_lock_ends(db: Any) -> None:
    now = timezone.now()
    services.send_code(phone=PHONE, now=now)
    code = _sent_code()
    wrong = "000000" if code != "000000" else "111111"
    for left in (4, 3, 2, 1):
        with pytest.raises(ValidationError, match=f"还可以再试 {left} 次"):
            services.verify_code(phone=PHONE, code=wrong, now=now)
    with pytest.raises(ValidationError, match="已暂时锁定"):
        services.verify_code(phone=PHONE, code=wrong, now=now)
    # locked: even the right code is refused, and no new code is sent
    with pytest.raises(ValidationError, match="已暂时锁定"):
        services.verify_code(phone=PHONE, code=code, now=now + timedelta(seconds=10))
    with pytest.raises(ValidationError, match="已暂时锁定"):
        services.send_code(phone=PHONE, now=now + timedelta(minutes=29))
    # after 30 minutes the number may ask again
    later = now + timedelta(minutes=31)
    services.send_code(phone=PHONE, now=later)
    assert services.verify_code(phone=PHONE, code=_sent_code(), now=later)


def test_sending_is_throttled_and_a_bad_number_is_refused(db: Any) -> None:
    now = timezone.now()
    services.send_code(phone=PHONE, now=now)
    with pytest.raises(ValidationError, match="秒后再重新获取"):
        services.send_code(phone=PHONE, now=now + timedelta(seconds=59))
    for i in range(1, 10):
        services.send_code(phone=PHONE, now=now + timedelta(minutes=2 * i))
    with pytest.raises(ValidationError, match="次数已达上限"):
        services.send_code(phone=PHONE, now=now + timedelta(minutes=30))
    with pytest.raises(ValidationError, match="手机号码无效"):
        services.send_code(phone="1234")
    with pytest.raises(ValidationError, match="请先获取验证码"):
        services.verify_code(phone="13700001111", code="123456")


@override_settings(CHANGAI_SMS_BACKEND="portal.sms.FailingBackend")
def test_a_failed_text_message_is_said_and_recorded(db: Any) -> None:
    with pytest.raises(ValidationError, match="短信发送失败"):
        services.send_code(phone=PHONE)
    assert TextMessage.objects.get().ok is False


# --- binding ------------------------------------------------------------------------------------
@pytest.fixture
def tree(db: Any) -> dict[str, Org]:
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="R"))
    town = Org.objects.add_child(root, instance=Org(name="甲街道总工会", kind="subdistrict", code="A"))
    other = Org.objects.add_child(root, instance=Org(name="乙街道总工会", kind="subdistrict", code="B"))
    unit = Org.objects.add_child(town, instance=Org(name="甲企业工会", kind="enterprise", code="A1"))
    return {"root": root, "town": town, "other": other, "unit": unit}


def _worker(phone: str = PHONE) -> User:
    services.send_code(phone=phone)
    return services.verify_code(phone=phone, code=_sent_code(phone))


def test_binding_needs_name_and_number_to_match_and_does_not_say_which_is_wrong(tree: dict[str, Org]) -> None:
    person = f.person(tree["unit"], 1)
    user = _worker()
    assert services.bind(actor=user, name="李四", id_number=person.id_number) is None
    assert services.bind(actor=user, name=person.name, id_number=f.id_number(777)) is None
    with pytest.raises(ValidationError, match=r"校验码|公民身份号码"):
        services.bind(actor=user, name=person.name, id_number="320113199001011234")
    assert services.bind(actor=user, name=person.name, id_number=person.id_number.lower()) == person
    user.refresh_from_db()
    assert user.person == person and user.org == tree["unit"]
    # his scope now covers his own record and nobody else's
    other = f.person(tree["unit"], 2)
    assert list(Person.objects.visible_to(user).values_list("pk", flat=True)) == [person.pk]
    assert not Person.objects.visible_to(user).filter(pk=other.pk).exists()
    # a second account cannot take the same record
    second = _worker("13912345679")
    with pytest.raises(ValidationError, match="已绑定其他账号"):
        services.bind(actor=second, name=person.name, id_number=person.id_number)


def test_five_wrong_bindings_a_day_are_the_limit(tree: dict[str, Org]) -> None:
    person = f.person(tree["unit"], 1)
    user = _worker()
    for _ in range(5):
        assert services.bind(actor=user, name="错名", id_number=person.id_number) is None
    with pytest.raises(ValidationError, match="次数已达上限"):
        services.bind(actor=user, name=person.name, id_number=person.id_number)
    assert AuditEntry.objects.filter(actor=user, action="login_failed").count() == 5


def _staff(org: Org, perms: list[str], code: str = "staff") -> User:
    from django.contrib.auth.models import Permission

    role, _ = Role.objects.get_or_create(code=code, defaults={"name": code, "data_scope": "subtree"})
    for name in perms:
        app, codename = name.split(".")
        role.permissions.add(Permission.objects.get(content_type__app_label=app, codename=codename))
    user = User.objects.create_user(username=f"{code}-{org.code}", password="x", org=org)
    user.roles.add(role)
    return user


def test_a_self_registration_is_confirmed_by_the_union_that_would_receive_him(tree: dict[str, Org]) -> None:
    employer = f.enterprise(tree["unit"], 1)
    user = _worker()
    reg = services.register(actor=user, name="王新", id_number=f.id_number(31), employer=employer, job="焊工")
    assert reg.org == tree["unit"] and reg.status == "submitted"
    with pytest.raises(ValidationError, match="等待工会确认"):
        services.register(actor=user, name="王新", id_number=f.id_number(31), employer=employer)
    chair = _staff(tree["unit"], ["portal.review_selfregistration", "core.add_person", "core.view_person"], "chair")
    other = _staff(tree["other"], ["portal.review_selfregistration", "core.add_person"], "other")
    with pytest.raises(Exception, match="数据范围"):
        services.registration_confirm(actor=other, registration=reg)
    person = services.registration_confirm(actor=chair, registration=reg)
    user.refresh_from_db()
    assert user.person == person and person.employer == employer and not person.is_union_member
    assert person.phone == PHONE
    reg.refresh_from_db()
    assert reg.status == "approved" and reg.person == person


def test_a_registration_of_a_known_number_binds_to_the_record_without_telling_the_worker(tree: dict[str, Org]) -> None:
    known = f.person(tree["unit"], 1)
    user = _worker()
    reg = services.register(
        actor=user, name=known.name, id_number=known.id_number, place=tree["town"], platform="某小店"
    )
    chair = _staff(tree["town"], ["portal.review_selfregistration", "core.add_person"], "t")
    assert services.registration_confirm(actor=chair, registration=reg) == known
    assert Person.objects.count() == 1
    # a name that does not match the registered number is the union's to check, not bound
    user2 = _worker("13912345670")
    reg2 = services.register(
        actor=user2, name="冒名", id_number=f.person(tree["unit"], 2).id_number, place=tree["town"], platform="某小店"
    )
    with pytest.raises(ValidationError, match="姓名不符"):
        services.registration_confirm(actor=chair, registration=reg2)
    with pytest.raises(ValidationError, match="退回理由"):
        services.registration_return(actor=chair, registration=reg2, reason="  ")
    returned = services.registration_return(actor=chair, registration=reg2, reason="姓名与身份证不符")
    assert returned.status == "returned"
    with pytest.raises(ValidationError, match="不能退回"):
        services.registration_return(actor=chair, registration=reg, reason="已确认的不能再退回")


# --- routing and membership -----------------------------------------------------------------------
def test_routing_by_the_org_tree(tree: dict[str, Org]) -> None:
    rider = _category("rider")
    with_union = f.enterprise(tree["unit"], 1)
    without = f.enterprise(tree["town"], 2)  # no union of its own: attached to the sub-district's
    assert routing.route(employer=with_union) == ("enterprise", tree["unit"])
    assert routing.route(employer=without) == ("area", tree["town"])
    assert routing.route(place=tree["other"], category=rider) == ("area", tree["other"])
    industry = Org.objects.add_child(tree["root"], instance=Org(name="快递外卖行业工会", kind="industry", code="I"))
    industry.serves_new_form.add(rider)
    assert routing.route(place=tree["other"], category=rider) == ("industry", industry)
    assert routing.route(place=tree["other"], category=_category("truck")) == ("area", tree["other"])
    # an industry union nearer the worker wins over one above
    nearer = Org.objects.add_child(tree["other"], instance=Org(name="乙街道新业态联合工会", kind="other", code="B9"))
    nearer.serves_new_form.add(rider)
    assert routing.route(place=tree["other"], category=rider) == ("area", nearer)
    # an employer with a union keeps its union even for a courier
    assert routing.route(employer=with_union, category=rider) == ("enterprise", tree["unit"])
    # nothing below the federation: the district
    assert routing.route(place=tree["root"]) == ("district", tree["root"])


def _bound(tree: dict[str, Org], **extra: Any) -> User:
    person = f.person(extra.pop("org", tree["town"]), 5, **extra)
    user = _worker()
    services.bind(actor=user, name=person.name, id_number=person.id_number)
    user.refresh_from_db()
    return user


def test_a_rider_joins_through_the_industry_union_answered_in_working_days(tree: dict[str, Org]) -> None:
    rider = _category("rider")
    industry = Org.objects.add_child(tree["root"], instance=Org(name="快递外卖行业工会", kind="industry", code="I"))
    industry.serves_new_form.add(rider)
    user = _bound(tree, is_union_member=False, new_form_category=rider, platform="某外卖平台")
    # submitted on Friday 2026-09-25; 国庆 1–8 October off, Sunday 9-27 and Saturday 10-10 worked
    for day in range(1, 9):
        Holiday.objects.create(day=date(2026, 10, day), name="国庆节")
    Holiday.objects.create(day=date(2026, 9, 27), kind="work", name="国庆节")
    Holiday.objects.create(day=date(2026, 10, 10), kind="work", name="国庆节")
    from unittest import mock

    with mock.patch("portal.services.today", return_value=date(2026, 9, 25)):
        app = services.membership_apply(actor=user, place=tree["other"])
    # working days after 9-25: 9-27 (worked Sunday), 9-28, 9-29, 9-30, 10-9 → due 10-9
    assert (app.kind, app.route, app.org, app.due_on) == ("join", "industry", industry, date(2026, 10, 9))
    with pytest.raises(ValidationError, match="待确认的申请"):
        services.membership_apply(actor=user, place=tree["other"])
    # the reminder goes out once, when the due day is the next working day (9-30: the holiday follows)
    reviewer = _staff(industry, ["portal.review_membershipapplication", "core.change_person"], "ind")
    reviewer.phone = "13800001234"
    reviewer.save()
    assert services.remind_due(date(2026, 9, 29)) == []
    assert [a.pk for a in services.remind_due(date(2026, 9, 30))] == [app.pk]
    assert services.remind_due(date(2026, 10, 8)) == []
    assert TextMessage.objects.filter(phone_tail="1234").count() == 1
    # approved: a member of the industry union with a card
    approved = services.membership_approve(actor=reviewer, application=app)
    person = Person.objects.get(pk=user.person_id)
    assert person.is_union_member and person.org == industry and person.joined_union_on is not None
    assert approved.card_no.startswith("HY") and approved.status == "approved"
    with pytest.raises(ValidationError, match="不能确认"):
        services.membership_approve(actor=reviewer, application=approved)


def test_a_transfer_keeps_the_card_and_the_history(tree: dict[str, Org]) -> None:
    user = _bound(tree, org=tree["unit"], employer=f.enterprise(tree["unit"], 1), is_union_member=False)
    chair = _staff(tree["unit"], ["portal.review_membershipapplication", "core.change_person"], "c")
    first = services.membership_apply(actor=user)
    assert (first.route, first.org) == ("enterprise", tree["unit"])
    card = services.membership_approve(actor=chair, application=first).card_no
    user.refresh_from_db()
    # now a member: the same page asks for a transfer, to a new employer's union
    new_unit = Org.objects.add_child(tree["other"], instance=Org(name="乙企业工会", kind="enterprise", code="B1"))
    with pytest.raises(ValidationError, match="新的工作单位"):
        services.membership_apply(actor=user)
    with pytest.raises(ValidationError, match="不需要转接"):
        services.membership_apply(actor=user, employer=f.enterprise(tree["unit"], 2))
    move = services.membership_apply(actor=user, employer=f.enterprise(new_unit, 3))
    assert (move.kind, move.org, move.from_org) == ("transfer", new_unit, tree["unit"])
    # the old union cannot accept it; the new one does — the record moves, the card stays
    with pytest.raises(Exception, match="数据范围"):
        services.membership_approve(actor=chair, application=move)
    new_chair = _staff(new_unit, ["portal.review_membershipapplication", "core.change_person"], "n")
    done = services.membership_approve(actor=new_chair, application=move)
    person = Person.objects.get(pk=user.person_id)
    assert done.card_no == card and person.org == new_unit and person.employer.org == new_unit  # type: ignore[union-attr]
    assert MembershipApplication.objects.filter(person=person, status="approved").count() == 2


def test_a_returned_application_says_why_and_another_may_follow(tree: dict[str, Org]) -> None:
    user = _bound(tree, is_union_member=False, employer=f.enterprise(tree["town"], 1))
    staff = _staff(tree["town"], ["portal.review_membershipapplication"], "s")
    app = services.membership_apply(actor=user)
    with pytest.raises(ValidationError, match="退回理由"):
        services.membership_return(actor=staff, application=app, reason="")
    services.membership_return(actor=staff, application=app, reason="请先与用人单位确认劳动关系")
    assert services.membership_apply(actor=user).status == "submitted"


def test_an_unbound_account_cannot_apply(tree: dict[str, Org]) -> None:
    user = _worker()
    with pytest.raises(ValidationError, match="绑定"):
        services.membership_apply(actor=user, place=tree["town"])
