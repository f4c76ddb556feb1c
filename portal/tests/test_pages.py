"""The workers' pages end to end with the test client: sign in with a code, bind, join as a rider,
find the nearest station, ask for legal help (it arrives at the centre's counter), sign up (and wait
when full), vote, read 我的; another worker's case is a 404; the unions answer from the back
office; a worker account lands in the portal, not the back office."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from core.models import DictItem, DictType, Org, User
from core.tests import factories as f
from guidance.models import MicroCourse, Nomination, TopTenSelection, Vote
from kit.dates import today
from legal.models import Case
from legal.tests import factories as lf
from merit.models import Competition, Event, Registration
from portal import services
from portal.models import MembershipApplication, TextMessage
from rights.models import Station
from skills.models import Enrolment, TrainingBase, TrainingClass

pytestmark = pytest.mark.django_db


@pytest.fixture
def district(db: Any) -> dict[str, Any]:
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="R"))
    town = Org.objects.add_child(root, instance=Org(name="甲街道总工会", kind="subdistrict", code="A"))
    unit = Org.objects.add_child(town, instance=Org(name="甲企业工会", kind="enterprise", code="A1"))
    dtype = DictType.objects.create(code="new_form", name="新就业形态类别")
    rider = DictItem.objects.create(dict_type=dtype, value="rider", label="外卖骑手")
    industry = Org.objects.add_child(root, instance=Org(name="快递外卖行业工会", kind="industry", code="I"))
    industry.serves_new_form.add(rider)
    # siblings are kept in name order (treebeard): the paths moved when the industry union came in
    root, town, unit, industry = (Org.objects.get(pk=o.pk) for o in (root, town, unit, industry))
    return {"root": root, "town": town, "unit": unit, "rider": rider, "industry": industry}


def sign_in(client: Client, phone: str = "13912345678") -> User:
    page = client.post("/portal/login/", {"phone": phone})
    assert "验证码已发送到尾号" in page.content.decode()
    body = TextMessage.objects.filter(phone_tail=phone[-4:]).latest("id").body
    code = body.split("验证码是 ")[1][:6]
    done = client.post("/portal/login/", {"phone": phone, "code": code})
    assert done.status_code == 302
    return User.objects.get(phone_bidx=User(phone=phone).phone_bidx or _bidx(phone))


def _bidx(phone: str) -> str:
    from kit.pii import blind_index

    return blind_index(phone, kind="phone")


def test_a_rider_signs_in_binds_joins_and_sees_it_under_mine(district: dict[str, Any]) -> None:
    rider = f.person(
        district["town"], 1, is_union_member=False, new_form_category=district["rider"], platform="某外卖平台"
    )
    client = Client()
    assert client.get("/portal/me/").status_code == 302  # signed out: to the portal's own log-in
    sign_in(client)
    # not bound yet: the pages that need his record send him to bind
    assert client.get("/portal/join/")["Location"] == "/portal/bind/"
    wrong = client.post("/portal/bind/", {"name": "别人", "id_number": rider.id_number})
    assert services.BIND_MISMATCH in wrong.content.decode()
    assert client.post("/portal/bind/", {"name": rider.name, "id_number": rider.id_number}).status_code == 302
    page = client.get("/portal/join/").content.decode()
    assert "申请加入工会" in page
    answer = client.post(
        "/portal/join/", {"employer": "", "category": district["rider"].pk, "place": district["town"].pk}
    )
    assert answer.status_code == 302
    app = MembershipApplication.objects.get()
    assert (app.org, app.route, app.kind) == (district["industry"], "industry", "join")
    page = client.get(answer["Location"]).content.decode()
    assert "快递外卖行业工会" in page and "办理中" in page
    assert "快递外卖行业工会" in client.get("/portal/me/").content.decode()


def test_bad_codes_on_the_page(district: dict[str, Any]) -> None:
    client = Client()
    client.post("/portal/login/", {"phone": "13912345678"})
    page = client.post("/portal/login/", {"phone": "13912345678", "code": "12345"}).content.decode()
    assert "验证码为6位数字" in page
    page = client.post("/portal/login/", {"phone": "13912345678", "code": "999999"}).content.decode()
    assert "验证码不正确" in page or "已使用" in page
    page = client.post("/portal/login/", {"phone": "12"}).content.decode()
    assert "手机号码无效" in page


def test_legal_help_arrives_at_the_counter_and_another_workers_case_is_404(district: dict[str, Any]) -> None:
    person = f.person(district["unit"], 1)
    client = Client()
    user = sign_in(client)
    services.bind(actor=user, name=person.name, id_number=person.id_number)
    dispute = lf.dispute()
    page = client.post("/portal/legal/", {"kind": "aid", "dispute_type": dispute.pk, "facts": "", "employer_name": ""})
    text = page.content.decode()
    assert "这个字段是必填项" in text or "必填" in text
    assert "请选择用人单位，或填写单位名称" in text
    done = client.post(
        "/portal/legal/",
        {"kind": "aid", "dispute_type": dispute.pk, "facts": "拖欠工资", "employer_name": "某公司", "amount": "8000"},
    )
    case = Case.objects.get()
    assert done["Location"] == f"/portal/legal/cases/{case.pk}/"
    assert case.org == district["root"] and case.channel == "portal" and case.amount == Decimal("8000")
    assert case.number in client.get(done["Location"]).content.decode()
    # the legal-aid counter (a supervisor of the centre) sees it in its list
    staff = User.objects.create_superuser(username="centre", password="x")
    counter = Client()
    counter.force_login(staff)
    assert case.number in counter.get("/legal/case/").content.decode()
    # another worker: 404 on the page, nothing in his list
    neighbour = f.person(district["unit"], 2)
    other = Client()
    other_user = sign_in(other, "13912345679")
    services.bind(actor=other_user, name=neighbour.name, id_number=neighbour.id_number)
    assert other.get(f"/portal/legal/cases/{case.pk}/").status_code == 404
    assert case.number not in other.get("/portal/legal/cases/").content.decode()
    assert other.get(f"/api/v1/legal/cases/{case.pk}/").status_code == 404


def test_sign_up_for_a_class_then_wait_when_full(district: dict[str, Any]) -> None:
    base = TrainingBase.objects.create(name="基地", partner="学院", plaque_on=date(2021, 1, 1), org=district["root"])
    klass = TrainingClass.objects.create(
        base=base,
        name="急救培训班",
        starts_on=today() + timedelta(days=10),
        ends_on=today() + timedelta(days=11),
        capacity=1,
        org=district["root"],
    )
    past = TrainingClass.objects.create(
        base=base, name="往期班", starts_on=date(2022, 1, 1), ends_on=date(2022, 1, 2), capacity=5, org=district["root"]
    )
    first, second = f.person(district["unit"], 1), f.person(district["unit"], 2)
    c1, c2 = Client(), Client()
    for client, person, phone in ((c1, first, "13912345678"), (c2, second, "13912345679")):
        services.bind(actor=sign_in(client, phone), name=person.name, id_number=person.id_number)
    page = c1.get("/portal/signup/").content.decode()
    assert "急救培训班" in page and "往期班" not in page
    c1.post(f"/portal/signup/class/{klass.pk}/")
    c2.post(f"/portal/signup/class/{klass.pk}/")
    assert Enrolment.objects.get(person=first).status == "enrolled"
    assert Enrolment.objects.get(person=second).status == "waiting"
    assert "候补" in c2.get("/portal/me/").content.decode()
    # a class that has started, or a worker's attempt on someone else's enrolment: 404
    assert c1.post(f"/portal/signup/class/{past.pk}/").status_code == 404
    theirs = Enrolment.objects.get(person=second)
    assert c1.post(f"/portal/signup/class/{theirs.pk}/cancel/").status_code == 404
    # the first cancels: the second is promoted
    mine = Enrolment.objects.get(person=first)
    c1.post(f"/portal/signup/class/{mine.pk}/cancel/")
    assert Enrolment.objects.get(person=second).status == "enrolled"


def test_a_district_competition_is_open_to_workers_and_to_their_enterprise_union(district: dict[str, Any]) -> None:
    comp = Competition.objects.create(
        name="快递员技能竞赛",
        tier="district",
        organisers="区总工会",
        starts_on=today() + timedelta(days=30),
        ends_on=today() + timedelta(days=30),
        org=district["root"],
        status="registration",
    )
    event = Event.objects.create(competition=comp, name="分拣")
    person = f.person(district["unit"], 1)
    client = Client()
    services.bind(actor=sign_in(client), name=person.name, id_number=person.id_number)
    assert "快递员技能竞赛" in client.get("/portal/signup/").content.decode()
    client.post(f"/portal/signup/event/{event.pk}/")
    assert Registration.objects.get().person == person
    # the enterprise union registers another of its workers (issue 19: the event is above its scope)
    from merit import services as merit_services
    from portal.tests.test_services import _staff

    chair = _staff(district["unit"], ["merit.add_registration", "merit.view_registration"], "chair")
    colleague = f.person(district["unit"], 2)
    merit_services.register(actor=chair, event=event, person=colleague)
    assert Registration.objects.count() == 2
    comp.status = "contest"
    comp.save()
    assert client.post(f"/portal/signup/event/{event.pk}/").status_code == 404


def test_find_the_nearest_station_from_a_point_or_a_sub_district(district: dict[str, Any]) -> None:
    from core.models import Region

    town_region = Region.objects.create(name="尧化街道", code="320113004", level=4)
    for code, name, lng, lat in (("S1", "近的驿站", "118.90", "32.10"), ("S2", "远的驿站", "118.99", "32.20")):
        Station.objects.create(
            code=code,
            name=name,
            address="某路1号",
            subdistrict=town_region,
            longitude=Decimal(lng),
            latitude=Decimal(lat),
            opened_on=date(2022, 1, 1),
            org=district["root"],
            phone="025-1234",
        )
    client = Client()
    sign_in(client)  # no binding needed to find a station
    page = client.get("/portal/stations/?lng=118.901&lat=32.101").content.decode()
    assert page.index("近的驿站") < page.index("远的驿站") and "离您的位置最近" in page
    page = client.get(f"/portal/stations/?area={town_region.pk}").content.decode()
    assert "离尧化街道最近" in page
    assert (
        "请提供" in client.get("/portal/stations/?lng=abc&lat=1").content.decode()
        or "格式" in client.get("/portal/stations/?lng=abc&lat=1").content.decode()
    )
    near = Station.objects.get(code="S1")
    detail = client.get(f"/portal/stations/{near.pk}/?lng=118.901&lat=32.101").content.decode()
    assert "导航到这里" in detail and "米" in detail and "tel:025-1234" in detail
    assert client.get("/portal/stations/999999/").status_code == 404


def test_vote_once_a_day(district: dict[str, Any]) -> None:
    now = timezone.now()
    course = MicroCourse.objects.create(
        title="一堂微党课", author="讲师", published_on=date(2022, 5, 1), org=district["root"]
    )
    selection = TopTenSelection.objects.create(
        year=2026,
        title="十佳微党课",
        vote_opens=now - timedelta(days=1),
        vote_closes=now + timedelta(days=1),
        org=district["root"],
    )
    nomination = Nomination.objects.create(selection=selection, course=course)
    person = f.person(district["unit"], 1)
    client = Client()
    services.bind(actor=sign_in(client), name=person.name, id_number=person.id_number)
    client.post("/portal/vote/", {"nomination": nomination.pk})
    client.post("/portal/vote/", {"nomination": nomination.pk})
    assert Vote.objects.count() == 1
    assert "今天已投" in client.get("/portal/vote/").content.decode()


def test_a_worker_lands_in_the_portal_and_the_unions_answer_from_the_back_office(district: dict[str, Any]) -> None:
    person = f.person(district["town"], 1, is_union_member=False, employer=f.enterprise(district["town"], 1))
    client = Client()
    user = sign_in(client)
    services.bind(actor=user, name=person.name, id_number=person.id_number)
    assert client.get("/")["Location"] == "/portal/"
    client.post("/portal/join/", {"employer": person.employer.name})  # type: ignore[union-attr]
    app = MembershipApplication.objects.get()
    assert app.org == district["town"]
    staff = User.objects.create_superuser(username="admin", password="x")
    office = Client()
    office.force_login(staff)
    assert person.name in office.get("/portal/admin/").content.decode()
    assert "确认" in office.get(f"/portal/admin/membershipapplication/{app.pk}/").content.decode()
    office.post(f"/portal/admin/membershipapplication/{app.pk}/decide/", {"decision": "return", "reason": ""})
    app.refresh_from_db()
    assert app.status == "submitted"
    office.post(f"/portal/admin/membershipapplication/{app.pk}/decide/", {"decision": "approve"})
    app.refresh_from_db()
    assert app.status == "approved" and app.card_no
    assert app.card_no in client.get("/portal/card/").content.decode()
    # the outbox shows the codes to staff only
    assert office.get("/portal/admin/outbox/").status_code == 200
    assert client.get("/portal/admin/outbox/").status_code == 403


def test_pages_are_small(district: dict[str, Any]) -> None:
    """Each page well under 200 KB before compression (the stylesheet is cached after the first)."""
    person = f.person(district["unit"], 1)
    client = Client()
    services.bind(actor=sign_in(client), name=person.name, id_number=person.id_number)
    for path in ("/portal/", "/portal/stations/", "/portal/legal/", "/portal/signup/", "/portal/me/", "/portal/join/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert len(response.content) < 200_000, (path, len(response.content))


def test_a_bad_attachment_is_refused_at_its_field_and_nothing_is_filed(district: dict[str, Any]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    person = f.person(district["unit"], 1)
    client = Client()
    services.bind(actor=sign_in(client), name=person.name, id_number=person.id_number)
    fake = SimpleUploadedFile("合同.pdf", b"MZ\x90\x00 this is a program", "application/pdf")
    page = client.post(
        "/portal/legal/",
        {
            "kind": "aid",
            "dispute_type": lf.dispute().pk,
            "facts": "拖欠工资",
            "employer_name": "某公司",
            "attachments": [fake],
        },
    )
    assert page.status_code == 200 and not Case.objects.exists()
    assert "文件类型不符" in page.content.decode()
    six = [SimpleUploadedFile(f"{i}.png", b"x", "image/png") for i in range(6)]
    page = client.post(
        "/portal/legal/",
        {"kind": "aid", "dispute_type": lf.dispute().pk, "facts": "拖欠", "employer_name": "某", "attachments": six},
    )
    assert "最多上传 5 个附件" in page.content.decode() and not Case.objects.exists()


def test_a_worker_downloads_what_is_held_about_him_and_staff_may_look_it_up(district: dict[str, Any]) -> None:
    """PIPL Art 45: the worker's own copy (only his rows), and the union's 个人信息查询, both audited."""
    import json

    from kit.audit.models import AuditEntry

    person, other = f.person(district["unit"], 1), f.person(district["unit"], 2)
    client = Client()
    services.bind(actor=sign_in(client), name=person.name, id_number=person.id_number)
    client.post(
        "/portal/legal/", {"kind": "aid", "dispute_type": lf.dispute().pk, "facts": "欠薪", "employer_name": "某公司"}
    )
    answer = client.get("/portal/me/data/")
    data = json.loads(answer.content.decode())
    titles = {s["title"] for s in data["sections"]}
    assert "职工" in titles and "法律援助案件" in titles
    flat = answer.content.decode()
    assert person.id_number in flat and other.name not in flat and other.id_number not in flat
    assert AuditEntry.objects.filter(action="view_pii", message__startswith="个人信息查询").exists()
    # the union: a user who may see personal data in full, in whose scope he is
    staff = User.objects.create_superuser(username="admin", password="x")
    office = Client()
    office.force_login(staff)
    assert 'id="person-records"' in office.get(f"/system/person/{person.pk}/").content.decode()
    page = office.get(f"/system/person/{person.pk}/records/").content.decode()
    assert person.id_number in page and "法律援助案件" in page
    nobody = User.objects.create_user(username="nobody", password="x")
    plain = Client()
    plain.force_login(nobody)
    assert plain.get(f"/system/person/{person.pk}/records/").status_code == 403
