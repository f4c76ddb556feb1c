"""Every 维权服务 indicator against a count made by hand from the records built here: years, a month
and cumulative periods, two sibling subtrees and their parent (and records of another district
that never count), the period's last day and the day after."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from core.models import Org
from core.testing import indicator_tree
from core.tests import factories as f
from kit import indicators
from kit.indicators import DISTINCT, EVENTS, RIGHTS, STOCK, SUM
from kit.periods import Period
from kit.testing.indicators import (
    DAY_AFTER,
    DAY_BEFORE,
    LAST_DAY,
    PERIODS,
    IndicatorCheck,
    Tree,
    deleted,
    during,
    stock_on,
    within,
    words,
)
from rights import figures
from rights.models import VolunteerActivity
from rights.tests import factories as rf

pytestmark = pytest.mark.django_db

KINDS = {
    "rights.insured_units": STOCK,
    "rights.insured_people": DISTINCT,
    "rights.claims_paid": EVENTS,
    "rights.open_files": STOCK,
    "rights.volunteer_teams": STOCK,
    "rights.volunteer_activities": EVENTS,
    "rights.volunteer_hours": SUM,
    "rights.new_form_joined": EVENTS,
    "rights.people_served": DISTINCT,
    "rights.base_sessions": EVENTS,
    "rights.offers": EVENTS,
    "rights.contracts_in_force": STOCK,
    "rights.three_star_enterprises": STOCK,
    "rights.instructors": STOCK,
    "rights.stations_in_use": STOCK,
    "rights.starred_stations": STOCK,
    "rights.station_titles": STOCK,
}
KEY = {
    "rights.insured_units",
    "rights.insured_people",
    "rights.volunteer_teams",
    "rights.volunteer_activities",
    "rights.three_star_enterprises",
    "rights.stations_in_use",
    "rights.starred_stations",
}
CATEGORIES = [("deep", "深度困难"), ("relative", "相对困难"), ("accident", "意外致困")]
CONTRACT_KINDS = [
    ("comprehensive", "综合性集体合同"),
    ("wage", "工资专项集体合同"),
    ("safety", "劳动安全卫生专项集体合同"),
    ("women", "女职工权益保护专项集体合同"),
    ("other", "其他专项集体合同"),
    ("trade", "行业性集体合同"),
    ("area", "区域性集体合同"),
]
INSTRUCTOR_KINDS = [("full", "专职"), ("part", "兼职")]
TITLES = [
    ("national_best", "全国最美工会户外劳动者服务站点"),
    ("province_five_star", "省五星级“安康·爱心驿站”"),
    ("province_best", "省级最美站点"),
    ("city_best", "市级最美站点"),
]
REPLY_DAYS = 20  # 集体合同规定 Art 32: a written answer within 20 days of receiving the 要约书

check = IndicatorCheck(RIGHTS, KINDS, KEY)


@pytest.fixture
def tree() -> Tree:
    return indicator_tree("H")


def a_year_on(day: date) -> date:
    """The last day a star review of `day` holds: the day before the same date a year later."""
    return day.replace(year=day.year + 1) - timedelta(days=1)


def test_every_indicator_of_the_module_is_tested_here():
    assert [i.code for i in figures.INDICATORS] == list(KINDS)
    assert all(indicators.get(code) is i for code, i in zip(KINDS, figures.INDICATORS, strict=True))


# --- mutual aid -----------------------------------------------------------------------------------
def test_insured_units_are_the_enterprises_covered_on_the_periods_last_day(tree):
    firm = f.enterprise(tree.a1, 1)
    built = [
        rf.enrolment(tree.a1, enterprise=firm, starts_on=date(2021, 7, 1), ends_on=LAST_DAY),  # ends on the last day
        rf.enrolment(tree.a1, enterprise=firm, starts_on=date(2022, 1, 1), ends_on=date(2022, 12, 31)),  # 2nd plan
        rf.enrolment(tree.a, starts_on=date(2021, 6, 30), ends_on=DAY_BEFORE),  # ended the day before
        rf.enrolment(tree.a, starts_on=DAY_AFTER, ends_on=date(2023, 6, 30)),  # starts the day after
        rf.enrolment(tree.a, starts_on=date(2022, 1, 1), ends_on=date(2022, 12, 31), **deleted()),
        rf.enrolment(tree.b, starts_on=LAST_DAY, ends_on=date(2023, 6, 29)),  # starts on the last day
        rf.enrolment(tree.b, starts_on=date(2020, 1, 1), ends_on=date(2020, 12, 31)),
        rf.enrolment(tree.root, starts_on=date(2021, 1, 1), ends_on=date(2021, 12, 31)),
        rf.enrolment(tree.other, starts_on=date(2022, 1, 1), ends_on=date(2022, 12, 31)),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [e for e in within(tree, org, built) if e.starts_on <= period.end <= e.ends_on]

    values = check(
        "rights.insured_units", tree, counted, lambda _p, rows: len({e.enterprise_id for e in rows})
    )  # an enterprise in two plans at once is one unit
    assert values["2022-06", "HA"] == 1 and values["to:2022-07-01", "HA"] == 2 and values["2021", "HA"] == 2
    assert values["to:2022-06-30", "HB"] == 1 and values["2021", "HB"] == 0
    assert values["2021", "H0"] == 3 and values["2022-06", "H0"] == 2


def test_insured_people_are_the_workers_covered_on_the_periods_last_day_each_once(tree):
    covered = rf.enrolment(tree.a1, starts_on=date(2021, 7, 1), ends_on=LAST_DAY)
    second = rf.enrolment(tree.a1, starts_on=date(2022, 1, 1), ends_on=date(2022, 12, 31))  # another plan
    ended = rf.enrolment(tree.a, starts_on=date(2021, 6, 30), ends_on=DAY_BEFORE)
    binned = rf.enrolment(tree.a, starts_on=date(2022, 1, 1), ends_on=date(2022, 12, 31), **deleted())
    later = rf.enrolment(tree.b, starts_on=DAY_AFTER, ends_on=date(2023, 6, 30))
    from_last = rf.enrolment(tree.b, starts_on=LAST_DAY, ends_on=date(2023, 6, 29))
    at_root = rf.enrolment(tree.root, starts_on=date(2021, 1, 1), ends_on=date(2021, 12, 31))
    elsewhere = rf.enrolment(tree.other, starts_on=date(2022, 1, 1), ends_on=date(2022, 12, 31))
    wang = f.person(tree.a1, 1)
    built = [
        rf.member(tree.a1, enrolment=covered, person=wang),
        rf.member(tree.a1, enrolment=covered),
        rf.member(tree.a1, enrolment=second, person=wang),  # in two plans at once: one worker
        rf.member(tree.a1, enrolment=second),
        rf.member(tree.a, enrolment=ended),
        rf.member(tree.a, enrolment=binned),
        rf.member(tree.b, enrolment=later),
        rf.member(tree.b, enrolment=from_last),
        rf.member(tree.root, enrolment=at_root, person=wang),  # and in a third in 2021
        rf.member(tree.other, enrolment=elsewhere, person=wang),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [
            m
            for m in built
            if m.enrolment.org_id in tree.members[org.pk]
            and m.enrolment.deleted_at is None
            and m.enrolment.starts_on <= period.end <= m.enrolment.ends_on
        ]

    values = check("rights.insured_people", tree, counted, lambda _p, rows: len({m.person_id for m in rows}))
    assert values["2022-06", "HA"] == 3 and values["2022-06", "H0"] == 4
    assert values["2021", "H0"] == 3 and values["to:2022-07-01", "HB"] == 2


def test_claims_paid_within_the_period_and_their_exact_amount(tree):
    def insured(org: Org) -> Any:
        return rf.member(org, enrolment=rf.enrolment(org, starts_on=date(2021, 1, 1), ends_on=date(2022, 12, 31)))

    built = [
        rf.paid_claim(insured(tree.a1), LAST_DAY, Decimal("1234.56")),  # paid on the last day
        rf.paid_claim(insured(tree.a1), DAY_AFTER, Decimal("100.10")),  # the day after
        rf.paid_claim(insured(tree.a), date(2021, 12, 31), Decimal("0.10")),
        rf.paid_claim(insured(tree.a), date(2021, 12, 31), Decimal("0.20")),  # 0.1 + 0.2 is 0.30 exactly
        rf.paid_claim(insured(tree.b), LAST_DAY, Decimal("800"), status="approved"),  # approved, not paid
        rf.paid_claim(insured(tree.b), date(2022, 6, 1), Decimal("3000.00")),
        rf.paid_claim(insured(tree.b), date(2022, 6, 2), Decimal("0"), status="rejected"),
        rf.paid_claim(insured(tree.root), date(2022, 1, 1), Decimal("500.00")),
        rf.paid_claim(insured(tree.other), date(2022, 6, 15), Decimal("999.99")),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [
            c
            for c in within(tree, org, built, lambda c: c.member.enrolment.org_id)
            if c.status == "paid" and during(period, c.paid_on)
        ]

    def amount(_period: Period, rows: list[Any]) -> str:
        return f"所选期间内给付，金额 {sum((c.amount_approved for c in rows), Decimal('0'))} 元"

    values = check("rights.claims_paid", tree, counted, detail=amount)
    assert values["2021", "HA"] == 2 and values["2022-06", "H0"] == 2 and values["2022", "H0"] == 4
    assert values["2022-07", "HA"] == 1 and values["2022", "HB"] == 1
    claims = indicators.get("rights.claims_paid")
    assert claims is not None and claims.detail is not None
    assert claims.detail(period=Period.year(2021), org=tree.a) == "所选期间内给付，金额 0.30 元"
    assert claims.detail(period=Period.month(2022, 6), org=tree.root) == "所选期间内给付，金额 4234.56 元"


# --- hardship relief --------------------------------------------------------------------------------
def test_open_files_are_the_families_in_the_file_on_the_periods_last_day_by_category(tree):
    built = [
        rf.file_on(tree.a1, date(2021, 5, 1)),  # 深度困难 by its incomes
        rf.file_on(tree.a1, LAST_DAY, category="relative"),  # filed on the last day
        rf.file_on(tree.a, DAY_AFTER, category="accident"),  # filed the day after
        rf.file_on(tree.a, date(2021, 1, 1), DAY_BEFORE),  # left the day before
        rf.file_on(tree.a, date(2021, 1, 1), DAY_AFTER),  # left the day after: in the file on the last day
        # left on the last day (解困): out of the file that very day. Unlike the other stocks (a station
        # closed on the last day is still in use that day), a family's exit day ends its 在档.
        rf.file_on(tree.b, date(2021, 1, 1), LAST_DAY, status="relieved"),
        rf.file_on(tree.b, None, status="applied"),  # still applying: not in the file
        rf.file_on(tree.b, date(2022, 1, 1), category="none"),  # 不符合建档条件
        rf.file_on(tree.b, date(2021, 1, 1), **deleted()),
        rf.file_on(tree.root, date(2022, 12, 31)),
        rf.file_on(tree.other, date(2021, 1, 1)),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [
            h
            for h in within(tree, org, built)
            if h.category != "none"
            and h.filed_on is not None
            and h.filed_on <= period.end
            and (h.closed_on is None or h.closed_on > period.end)
        ]

    def by_category(_period: Period, rows: list[Any]) -> str:
        return "所选日期在档：" + words({label: sum(1 for h in rows if h.category == c) for c, label in CATEGORIES})

    values = check("rights.open_files", tree, counted, detail=by_category)
    assert values["2022-06", "HA"] == 3 and values["to:2022-07-01", "HA"] == 3 and values["2021", "HA"] == 3
    assert values["to:2022-06-30", "HB"] == 0 and values["2021", "HB"] == 1 and values["2022", "H0"] == 4
    files = indicators.get("rights.open_files")
    assert files is not None and files.detail is not None
    assert files.detail(period=Period.month(2022, 6), org=tree.a) == "所选日期在档：深度困难2、相对困难1"


# --- volunteers -------------------------------------------------------------------------------------
def test_volunteer_teams_on_the_books_at_the_periods_end(tree):
    built = [
        rf.team_between(tree.a1, date(2021, 3, 1)),
        rf.team_between(tree.a1, LAST_DAY),  # founded on the last day
        rf.team_between(tree.a, DAY_AFTER),  # the day after
        rf.team_between(tree.a, date(2021, 1, 1), **deleted()),
        rf.team_between(tree.b, date(2020, 1, 1), LAST_DAY),  # dissolved on the last day: still on the books
        rf.team_between(tree.b, date(2020, 1, 1), DAY_BEFORE),  # dissolved the day before
        rf.team_between(tree.root, date(2022, 12, 31)),
        rf.team_between(tree.other, date(2020, 1, 1)),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [t for t in within(tree, org, built) if stock_on(period.end, t.founded_on, t.dissolved_on)]

    values = check("rights.volunteer_teams", tree, counted)
    assert values["2021", "HA"] == 1 and values["2022-06", "HA"] == 2 and values["to:2022-07-01", "HA"] == 3
    assert values["2021", "HB"] == 2 and values["to:2022-06-30", "HB"] == 1 and values["2022-07", "HB"] == 0
    assert values["2022", "H0"] == 4


def test_volunteer_activities_published_and_held_within_the_period(tree):
    built = [
        rf.activity(tree.a1, held_on=LAST_DAY),  # held on the last day
        rf.activity(tree.a1, held_on=DAY_AFTER),  # the day after
        rf.activity(tree.a, held_on=date(2022, 6, 10), status="draft"),
        rf.activity(tree.a, held_on=date(2022, 6, 11), status="cancelled"),
        rf.activity(tree.b, held_on=date(2021, 12, 31)),
        rf.activity(tree.b, held_on=date(2022, 1, 10)),
        rf.activity(tree.root, held_on=date(2022, 6, 15)),
        rf.activity(tree.other, held_on=date(2022, 6, 15)),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [
            v
            for v in within(tree, org, built, lambda v: v.team.org_id)
            if v.status == "published" and during(period, v.held_on)
        ]

    values = check("rights.volunteer_activities", tree, counted)
    assert values["2022-06", "HA"] == 1 and values["2022-07", "HA"] == 1 and values["to:2022-07-01", "HA"] == 2
    assert values["2021", "HB"] == 1 and values["2022", "HB"] == 1 and values["2022-06", "H0"] == 2


def test_volunteer_hours_summed_exactly_over_the_activities_held_within_the_period(tree):
    at_last = rf.activity(tree.a1, held_on=LAST_DAY)
    at_after = rf.activity(tree.a1, held_on=DAY_AFTER)
    in_a = rf.activity(tree.a, held_on=date(2022, 6, 1))
    in_b = rf.activity(tree.b, held_on=date(2021, 12, 31))
    at_root = rf.activity(tree.root, held_on=date(2022, 12, 31))
    elsewhere = rf.activity(tree.other, held_on=date(2022, 6, 15))
    built = [
        rf.hours_at(at_last, Decimal("2.5")),
        rf.hours_at(at_last, Decimal("0.5")),
        rf.hours_at(at_after, Decimal("4")),
        rf.hours_at(in_a, Decimal("1.5")),
        rf.hours_at(in_b, Decimal("3.5")),
        rf.hours_at(in_b, Decimal("0.5")),
        rf.hours_at(at_root, Decimal("8")),
        rf.hours_at(elsewhere, Decimal("24")),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [
            h
            for h in within(tree, org, built, lambda h: h.activity.team.org_id)
            if h.activity.status == "published" and during(period, h.activity.held_on)
        ]

    values = check("rights.volunteer_hours", tree, counted, lambda _p, rows: sum((h.hours for h in rows), Decimal(0)))
    assert values["2022-06", "HA"] == Decimal("4.5") and values["2022-07", "HA"] == Decimal("4")
    assert values["2021", "HB"] == Decimal("4.0") and values["2022", "H0"] == Decimal("16.5")
    assert values["2022", "HB"] == 0


def test_hours_of_an_activity_cancelled_afterwards_are_not_counted(tree):
    held = rf.activity(tree.a, held_on=LAST_DAY)
    rf.hours_at(held, Decimal("3"))
    VolunteerActivity.objects.filter(pk=held.pk).update(status="cancelled")  # the published activity is cancelled
    activities, hours = indicators.get("rights.volunteer_activities"), indicators.get("rights.volunteer_hours")
    assert activities is not None and hours is not None
    assert activities.compute(Period.month(2022, 6), tree.a) == 0
    assert hours.compute(Period.month(2022, 6), tree.a) == 0


# --- new-employment-form workers ------------------------------------------------------------------
def test_new_form_workers_who_joined_the_union_within_the_period(tree):
    courier = f.dict_item("new_form", "courier", "快递员")
    rider = f.dict_item("new_form", "rider", "外卖送餐员")
    built = [
        f.person(tree.a1, 1, new_form_category=courier, joined_union_on=LAST_DAY),  # joined on the last day
        f.person(tree.a1, 2, new_form_category=rider, joined_union_on=DAY_AFTER),  # the day after
        f.person(tree.a, 3, joined_union_on=date(2022, 6, 1)),  # not a new-form worker
        f.person(tree.a, 4, new_form_category=courier, joined_union_on=date(2022, 6, 2), **deleted()),
        f.person(tree.b, 5, new_form_category=rider, joined_union_on=date(2021, 12, 31)),
        f.person(tree.b, 6, new_form_category=rider),  # never joined
        f.person(tree.root, 7, new_form_category=courier, joined_union_on=date(2022, 12, 31)),
        f.person(tree.other, 8, new_form_category=courier, joined_union_on=date(2022, 6, 15)),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [
            p
            for p in within(tree, org, built)
            if p.new_form_category_id is not None and during(period, p.joined_union_on)
        ]

    values = check("rights.new_form_joined", tree, counted)
    assert values["2022-06", "HA"] == 1 and values["2022-07", "HA"] == 1 and values["to:2022-07-01", "HA"] == 2
    assert values["2021", "HB"] == 1 and values["2022", "H0"] == 3


def test_people_served_are_the_workers_given_anything_within_the_period_each_once(tree):
    in_a1, in_b, at_root, elsewhere = (rf.campaign(o) for o in (tree.a1, tree.b, tree.root, tree.other))
    insurance = rf.campaign_item(in_a1, "意外伤害保险", 1)
    checkup = rf.campaign_item(in_a1, "健康体检", 2)
    cool = rf.campaign_item(in_b, "清凉包", 1)
    books = rf.campaign_item(at_root, "法律读本", 1)
    theirs = rf.campaign_item(elsewhere, "防暑药品", 1)
    li, zhao, sun, qian = f.person(tree.a1, 1), f.person(tree.a1, 2), f.person(tree.b, 3), f.person(tree.root, 4)
    built = [
        rf.delivery(insurance, li, LAST_DAY),  # given on the last day
        rf.delivery(checkup, li, date(2022, 6, 1)),  # the same worker again: served once
        rf.delivery(checkup, zhao, DAY_AFTER, 2),  # the day after
        rf.delivery(cool, sun, date(2021, 12, 31), 3),
        rf.delivery(cool, li, date(2022, 1, 5)),  # a worker of 甲 served by 乙's campaign
        rf.delivery(books, qian, date(2022, 12, 31)),
        rf.delivery(theirs, li, date(2022, 6, 15)),  # by the neighbouring district: never ours
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [g for g in within(tree, org, built, lambda g: g.item.campaign.org_id) if during(period, g.given_on)]

    def by_item(_period: Period, rows: list[Any]) -> str:
        totals: dict[str, int] = {}  # the latest campaign first, then its items in their order
        in_order = sorted(
            rows, key=lambda g: (-g.item.campaign.starts_on.toordinal(), -g.item.campaign_id, g.item.sort)
        )
        for g in in_order:
            totals[g.item.name] = totals.get(g.item.name, 0) + g.quantity
        return words(totals) or "所选期间内无赠送"

    values = check("rights.people_served", tree, counted, lambda _p, rows: len({g.person_id for g in rows}), by_item)
    assert values["2022-06", "HA"] == 1 and values["2022-07", "HA"] == 1 and values["to:2022-07-01", "HA"] == 2
    assert values["2021", "HB"] == 1 and values["2022", "HB"] == 1 and values["2022", "H0"] == 3
    served = indicators.get("rights.people_served")
    assert served is not None and served.detail is not None
    assert served.detail(period=Period.month(2022, 6), org=tree.root) == "意外伤害保险1、健康体检1"
    assert served.detail(period=Period.year(2021), org=tree.a) == "所选期间内无赠送"


def test_the_gifts_breakdown_adds_up_items_of_one_name_across_campaigns(tree):
    first, second = rf.campaign(tree.a), rf.campaign(tree.b)
    rf.delivery(rf.campaign_item(first, "意外伤害保险"), f.person(tree.a, 1), date(2022, 6, 1), 2)
    rf.delivery(rf.campaign_item(second, "意外伤害保险"), f.person(tree.b, 2), date(2022, 6, 2), 3)
    served = indicators.get("rights.people_served")
    assert served is not None and served.detail is not None
    assert served.compute(Period.month(2022, 6), tree.root) == 2
    assert served.detail(period=Period.month(2022, 6), org=tree.root) == "意外伤害保险5"


def test_education_base_sessions_held_within_the_period_and_their_attendees(tree):
    in_a1, in_a, in_b, at_root, elsewhere = (
        rf.education_base(o) for o in (tree.a1, tree.a, tree.b, tree.root, tree.other)
    )
    built = [
        rf.base_session(in_a1, LAST_DAY, 40),  # held on the last day
        rf.base_session(in_a1, DAY_AFTER, 30),  # the day after
        rf.base_session(in_a, date(2022, 6, 1), 25),
        rf.base_session(in_b, date(2021, 12, 31), 10),
        rf.base_session(in_b, date(2022, 3, 1), 15),
        rf.base_session(at_root, date(2022, 12, 31), 100),
        rf.base_session(elsewhere, date(2022, 6, 15), 50),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [s for s in within(tree, org, built, lambda s: s.base.org_id) if during(period, s.held_on)]

    def attendees(_period: Period, rows: list[Any]) -> str:
        return f"参加 {sum(s.attendees for s in rows)} 人次"

    values = check("rights.base_sessions", tree, counted, detail=attendees)
    assert values["2022-06", "HA"] == 2 and values["2022-07", "HA"] == 1 and values["to:2022-07-01", "HA"] == 3
    assert values["2021", "HB"] == 1 and values["2022", "H0"] == 5
    sessions = indicators.get("rights.base_sessions")
    assert sessions is not None and sessions.detail is not None
    assert sessions.detail(period=Period.year(2022), org=tree.root) == "参加 210 人次"


# --- collective bargaining ------------------------------------------------------------------------
def test_offers_issued_within_the_period_answered_refused_or_overdue_at_its_end(tree):
    built = [
        rf.negotiation(tree.a1, offer_on=LAST_DAY, received_on=LAST_DAY),  # issued on the last day, no answer
        rf.negotiation(tree.a1, offer_on=DAY_AFTER, received_on=DAY_AFTER),  # the day after
        rf.negotiation(
            tree.a,
            offer_on=date(2022, 6, 1),
            received_on=date(2022, 6, 2),
            reply_on=date(2022, 6, 10),
            status="answered",
        ),
        rf.negotiation(
            tree.b,
            offer_on=date(2021, 12, 31),
            received_on=date(2022, 1, 4),
            status="refused",
            refusal_reason="经营困难",
        ),
        rf.negotiation(tree.b, offer_on=date(2022, 3, 1), received_on=date(2022, 3, 2)),  # never answered
        rf.negotiation(tree.root, offer_on=date(2022, 12, 31), received_on=date(2022, 12, 31)),
        rf.negotiation(tree.other, offer_on=date(2022, 6, 15), received_on=date(2022, 6, 15)),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [n for n in within(tree, org, built) if during(period, n.offer_on)]

    def answers(period: Period, rows: list[Any]) -> str:
        end = period.end
        answered = sum(1 for n in rows if n.reply_on is not None and n.reply_on <= end)
        refused = sum(1 for n in rows if n.status == "refused")
        overdue = sum(
            1
            for n in rows
            if n.status != "refused"
            and (n.reply_on is None or n.reply_on > end)
            and end > n.received_on + timedelta(days=REPLY_DAYS)
        )
        return f"所选期间内发出；已应约 {answered}，拒绝 {refused}，逾期未应约 {overdue}"

    values = check("rights.offers", tree, counted, detail=answers)
    assert values["2022-06", "HA"] == 2 and values["2022-07", "HA"] == 1 and values["to:2022-07-01", "HA"] == 3
    assert values["2021", "HB"] == 1 and values["2022", "H0"] == 5
    offers = indicators.get("rights.offers")
    assert offers is not None and offers.detail is not None
    assert offers.detail(period=Period.year(2022), org=tree.root) == "所选期间内发出；已应约 1，拒绝 0，逾期未应约 3"
    assert offers.detail(period=Period.year(2021), org=tree.b) == "所选期间内发出；已应约 0，拒绝 1，逾期未应约 0"


def test_an_offer_answered_after_the_period_is_overdue_at_its_end_not_answered(tree):
    rf.negotiation(
        tree.a, offer_on=date(2022, 5, 1), received_on=date(2022, 5, 5), reply_on=DAY_AFTER, status="answered"
    )
    offers = indicators.get("rights.offers")
    assert offers is not None and offers.detail is not None
    assert offers.detail(period=Period.month(2022, 5), org=tree.a) == "所选期间内发出；已应约 0，拒绝 0，逾期未应约 1"


def test_contracts_in_force_on_the_periods_last_day_by_kind(tree):
    built = [
        rf.contract(tree.a1, kind="wage", starts_on=date(2021, 7, 1), ends_on=LAST_DAY),  # expires on the last day
        rf.contract(tree.a1, kind="comprehensive", starts_on=LAST_DAY, ends_on=date(2025, 6, 29)),  # effective that day
        rf.contract(tree.a, kind="safety", starts_on=date(2021, 6, 30), ends_on=DAY_BEFORE),  # expired the day before
        rf.contract(tree.a, kind="wage", starts_on=DAY_AFTER, ends_on=date(2023, 6, 30)),  # effective the day after
        rf.contract(tree.a, kind="comprehensive", starts_on=date(2021, 1, 1), ends_on=date(2023, 12, 31), **deleted()),
        rf.contract(
            tree.b, kind="trade", coverage="栖霞区快递行业", starts_on=date(2021, 1, 1), ends_on=date(2023, 12, 31)
        ),
        rf.contract(tree.root, kind="women", starts_on=date(2022, 12, 31), ends_on=date(2023, 12, 30)),
        rf.contract(tree.other, kind="wage", starts_on=date(2022, 1, 1), ends_on=date(2022, 12, 31)),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [c for c in within(tree, org, built) if c.starts_on <= period.end <= c.ends_on]

    def by_kind(_period: Period, rows: list[Any]) -> str:
        counts = {label: sum(1 for c in rows if c.kind == k) for k, label in CONTRACT_KINDS}
        return words(counts) or "所选日期无在履行的合同"

    values = check("rights.contracts_in_force", tree, counted, detail=by_kind)
    assert values["2022-06", "HA"] == 2 and values["to:2022-07-01", "HA"] == 2 and values["2021", "HA"] == 2
    assert values["2021", "HB"] == 1 and values["2022", "H0"] == 4
    contracts = indicators.get("rights.contracts_in_force")
    assert contracts is not None and contracts.detail is not None
    assert contracts.detail(period=Period.month(2022, 6), org=tree.a) == "综合性集体合同1、工资专项集体合同1"
    assert contracts.detail(period=Period.year(2020), org=tree.root) == "所选日期无在履行的合同"


def test_three_star_enterprises_by_their_latest_rating_confirmed_by_the_periods_end(tree):
    e1, e2, e8 = f.enterprise(tree.a1, 1), f.enterprise(tree.a1, 2), f.enterprise(tree.a, 8)
    e3, e4, e5 = f.enterprise(tree.a, 3), f.enterprise(tree.b, 4), f.enterprise(tree.b, 5)
    built = [
        rf.confirmed_rating(tree.a1, 2, 2021, date(2021, 12, 20), enterprise=e1),
        rf.confirmed_rating(tree.a1, 3, 2022, LAST_DAY, enterprise=e1),  # 三星 confirmed on the last day
        rf.confirmed_rating(tree.a1, 3, 2021, date(2022, 1, 10), enterprise=e2),
        rf.confirmed_rating(tree.a1, 1, 2022, DAY_AFTER, enterprise=e2),  # down to 一星 the day after
        rf.confirmed_rating(tree.a, 3, 2021, date(2021, 11, 1), enterprise=e3),
        rf.confirmed_rating(tree.a, 3, 2022, None, enterprise=e3, status="draft"),  # not confirmed: no matter
        rf.confirmed_rating(tree.a, 2, 2020, date(2020, 12, 1), enterprise=e8),
        rf.confirmed_rating(tree.a, 3, 2021, date(2021, 6, 1), enterprise=e8, status="draft"),  # reopened
        rf.confirmed_rating(tree.b, 3, 2020, date(2021, 1, 15), enterprise=e4),
        rf.confirmed_rating(tree.b, 2, 2021, DAY_BEFORE, enterprise=e4),  # down to 二星 the day before
        rf.confirmed_rating(tree.b, 3, 2022, date(2022, 3, 1), enterprise=e5),
        rf.confirmed_rating(tree.b, 1, 2021, date(2022, 5, 1), enterprise=e5),  # an earlier year confirmed later
        rf.confirmed_rating(tree.root, 3, 2022, date(2022, 12, 31)),
        rf.confirmed_rating(tree.other, 3, 2021, date(2021, 6, 1)),
    ]

    def latest(period: Period, org: Org) -> list[Any]:
        best: dict[int, Any] = {}
        for r in within(tree, org, built):
            if r.status != "confirmed" or r.confirmed_on is None or r.confirmed_on > period.end:
                continue
            held = best.get(r.enterprise_id)
            if held is None or (r.year, r.pk) > (held.year, held.pk):
                best[r.enterprise_id] = r
        return list(best.values())

    def counted(period: Period, org: Org) -> list[Any]:
        return [r for r in latest(period, org) if r.stars == 3]

    values = check("rights.three_star_enterprises", tree, counted)
    # the breakdown counts the other levels among the same latest ratings (check's `detail` sees only
    # the three-star rows)
    indicator = indicators.get("rights.three_star_enterprises")
    assert indicator is not None and indicator.detail is not None
    for period in PERIODS:
        for org in (tree.a, tree.b, tree.root):
            rows = latest(period, org)
            two, one = sum(1 for r in rows if r.stars == 2), sum(1 for r in rows if r.stars == 1)
            expected = f"所选日期最近一次确认的评估；二星 {two}、一星 {one}"
            assert indicator.detail(period=period, org=org) == expected, (period.code, org.code)
    assert values["to:2022-06-30", "H0"] == 4 and values["to:2022-07-01", "H0"] == 3
    assert values["2021", "H0"] == 2 and values["2022", "H0"] == 4
    assert values["2021", "HA"] == 1 and values["to:2022-06-30", "HB"] == 1
    assert (
        indicator.detail(period=Period.to_date(DAY_AFTER), org=tree.root)
        == "所选日期最近一次确认的评估；二星 2、一星 1"
    )


def test_instructors_in_post_on_the_periods_last_day_by_kind(tree):
    built = [
        rf.instructor(tree.a1, kind="full", appointed_on=date(2020, 7, 1), term_ends_on=LAST_DAY),  # term ends that day
        rf.instructor(
            tree.a1, kind="part", appointed_on=LAST_DAY, term_ends_on=date(2024, 12, 31)
        ),  # appointed that day
        rf.instructor(tree.a, kind="part", appointed_on=date(2019, 7, 1), term_ends_on=DAY_BEFORE),
        rf.instructor(tree.a, kind="full", appointed_on=DAY_AFTER, term_ends_on=date(2025, 6, 30)),
        rf.instructor(tree.a, kind="full", appointed_on=date(2021, 1, 1), term_ends_on=date(2023, 12, 31), **deleted()),
        rf.instructor(tree.b, kind="part", appointed_on=date(2021, 1, 1), term_ends_on=date(2023, 12, 31)),
        rf.instructor(tree.root, kind="full", appointed_on=date(2022, 12, 31), term_ends_on=date(2025, 12, 30)),
        rf.instructor(tree.other, kind="full", appointed_on=date(2021, 1, 1), term_ends_on=date(2023, 12, 31)),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [i for i in within(tree, org, built) if i.appointed_on <= period.end <= i.term_ends_on]

    def by_kind(_period: Period, rows: list[Any]) -> str:
        return words({label: sum(1 for i in rows if i.kind == k) for k, label in INSTRUCTOR_KINDS})

    values = check("rights.instructors", tree, counted, detail=by_kind)
    assert values["2022-06", "HA"] == 2 and values["to:2022-07-01", "HA"] == 2 and values["2021", "HA"] == 2
    assert values["2021", "HB"] == 1 and values["2022", "H0"] == 4
    instructors = indicators.get("rights.instructors")
    assert instructors is not None and instructors.detail is not None
    assert instructors.detail(period=Period.year(2022), org=tree.root) == "专职2、兼职2"


# --- stations -------------------------------------------------------------------------------------
def test_stations_in_use_on_the_periods_last_day(tree):
    built = [
        rf.station(tree.a1, opened_on=date(2021, 5, 1)),
        rf.station(tree.a1, opened_on=LAST_DAY),  # opened on the last day
        rf.station(tree.a, opened_on=DAY_AFTER),  # the day after
        rf.station(tree.a, opened_on=date(2021, 1, 1), **deleted()),
        rf.station(tree.b, opened_on=date(2020, 1, 1), closed_on=LAST_DAY),  # closed on the last day: in use
        rf.station(tree.b, opened_on=date(2020, 1, 1), closed_on=DAY_BEFORE),  # closed the day before
        rf.station(tree.root, opened_on=date(2022, 12, 31)),
        rf.station(tree.other, opened_on=date(2020, 1, 1)),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [s for s in within(tree, org, built) if stock_on(period.end, s.opened_on, s.closed_on)]

    values = check("rights.stations_in_use", tree, counted)
    assert values["2021", "HA"] == 1 and values["2022-06", "HA"] == 2 and values["to:2022-07-01", "HA"] == 3
    assert values["2021", "HB"] == 2 and values["to:2022-06-30", "HB"] == 1 and values["2022-07", "HB"] == 0
    assert values["2022", "H0"] == 4


def test_starred_stations_hold_a_district_review_of_the_year_before_the_periods_end(tree):
    opened = date(2020, 1, 1)
    s1, s2 = rf.station(tree.a1, opened_on=opened), rf.station(tree.a1, opened_on=opened)
    s3, s4, s5 = (rf.station(tree.a, opened_on=opened) for _ in range(3))
    s6 = rf.station(tree.b, opened_on=opened, closed_on=DAY_BEFORE)
    s7 = rf.station(tree.b, opened_on=opened, closed_on=LAST_DAY)
    s8 = rf.station(tree.b, opened_on=opened, **deleted())
    s11 = rf.station(tree.b, opened_on=DAY_AFTER)
    s9 = rf.station(tree.root, opened_on=date(2022, 1, 1))
    s10 = rf.station(tree.other, opened_on=opened)
    stations = [s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11]
    reviews = [
        rf.station_review(tree.a1, station=s1, reviewed_on=date(2021, 7, 1)),  # holds through the last day
        rf.station_review(tree.a1, station=s2, reviewed_on=date(2021, 6, 30)),  # lapsed the day before it
        rf.station_review(tree.a, station=s3, reviewed_on=date(2021, 1, 1)),  # holds through 2021-12-31
        rf.station_review(tree.a, station=s3, reviewed_on=LAST_DAY),  # reviewed on the last day
        rf.station_review(tree.a, station=s4, reviewed_on=DAY_AFTER),  # the day after
        rf.station_review(tree.a, station=s5, reviewed_on=date(2022, 6, 1), level="city"),  # not a district review
        rf.station_review(tree.b, station=s6, reviewed_on=date(2022, 3, 1)),  # but closed the day before
        rf.station_review(tree.b, station=s7, reviewed_on=date(2022, 1, 10)),  # closed on the last day: in use
        rf.station_review(tree.b, station=s8, reviewed_on=date(2022, 6, 1)),
        rf.station_review(tree.b, station=s11, reviewed_on=date(2022, 6, 20)),  # reviewed, opened the day after
        rf.station_review(tree.root, station=s9, reviewed_on=date(2022, 12, 31)),
        rf.station_review(tree.other, station=s10, reviewed_on=date(2022, 6, 1)),
    ]

    def starred(station: Any, day: date) -> bool:
        return any(
            r.station_id == station.pk and r.level == "district" and r.reviewed_on <= day <= a_year_on(r.reviewed_on)
            for r in reviews
        )

    def counted(period: Period, org: Org) -> list[Any]:
        return [
            s
            for s in within(tree, org, stations)
            if stock_on(period.end, s.opened_on, s.closed_on) and starred(s, period.end)
        ]

    values = check("rights.starred_stations", tree, counted)
    assert values["to:2022-06-30", "HA"] == 2 and values["to:2022-07-01", "HA"] == 2 and values["2021", "HA"] == 3
    assert values["to:2022-06-30", "HB"] == 1 and values["to:2022-07-01", "HB"] == 1 and values["2021", "HB"] == 0
    assert values["2022", "H0"] == 4
    starred_stations = indicators.get("rights.starred_stations")
    assert starred_stations is not None and starred_stations.records is not None
    on_last_day = starred_stations.records(period=Period.to_date(LAST_DAY), org=tree.root)
    assert sorted(on_last_day.values_list("pk", flat=True)) == sorted([s1.pk, s3.pk, s7.pk])


def test_station_titles_held_by_the_periods_end_by_title(tree):
    s1, s2, s3 = rf.station(tree.a1), rf.station(tree.a), rf.station(tree.b)
    s4, s5 = rf.station(tree.root), rf.station(tree.other)
    built = [
        rf.title_of(s1, "city_best", 2021),
        rf.title_of(s1, "city_best", 2022),  # the same title again: one station holding it
        rf.title_of(s1, "province_best", 2022),
        rf.title_of(s2, "national_best", 2023),  # after every period here
        rf.title_of(s3, "province_five_star", 2021),
        rf.title_of(s4, "province_five_star", 2022),
        rf.title_of(s5, "city_best", 2021),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        # a title carries only its year: held by the end of any period ending in that year or later
        return [t for t in within(tree, org, built, lambda t: t.station.org_id) if t.year <= period.end.year]

    def held(_period: Period, rows: list[Any]) -> int:
        return len({(t.station_id, t.title) for t in rows})

    def by_title(_period: Period, rows: list[Any]) -> str:
        counts = {label: len({t.station_id for t in rows if t.title == code}) for code, label in TITLES}
        return words(counts, "个") or "无"

    values = check("rights.station_titles", tree, counted, held, by_title)
    assert values["2021", "HA"] == 1 and values["2022-06", "HA"] == 2 and values["2022", "H0"] == 4
    assert values["2021", "HB"] == 1 and values["2021", "H0"] == 2
    titles = indicators.get("rights.station_titles")
    assert titles is not None and titles.detail is not None
    assert (
        titles.detail(period=Period.year(2022), org=tree.root)
        == "省五星级“安康·爱心驿站”2个、省级最美站点1个、市级最美站点1个"
    )
    assert titles.detail(period=Period.year(2020), org=tree.root) == "无"


def test_the_titles_of_a_deleted_station_are_not_counted(tree):
    gone = rf.station(tree.a, **deleted())
    rf.title_of(gone, "city_best", 2021)
    titles = indicators.get("rights.station_titles")
    assert titles is not None
    assert titles.compute(Period.year(2022), tree.a) == 0
