"""merit.services: every service refused at the gate (kit.testing.ServiceGateCase), and the rules
they enforce — prizes by rank with ties sharing a prize, awards recorded once and written into
the workers' honours through core.services.honour_add, registration only while it is open, a
studio's level following its latest recognition."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from core.models import Org, PersonHonour, User
from core.tests import factories as f
from kit import testing
from kit.models import AuditEntry
from kit.testing.scoring import closed_round
from merit import services
from merit.models import Award, Competition, Event, Registration, Studio
from merit.tests.test_entities import competition, event, studio


def judged(org: Org, scores: list[int], **quotas: Any) -> Event:
    """An event whose contestants (one per score) were judged and signed off; its prize quotas as
    given (default one first prize only)."""
    ev = event(org, 50)
    quotas = {"first_prizes": 1, "second_prizes": 0, "third_prizes": 0, **quotas}
    Event.objects.filter(pk=ev.pk).update(**quotas)
    regs = [Registration.objects.create(event=ev, person=f.person(org, 500 + i), org=org) for i in range(len(scores))]
    rnd = closed_round(org=org, purpose="competition", subjects=list(zip(regs, scores, strict=True)))
    Event.objects.filter(pk=ev.pk).update(scoring_round=rnd)
    return Event.objects.get(pk=ev.pk)


class MeritServicesGate(testing.ServiceGateCase):
    module = services
    apps = ("merit", "core")

    def case_event_setup(self, org: Org) -> dict[str, Any]:
        judge = User.objects.create_user(username="judge", password="Test@12345", org=self.root)
        return {"event": event(org, 1), "judges": [judge]}

    def case_register(self, org: Org) -> dict[str, Any]:
        return {"event": event(org, 2), "person": f.person(org, 2)}

    def case_award(self, org: Org) -> dict[str, Any]:
        return {"event": judged(org, [90, 80]), "granted_on": date(2022, 5, 10)}

    def case_studio_recognise(self, org: Org) -> dict[str, Any]:
        return {"studio": studio(org, 1), "level": "city", "since": date(2022, 6, 1)}


# --- the rules ------------------------------------------------------------------------------------
pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db: Any) -> User:
    return User.objects.create_superuser(username="root", password="Test@12345")


@pytest.fixture
def org(db: Any) -> Org:
    return Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="M0"))


def test_prize_bands_follow_the_places_given(db: Any) -> None:
    assert services.prize_bands([("first", 1), ("second", 2), ("third", 3)]) == [
        ("first", 1),
        ("second", 3),
        ("third", 6),
    ]
    assert services.prize_bands([("first", 2), ("second", 0), ("third", 1)]) == [("first", 2), ("third", 3)]


def test_contestants_tied_at_a_rank_share_its_prize_and_it_goes_into_their_honours(admin: User, org: Org) -> None:
    ev = judged(org, [95, 90, 90, 80, 70], second_prizes=1, third_prizes=2)  # ranks 1, 2, 2, 4, 5
    awards = services.award(actor=admin, event=ev, granted_on=date(2022, 5, 10))
    got = sorted((a.rank, a.prize) for a in awards)
    assert got == [(1, "first"), (2, "second"), (2, "second"), (4, "third")]  # rank 4 ≤ 1+1+2: third
    assert PersonHonour.objects.filter(kind__value="competition_award", year=2022).count() == 4
    assert AuditEntry.objects.filter(object_type="core.personhonour", action="create").count() == 4
    assert AuditEntry.objects.filter(object_type="merit.award", action="create").count() == 4


def test_an_event_is_awarded_once_and_only_after_sign_off(admin: User, org: Org) -> None:
    ev = judged(org, [90, 80])
    services.award(actor=admin, event=ev, granted_on=date(2022, 5, 10))
    with pytest.raises(ValidationError, match="已评定奖项"):
        services.award(actor=admin, event=ev, granted_on=date(2022, 5, 10))
    unsigned = event(org, 9)
    with pytest.raises(ValidationError, match="签字确认后"):
        services.award(actor=admin, event=unsigned, granted_on=date(2022, 5, 10))
    assert Award.objects.count() == 1


def test_registration_closes_when_the_contest_starts(admin: User, org: Org) -> None:
    ev = event(org, 3)
    worker = f.person(org, 3)
    services.register(actor=admin, event=ev, person=worker)
    with pytest.raises(ValidationError, match="已报名"):  # the same worker twice
        services.register(actor=admin, event=ev, person=worker)
    Competition.objects.filter(pk=ev.competition_id).update(status="contest")
    with pytest.raises(ValidationError, match="报名已截止"):
        services.register(actor=admin, event=Event.objects.get(pk=ev.pk), person=f.person(org, 4))
    assert Registration.objects.filter(event=ev).count() == 1


def test_a_registration_after_set_up_joins_the_scoring_round(admin: User, org: Org) -> None:
    ev = event(org, 4)
    judge = User.objects.create_user(username="j", password="Test@12345", org=org)
    rnd = services.event_setup(actor=admin, event=ev, judges=[judge])
    services.register(actor=admin, event=Event.objects.get(pk=ev.pk), person=f.person(org, 5))
    assert rnd.subjects.count() == 1
    assert Event.objects.get(pk=ev.pk).scoring_round_id == rnd.pk
    with pytest.raises(ValidationError, match="已设置评分"):
        services.event_setup(actor=admin, event=Event.objects.get(pk=ev.pk), judges=[judge])


def test_a_studios_level_follows_its_latest_recognition(admin: User, org: Org) -> None:
    s = studio(org, 5)
    services.studio_recognise(actor=admin, studio=s, level="district", since=date(2020, 6, 1))
    services.studio_recognise(actor=admin, studio=s, level="city", since=date(2022, 6, 1))
    assert Studio.objects.get(pk=s.pk).level == "city"
    with pytest.raises(ValidationError, match="不能早于上一次命名"):
        services.studio_recognise(actor=admin, studio=s, level="province", since=date(2021, 1, 1))
    assert Studio.objects.get(pk=s.pk).level == "city"
    assert AuditEntry.objects.filter(object_type="merit.studio", message="级别随命名更新").count() == 2


def test_a_recognition_through_the_api_moves_the_studios_level_too(admin: User, org: Org) -> None:
    from rest_framework.test import APIClient

    s = studio(org, 6)
    api = APIClient()
    api.force_authenticate(admin)
    response = api.post(
        "/api/v1/merit/studio-levels/", {"studio": s.pk, "level": "province", "since": "2022-06-01"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert Studio.objects.get(pk=s.pk).level == "province"
    assert competition(org, 7).status == "planned"
