"""Every 法律援助 indicator against a count made by hand from the records built here: years, a month
and cumulative periods, two sibling subtrees and their parent (and records of another district
that never count), the period's last day and the day after."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from core.models import Org
from core.testing import indicator_tree
from core.tests import factories as f
from kit import indicators
from kit.indicators import DISTINCT, EVENTS, PERSON_TIMES, RIGHTS, SUM
from kit.periods import Period
from kit.testing.indicators import DAY_AFTER, LAST_DAY, IndicatorCheck, Tree, during, within, words
from legal import figures
from legal.tests import factories as lf

pytestmark = pytest.mark.django_db

APPLIED = date(2021, 10, 8)  # when the cases closed in these tests were applied for
KINDS = {
    "legal.closed_cases": EVENTS,
    "legal.closed_amount": SUM,
    "legal.applications": EVENTS,
    "legal.consultations": PERSON_TIMES,
    "legal.referrals": EVENTS,
    "legal.checkup_enterprises": DISTINCT,
    "legal.education": EVENTS,
}
KEY = {"legal.closed_cases", "legal.closed_amount"}
OUTCOMES = [
    ("mediated", "调解成功"),
    ("award", "仲裁裁决"),
    ("withdrawn", "撤回"),
    ("litigation", "转诉讼"),
    ("inadmissible", "不予受理"),
]

check = IndicatorCheck(RIGHTS, KINDS, KEY)


@pytest.fixture
def tree() -> Tree:
    return indicator_tree("U")


def test_every_indicator_of_the_module_is_tested_here():
    assert [i.code for i in figures.INDICATORS] == list(KINDS)
    assert all(indicators.get(code) is i for code, i in zip(KINDS, figures.INDICATORS, strict=True))


@pytest.fixture
def closed(tree: Tree) -> list[Any]:
    """Cases closed (审结) or ending otherwise, with their amounts in dispute and recovered."""
    return [
        lf.case_at(
            tree.a1,
            "closed",
            closed_on=LAST_DAY,  # closed on the last day
            applied_on=APPLIED,
            amount=Decimal("12499.99"),
            outcome="mediated",
            amount_recovered=Decimal("10000.00"),
        ),
        lf.case_at(
            tree.a1,
            "closed",
            closed_on=DAY_AFTER,  # the day after
            applied_on=APPLIED,
            amount=Decimal("20000.00"),
            outcome="award",
            amount_recovered=Decimal("20000.00"),
        ),
        lf.case_at(
            tree.a,
            "closed",
            closed_on=date(2022, 6, 1),
            applied_on=APPLIED,
            amount=Decimal("0.01"),  # 12 499.99 + 0.01 is 12 500.00 exactly: 1.25 万元, half up 1.3
            outcome="withdrawn",
            amount_recovered=Decimal("0"),
        ),
        lf.case_at(tree.a, "terminated", closed_on=date(2022, 6, 10), applied_on=APPLIED, amount=Decimal("8000")),
        lf.case_at(tree.a, "answered", closed_on=date(2022, 6, 5), applied_on=APPLIED, room="consult"),  # 咨询
        lf.case_at(
            tree.a, "assigned", closed_on=date(2022, 6, 20), applied_on=APPLIED, amount=Decimal("3000")
        ),  # reopened
        lf.case_at(
            tree.b,
            "closed",
            closed_on=date(2021, 12, 31),
            applied_on=APPLIED,
            amount=Decimal("5000.50"),
            outcome="litigation",
            amount_recovered=Decimal("2500.25"),
        ),
        lf.case_at(
            tree.b, "concluded", applied_on=APPLIED, amount=Decimal("700"), outcome="mediated"
        ),  # not yet closed
        lf.case_at(
            tree.root,
            "closed",
            closed_on=date(2022, 12, 31),
            applied_on=APPLIED,
            amount=Decimal("100000"),
            outcome="mediated",
            amount_recovered=Decimal("0"),
        ),
        lf.case_at(
            tree.other,
            "closed",
            closed_on=date(2022, 6, 15),
            applied_on=APPLIED,
            amount=Decimal("50000"),
            outcome="mediated",
            amount_recovered=Decimal("50000"),
        ),
    ]


def closed_within(tree: Tree, built: list[Any]) -> Callable[[Period, Org], list[Any]]:
    def counted(period: Period, org: Org) -> list[Any]:
        return [c for c in within(tree, org, built) if c.status == "closed" and during(period, c.closed_on)]

    return counted


def test_cases_closed_within_the_period_by_outcome(tree, closed):
    def by_outcome(_period: Period, rows: list[Any]) -> str:
        return words({label: sum(1 for c in rows if c.outcome == code) for code, label in OUTCOMES})

    values = check("legal.closed_cases", tree, closed_within(tree, closed), detail=by_outcome)
    assert values["2022-06", "UA"] == 2 and values["2022-07", "UA"] == 1 and values["to:2022-07-01", "UA"] == 3
    assert values["2021", "UB"] == 1 and values["2022", "UB"] == 0 and values["2022", "U0"] == 4
    cases = indicators.get("legal.closed_cases")
    assert cases is not None and cases.detail is not None
    assert cases.detail(period=Period.year(2022), org=tree.root) == "调解成功2、仲裁裁决1、撤回1"


def test_the_amount_in_dispute_of_the_cases_closed_summed_exactly_in_ten_thousands_half_up(tree, closed):
    def in_wan(_period: Period, rows: list[Any]) -> Decimal:
        total = sum((c.amount for c in rows), Decimal("0"))
        return (total / Decimal(10_000)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def amounts(_period: Period, rows: list[Any]) -> str:
        total = sum((c.amount for c in rows), Decimal("0"))
        recovered = sum((c.amount_recovered or Decimal("0") for c in rows), Decimal("0"))
        return f"{total:.2f} 元；挽回 {recovered:.2f} 元"

    values = check("legal.closed_amount", tree, closed_within(tree, closed), in_wan, amounts)
    assert str(values["2022-06", "UA"]) == "1.3"  # 12 500.00 元: half up, not to even
    assert str(values["2022", "UA"]) == "3.3" and str(values["2022", "U0"]) == "13.3"
    assert str(values["to:2022-07-01", "U0"]) == "3.8"  # 37 500.50 元
    assert str(values["2021", "UB"]) == "0.5" and str(values["2022", "UB"]) == "0.0"
    amount = indicators.get("legal.closed_amount")
    assert amount is not None and amount.detail is not None and amount.unit == "万元"
    assert amount.detail(period=Period.month(2022, 6), org=tree.root) == "12500.00 元；挽回 10000.00 元"


def test_applications_made_within_the_period_not_counting_consultations(tree):
    built = [
        lf.case_at(tree.a1, "applied", applied_on=LAST_DAY),  # applied for on the last day
        lf.case_at(tree.a1, "applied", applied_on=DAY_AFTER, room="arbitration"),  # the day after
        lf.case_at(tree.a, "assigned", applied_on=date(2022, 6, 1), decided_on=date(2022, 6, 5), workers_involved=5),
        lf.case_at(tree.a, "rejected", applied_on=date(2022, 6, 2), decided_on=date(2022, 6, 6)),
        lf.case_at(tree.a, "answered", applied_on=date(2022, 6, 3), closed_on=date(2022, 6, 3), room="consult"),
        lf.case_at(
            tree.b,
            "closed",
            applied_on=date(2021, 12, 31),
            decided_on=date(2022, 1, 5),  # decided in the next year: still "of those applied for" in 2021
            closed_on=date(2022, 5, 1),
            outcome="mediated",
            amount_recovered=Decimal("0"),
        ),
        lf.case_at(tree.b, "withdrawn", applied_on=date(2022, 3, 1)),
        lf.case_at(
            tree.root, "accepted", applied_on=date(2022, 12, 31), decided_on=date(2022, 12, 31), workers_involved=3
        ),
        lf.case_at(tree.other, "applied", applied_on=date(2022, 6, 15)),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [c for c in within(tree, org, built) if c.room != "consult" and during(period, c.applied_on)]

    def decisions(_period: Period, rows: list[Any]) -> str:
        accepted = sum(1 for c in rows if c.decided_on is not None and c.status != "rejected")
        rejected = sum(1 for c in rows if c.status == "rejected")
        collective = sum(1 for c in rows if c.workers_involved >= 3)
        return f"决定援助 {accepted}、不予援助 {rejected}、集体争议 {collective}"

    values = check("legal.applications", tree, counted, detail=decisions)
    assert values["2022-06", "UA"] == 3 and values["2022-07", "UA"] == 1 and values["to:2022-07-01", "UA"] == 4
    assert values["2021", "UB"] == 1 and values["2022", "UB"] == 1 and values["2022", "U0"] == 6
    applications = indicators.get("legal.applications")
    assert applications is not None and applications.detail is not None
    assert applications.detail(period=Period.month(2022, 6), org=tree.a) == "决定援助 1、不予援助 1、集体争议 1"


def test_consultations_answered_within_the_period_as_person_times(tree):
    wang = f.person(tree.b, 1)
    built = [
        lf.case_at(tree.a1, "answered", room="consult", applied_on=LAST_DAY, closed_on=LAST_DAY),  # answered that day
        lf.case_at(tree.a1, "answered", room="consult", applied_on=LAST_DAY, closed_on=DAY_AFTER),  # the day after
        lf.case_at(tree.a, "applied", room="consult", applied_on=date(2022, 6, 1)),  # not answered yet
        lf.case_at(
            tree.a,
            "closed",
            applied_on=APPLIED,
            closed_on=date(2022, 6, 10),
            outcome="mediated",
            amount_recovered=Decimal("0"),
        ),  # a case, not a consultation
        lf.case_at(
            tree.b,
            "answered",
            room="consult",
            applicant=wang,
            applied_on=date(2021, 12, 31),
            closed_on=date(2021, 12, 31),
        ),
        lf.case_at(
            tree.b, "answered", room="consult", applicant=wang, applied_on=date(2022, 1, 5), closed_on=date(2022, 1, 5)
        ),
        lf.case_at(
            tree.b, "answered", room="consult", applicant=wang, applied_on=date(2022, 2, 1), closed_on=date(2022, 2, 1)
        ),
        lf.case_at(tree.root, "answered", room="consult", applied_on=date(2022, 12, 31), closed_on=date(2022, 12, 31)),
        lf.case_at(tree.other, "answered", room="consult", applied_on=date(2022, 6, 15), closed_on=date(2022, 6, 15)),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [c for c in within(tree, org, built) if c.status == "answered" and during(period, c.closed_on)]

    values = check("legal.consultations", tree, counted)
    assert values["2022-06", "UA"] == 1 and values["2022-07", "UA"] == 1 and values["to:2022-07-01", "UA"] == 2
    assert values["2022", "UB"] == 2 and values["to:2022-06-30", "UB"] == 3  # the same worker each time
    assert values["2022", "U0"] == 5


def test_referrals_sent_or_received_within_the_period_by_direction(tree):
    built = [
        lf.referral(tree.a1, direction="in", sent_on=LAST_DAY),  # received on the last day
        lf.referral(tree.a1, direction="out", sent_on=DAY_AFTER, case=lf.case(tree.a1, applied_on=date(2022, 6, 1))),
        lf.referral(
            tree.a,
            direction="out",
            sent_on=date(2022, 6, 1),
            case=lf.case(tree.a, applied_on=date(2022, 5, 1)),
            status="done",
        ),
        lf.referral(tree.b, direction="in", sent_on=date(2021, 12, 31), status="returned"),
        lf.referral(tree.root, direction="in", sent_on=date(2022, 12, 31)),
        lf.referral(tree.other, direction="in", sent_on=date(2022, 6, 15)),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [r for r in within(tree, org, built) if during(period, r.sent_on)]

    def by_direction(_period: Period, rows: list[Any]) -> str:
        sent = sum(1 for r in rows if r.direction == "out")
        received = sum(1 for r in rows if r.direction == "in")
        return f"送出{sent}、接收{received}"

    values = check("legal.referrals", tree, counted, detail=by_direction)
    assert values["2022-06", "UA"] == 2 and values["2022-07", "UA"] == 1 and values["to:2022-07-01", "UA"] == 3
    assert values["2021", "UB"] == 1 and values["2022", "U0"] == 4
    referrals = indicators.get("legal.referrals")
    assert referrals is not None and referrals.detail is not None
    assert referrals.detail(period=Period.year(2022), org=tree.root) == "送出2、接收2"


def test_enterprises_given_a_legal_checkup_within_the_period_each_once(tree):
    firm = f.enterprise(tree.a1, 1)
    built = [
        lf.checkup(tree.a1, enterprise=firm, visited_on=LAST_DAY, answers=lf.answers(wages="fail"), advice="足额支付"),
        lf.checkup(tree.a1, enterprise=firm, visited_on=date(2022, 1, 10)),  # the same enterprise again
        lf.checkup(
            tree.a1,
            visited_on=DAY_AFTER,  # the day after
            answers=lf.answers(roster="fail", insurance="fail", probation="na"),
            advice="建立名册，补缴社保",
        ),
        lf.checkup(tree.a, visited_on=date(2022, 6, 1)),
        lf.checkup(tree.b, visited_on=date(2021, 12, 31), answers=lf.answers(rules="fail"), advice="提交职代会"),
        lf.checkup(tree.root, visited_on=date(2022, 12, 31)),
        lf.checkup(tree.other, visited_on=date(2022, 6, 15), answers=lf.answers(wages="fail"), advice="足额支付"),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [c for c in within(tree, org, built) if during(period, c.visited_on)]

    def visits(_period: Period, rows: list[Any]) -> str:
        issues = sum(1 for c in rows for answer in c.answers.values() if answer == "fail")
        return f"体检 {len(rows)} 次，发现不合规项 {issues} 个"

    values = check(
        "legal.checkup_enterprises", tree, counted, lambda _p, rows: len({c.enterprise_id for c in rows}), visits
    )
    assert values["2022-06", "UA"] == 2 and values["2022", "UA"] == 3 and values["to:2022-06-30", "UA"] == 2
    assert values["2021", "UB"] == 1 and values["2022", "U0"] == 4
    checkups = indicators.get("legal.checkup_enterprises")
    assert checkups is not None and checkups.detail is not None
    assert checkups.detail(period=Period.year(2022), org=tree.a) == "体检 4 次，发现不合规项 3 个"


def test_legal_education_sessions_held_within_the_period_and_their_attendees(tree):
    built = [
        lf.education_on(tree.a1, LAST_DAY, 30),  # held on the last day
        lf.education_on(tree.a1, DAY_AFTER, 20),  # the day after
        lf.education_on(tree.a, date(2022, 6, 1)),
        lf.education_on(tree.b, date(2021, 12, 31), 45),
        lf.education_on(tree.root, date(2022, 12, 31), 100),
        lf.education_on(tree.other, date(2022, 6, 15), 10),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [s for s in within(tree, org, built) if during(period, s.held_on)]

    def attendees(_period: Period, rows: list[Any]) -> str:
        return f"参加 {sum(s.attendees for s in rows)} 人次"

    values = check("legal.education", tree, counted, detail=attendees)
    assert values["2022-06", "UA"] == 2 and values["2022-07", "UA"] == 1 and values["to:2022-07-01", "UA"] == 3
    assert values["2021", "UB"] == 1 and values["2022", "U0"] == 4
    education = indicators.get("legal.education")
    assert education is not None and education.detail is not None
    assert education.detail(period=Period.year(2022), org=tree.root) == "参加 150 人次"
