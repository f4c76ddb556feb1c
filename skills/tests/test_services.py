"""skills.services: every service refused at the gate (kit.testing.ServiceGateCase), and the rules
they enforce — prize bands rounded 四舍五入 (quota 15: 3 / 5 / 7), ties at a boundary sharing the
better prize, capacity with a waiting list that moves up however a place frees, eligibility as
the organiser's decision only."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from core.models import Org, Role, User
from core.tests import factories as f
from kit import testing
from kit.models import AuditEntry
from kit.testing.scoring import closed_round
from skills import services
from skills.models import Enrolment, SelectionRound, Session, Submission, TrainingClass
from skills.tests.test_entities import base, selection, submission

FUTURE = date(2030, 3, 1)


def open_class(org: Org, n: int = 0, capacity: int = 30) -> TrainingClass:
    return TrainingClass.objects.create(
        base=base(org, 60 + n),
        name=f"待开班次{org.code}-{n}",
        starts_on=FUTURE,
        ends_on=FUTURE + timedelta(days=9),
        capacity=capacity,
        org=org,
    )


def enrolled(org: Org, n: int = 0) -> Enrolment:
    return Enrolment.objects.create(training_class=open_class(org, n), person=f.person(org, 600 + n))


def reviewed(org: Org, scores: list[int], quota: int) -> SelectionRound:
    """A selection under review whose expert round is signed off with `scores` (one per entry)."""
    today = date.today()
    sel = SelectionRound.objects.create(
        kind="method",
        year=2031,
        title=f"先进操作法评选{org.code}",
        quota=quota,
        submission_closes=today + timedelta(days=30),
        publicity_starts=today,
        publicity_ends=today + timedelta(days=7),
        org=org,
    )
    subs = [
        Submission.objects.create(
            round=sel,
            enterprise=f.enterprise(org, 700 + i),
            title=f"操作法{i}",
            summary="降本增效",
            eligibility="eligible",
            org=org,
        )
        for i in range(len(scores))
    ]
    rnd = closed_round(org=org, purpose="selection", subjects=list(zip(subs, scores, strict=True)))
    SelectionRound.objects.filter(pk=sel.pk).update(status=SelectionRound.Status.REVIEW, scoring_round=rnd)
    return SelectionRound.objects.get(pk=sel.pk)


class SkillsServicesGate(testing.ServiceGateCase):
    module = services
    apps = ("skills",)

    def case_enrol(self, org: Org) -> dict[str, Any]:
        return {"training_class": open_class(org), "person": f.person(org, 1)}

    def case_enrol_many(self, org: Org) -> dict[str, Any]:
        return {"training_class": open_class(org), "people": [f.person(org, 2), f.person(org, 3)]}

    def case_cancel_enrolment(self, org: Org) -> dict[str, Any]:
        return {"enrolment": enrolled(org, 4)}

    def case_enrolment_delete(self, org: Org) -> dict[str, Any]:
        return {"enrolment": enrolled(org, 5)}

    def case_complete_class(self, org: Org) -> dict[str, Any]:
        return {"training_class": enrolled(org, 6).training_class}

    def case_record_attendance(self, org: Org) -> dict[str, Any]:
        row = enrolled(org, 7)
        session = Session.objects.create(training_class=row.training_class, held_on=FUTURE, topic="安全操作")
        return {"session": session, "enrolment": row}

    def case_check_eligibility(self, org: Org) -> dict[str, Any]:
        return {"submission": submission(org, 1), "eligible": True}

    def case_start_review(self, org: Org) -> dict[str, Any]:
        sel = selection(org, 3)
        sub = submission(org, 2)
        Submission.objects.filter(pk=sub.pk).update(round=sel, eligibility="eligible")
        expert = User.objects.create_user(username="expert", password="Test@12345", org=self.root)
        return {"selection": sel, "experts": [expert]}

    def case_publicize(self, org: Org) -> dict[str, Any]:
        return {"selection": reviewed(org, [90, 80, 70], quota=2)}


# --- the rules ------------------------------------------------------------------------------------
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("quota", "bands"),
    [
        (15, [("first", 3), ("second", 8), ("third", 15)]),  # 4.5 → 5 second prizes (half-to-even gave 4)
        (5, [("first", 1), ("second", 3), ("third", 5)]),  # 1.5 → 2
        (25, [("first", 5), ("second", 13), ("third", 25)]),  # 7.5 → 8
        (3, [("first", 1), ("second", 2), ("third", 3)]),
        (2, [("first", 1), ("second", 2), ("third", 2)]),  # at least one first prize
        (1, [("first", 1), ("second", 1), ("third", 1)]),
        (0, []),
    ],
)
def test_prize_bands_round_half_up_within_the_quota(quota: int, bands: list[tuple[str, int]]) -> None:
    assert services.prize_bands(quota) == bands


def test_entries_tied_at_a_band_boundary_share_the_better_prize() -> None:
    admin = User.objects.create_superuser(username="root", password="Test@12345")
    org = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="P0"))
    sel = reviewed(org, [90, 85, 85, 60], quota=3)  # bands: 1 first, 1 second (ranks ≤ 2), third up to rank 3
    winners = services.publicize(actor=admin, selection=sel)
    prizes = sorted((s.title, s.prize) for s in Submission.objects.filter(round=sel))
    assert prizes == [("操作法0", "first"), ("操作法1", "second"), ("操作法2", "second"), ("操作法3", "")]
    assert len(winners) == 3  # the quota counts places: the tie at rank 2 took the third place
    assert SelectionRound.objects.get(pk=sel.pk).status == SelectionRound.Status.PUBLICITY
    assert AuditEntry.objects.filter(object_type="skills.submission", message="拟表彰").count() == 3


def test_publicity_needs_a_signed_off_review() -> None:
    admin = User.objects.create_superuser(username="root", password="Test@12345")
    org = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="P1"))
    sel = reviewed(org, [90], quota=1)
    from kit.models import ScoringRound

    ScoringRound.objects.filter(pk=sel.scoring_round_id).update(status="open")
    with pytest.raises(ValidationError, match="尚未签字确认"):
        services.publicize(actor=admin, selection=sel)
    assert not Submission.objects.exclude(prize="").exists()


@pytest.fixture
def classroom(db: Any) -> dict[str, Any]:
    org = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="C0"))
    role = Role.objects.create(name="培训管理", code="training", data_scope="subtree")
    role.permissions.set(
        Permission.objects.filter(content_type__app_label="skills")
        | Permission.objects.filter(content_type__app_label="core", codename__startswith="view_")
    )
    staff = User.objects.create_user(username="staff", password="Test@12345", org=org)
    staff.roles.set([role])
    klass = open_class(org, capacity=2)
    people = [f.person(org, i) for i in range(4)]
    rows = [services.enrol(actor=staff, training_class=klass, person=p) for p in people]
    return {"staff": staff, "class": klass, "rows": rows}


def test_beyond_the_capacity_workers_wait_in_order(classroom: dict[str, Any]) -> None:
    assert [r.status for r in classroom["rows"]] == ["enrolled", "enrolled", "waiting", "waiting"]


def test_deleting_an_enrolment_on_the_page_promotes_the_first_waiting(client: Any, classroom: dict[str, Any]) -> None:
    client.force_login(classroom["staff"])
    first, _second, waiting, last = classroom["rows"]
    response = client.post(reverse("skills:enrolment_delete", args=[first.pk]))
    assert response.status_code == 302
    assert not Enrolment.objects.filter(pk=first.pk).exists()
    assert Enrolment.objects.get(pk=waiting.pk).status == "enrolled"
    assert Enrolment.objects.get(pk=last.pk).status == "waiting"


def test_deleting_an_enrolment_through_the_api_promotes_the_first_waiting(classroom: dict[str, Any]) -> None:
    api = APIClient()
    api.force_authenticate(classroom["staff"])
    first, _second, waiting, _last = classroom["rows"]
    assert api.delete(f"/api/v1/skills/enrolments/{first.pk}/").status_code == 204
    assert Enrolment.objects.get(pk=waiting.pk).status == "enrolled"


def test_enrolling_through_the_api_respects_the_capacity(classroom: dict[str, Any]) -> None:
    api = APIClient()
    api.force_authenticate(classroom["staff"])
    person = f.person(classroom["class"].org, 9)
    response = api.post(
        "/api/v1/skills/enrolments/", {"training_class": classroom["class"].pk, "person": person.pk}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "waiting"


def test_cancelling_a_waiting_enrolment_promotes_nobody(classroom: dict[str, Any]) -> None:
    _first, _second, waiting, last = classroom["rows"]
    assert services.cancel_enrolment(actor=classroom["staff"], enrolment=waiting) is None
    assert Enrolment.objects.get(pk=last.pk).status == "waiting"


def test_a_finished_class_takes_no_enrolment(classroom: dict[str, Any]) -> None:
    klass = classroom["class"]
    TrainingClass.objects.filter(pk=klass.pk).update(starts_on=date(2020, 1, 1), ends_on=date(2020, 1, 5))
    with pytest.raises(ValidationError, match="已结业"):
        services.enrol(
            actor=classroom["staff"],
            training_class=TrainingClass.objects.get(pk=klass.pk),
            person=f.person(klass.org, 8),
        )


def test_completing_a_class_completes_the_enrolled_and_leaves_the_waiting(classroom: dict[str, Any]) -> None:
    assert services.complete_class(actor=classroom["staff"], training_class=classroom["class"]) == 2
    assert sorted(Enrolment.objects.values_list("status", flat=True)) == [
        "completed",
        "completed",
        "waiting",
        "waiting",
    ]
    assert AuditEntry.objects.filter(object_type="skills.enrolment", message="结业").count() == 2


def test_the_submitting_union_cannot_decide_its_own_eligibility() -> None:
    org = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="Q0"))
    sub = submission(org, 1)
    chair = User.objects.create_user(username="chair", password="Test@12345", org=org)
    role = Role.objects.create(name="企业工会", code="chair", data_scope="subtree")
    role.permissions.set(Permission.objects.filter(content_type__app_label="skills", codename__endswith="_submission"))
    chair.roles.set([role])
    with pytest.raises(PermissionDenied):
        services.check_eligibility(actor=chair, submission=sub, eligible=True)
    assert Submission.objects.get(pk=sub.pk).eligibility == "pending"


def test_not_eligible_needs_a_reason() -> None:
    admin = User.objects.create_superuser(username="root", password="Test@12345")
    org = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="Q1"))
    sub = submission(org, 1)
    with pytest.raises(ValidationError):
        services.check_eligibility(actor=admin, submission=sub, eligible=False, reason="")
    services.check_eligibility(actor=admin, submission=sub, eligible=False, reason="非本年度成果")
    assert Submission.objects.get(pk=sub.pk).eligibility == "ineligible"


def test_a_completed_worker_keeps_his_place(classroom: dict[str, Any]) -> None:
    services.complete_class(actor=classroom["staff"], training_class=classroom["class"])
    late = services.enrol(
        actor=classroom["staff"], training_class=classroom["class"], person=f.person(classroom["class"].org, 7)
    )
    assert late.status == "waiting"
