"""法律援助 through its pages and API, as the people who use it: a case taken from intake through
mediation to closure, another through arbitration; what the employer's union chair, the
federation's general staff and a lawyer not assigned to it may see of a case (nothing: 404 on its
address, counts on the overview); every opening logged; the referral packet."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from core.models import Org, Role, User
from core.tests import factories as f
from kit.dates import today
from kit.models import AuditEntry
from legal.models import Case, CaseDocument
from legal.tests import factories as lf

pytestmark = pytest.mark.django_db


def _user(name: str, org: Org, scope: str, codenames: list[str] | None = None, apps: tuple[str, ...] = ()) -> User:
    role = Role.objects.create(name=name, code=name, data_scope=scope)
    perms = Permission.objects.none()
    if codenames is not None:
        perms = Permission.objects.filter(content_type__app_label="legal", codename__in=codenames)
    if apps:
        perms = perms | Permission.objects.filter(content_type__app_label__in=apps)
    role.permissions.set(perms)
    user = User.objects.create_user(username=name, password="Test@12345", org=org)
    user.roles.set([role])
    return user


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="P0"))
    firm_union = Org.objects.add_child(root, instance=Org(name="甲企业工会", kind="enterprise", code="PA"))
    root = Org.objects.get(pk=root.pk)
    employer = f.enterprise(firm_union, 1)
    worker = f.person(firm_union, 1, employer=employer)
    everything = list(Permission.objects.filter(content_type__app_label="legal").values_list("codename", flat=True))
    supervisor = _user("supervisor", root, "subtree", everything, apps=("core",))
    lawyer_user = _user("lawyer", root, "self", ["view_case", "change_case", "view_casesession", "add_casesession"])
    other_user = _user("other-lawyer", root, "self", ["view_case", "change_case"])
    chair = _user("chair", firm_union, "subtree", [], apps=("core", "rights"))
    staff = _user("staff", root, "subtree", ["view_checkup"], apps=("core",))
    return {
        "root": root,
        "employer": employer,
        "worker": worker,
        "supervisor": supervisor,
        "lawyer": lf.lawyer(root, 1, user=lawyer_user),
        "lawyer_user": lawyer_user,
        "other_lawyer": lf.lawyer(root, 2, user=other_user),
        "other_user": other_user,
        "chair": chair,
        "staff": staff,
    }


def _post(client: Any, url: str, data: dict[str, Any]) -> str:
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def _step(client: Any, case: Case, name: str, comment: str = "") -> str:
    return _post(client, reverse("legal:case_transition", args=[case.pk, name]), {"comment": comment})


def _edit(client: Any, case: Case, **changes: Any) -> None:
    case = Case.objects.get(pk=case.pk)
    data = {
        "channel": case.channel,
        "room": case.room,
        "employer": case.employer_id or "",
        "employer_name": case.employer_name,
        "dispute_type": case.dispute_type_id,
        "facts": case.facts,
        "claims": case.claims,
        "amount": str(case.amount),
        "workers_involved": case.workers_involved,
        "applied_on": case.applied_on.isoformat(),
        "org": case.org_id,
        "_version": case.version,
        **{k: v for k, v in (("poor", "on" if case.poor else ""), ("lawyer", case.lawyer_id or "")) if v},
        **changes,
    }
    response = client.post(reverse("legal:case_edit", args=[case.pk]), data)
    assert response.status_code == 302, response.context["form"].errors


def test_a_mediation_case_from_intake_to_closure_through_the_pages(client: Any, world: dict) -> None:
    client.force_login(world["supervisor"])
    response = client.post(
        reverse("legal:case_add"),
        {
            "applicant_id_number": world["worker"].id_number,
            "channel": "counter",
            "room": "mediation",
            "employer": world["employer"].pk,
            "dispute_type": lf.dispute().pk,
            "facts": "拖欠三个月工资",
            "claims": "支付工资 18000 元",
            "amount": "18000.00",
            "workers_involved": 1,
            "applied_on": (today() - timedelta(days=20)).isoformat(),
            "org": world["root"].pk,
            "poor": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.get()
    assert case.applicant == world["worker"] and case.employer_name == world["employer"].name
    assert "决定援助" in _step(client, case, "accept")
    _edit(client, case, lawyer=world["lawyer"].pk, poor="on")
    _step(client, case, "assign")
    _edit(
        client,
        case,
        lawyer=world["lawyer"].pk,
        poor="on",
        mediation_received_on=(today() - timedelta(days=15)).isoformat(),
    )
    page = client.get(reverse("legal:case_detail", args=[case.pk])).content.decode()
    assert 'id="deadlines"' in page and "调解期满，可申请仲裁" in page
    # the lawyer records the session and the outcome
    client.force_login(world["lawyer_user"])
    _post(
        client,
        reverse("legal:casesession_add"),
        {"case": case.pk, "kind": "mediation", "held_on": today().isoformat(), "handler": "调解员"},
    )
    _edit(
        client,
        case,
        lawyer=world["lawyer"].pk,
        poor="on",
        mediation_received_on=(today() - timedelta(days=15)).isoformat(),
        outcome="mediated",
        outcome_on=today().isoformat(),
        amount_recovered="18000",
    )
    _step(client, case, "conclude")
    assert "结案报告" in _step(client, case, "close")  # refused: no closing report yet
    client.force_login(world["supervisor"])
    _post(
        client,
        reverse("legal:casedocument_add"),
        {"case": case.pk, "kind": "closing", "title": "结案报告", "file": lf.pdf("结案报告.pdf")},
    )
    _step(client, case, "close")
    case.refresh_from_db()
    assert case.status == "closed" and case.closed_on == today()
    overview = client.get(reverse("legal:overview") + f"?date={today().isoformat()}").content.decode()
    assert "依法审结案件" in overview


def test_an_arbitration_case_after_a_failed_mediation(client: Any, world: dict) -> None:
    case = lf.case(
        world["root"],
        applicant=world["worker"],
        employer=world["employer"],
        poor=True,
        lawyer=world["lawyer"],
        status="assigned",
        mediation_received_on=today() - timedelta(days=5),
    )
    client.force_login(world["lawyer_user"])
    url = reverse("legal:case_to_arbitration", args=[case.pk])
    assert "方可申请仲裁" in _post(client, url, {"received_on": today().isoformat()})
    _edit(
        client,
        case,
        lawyer=world["lawyer"].pk,
        poor="on",
        mediation_failed_on=today().isoformat(),
        mediation_received_on=(today() - timedelta(days=5)).isoformat(),
    )
    assert "已转入仲裁庭" in _post(client, url, {"received_on": today().isoformat()})
    case.refresh_from_db()
    assert case.room == "arbitration"
    page = client.get(reverse("legal:case_detail", args=[case.pk])).content.decode()
    assert "仲裁委决定是否受理" in page


def test_only_the_handlers_and_supervisors_open_a_case_and_every_opening_is_logged(client: Any, world: dict) -> None:
    mediation = lf.case(world["root"], applicant=world["worker"], employer=world["employer"], lawyer=world["lawyer"])
    arbitration = lf.case(world["root"], 2, applicant=world["worker"], employer=world["employer"], room="arbitration")
    for case in (mediation, arbitration):
        for who in ("chair", "staff"):
            client.force_login(world[who])
            assert client.get(reverse("legal:case_detail", args=[case.pk])).status_code == 404
            assert client.get(reverse("legal:case_edit", args=[case.pk])).status_code == 404
            assert client.get(f"/api/v1/legal/cases/{case.pk}/").status_code == 404
            assert client.get("/api/v1/legal/cases/").status_code == 403
    client.force_login(world["other_user"])  # a lawyer, not this case's
    assert client.get(reverse("legal:case_detail", args=[mediation.pk])).status_code == 404
    assert client.get(f"/api/v1/legal/cases/{mediation.pk}/").status_code == 404
    assert client.get("/api/v1/legal/cases/").json()["count"] == 0
    client.force_login(world["lawyer_user"])
    assert client.get(reverse("legal:case_detail", args=[mediation.pk])).status_code == 200
    assert client.get(reverse("legal:case_detail", args=[arbitration.pk])).status_code == 404
    assert [c["id"] for c in client.get("/api/v1/legal/cases/").json()["results"]] == [mediation.pk]
    client.force_login(world["supervisor"])
    assert client.get(f"/api/v1/legal/cases/{arbitration.pk}/").status_code == 200
    views = AuditEntry.objects.filter(action="view", object_type="legal.case")
    assert {(e.actor.username, e.object_id) for e in views} == {
        ("lawyer", str(mediation.pk)),
        ("supervisor", str(arbitration.pk)),
    }
    # the general staff see the figures, not the cases
    client.force_login(world["staff"])
    lf.case(world["root"], 3, status="closed", closed_on=today(), amount=Decimal("12345.60"))
    page = client.get(reverse("legal:overview")).content.decode()
    assert 'id="counts-only"' in page and "依法审结案件" in page and "12345.60" in page
    assert "overdue-deadlines" not in page


def test_the_referral_packet_holds_the_letter_and_the_cases_papers(client: Any, world: dict) -> None:
    case = lf.case(world["root"], lawyer=world["lawyer"])
    document = lf.document(world["root"], case=case, title="工资条")
    referral = lf.referral(world["root"], direction="out", case=case)
    client.force_login(world["supervisor"])
    response = client.get(reverse("legal:referral_packet", args=[referral.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert names[0] in ("协作函.pdf", "协作函.html") and len(names) == 2 and names[1].startswith("材料/01-证据-")
    assert AuditEntry.objects.filter(action="export", object_id=str(referral.pk)).exists()
    assert CaseDocument.objects.filter(pk=document.pk).exists()
    client.force_login(world["chair"])
    assert client.get(reverse("legal:referral_packet", args=[referral.pk])).status_code in (403, 404)


def test_the_overview_lists_passed_and_near_limits_of_the_cases_one_may_open(client: Any, world: dict) -> None:
    late = lf.case(world["root"], applied_on=date(2023, 3, 1), lawyer=world["lawyer"])  # decision due 3月8日
    hidden = lf.case(world["root"], 2, applied_on=date(2023, 3, 1))
    client.force_login(world["lawyer_user"])
    page = client.get(reverse("legal:overview")).content.decode()
    assert str(late) in page and str(hidden) not in page
    client.force_login(world["supervisor"])
    page = client.get(reverse("legal:overview")).content.decode()
    assert str(late) in page and str(hidden) in page
