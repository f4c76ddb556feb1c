"""Every 思想引领 indicator against a count made by hand from the records built here: a year, a
month and cumulative periods, two sibling subtrees and their parent, the period's last day and
the day after."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from core.models import Org
from core.testing import indicator_tree
from guidance import figures
from guidance.selectors import IDEOLOGY_SERIES
from guidance.tests import factories as gf
from kit import indicators
from kit.indicators import EVENTS, GUIDANCE, PERSON_TIMES, RUN, SUM
from kit.periods import Period
from kit.testing.indicators import DAY_AFTER, LAST_DAY, IndicatorCheck, Tree, deleted, during, within
from kit.testing.indicators import PERIODS as ALL_PERIODS

pytestmark = pytest.mark.django_db

PERIODS = tuple(p for p in ALL_PERIODS if p != Period.month(2022, 7))  # all but the month after LAST_DAY's
KINDS = {
    "guidance.lectures": EVENTS,
    "guidance.lecture_audience": PERSON_TIMES,
    "guidance.ideology_policy_years": RUN,
    "guidance.media_reports": EVENTS,
    "guidance.provincial_media_reports": EVENTS,
    "guidance.union_honours": EVENTS,
    "guidance.micro_courses": EVENTS,
    "guidance.micro_course_views": SUM,
    "guidance.topten_selections": EVENTS,
}
KEY = {"guidance.lectures", "guidance.lecture_audience", "guidance.ideology_policy_years"}

check = IndicatorCheck(GUIDANCE, KINDS, KEY, periods=PERIODS)


@pytest.fixture
def tree() -> Tree:
    return indicator_tree("G")


def lectures(tree: Tree) -> list[Any]:
    return [
        gf.lecture(tree.a, held_on=date(2021, 12, 31), audience_workers=100),  # the day before 2022
        gf.lecture(tree.a, held_on=date(2022, 1, 1), audience_workers=40, audience_students=10),
        gf.lecture(tree.a1, held_on=date(2022, 6, 1), audience_workers=5),  # the month's first day
        gf.lecture(tree.a1, held_on=LAST_DAY, audience_workers=7, audience_students=3),  # its last day
        gf.lecture(tree.a, held_on=DAY_AFTER, audience_workers=1000),  # the day after: outside June
        gf.lecture(tree.b, held_on=date(2022, 5, 31), audience_workers=0, audience_students=200),
        gf.lecture(tree.b, held_on=date(2022, 6, 15), audience_workers=30, **deleted()),
        gf.lecture(tree.b, held_on=date(2022, 12, 31), audience_workers=2),
        gf.lecture(tree.root, held_on=date(2022, 6, 10), audience_workers=20, audience_students=20),
    ]


def test_every_indicator_of_the_module_is_tested_here():
    assert [i.code for i in figures.INDICATORS] == list(KINDS)
    assert all(indicators.get(code) is i for code, i in zip(KINDS, figures.INDICATORS, strict=True))


def test_lectures_held_within_the_period(tree):
    built = lectures(tree)

    def counted(period: Period, org: Org) -> list[Any]:
        return [x for x in within(tree, org, built) if during(period, x.held_on)]

    values = check("guidance.lectures", tree, counted)
    assert values["2022-06", "GA"] == 2 and values["to:2022-06-30", "GA"] == 4 and values["to:2022-07-01", "GA"] == 5
    assert values["2022", "GA"] == 4 and values["2021", "GA"] == 1
    assert values["2022-06", "GB"] == 0 and values["2022", "GB"] == 2
    assert values["2022-06", "GA"] + values["2022-06", "GB"] + 1 == values["2022-06", "G0"] == 3


def test_lecture_audience_sums_workers_and_students(tree):
    built = lectures(tree)

    def counted(period: Period, org: Org) -> list[Any]:
        return [x for x in within(tree, org, built) if during(period, x.held_on)]

    def audience(_period: Period, rows: list[Any]) -> int:
        return sum(x.audience_workers + x.audience_students for x in rows)

    values = check("guidance.lecture_audience", tree, counted, audience)
    assert values["2022-06", "GA"] == 15 and values["to:2022-06-30", "GA"] == 165
    assert values["2022", "GB"] == 202 and values["2022-06", "G0"] == 55


def test_ideology_policy_run_of_years(tree):
    built = [
        gf.policy(tree.a, 2020),
        gf.policy(tree.a1, 2021),
        gf.policy(tree.a, 2022),
        gf.policy(tree.a, 2023),  # after the period's year: not counted
        gf.policy(tree.a, 2019, series="党工共建实施意见"),  # another series
        gf.policy(tree.b, 2021, **deleted()),
        gf.policy(tree.b, 2022),
        gf.policy(tree.root, 2019),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [d for d in within(tree, org, built) if d.series == IDEOLOGY_SERIES and d.year <= period.end.year]

    def run(period: Period, rows: list[Any]) -> int:
        years = {d.year for d in rows}
        n, year = 0, period.end.year
        while year in years:
            n, year = n + 1, year - 1
        return n

    values = check("guidance.ideology_policy_years", tree, counted, run)
    assert values["2022", "GA"] == 3 and values["2021", "GA"] == 2
    assert values["2022", "GB"] == 1 and values["2021", "GB"] == 0
    assert values["to:2022-06-30", "G0"] == 4


def media_reports(tree: Tree) -> list[Any]:
    return [
        gf.media_report(tree.a, published_on=date(2021, 12, 31), level="national"),
        gf.media_report(tree.a, published_on=date(2022, 1, 1), level="city"),
        gf.media_report(tree.a1, published_on=LAST_DAY, level="province"),  # the last day counts
        gf.media_report(tree.a1, published_on=DAY_AFTER, level="national"),  # the day after does not
        gf.media_report(tree.b, published_on=date(2022, 6, 1), level="national"),
        gf.media_report(tree.b, published_on=date(2022, 6, 2), level="district"),
        gf.media_report(tree.root, published_on=date(2022, 12, 31), level="province"),
    ]


def test_media_reports_published_within_the_period(tree):
    built = media_reports(tree)

    def counted(period: Period, org: Org) -> list[Any]:
        return [r for r in within(tree, org, built) if during(period, r.published_on)]

    values = check("guidance.media_reports", tree, counted)
    assert values["2022-06", "GA"] == 1 and values["to:2022-07-01", "GA"] == 4 and values["2022", "GA"] == 3
    assert values["2022-06", "GB"] == 2 and values["2022", "G0"] == 6


def test_provincial_media_reports_are_national_and_provincial_ones(tree):
    built = media_reports(tree)

    def counted(period: Period, org: Org) -> list[Any]:
        return [
            r
            for r in within(tree, org, built)
            if during(period, r.published_on) and r.level in ("national", "province")
        ]

    values = check("guidance.provincial_media_reports", tree, counted)
    assert values["2022-06", "GA"] == 1 and values["to:2022-06-30", "GA"] == 2 and values["2022", "GA"] == 2
    assert values["2022-06", "GB"] == 1 and values["2022", "G0"] == 4


def test_union_honours_awarded_within_the_period(tree):
    built = [
        gf.honour(tree.a, awarded_on=date(2021, 12, 31)),
        gf.honour(tree.a1, awarded_on=LAST_DAY),
        gf.honour(tree.a1, awarded_on=DAY_AFTER),
        gf.honour(tree.b, awarded_on=date(2022, 6, 1)),
        gf.honour(tree.root, awarded_on=date(2023, 1, 1)),  # after 2022
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [h for h in within(tree, org, built) if during(period, h.awarded_on)]

    values = check("guidance.union_honours", tree, counted)
    assert values["2022-06", "GA"] == 1 and values["to:2022-07-01", "GA"] == 3
    assert values["2022", "G0"] == 3 and values["2021", "G0"] == 1


def courses(tree: Tree) -> list[Any]:
    return [
        gf.course(tree.a, published_on=date(2021, 12, 31), views=1000),
        gf.course(tree.a, published_on=date(2022, 6, 1), views=10),
        gf.course(tree.a1, published_on=LAST_DAY, views=5),
        gf.course(tree.a1, published_on=DAY_AFTER, views=300),
        gf.course(tree.b, published_on=date(2022, 6, 15), views=7, **deleted()),
        gf.course(tree.b, published_on=date(2022, 3, 1), views=0),
        gf.course(tree.root, published_on=date(2022, 6, 20), views=40),
    ]


def test_micro_courses_published_within_the_period(tree):
    built = courses(tree)

    def counted(period: Period, org: Org) -> list[Any]:
        return [c for c in within(tree, org, built) if during(period, c.published_on)]

    values = check("guidance.micro_courses", tree, counted)
    assert values["2022-06", "GA"] == 2 and values["to:2022-07-01", "GA"] == 4
    assert values["2022-06", "GB"] == 0 and values["2022", "GB"] == 1 and values["2022-06", "G0"] == 3


def test_micro_course_views_of_the_courses_published_within_the_period(tree):
    built = courses(tree)

    def counted(period: Period, org: Org) -> list[Any]:
        return [c for c in within(tree, org, built) if during(period, c.published_on)]

    values = check("guidance.micro_course_views", tree, counted, lambda _p, rows: sum(c.views for c in rows))
    assert values["2022-06", "GA"] == 15 and values["to:2022-06-30", "GA"] == 1015
    assert values["2022", "GA"] == 315 and values["2022-06", "G0"] == 55


def test_topten_selections_published_within_the_period(tree):
    built = [
        gf.selection(tree.a, 2020, published_on=date(2021, 12, 31)),
        gf.selection(tree.a1, 2021, published_on=LAST_DAY),
        gf.selection(tree.a, 2022, published_on=DAY_AFTER),
        gf.selection(tree.b, 2023),  # not yet published: never counted
        gf.selection(tree.b, 2019, published_on=date(2022, 6, 1)),
        gf.selection(tree.root, 2018, published_on=date(2022, 12, 31)),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [s for s in within(tree, org, built) if during(period, s.published_on)]

    values = check("guidance.topten_selections", tree, counted)
    assert values["2022-06", "GA"] == 1 and values["to:2022-07-01", "GA"] == 3 and values["2021", "GA"] == 1
    assert values["2022-06", "GB"] == 1 and values["2022", "G0"] == 4


def test_the_overview_shows_the_indicators_with_their_notes(tree):
    lectures(tree)
    section = figures.section(period=Period.month(2022, 6), org=tree.root)
    assert [(f.label, f.unit, f.note) for f in section] == [
        ("宣讲场次", "场", "所选期间内举办的宣讲"),
        ("参与职工、师生", "人次", "各场职工与师生人数之和"),
        ("连续出台思政教育实施意见", "年", "截至所选年度连续出台的年数"),
        ("宣传报道", "篇", "所选期间内刊发"),
        ("其中省级以上媒体", "篇", ""),
        ("集体荣誉", "项", "所选期间内获得"),
        ("微党课", "门", "所选期间内上线"),
        ("微党课播放", "次", "所选期间内上线课程的播放次数"),
        ("“十佳微党课”评选", "届", "所选期间内公布结果的评选"),
    ]
    assert [f.value for f in section][:2] == [3, 55]
