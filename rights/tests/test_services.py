"""rights.services at the gate (kit.testing.ServiceGateCase), and the rules of 维权服务 (一) that
bad input runs into: a claim outside the cover, in the waiting period, late, above the cap or
without its documents; a worker enrolled twice for overlapping periods; a household file opened
twice; aid above its cap; hours recorded by a team that did not organise the activity; a
certificate for a volunteer without recorded hours — each refused with the rule named, nothing
written."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from core.models import Org, Role, User
from core.tests import factories as f
from kit import testing
from kit.dates import add_months, today
from kit.models import ScoreSheet
from kit.testing.scoring import closed_round
from kit.workflow import transition
from rights import selectors, services
from rights.models import (
    ActivitySignup,
    AidRecord,
    Claim,
    CollectiveContract,
    EnrolledMember,
    HardshipFile,
    HoursCertificate,
    HouseholdMember,
    IncomeCheck,
    RequiredDocument,
    ServiceHours,
    VolunteerActivity,
)
from rights.tests import factories as rf


class RightsServicesGate(testing.ServiceGateCase):
    module = services

    def case_member_add(self, org: Org) -> dict[str, Any]:
        return {"enrolment": rf.enrolment(org, 1), "person": f.person(org, 1)}

    def case_members_add(self, org: Org) -> dict[str, Any]:
        return {"enrolment": rf.enrolment(org, 2), "people": [f.person(org, 2), f.person(org, 3)]}

    def case_member_save(self, org: Org) -> dict[str, Any]:
        return {"member": EnrolledMember(enrolment=rf.enrolment(org, 3), person=f.person(org, 4)), "action": "add"}

    def case_claim_approve(self, org: Org) -> dict[str, Any]:
        return {"claim": rf.claim(org, 4), "amount": Decimal("1000")}

    def case_aid_save(self, org: Org) -> dict[str, Any]:
        record = AidRecord(
            file=rf.filed(org, 5), kind="warmth", amount=Decimal("300"), given_on=date(2023, 1, 5), approver="区总工会"
        )
        return {"record": record, "action": "add"}

    def case_activity_sign_up(self, org: Org) -> dict[str, Any]:
        return {"activity": rf.activity(org, 6, held_on=date(2030, 1, 1)), "person": f.person(org, 6)}

    def case_activity_signup_cancel(self, org: Org) -> dict[str, Any]:
        return {"signup": rf.signup(org, 7)}

    def case_activity_signup_delete(self, org: Org) -> dict[str, Any]:
        return {"signup": rf.signup(org, 8)}

    def case_hours_save(self, org: Org) -> dict[str, Any]:
        act = rf.activity(org, 9)
        record = ServiceHours(activity=act, volunteer=rf.volunteer(org, 9, team=act.team), hours=Decimal("2"))
        return {"record": record, "action": "add"}

    def case_correction_apply(self, org: Org) -> dict[str, Any]:
        return {"correction": rf.correction(org, 10)}

    def case_certificate_issue(self, org: Org) -> dict[str, Any]:
        h = rf.hours(org, 11)
        return {"volunteer": h.volunteer, "period_start": date(2022, 1, 1), "period_end": date(2022, 12, 31)}

    def case_contract_save(self, org: Org) -> dict[str, Any]:
        contract = CollectiveContract(
            kind="wage",
            enterprise=f.enterprise(org, 12),
            starts_on=date(2022, 5, 1),
            ends_on=date(2023, 4, 30),
            org=org,
        )
        return {"contract": contract, "action": "add"}

    def case_evaluation_start(self, org: Org) -> dict[str, Any]:
        rf.contract(org, 13)
        sheet = ScoreSheet.objects.create(name=f"质效评估表{org.pk}")
        return {"year": 2022, "sheet": sheet, "org": org, "scorers": [rf.scorer()]}

    def case_ratings_from_round(self, org: Org) -> dict[str, Any]:
        rnd = closed_round(org=org, purpose=services.EVALUATION, subjects=[(f.enterprise(org, 14), 92)])
        return {"round": rnd, "year": 2022}

    def case_station_review_start(self, org: Org) -> dict[str, Any]:
        rf.station(org, 15)
        return {
            "sheet": rf.checklist_sheet(),
            "org": org,
            "level": "district",
            "on": date(2023, 1, 1),
            "scorers": [rf.scorer()],
        }

    def case_station_reviews_from_round(self, org: Org) -> dict[str, Any]:
        codes = [item.value for item in rf.amenities()]
        rnd = closed_round(
            org=org,
            purpose=services.STATION_REVIEW,
            subjects=[(rf.station(org, 16), dict.fromkeys(codes, 9))],
            criteria=[(code, 10) for code in codes],
        )
        return {"round": rnd, "level": "district", "reviewed_on": date(2023, 1, 1)}


# --- the rules ------------------------------------------------------------------------------------
pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db: Any) -> User:
    return User.objects.create_superuser(username="root", password="Test@12345")


@pytest.fixture
def org(db: Any) -> Org:
    return Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="R0"))


# mutual aid
def test_a_worker_is_never_in_the_same_plan_twice_for_overlapping_periods(admin: User, org: Org) -> None:
    plan = rf.plan(org)
    worker = f.person(org, 1)
    first = rf.enrolment(org, plan=plan, starts_on=date(2022, 1, 1))
    services.member_add(actor=admin, enrolment=first, person=worker)
    other_unit = rf.enrolment(org, plan=plan, starts_on=date(2022, 7, 1))  # overlaps the first half-year
    with pytest.raises(ValidationError, match="期间重叠"):
        services.member_add(actor=admin, enrolment=other_unit, person=worker)
    next_year = rf.enrolment(org, plan=plan, starts_on=date(2023, 1, 1))
    services.member_add(actor=admin, enrolment=next_year, person=worker)  # adjacent, not overlapping
    assert EnrolledMember.objects.filter(person=worker).count() == 2


def test_one_enrolment_takes_one_number_of_shares_within_the_plans_maximum(org: Org) -> None:
    per_share = rf.plan(org, pricing="share", max_shares=3)
    with pytest.raises(ValidationError, match="每人最多 3 份"):
        rf.enrolment(org, plan=per_share, shares=4)
    per_person = rf.plan(org)
    with pytest.raises(ValidationError, match="按人计费的计划每人 1 份"):
        rf.enrolment(org, plan=per_person, shares=2)


def test_a_first_time_joiner_is_not_paid_for_the_waiting_period_and_a_renewal_is(org: Org) -> None:
    plan = rf.plan(org, waiting_days=30)
    newcomer = rf.member(org, enrolment=rf.enrolment(org, plan=plan, starts_on=date(2022, 1, 1)))
    assert newcomer.first_time
    with pytest.raises(ValidationError, match="等待期（30 天"):
        rf.claim(org, member=newcomer, event_date=date(2022, 1, 20))
    rf.claim(org, member=newcomer, event_date=date(2022, 1, 31))  # the 31st day: covered
    renewed_plan = rf.plan(org, year=2023, waiting_days=30)
    renewal = rf.member(
        org, person=newcomer.person, enrolment=rf.enrolment(org, plan=renewed_plan, starts_on=date(2023, 1, 10))
    )
    assert not renewal.first_time  # within the 30-day grace after the first cover ended
    rf.claim(org, member=renewal, event_date=date(2023, 1, 12), filed_on=date(2023, 1, 20))


def test_an_event_outside_the_cover_or_a_late_claim_is_refused(org: Org) -> None:
    plan = rf.plan(org, claim_deadline_days=90)
    member = rf.member(org, enrolment=rf.enrolment(org, plan=plan, starts_on=date(2022, 1, 1)))
    with pytest.raises(ValidationError, match="不在保障期内"):
        rf.claim(org, member=member, event_date=date(2021, 12, 31))
    with pytest.raises(ValidationError, match="已超过申领期限（2023年3月31日）"):
        rf.claim(org, member=member, event_date=date(2022, 11, 1), filed_on=date(2023, 4, 1))
    assert not Claim.objects.exists()


def test_approval_needs_every_required_document_and_stays_within_the_cap(admin: User, org: Org) -> None:
    plan = rf.plan(org, cap=Decimal("5000"))
    RequiredDocument.objects.create(plan=plan, event_type="hospital", name="出院记录")
    RequiredDocument.objects.create(plan=plan, event_type="hospital", name="住院发票")
    member = rf.member(org, enrolment=rf.enrolment(org, plan=plan))
    first = rf.claim(org, member=member, documents=["出院记录"])
    with pytest.raises(ValidationError, match="缺少申领材料：住院发票"):
        services.claim_approve(actor=admin, claim=first, amount=Decimal("3000"))
    Claim.objects.filter(pk=first.pk).update(documents=["出院记录", "住院发票"])
    services.claim_approve(actor=admin, claim=first, amount=Decimal("3000"))
    second = rf.claim(org, member=member, documents=["出院记录", "住院发票"], event_date=date(2022, 6, 1))
    with pytest.raises(ValidationError, match=r"超过给付上限 5000\.00 元"):
        services.claim_approve(actor=admin, claim=second, amount=Decimal("2500"))
    services.claim_approve(actor=admin, claim=second, amount=Decimal("2000"))
    assert Claim.objects.get(pk=second.pk).status == "approved"
    paid = transition(Claim.objects.get(pk=first.pk), "pay", actor=admin)
    assert paid.paid_on == today()


def test_a_claim_approves_no_more_than_was_claimed(admin: User, org: Org) -> None:
    claim = rf.claim(org)
    with pytest.raises(ValidationError, match="不能超过申请金额"):
        services.claim_approve(actor=admin, claim=claim, amount=claim.amount_claimed + 1)
    with pytest.raises(ValidationError, match="应大于 0"):
        services.claim_approve(actor=admin, claim=claim, amount=Decimal("-5"))


def test_insured_units_and_people_are_counted_on_the_day(org: Org) -> None:
    from kit.periods import Period

    plan = rf.plan(org)
    worker = f.person(org, 7)
    for i in range(3):
        e = rf.enrolment(org, plan=plan, starts_on=date(2022, 1, 1))
        rf.member(org, enrolment=e)
    other_plan = rf.plan(org, kind="critical")
    rf.member(org, enrolment=rf.enrolment(org, plan=other_plan), person=worker)
    rf.member(org, enrolment=rf.enrolment(org, plan=plan, starts_on=date(2022, 6, 1)), person=worker)
    on = Period.to_date(date(2022, 7, 1))
    assert selectors.insured_units(period=on, org=org) == 5
    assert selectors.insured_people(period=on, org=org) == 4  # the worker in two plans counts once
    assert selectors.insured_units(period=Period.to_date(date(2023, 5, 1)), org=org) == 1  # only the June one


# hardship relief
def test_the_category_follows_the_dated_subsistence_line(org: Org) -> None:
    rf.policy(org, effective_from=date(2020, 1, 1), subsistence_line=Decimal("800"))
    # (30000 - 6000) / 12 / 3 = 666.67 a head a month
    deep = rf.hardship_file(org, assessed_on=date(2021, 6, 1))
    assert deep.category == "deep"
    rf.policy(org, effective_from=date(2022, 1, 1), subsistence_line=Decimal("500"))
    relative = rf.hardship_file(org, assessed_on=date(2022, 6, 1))
    assert relative.category == "relative"  # 666.67 < 2 × 500
    rf.policy(org, effective_from=date(2023, 1, 1), subsistence_line=Decimal("300"))
    assert rf.hardship_file(org, assessed_on=date(2023, 6, 1)).category == "none"
    accident = rf.hardship_file(org, assessed_on=date(2023, 6, 1), hardship_expense=Decimal("25000"))
    assert accident.category == "accident"  # 致困费用 above 80 % of 30000


def test_without_a_relief_standard_no_file_is_opened(org: Org) -> None:
    from rights.models import HardshipFile as File

    row = File(person=f.person(org, 9), household_size=2, annual_income=Decimal("1"), cause="illness")
    with pytest.raises(ValidationError, match="尚未设置适用的救助标准"):
        row.full_clean()


def test_one_open_file_per_worker_and_per_household(admin: User, org: Org) -> None:
    worker = f.person(org, 10)
    rf.hardship_file(org, person=worker)
    with pytest.raises(ValidationError, match="一户一档"):
        rf.hardship_file(org, person=worker)
    with pytest.raises(IntegrityError), transaction.atomic():  # and the database says so too
        HardshipFile.objects.create(
            person=worker, household_size=1, annual_income=0, cause="illness", category="deep", org=org
        )
    spouse = f.person(org, 11)
    other = rf.hardship_file(org, person=f.person(org, 12))
    member = HouseholdMember(file=other, name=spouse.name, relation="spouse", id_number=spouse.id_number)
    member.full_clean()
    member.save()
    twice = HouseholdMember(
        file=rf.hardship_file(org, person=f.person(org, 13)), name="x", relation="spouse", id_number=spouse.id_number
    )
    with pytest.raises(ValidationError, match="一户一档"):
        twice.full_clean()
    with pytest.raises(ValidationError, match="一户一档"):
        rf.hardship_file(org, person=spouse)  # already a member of an open household


def test_a_file_is_filed_only_after_visit_authorisation_check_and_publicity(admin: User, org: Org) -> None:
    file = rf.hardship_file(org)
    file = transition(file, "visit", actor=admin)
    with pytest.raises(ValidationError, match="入户调查"):
        transition(file, "check", actor=admin)
    HardshipFile.objects.filter(pk=file.pk).update(
        visit_on=date(2022, 6, 5), visit_record="住房困难，患病", authorisation_signed=True
    )
    file = transition(HardshipFile.objects.get(pk=file.pk), "check", actor=admin)
    with pytest.raises(ValidationError, match="经济状况核对"):
        transition(file, "publicize", actor=admin)
    HardshipFile.objects.filter(pk=file.pk).update(
        income_checked_on=date(2022, 6, 10),
        income_check_result="无房产车辆",
        publicity_starts=today() - timedelta(days=3),
        publicity_ends=today() + timedelta(days=4),
    )
    file = transition(HardshipFile.objects.get(pk=file.pk), "publicize", actor=admin)
    with pytest.raises(ValidationError, match="公示期至"):
        transition(file, "file", actor=admin)
    HardshipFile.objects.filter(pk=file.pk).update(publicity_ends=today() - timedelta(days=1))
    file = transition(HardshipFile.objects.get(pk=file.pk), "file", actor=admin)
    assert file.status == "filed" and file.filed_on == today()


def test_exit_needs_six_consecutive_months_above_the_line(admin: User, org: Org) -> None:
    file = rf.filed(org)  # the policy's line is 1000
    for i, income in enumerate([1200, 1300, 900, 1100, 1100, 1100, 1100, 1100]):
        IncomeCheck.objects.create(file=file, month=add_months(date(2022, 5, 1), i), per_capita_income=Decimal(income))
    assert file.months_above_line() == 5  # the August dip breaks the run
    with pytest.raises(ValidationError, match="连续 6 个月"):
        transition(file, "exit", actor=admin)
    IncomeCheck.objects.create(file=file, month=date(2023, 1, 1), per_capita_income=Decimal("1200"))
    assert transition(HardshipFile.objects.get(pk=file.pk), "exit", actor=admin).status == "exited"


def test_aid_stays_within_its_caps(admin: User, org: Org) -> None:
    file = rf.filed(org)  # deep (666.67 < 1000): living aid up to 12 months of 低保 a year
    assert file.category == "deep"

    def give(kind: str, amount: str, on: date = date(2023, 2, 1)) -> AidRecord:
        record = AidRecord(file=file, kind=kind, amount=Decimal(amount), given_on=on, approver="区总工会")
        return services.aid_save(actor=admin, record=record, action="add")

    give("living", "8000")
    with pytest.raises(ValidationError, match=r"超过上限 12000\.00 元"):
        give("living", "4001")
    give("living", "4000")
    give("living", "6000", on=date(2024, 2, 1))  # a new year
    with pytest.raises(ValidationError, match="金额应大于 0"):
        give("medical", "-1")
    assert AidRecord.objects.filter(file=file).count() == 3


def test_a_relative_household_takes_one_kind_of_aid_a_year(admin: User, org: Org) -> None:
    rf.policy(org, subsistence_line=Decimal("500"))
    file = rf.filed(org)  # 666.67 < 2 × 500: relative
    assert file.category == "relative"
    services.aid_save(
        actor=admin,
        record=AidRecord(
            file=file, kind="medical", amount=Decimal("3000"), given_on=date(2023, 3, 1), approver="区总工会"
        ),
        action="add",
    )
    with pytest.raises(ValidationError, match="每年限一类救助"):
        services.aid_save(
            actor=admin,
            record=AidRecord(
                file=file, kind="study", amount=Decimal("1000"), given_on=date(2023, 9, 1), approver="区总工会"
            ),
            action="add",
        )


def test_files_past_their_yearly_review_are_listed(admin: User, org: Org) -> None:
    late = rf.filed(org)  # filed 2022-08-01, never reviewed
    fresh = rf.filed(org)
    HardshipFile.objects.filter(pk=fresh.pk).update(filed_on=today() - timedelta(days=30))
    overdue = selectors.reviews_overdue(org=org)
    assert [x.pk for x in overdue] == [late.pk]


# volunteers
@pytest.fixture
def two_teams(db: Any) -> dict[str, Any]:
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="V0"))
    a = Org.objects.add_child(root, instance=Org(name="甲工会", kind="enterprise", code="VA"))
    b = Org.objects.add_child(Org.objects.get(pk=root.pk), instance=Org(name="乙工会", kind="enterprise", code="VB"))
    a, b = Org.objects.get(pk=a.pk), Org.objects.get(pk=b.pk)  # sorted siblings: adding 乙 moved 甲's path
    role = Role.objects.create(name="志愿服务管理", code="vol", data_scope="subtree")
    role.permissions.set(Permission.objects.filter(content_type__app_label__in=["rights", "core"]))
    clerks = {}
    for key, unit in (("a", a), ("b", b)):
        clerks[key] = User.objects.create_user(username=f"clerk-{key}", password="Test@12345", org=unit)
        clerks[key].roles.set([role])
    act = rf.activity(a)
    return {
        "activity": act,
        "volunteer": rf.volunteer(a, team=act.team),
        "clerk_a": clerks["a"],
        "clerk_b": clerks["b"],
    }


def test_hours_are_recorded_by_the_organising_team_only(two_teams: dict[str, Any]) -> None:
    record = ServiceHours(activity=two_teams["activity"], volunteer=two_teams["volunteer"], hours=Decimal("3"))
    with pytest.raises(PermissionDenied):
        services.hours_save(actor=two_teams["clerk_b"], record=record, action="add")
    assert not ServiceHours.objects.exists()
    services.hours_save(actor=two_teams["clerk_a"], record=record, action="add")
    assert ServiceHours.objects.get().hours == Decimal("3")


def test_a_certificate_is_issued_only_from_recorded_hours_and_numbered_in_order(two_teams: dict[str, Any]) -> None:
    clerk, volunteer = two_teams["clerk_a"], two_teams["volunteer"]
    with pytest.raises(ValidationError, match="没有记录的服务时长"):
        services.certificate_issue(
            actor=clerk, volunteer=volunteer, period_start=date(2022, 1, 1), period_end=date(2022, 12, 31)
        )
    assert not HoursCertificate.objects.exists()
    ServiceHours.objects.create(activity=two_teams["activity"], volunteer=volunteer, hours=Decimal("3.5"))
    first = services.certificate_issue(
        actor=clerk, volunteer=volunteer, period_start=date(2022, 1, 1), period_end=date(2022, 12, 31)
    )
    second = services.certificate_issue(
        actor=clerk, volunteer=volunteer, period_start=date(2022, 1, 1), period_end=date(2022, 12, 31)
    )
    assert first.total_hours == Decimal("3.5") and first.activities == 1
    assert int(second.number[-5:]) == int(first.number[-5:]) + 1


def test_a_risky_activity_is_published_only_with_its_insurance(admin: User, org: Org) -> None:
    act = rf.activity(org, status="draft", risky=True)
    with pytest.raises(ValidationError, match="意外保险"):
        transition(act, "publish", actor=admin)
    VolunteerActivity.objects.filter(pk=act.pk).update(insurance="PICC 2022-0001")
    assert transition(VolunteerActivity.objects.get(pk=act.pk), "publish", actor=admin).status == "published"


def test_sign_ups_beyond_the_capacity_wait_and_move_up(admin: User, org: Org) -> None:
    act = rf.activity(org, held_on=today() + timedelta(days=10), capacity=1)
    first = services.activity_sign_up(actor=admin, activity=act, person=f.person(org, 20))
    second = services.activity_sign_up(actor=admin, activity=act, person=f.person(org, 21))
    assert (first.status, second.status) == ("enrolled", "waiting")
    services.activity_signup_delete(actor=admin, signup=first)
    assert ActivitySignup.objects.get(pk=second.pk).status == "enrolled"


def test_a_correction_changes_the_hours_and_is_logged(admin: User, org: Org) -> None:
    from kit.models import AuditEntry

    correction = rf.correction(org)
    services.correction_apply(actor=admin, correction=correction)
    assert ServiceHours.objects.get(pk=correction.record_id).hours == Decimal("4")
    assert AuditEntry.objects.filter(object_type="rights.servicehours", message__startswith="依更正申请").exists()
