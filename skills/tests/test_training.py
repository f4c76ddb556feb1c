"""Training classes: capacity and waiting list (also under concurrency), attendance, mentorship rules."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from core.models import Org, User
from core.tests import factories as f
from kit.models import AuditEntry
from skills import services
from skills.models import Attendance, Enrolment, Mentorship, MentorshipPilot, Session, TrainingBase, TrainingClass


@pytest.fixture
def setting(db):
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="K0"))
    base = TrainingBase.objects.create(
        name="实训基地", partner="南京信息职业技术学院", plaque_on=date(2021, 5, 20), org=root
    )
    today = date.today()
    tc = TrainingClass.objects.create(
        base=base, name="数控一期", starts_on=today, ends_on=today + timedelta(days=10), capacity=25, org=root
    )
    admin = User.objects.create_superuser(username="boss", password="Test@12345", org=root)
    return {"root": root, "tc": tc, "admin": admin}


def _people(org, n, start=0):
    return [f.person(org, start + i) for i in range(n)]


@pytest.mark.django_db(transaction=True)
def test_30_concurrent_enrolments_into_a_class_of_25_give_25_enrolled_and_5_waiting(setting):
    people = _people(setting["root"], 30)
    errors: list[BaseException] = []
    barrier = threading.Barrier(30)

    def enrol(person):
        try:
            barrier.wait(timeout=30)
            services.enrol(actor=setting["admin"], training_class=setting["tc"], person=person)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=enrol, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    statuses = list(Enrolment.objects.filter(training_class=setting["tc"]).values_list("status", flat=True))
    assert statuses.count("enrolled") == 25 and statuses.count("waiting") == 5


def test_a_freed_place_goes_to_the_first_on_the_waiting_list(setting):
    tc = setting["tc"]
    TrainingClass.objects.filter(pk=tc.pk).update(capacity=2)
    tc.refresh_from_db()
    a, b, c, d = _people(setting["root"], 4, 10)
    for p in (a, b, c, d):
        services.enrol(actor=setting["admin"], training_class=tc, person=p)
    assert Enrolment.objects.get(person=c).status == "waiting"
    promoted = services.cancel_enrolment(actor=setting["admin"], enrolment=Enrolment.objects.get(person=a))
    assert promoted.person == c and Enrolment.objects.get(person=c).status == "enrolled"
    assert Enrolment.objects.get(person=d).status == "waiting"
    assert AuditEntry.objects.filter(message__contains="候补转为正式报名").exists()
    with pytest.raises(ValidationError, match="不能重复报名"):
        services.enrol(actor=setting["admin"], training_class=tc, person=b)


def test_attendance_for_a_worker_not_enrolled_is_refused(setting):
    tc = setting["tc"]
    session = Session.objects.create(training_class=tc, held_on=date.today(), topic="安全规程")
    other = TrainingClass.objects.create(
        base=tc.base, name="另一期", starts_on=tc.starts_on, ends_on=tc.ends_on, capacity=5, org=setting["root"]
    )
    p1, p2 = _people(setting["root"], 2, 40)
    elsewhere = services.enrol(actor=setting["admin"], training_class=other, person=p1)
    with pytest.raises(ValidationError, match="没有报名这个班次"):
        services.record_attendance(actor=setting["admin"], session=session, enrolment=elsewhere)
    TrainingClass.objects.filter(pk=tc.pk).update(capacity=0)
    waiting = services.enrol(actor=setting["admin"], training_class=TrainingClass.objects.get(pk=tc.pk), person=p2)
    assert waiting.status == "waiting"
    with pytest.raises(ValidationError, match="候补"):
        services.record_attendance(actor=setting["admin"], session=session, enrolment=waiting)
    assert not Attendance.objects.exists()


def test_completion_counts_person_times(setting):
    from kit.periods import Period
    from skills import selectors

    tc = setting["tc"]
    for p in _people(setting["root"], 3, 60):
        services.enrol(actor=setting["admin"], training_class=tc, person=p)
    assert services.complete_class(actor=setting["admin"], training_class=tc) == 3
    assert selectors.person_times(period=Period.year(tc.ends_on.year)) == 3


def test_an_apprentice_cannot_be_his_own_mentor_nor_have_two_in_one_chain(setting):
    root = setting["root"]
    ent = f.enterprise(root, 1)
    pilot = MentorshipPilot.objects.create(name="试点", enterprise=ent, started_on=date(2022, 1, 1), org=root)
    m1, m2, apprentice = _people(root, 3, 80)
    same = Mentorship(
        pilot=pilot,
        mentor=apprentice,
        apprentice=apprentice,
        chain="party",
        goals="g",
        starts_on=date(2022, 1, 1),
        ends_on=date(2023, 1, 1),
    )
    with pytest.raises(ValidationError, match="同一人"):
        same.full_clean()
    Mentorship.objects.create(
        pilot=pilot,
        mentor=m1,
        apprentice=apprentice,
        chain="party",
        goals="g",
        starts_on=date(2022, 1, 1),
        ends_on=date(2023, 1, 1),
    )
    second = Mentorship(
        pilot=pilot,
        mentor=m2,
        apprentice=apprentice,
        chain="party",
        goals="g",
        starts_on=date(2022, 6, 1),
        ends_on=date(2023, 6, 1),
    )
    with pytest.raises(ValidationError, match="已有师傅"):
        second.full_clean()
    second.chain = "model"  # another chain is fine
    second.full_clean()
