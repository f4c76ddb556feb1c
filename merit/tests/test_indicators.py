"""Every 建功立业 indicator against a count made by hand from the records built here: years, a month
and cumulative periods, two sibling subtrees and their parent (and records of another district
that never count), the period's last day and the day after."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from core.models import Org
from core.testing import indicator_tree
from kit import indicators
from kit.indicators import EVENTS, MERIT, RATE, STOCK, SUM
from kit.periods import Period
from kit.testing.indicators import DAY_AFTER, LAST_DAY, PERIODS, IndicatorCheck, Tree, deleted, stock_on, within, words
from merit import figures
from merit.tests import factories as mf

pytestmark = pytest.mark.django_db

KINDS = {
    "merit.studios": STOCK,
    "merit.work_groups": STOCK,
    "merit.households_helped": SUM,
    "merit.income_increase": RATE,
    "merit.competitions": EVENTS,
}
KEY = {"merit.studios", "merit.work_groups", "merit.households_helped"}
LEVELS = [
    ("national", "国家级"),
    ("province", "省级"),
    ("city", "市级"),
    ("district", "区级"),
    ("enterprise", "企业级"),
]
TIERS = [("district", "区级"), ("industry", "行业"), ("enterprise", "企业")]

check = IndicatorCheck(MERIT, KINDS, KEY)


@pytest.fixture
def tree() -> Tree:
    return indicator_tree("J")


def test_every_indicator_of_the_module_is_tested_here():
    assert [i.code for i in figures.INDICATORS] == list(KINDS)
    assert all(indicators.get(code) is i for code, i in zip(KINDS, figures.INDICATORS, strict=True))


def test_studios_on_the_books_at_the_periods_end_by_the_level_held_that_day(tree):
    built = [
        # named 企业级 in 2020 and 市级 on the last day: 市级 from that day
        mf.studio(tree.a1, date(2020, 1, 1), (("enterprise", date(2020, 1, 1)), ("city", LAST_DAY))),
        mf.studio(tree.a1, LAST_DAY, (("district", LAST_DAY),)),  # founded and named on the last day: counts
        mf.studio(tree.a1, DAY_AFTER, (("district", DAY_AFTER),)),  # the day after: not yet
        mf.studio(tree.a, date(2021, 1, 1), (("district", DAY_AFTER),)),  # no level until the day after
        mf.studio(tree.a, date(2021, 1, 1), (("province", date(2021, 1, 1)),), **deleted()),
        # closed on the last day: still on the books that day; closed the day before: not
        mf.studio(tree.b, date(2019, 5, 5), (("province", date(2019, 5, 5)),), closed_on=LAST_DAY),
        mf.studio(tree.b, date(2019, 5, 5), (("national", date(2019, 5, 5)),), closed_on=date(2022, 6, 29)),
        mf.studio(tree.b, date(2021, 3, 1)),  # never named: no level, not counted
        mf.studio(tree.root, date(2021, 12, 31), (("national", date(2021, 12, 31)),)),
        mf.studio(tree.other, date(2020, 1, 1), (("national", date(2020, 1, 1)),)),
    ]

    def level_on(studio: Any, day: date) -> str | None:
        held = [(lv.since, lv.pk, lv.level) for lv in studio.levels.all() if lv.since <= day]
        return max(held)[2] if held else None

    def counted(period: Period, org: Org) -> list[Any]:
        return [
            s
            for s in within(tree, org, built)
            if stock_on(period.end, s.founded_on, s.closed_on) and level_on(s, period.end) is not None
        ]

    def by_level(period: Period, rows: list[Any]) -> str:
        return words({label: sum(1 for s in rows if level_on(s, period.end) == code) for code, label in LEVELS})

    values = check("merit.studios", tree, counted, detail=by_level)
    assert values["2022-06", "JA"] == 2 and values["2022-07", "JA"] == 4 and values["to:2022-07-01", "JA"] == 4
    assert values["2021", "JB"] == 2 and values["to:2022-06-30", "JB"] == 1 and values["to:2022-07-01", "JB"] == 0
    assert values["2022", "J0"] == 5
    studios = indicators.get("merit.studios")
    assert studios is not None and studios.detail is not None
    assert studios.detail(period=Period.month(2022, 6), org=tree.root) == "国家级1、省级1、市级1、区级1"
    assert studios.detail(period=Period.year(2021), org=tree.a) == "企业级1"


def test_work_groups_on_the_books_at_the_periods_end(tree):
    built = [
        mf.work_group(tree.a1, date(2021, 4, 1)),
        mf.work_group(tree.a1, LAST_DAY),  # founded on the last day: counts
        mf.work_group(tree.a, DAY_AFTER),  # the day after: not yet
        mf.work_group(tree.a, date(2021, 1, 1), **deleted()),
        mf.work_group(tree.b, date(2020, 1, 1), dissolved_on=LAST_DAY),  # dissolved on the last day: counts
        mf.work_group(tree.b, date(2020, 1, 1), dissolved_on=date(2022, 6, 29)),
        mf.work_group(tree.root, date(2022, 12, 31)),
        mf.work_group(tree.other, date(2020, 1, 1)),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [g for g in within(tree, org, built) if stock_on(period.end, g.founded_on, g.dissolved_on)]

    values = check("merit.work_groups", tree, counted)
    assert values["2021", "JA"] == 1 and values["2022-06", "JA"] == 2 and values["to:2022-07-01", "JA"] == 3
    assert values["2021", "JB"] == 2 and values["to:2022-06-30", "JB"] == 1 and values["2022-07", "JB"] == 0
    assert values["2022", "J0"] == 4


def test_households_helped_summed_over_the_projects_started_by_the_periods_end(tree):
    in_a1, in_b, in_root, elsewhere = (
        mf.work_group(o, date(2020, 1, 1)) for o in (tree.a1, tree.b, tree.root, tree.other)
    )
    built = [
        mf.group_project(in_a1, date(2021, 3, 1), 20),
        mf.group_project(in_a1, LAST_DAY, 7),  # started on the last day: counts
        mf.group_project(in_a1, DAY_AFTER, 100),  # the day after: not yet
        mf.group_project(in_b, date(2022, 1, 1), 48, beneficiary_area="贵州"),
        mf.group_project(in_b, date(2022, 2, 1), 0),
        mf.group_project(in_root, date(2022, 12, 31), 5),
        mf.group_project(elsewhere, date(2021, 1, 1), 1000),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [p for p in within(tree, org, built, lambda p: p.group.org_id) if p.started_on <= period.end]

    values = check("merit.households_helped", tree, counted, lambda _p, rows: sum(p.households for p in rows))
    assert values["2021", "JA"] == 20 and values["2022-06", "JA"] == 27 and values["2022-07", "JA"] == 127
    assert values["2021", "JB"] == 0 and values["to:2022-06-30", "JB"] == 48
    assert values["2022", "J0"] == 180


def test_the_largest_income_increase_per_household_among_the_projects_started(tree):
    in_a1, in_b, elsewhere = (mf.work_group(o, date(2020, 1, 1)) for o in (tree.a1, tree.b, tree.other))
    built = [
        mf.group_project(in_a1, date(2021, 3, 1), 20, income_increase=Decimal("9000")),
        mf.group_project(in_a1, DAY_AFTER, 5, income_increase=Decimal("12000")),  # the day after: not yet
        mf.group_project(in_b, date(2022, 1, 1), 48),  # no figure reported
        mf.group_project(in_b, LAST_DAY, 3, income_increase=Decimal("6500")),  # the last day: counts
        mf.group_project(elsewhere, date(2021, 1, 1), 1, income_increase=Decimal("99999")),
    ]
    indicator = indicators.get("merit.income_increase")
    assert indicator is not None and indicator.kind == RATE and indicator.records is not None
    for period in PERIODS:
        for org in (tree.a, tree.b, tree.root):
            rows = [
                p
                for p in within(tree, org, built, lambda p: p.group.org_id)
                if p.started_on <= period.end and p.income_increase is not None
            ]
            expected = max((p.income_increase for p in rows), default=None)
            assert indicator.compute(period, org) == expected, (period.code, org.code)
            assert sorted(indicator.records(period=period, org=org).values_list("pk", flat=True)) == sorted(
                p.pk for p in rows
            )
    assert indicator.compute(Period.to_date(LAST_DAY), tree.root) == Decimal("9000")
    assert indicator.compute(Period.to_date(DAY_AFTER), tree.root) == Decimal("12000")
    assert indicator.compute(Period.year(2020), tree.b) is None  # shown as "—"


def test_competitions_started_within_the_period_by_tier(tree):
    built = [
        mf.competition(tree.a1, LAST_DAY),  # started on the last day: counts
        mf.competition(tree.a1, DAY_AFTER, "enterprise"),  # the day after: not
        mf.competition(tree.a, date(2022, 6, 10), "industry", **deleted()),
        mf.competition(tree.a, date(2022, 6, 1), "industry", ends_on=DAY_AFTER),
        mf.competition(tree.b, date(2021, 12, 31), ends_on=date(2022, 1, 2)),
        mf.competition(tree.b, date(2022, 1, 10), "industry"),
        mf.competition(tree.b, date(2022, 3, 1), "enterprise"),
        mf.competition(tree.root, date(2022, 6, 15)),
        mf.competition(tree.other, date(2022, 6, 15)),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [c for c in within(tree, org, built) if period.start <= c.starts_on <= period.end]

    def by_tier(_period: Period, rows: list[Any]) -> str:
        return words({label: sum(1 for c in rows if c.tier == code) for code, label in TIERS})

    values = check("merit.competitions", tree, counted, detail=by_tier)
    assert values["2022-06", "JA"] == 2 and values["2022-07", "JA"] == 1 and values["to:2022-07-01", "JA"] == 3
    assert values["2021", "JB"] == 1 and values["2022", "JB"] == 2 and values["2022-06", "J0"] == 3
    competitions = indicators.get("merit.competitions")
    assert competitions is not None and competitions.detail is not None
    assert competitions.detail(period=Period.year(2022), org=tree.root) == "区级2、行业2、企业2"


def test_the_overview_shows_the_indicators_with_their_labels_units_and_notes(tree):
    mf.studio(tree.a1, date(2021, 1, 1), (("city", date(2021, 1, 1)),))
    mf.studio(tree.b, date(2021, 1, 1), (("district", date(2021, 1, 1)),))
    mf.studio(tree.b, date(2021, 1, 1), (("district", date(2021, 1, 1)),))
    mf.competition(tree.a, date(2022, 3, 1), "industry")
    shown = figures.section(period=Period.to_date(LAST_DAY), org=tree.root)
    assert [(f.label, f.value, f.unit, f.note) for f in shown] == [
        ("各级创新工作室", 3, "家", "所选日期在册，按当日级别；市级1、区级2"),
        ("劳模创新工作组", 0, "个", "所选日期在册"),
        ("帮扶困难家庭", 0, "户", "工作组项目累计帮扶户数"),
        ("帮扶项目户均年增收", None, "元", "工作组项目中户均年增收最高者"),
        ("劳动和技能竞赛", 1, "项", "所选期间内开赛；行业1"),
    ]
    nothing = figures.section(period=Period.to_date(date(2020, 12, 31)), org=tree.root)
    assert [f.note for f in nothing] == [
        "所选日期在册，按当日级别",
        "所选日期在册",
        "工作组项目累计帮扶户数",
        "工作组项目中户均年增收最高者",
        "所选期间内开赛",
    ]
