"""legal.services at the gate (kit.testing.ServiceGateCase), and the rules of 法律援助 a case runs
into from intake to closure: the applicant found by ID number or registered, numbering, the
duplicate linked, the means test (and the migrant worker's exemption), the 补正 notice given once,
the decision and assignment limits in natural or working days, mediation to arbitration after 15
days, the award's 45 days and its one extension, the one-year limitation and its interruptions,
the final-award threshold, urgency, closing only with an outcome and the closing report,
termination only on a statutory ground, reopening by a supervisor; bad input refused."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import Holiday, Org, Person, Role, User
from core.tests import factories as f
from kit import testing
from kit.dates import Calendar, today
from kit.figures import period_from
from kit.services import save_object
from kit.workflow import transition
from legal import selectors, services
from legal.models import Case, CaseInterruption, CaseSession, MinimumWage
from legal.tests import factories as lf


class LegalServicesGate(testing.ServiceGateCase):
    module = services

    def case_case_save(self, org: Org) -> dict[str, Any]:
        new = Case(
            employer_name="某单位",
            dispute_type=lf.dispute(),
            facts="欠薪",
            claims="支付",
            applied_on=date(2023, 3, 1),
            org=org,
        )
        return {"case": new, "action": "add", "extra": {"applicant_id_number": f.person(org, 1).id_number}}

    def case_case_request(self, org: Org) -> dict[str, Any]:
        # the worker's request goes to the federation nearest above his union: one inside `org`
        centre = Org.objects.add_child(org, instance=Org(name="街道职工法律服务中心", kind="federation", code="LC"))
        person = f.person(centre, 7)
        for user in (self.insider, self.viewer, self.outsider):
            user.person = person  # the actors act as this worker (fresh per test)
        return {"dispute_type": lf.dispute(), "facts": "公司拖欠三个月工资", "employer_name": "某公司"}

    def case_to_arbitration(self, org: Org) -> dict[str, Any]:
        case = lf.case(
            org,
            1,
            status="assigned",
            mediation_received_on=date(2023, 3, 2),
            mediation_failed_on=date(2023, 3, 10),
        )
        return {"case": case, "received_on": date(2023, 3, 20)}


# --- the rules ------------------------------------------------------------------------------------
pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db: Any) -> User:
    return User.objects.create_superuser(username="root", password="Test@12345")


@pytest.fixture
def org(db: Any) -> Org:
    return Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="L0"))


def intake(admin: User, org: Org, id_number: str, **fields: Any) -> Case:
    extra = {"applicant_id_number": id_number, "applicant_name": fields.pop("name", "")}
    case = Case(
        employer_name=fields.pop("employer_name", "某物流公司"),
        dispute_type=fields.pop("dispute_type", None) or lf.dispute(),
        facts="拖欠工资",
        claims="支付工资",
        applied_on=fields.pop("applied_on", date(2023, 3, 1)),
        org=org,
        **fields,
    )
    return services.case_save(actor=admin, case=case, action="add", extra=extra)


def change(admin: User, case: Case, **fields: Any) -> Case:
    case = Case.objects.get(pk=case.pk)
    for name, value in fields.items():
        setattr(case, name, value)
    return save_object(case, actor=admin, action="change")


# intake
def test_intake_finds_the_worker_by_id_number_or_registers_him_and_numbers_the_case(admin: User, org: Org) -> None:
    known = f.person(org, 1)
    first = intake(admin, org, known.id_number.lower())
    assert first.applicant == known and first.number == "法援〔2023〕1号"
    with pytest.raises(ValidationError) as err:
        intake(admin, org, f.id_number(990001))
    assert "请填写姓名" in str(err.value.message_dict["applicant_name"])
    new = intake(admin, org, f.id_number(990001), name="新来的")
    assert new.applicant.name == "新来的" and new.number == "法援〔2023〕2号"
    assert Person.objects.filter(name="新来的").count() == 1
    with pytest.raises(ValidationError) as err:
        intake(admin, org, "320113199001011234")  # a wrong check digit
    assert "applicant_id_number" in err.value.message_dict


def test_a_second_open_case_of_the_same_worker_employer_and_dispute_is_linked(admin: User, org: Org) -> None:
    person = f.person(org, 2)
    first = intake(admin, org, person.id_number)
    second = intake(admin, org, person.id_number)
    assert second.duplicate_of == first
    other = intake(admin, org, person.id_number, dispute_type=lf.dispute("injury"))
    assert other.duplicate_of is None
    elsewhere = intake(admin, org, person.id_number, employer_name="另一家公司")
    assert elsewhere.duplicate_of is None
    assert list(selectors.open_duplicates(first)) == [second]


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("amount", Decimal("-1"), "金额不能为负数"),
        ("mediation_received_on", date(2023, 2, 28), "调解申请不能早于"),
        ("applied_on", today() + timedelta(days=1), "不能晚于今天"),
        ("workers_involved", 0, "至少 1 人"),
    ],
)
def test_bad_input_is_refused_at_the_field(org: Org, field: str, value: Any, words: str) -> None:
    with pytest.raises(ValidationError) as err:
        lf.case(org, **{field: value})
    assert words in str(err.value.message_dict[field])


def test_an_amount_that_is_not_a_number_is_refused_by_the_form(client: Any, admin: User, org: Org) -> None:
    from legal.entities import CaseEntity

    assert CaseEntity.form is not None
    form = CaseEntity.form(data={"amount": "一万元", "applicant_id_number": f.id_number(5)}, user=admin)
    assert not form.is_valid() and "amount" in form.errors


def test_a_session_before_intake_is_refused(org: Org) -> None:
    case = lf.case(org, applied_on=date(2023, 3, 1))
    with pytest.raises(ValidationError, match="不能早于受理申请的日期"):
        CaseSession(case=case, kind="hearing", held_on=date(2023, 2, 27)).full_clean()


# decision and assignment
def test_the_means_test_and_the_migrant_workers_exemption(admin: User, org: Org) -> None:
    case = lf.case(org)
    with pytest.raises(ValidationError, match="不符合援助条件"):
        transition(case, "accept", actor=admin)
    migrant = lf.case(org, migrant=True)  # wages
    assert migrant.means_test_exempt
    assert transition(migrant, "accept", actor=admin).decided_on == today()
    contract = lf.case(org, migrant=True, kind="contract")
    assert not contract.means_test_exempt
    assert transition(lf.case(org, serious=True), "accept", actor=admin).status == "accepted"


def test_a_refusal_needs_a_written_reason(admin: User, org: Org) -> None:
    case = lf.case(org, poor=True)
    with pytest.raises(ValidationError, match="需要填写意见"):
        transition(case, "reject", actor=admin)
    assert transition(case, "reject", actor=admin, comment="不属于劳动争议").status == "rejected"


def test_papers_are_asked_for_once_and_unanswered_the_application_is_withdrawn(admin: User, org: Org) -> None:
    case = lf.case(org, poor=True)
    with pytest.raises(ValidationError, match="一次性列明"):
        transition(case, "request_papers", actor=admin)
    case = change(admin, case, papers_missing="劳动合同；工资条")
    case = transition(case, "request_papers", actor=admin)
    with pytest.raises(ValidationError, match="届满后仍未补正"):
        transition(case, "withdraw", actor=admin)
    case = transition(case, "papers_in", actor=admin)
    with pytest.raises(ValidationError, match="补正通知只能发一次"):
        transition(case, "request_papers", actor=admin)
    Case.objects.filter(pk=case.pk).update(status="papers", papers_notice_on=today() - timedelta(days=16))
    assert transition(Case.objects.get(pk=case.pk), "withdraw", actor=admin).status == "withdrawn"


def test_the_decision_and_assignment_limits_in_natural_or_working_days(org: Org, settings: Any) -> None:
    case = lf.case(org, applied_on=date(2023, 9, 27))
    deadlines = {d.label: d.due for d in case.deadlines()}
    assert deadlines["作出援助决定"] == date(2023, 10, 4)  # 7 natural days
    settings.LEGAL_LIMITS = {"aid_decision": (7, "working")}
    for offset in range(8):
        Holiday.objects.create(day=date(2023, 9, 29) + timedelta(days=offset), name="国庆节")
    Holiday.objects.create(day=date(2023, 10, 7), kind="work", name="国庆节")
    Holiday.objects.create(day=date(2023, 10, 8), kind="work", name="国庆节")
    from core.selectors import calendar

    deadlines = {d.label: d.due for d in case.deadlines(calendar())}
    # 28日, 10月7日, 8日, 9日, 10日, 11日, 12日
    assert deadlines["作出援助决定"] == date(2023, 10, 12)


def test_assignment_is_due_three_days_after_the_decision_and_needs_a_lawyer(admin: User, org: Org) -> None:
    case = transition(lf.case(org, poor=True, applied_on=today() - timedelta(days=2)), "accept", actor=admin)
    assert {d.label: d.due for d in case.deadlines()}["指派承办人"] == today() + timedelta(days=3)
    with pytest.raises(ValidationError, match="请先选择承办律师"):
        transition(case, "assign", actor=admin)
    case = change(admin, case, lawyer=lf.lawyer(org))
    assert transition(case, "assign", actor=admin).assigned_on == today()


# mediation, arbitration
def _assigned(admin: User, org: Org, **fields: Any) -> Case:
    case = lf.case(org, poor=True, lawyer=lf.lawyer(org), **fields)
    case = transition(case, "accept", actor=admin)
    return transition(case, "assign", actor=admin)


def test_mediation_moves_to_arbitration_after_fifteen_days_or_a_failed_mediation(admin: User, org: Org) -> None:
    case = _assigned(admin, org, mediation_received_on=date(2023, 3, 2))
    with pytest.raises(ValidationError, match="2023年3月17日起"):
        services.to_arbitration(actor=admin, case=case, received_on=date(2023, 3, 16))
    moved = services.to_arbitration(actor=admin, case=case, received_on=date(2023, 3, 17))
    assert moved.room == "arbitration" and moved.arbitration_received_on == date(2023, 3, 17)
    early = _assigned(admin, org, mediation_received_on=date(2023, 3, 2), mediation_failed_on=date(2023, 3, 6))
    assert services.to_arbitration(actor=admin, case=early, received_on=date(2023, 3, 7)).room == "arbitration"


def test_the_award_is_due_45_days_after_acceptance_plus_one_extension(org: Org) -> None:
    case = lf.case(org, room="arbitration", arbitration_received_on=date(2023, 1, 3))
    assert {d.label: d.due for d in case.deadlines()}["仲裁委决定是否受理"] == date(2023, 1, 8)
    case = lf.case(
        org, room="arbitration", arbitration_received_on=date(2023, 1, 3), arbitration_accepted_on=date(2023, 1, 6)
    )
    assert {d.label: d.due for d in case.deadlines()}["仲裁裁决"] == date(2023, 2, 20)
    case.extension_approved_on = date(2023, 2, 15)
    assert {d.label: d.due for d in case.deadlines()}["仲裁裁决（已延期）"] == date(2023, 3, 7)
    overdue = selectors.deadline_list(Case.objects.filter(pk=case.pk), on=date(2023, 2, 21))
    assert [d.label for _c, d in overdue["overdue"]] == ["仲裁裁决"]


def test_the_limitation_runs_a_year_restarted_by_an_interruption(org: Org) -> None:
    case = lf.case(org, knew_on=date(2022, 2, 1), applied_on=date(2023, 3, 1))
    assert case.limitation_ends() == date(2023, 2, 1) and case.time_barred()
    CaseInterruption.objects.create(case=case, kind="claim", on=date(2022, 6, 1))
    CaseInterruption.objects.create(case=case, kind="suspended", on=date(2022, 12, 1))  # suspends, no restart
    assert case.limitation_ends() == date(2023, 6, 1) and not case.time_barred()
    wages = lf.case(org, knew_on=date(2020, 1, 1), wages_during_employment=True, applied_on=date(2023, 3, 1))
    assert wages.limitation_ends() is None and not wages.time_barred()  # still employed: not barred
    wages.employment_ended_on = date(2022, 3, 31)
    assert wages.limitation_ends() == date(2023, 3, 31) and not wages.time_barred()


def test_fewer_than_seven_days_before_a_limit_is_urgent(org: Org) -> None:
    case = lf.case(org, knew_on=today() - timedelta(days=360), applied_on=today())
    assert case.urgent(calendar=Calendar())  # the year runs out in about 5 days
    calm = lf.case(org, knew_on=today() - timedelta(days=100), applied_on=today(), room="consult")
    assert not calm.urgent()


def test_a_claim_within_twelve_months_of_the_minimum_wage_is_a_final_award(org: Org) -> None:
    MinimumWage.objects.create(region="一类", monthly=Decimal("2020"), effective_from=date(2018, 8, 1))
    MinimumWage.objects.create(region="一类", monthly=Decimal("2280"), effective_from=date(2022, 10, 1))
    assert lf.case(org, amount=Decimal("27360.00"), applied_on=date(2023, 1, 5)).final_award()  # 12 × 2280
    assert not lf.case(org, amount=Decimal("27360.01"), applied_on=date(2023, 1, 5)).final_award()
    assert not lf.case(org, amount=Decimal("27360.00"), applied_on=date(2022, 9, 30)).final_award()  # 12 × 2020
    assert not lf.case(org, amount=Decimal("100"), kind="contract", applied_on=date(2023, 1, 5)).final_award()


# outcome, closure, termination, reopening
def test_a_case_closes_only_with_an_outcome_the_amount_recovered_and_the_closing_report(admin: User, org: Org) -> None:
    case = _assigned(admin, org, mediation_received_on=date(2023, 3, 2))
    with pytest.raises(ValidationError, match="结果和结果日期"):
        transition(case, "conclude", actor=admin)
    case = change(admin, case, outcome="mediated", outcome_on=date(2023, 3, 20))
    case = transition(case, "conclude", actor=admin)
    with pytest.raises(ValidationError, match="挽回金额"):
        transition(case, "close", actor=admin)
    case = change(admin, case, amount_recovered=Decimal("8000"))
    with pytest.raises(ValidationError, match="结案报告"):
        transition(case, "close", actor=admin)
    lf.document(org, case=case, kind="closing", title="结案报告")
    closed = transition(case, "close", actor=admin)
    assert closed.status == "closed" and closed.closed_on == today()


def test_closing_a_case_never_assigned_is_refused(admin: User, org: Org) -> None:
    case = lf.case(org, poor=True, outcome="mediated", outcome_on=date(2023, 3, 20), amount_recovered=Decimal("1"))
    with pytest.raises(ValidationError, match="不能审结"):
        transition(case, "close", actor=admin)


def test_aid_ends_only_on_a_statutory_ground(admin: User, org: Org) -> None:
    case = _assigned(admin, org)
    with pytest.raises(ValidationError, match="法定理由"):
        transition(case, "terminate", actor=admin, comment="受援人自行委托律师")
    case = change(admin, case, termination_ground="own_lawyer")
    assert transition(case, "terminate", actor=admin, comment="受援人自行委托律师").status == "terminated"


def test_only_a_supervisor_reopens_a_closed_case_and_with_a_reason(admin: User, org: Org) -> None:
    case = lf.case(org, status="closed", closed_on=date(2023, 3, 30))
    clerk = User.objects.create_user(username="clerk", password="Test@12345", org=org)
    role = Role.objects.create(name="承办", code="c", data_scope="subtree")
    role.permissions.set(
        Permission.objects.filter(content_type__app_label="legal", codename__in=["view_case", "change_case"])
    )
    clerk.roles.set([role])
    with pytest.raises(PermissionDenied):
        transition(case, "reopen", actor=clerk, comment="发现新证据")
    with pytest.raises(ValidationError, match="需要填写意见"):
        transition(case, "reopen", actor=admin)
    assert transition(case, "reopen", actor=admin, comment="发现新证据").status == "assigned"


# figures
def test_the_closed_cases_and_their_amounts_add_up_exactly(org: Org) -> None:
    amounts = [Decimal("0.10"), Decimal("0.20"), Decimal("1234567.89"), Decimal("0.01")]
    for n, amount in enumerate(amounts):
        lf.case(org, n, amount=amount, status="closed", closed_on=date(2022, 12, 31))
    lf.case(org, 9, amount=Decimal("5"), status="closed", closed_on=date(2023, 1, 1))  # another year
    lf.case(org, 8, amount=Decimal("7"), status="answered", room="consult", closed_on=date(2022, 6, 1))
    figures = selectors.closed_cases(period=period_from(None, "2022"), org=org)
    assert figures["count"] == 4 and figures["amount"] == Decimal("1234568.20")
    assert selectors.consultations(period=period_from(None, "2022"), org=org) == 1


# --- a worker's own request from the portal -------------------------------------------------------
def test_a_workers_request_is_a_numbered_case_at_intake_that_only_he_and_the_centre_see(org: Org) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from portal.services import worker_role

    town = Org.objects.add_child(org, instance=Org(name="街道工会", kind="subdistrict", code="L1"))
    person = f.person(town, 1)
    other = f.person(town, 2)
    worker = User.objects.create_user(username="w1", password="x", person=person)
    worker.roles.add(worker_role())
    neighbour = User.objects.create_user(username="w2", password="x", person=other)
    neighbour.roles.add(worker_role())
    pdf = SimpleUploadedFile("合同.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf")
    case = services.case_request(
        actor=worker,
        dispute_type=lf.dispute(),
        facts="公司拖欠三个月工资",
        employer_name="某物流公司",
        amount=Decimal("15000"),
        contact_time="工作日晚上",
        files=[pdf],
    )
    assert (case.status, case.channel, case.room, case.org) == ("applied", "portal", "mediation", org)
    assert case.number.startswith(f"法援〔{today().year}〕") and case.applicant == person
    assert "工作日晚上" in case.remark and case.documents.get().kind == "application"
    assert list(Case.objects.visible_to(worker)) == [case]
    assert not Case.objects.visible_to(neighbour).exists()
    consult = services.case_request(
        actor=worker, dispute_type=lf.dispute(), facts="想问问加班费", employer_name="某公司", consult_only=True
    )
    assert consult.room == "consult"
    with pytest.raises(ValidationError, match="发生了什么"):
        services.case_request(actor=worker, dispute_type=lf.dispute(), facts=" ", employer_name="某公司")
    with pytest.raises(ValidationError, match=r"用人单位|单位名称"):
        services.case_request(actor=worker, dispute_type=lf.dispute(), facts="欠薪")
    unbound = User.objects.create_user(username="w3", password="x")
    unbound.roles.add(worker_role())
    with pytest.raises(ValidationError, match="绑定"):
        services.case_request(actor=unbound, dispute_type=lf.dispute(), facts="欠薪", employer_name="某公司")


def test_limits_passed_or_near_wait_on_the_workbench_and_open_the_overview_on_today(client, org: Org) -> None:
    from django.urls import reverse

    from kit import todos

    day = today()
    lf.case(
        org,
        room="arbitration",
        arbitration_received_on=day - timedelta(days=70),
        arbitration_accepted_on=day - timedelta(days=66),
    )  # the award was due 45 days after acceptance
    admin = User.objects.create_superuser(username="dl_admin", password="Test@12345", org=org)
    lines = {i.label: i for i in todos.for_user(admin)}
    passed = lines["已过期限的案件事项"]
    assert passed.count >= 1 and passed.level == "danger"
    assert passed.url.startswith(reverse("legal:overview") + f"?date={day:%Y-%m-%d}")
    client.force_login(admin)
    page = client.get(passed.url.split("#")[0]).text
    assert 'id="overdue-deadlines"' in page and "仲裁裁决" in page
    clerk = User.objects.create_user(username="dl_clerk", password="Test@12345", org=org)
    assert "已过期限的案件事项" not in {i.label for i in todos.for_user(clerk)}
