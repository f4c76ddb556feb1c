"""The steps of 维权服务 taken from a record's page, as a district clerk and an enterprise chair:
members added to an enrolment, a claim approved (not by a bare button), workers signed up, hours
recorded, a certificate issued and downloaded — and what another enterprise's chair may not see."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from core.models import Org, Role, User
from core.tests import factories as f
from kit.dates import today
from rights.models import Claim, EnrolledMember, HoursCertificate, RequiredDocument, ServiceHours
from rights.tests import factories as rf

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="P0"))
    a = Org.objects.add_child(root, instance=Org(name="甲企业工会", kind="enterprise", code="PA"))
    b = Org.objects.add_child(
        Org.objects.get(pk=root.pk), instance=Org(name="乙企业工会", kind="enterprise", code="PB")
    )
    a, b, root = (Org.objects.get(pk=o.pk) for o in (a, b, root))
    clerk_role = Role.objects.create(name="区总工会", code="d", data_scope="subtree")
    clerk_role.permissions.set(Permission.objects.filter(content_type__app_label__in=["rights", "core"]))
    chair_role = Role.objects.create(name="企业工会", code="c", data_scope="subtree")
    chair_role.permissions.set(
        Permission.objects.filter(content_type__app_label__in=["rights", "core"], codename__startswith="view_")
    )
    clerk = User.objects.create_user(username="clerk", password="Test@12345", org=root)
    clerk.roles.set([clerk_role])
    chair_b = User.objects.create_user(username="chair-b", password="Test@12345", org=b)
    chair_b.roles.set([chair_role])
    return {"root": root, "a": a, "b": b, "clerk": clerk, "chair_b": chair_b}


def test_members_are_added_from_the_enrolments_page_by_id_number_and_refusals_named(client: Any, world: dict) -> None:
    enrolment = rf.enrolment(world["a"])
    workers = [f.person(world["a"], i) for i in range(3)]
    rf.member(world["a"], person=workers[2], enrolment=rf.enrolment(world["a"], plan=enrolment.plan))
    client.force_login(world["clerk"])
    lines = "\n".join(w.id_number for w in workers) + "\n查无此人"
    response = client.post(reverse("rights:enrolment_members", args=[enrolment.pk]), {"people": lines}, follow=True)
    text = response.content.decode()
    assert "已添加参保职工 2 人" in text
    assert "期间重叠" in text and "查无此人" in text
    assert EnrolledMember.objects.filter(enrolment=enrolment).count() == 2


def test_a_claim_is_approved_with_an_amount_through_its_own_form(client: Any, world: dict) -> None:
    claim = rf.claim(world["a"], documents=["出院记录"])
    RequiredDocument.objects.create(plan=claim.member.enrolment.plan, event_type="hospital", name="出院记录")
    client.force_login(world["clerk"])
    page = client.get(reverse("rights:claim_detail", args=[claim.pk])).content.decode()
    assert 'id="approve-form"' in page
    assert reverse("rights:claim_transition", args=[claim.pk, "approve"]) not in page  # no bare 核准 button
    assert reverse("rights:claim_transition", args=[claim.pk, "return"]) in page
    client.post(reverse("rights:claim_approve", args=[claim.pk]), {"amount": "2600"})
    claim.refresh_from_db()
    assert claim.status == "approved" and claim.amount_approved == Decimal("2600")
    response = client.post(reverse("rights:claim_transition", args=[claim.pk, "pay"]))
    assert response.status_code == 302
    assert Claim.objects.get(pk=claim.pk).paid_on == today()


def test_another_enterprises_chair_sees_neither_the_enrolment_nor_the_claims(client: Any, world: dict) -> None:
    claim = rf.claim(world["a"])
    client.force_login(world["chair_b"])
    assert client.get(reverse("rights:claim_detail", args=[claim.pk])).status_code == 404
    assert client.get(reverse("rights:unitenrolment_detail", args=[claim.member.enrolment_id])).status_code == 404
    listing = client.get(reverse("rights:claim_list")).content.decode()
    assert claim.member.person.name not in listing


def test_hours_recorded_on_the_activitys_page_and_a_certificate_downloaded(client: Any, world: dict) -> None:
    activity = rf.activity(world["a"], held_on=today() - timedelta(days=2))
    volunteer = rf.volunteer(world["a"], team=activity.team)
    client.force_login(world["clerk"])
    client.post(reverse("rights:hours_record", args=[activity.pk]), {"volunteer": volunteer.pk, "hours": "3.5"})
    assert ServiceHours.objects.get().hours == Decimal("3.5")
    response = client.post(
        reverse("rights:certificate_issue", args=[volunteer.pk]),
        {"period_start": (today() - timedelta(days=30)).isoformat(), "period_end": today().isoformat()},
    )
    certificate = HoursCertificate.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/hourscertificate/{certificate.pk}/")
    pdf = client.get(reverse("rights:certificate_pdf", args=[certificate.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content[:4] == b"%PDF"


def test_workers_sign_up_from_the_activitys_page_and_wait_beyond_the_capacity(client: Any, world: dict) -> None:
    activity = rf.activity(world["a"], held_on=today() + timedelta(days=5), capacity=1)
    workers = [f.person(world["a"], 10 + i) for i in range(2)]
    client.force_login(world["clerk"])
    response = client.post(
        reverse("rights:activity_signups", args=[activity.pk]),
        {"people": "\n".join(w.id_number for w in workers)},
        follow=True,
    )
    text = response.content.decode()
    assert f"{workers[0].name}：已报名" in text and f"{workers[1].name}：候补" in text


def test_the_overview_opens_with_an_empty_district(client: Any, world: dict) -> None:
    client.force_login(world["clerk"])
    page = client.get(reverse("rights:overview"))
    assert page.status_code == 200 and "互助保障参保单位" in page.content.decode()
