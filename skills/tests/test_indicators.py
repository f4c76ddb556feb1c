"""Every 技能提升 indicator against a count made by hand from the records built here: years, a month
and cumulative periods, two sibling subtrees and their parent (and records of another district
that never count), the period's last day and the day after."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from core.models import Org
from core.testing import indicator_tree
from kit import indicators
from kit.indicators import DISTINCT, EVENTS, PERSON_TIMES, RATE, RUN, SKILLS, STOCK
from kit.periods import Period
from kit.testing.indicators import DAY_AFTER, LAST_DAY, IndicatorCheck, Tree, deleted, within
from kit.testing.indicators import PERIODS as ALL_PERIODS
from skills import figures
from skills.tests import factories as sf

pytestmark = pytest.mark.django_db

PERIODS = (*ALL_PERIODS, Period.year(2023))
KINDS = {
    "skills.pilot_patents": STOCK,
    "skills.pilot_award_winners": DISTINCT,
    "skills.pilot_titled": DISTINCT,
    "skills.pilot_profit_growth": RATE,
    "skills.pilot_income_growth": RATE,
    "skills.innovation_awards": STOCK,
    "skills.method_awards": STOCK,
    "skills.selection_run": RUN,
    "skills.classes": EVENTS,
    "skills.person_times": PERSON_TIMES,
    "skills.innovation_projects": EVENTS,
}
KEY = {
    "skills.pilot_patents",
    "skills.pilot_award_winners",
    "skills.pilot_titled",
    "skills.innovation_awards",
    "skills.method_awards",
    "skills.classes",
    "skills.person_times",
    "skills.innovation_projects",
}

check = IndicatorCheck(SKILLS, KINDS, KEY, allow_none=True, periods=PERIODS)  # None: no figure (shown "—")


@pytest.fixture
def tree() -> Tree:
    return indicator_tree("K")


def test_every_indicator_of_the_module_is_tested_here():
    assert [i.code for i in figures.INDICATORS] == list(KINDS)
    assert all(indicators.get(code) is i for code, i in zip(KINDS, figures.INDICATORS, strict=True))


# --- the mentorship pilot -------------------------------------------------------------------------
@pytest.fixture
def outcomes(tree: Tree) -> list[Any]:
    """Outcomes of pairs in 甲's enterprise, in 乙 and in the neighbouring district."""
    pa, pb, px = (sf.mentorship(sf.pilot(org)) for org in (tree.a1, tree.b, tree.other))
    return [
        sf.outcome(pa, "patent", LAST_DAY),  # obtained on the last day: counts
        sf.outcome(pa, "patent", DAY_AFTER),  # the day after: not yet
        sf.outcome(pa, "patent", date(2021, 3, 1), person=pa.mentor),
        sf.outcome(pa, "utility", date(2021, 3, 1)),  # a utility model is not an invention patent
        sf.outcome(pb, "patent", date(2022, 1, 10)),
        sf.outcome(px, "patent", date(2021, 1, 1)),
        sf.outcome(pa, "award", date(2021, 5, 1), person=pa.mentor),
        sf.outcome(pa, "award", LAST_DAY, person=pa.mentor),  # the same winner again: one person
        sf.outcome(pa, "award", DAY_AFTER),
        sf.outcome(pb, "award", date(2022, 12, 31)),
        sf.outcome(px, "award", date(2021, 1, 1)),
        sf.outcome(pa, "title", LAST_DAY),
        sf.outcome(pb, "title", date(2021, 4, 30), person=pb.mentor),
        sf.outcome(pb, "title", DAY_AFTER, person=pb.mentor),  # titled again: one person
        sf.outcome(pb, "title", date(2023, 1, 1)),
        sf.outcome(px, "title", date(2021, 1, 1)),
    ]


def _obtained(tree: Tree, built: list[Any], kind: str) -> Callable[[Period, Org], list[Any]]:
    def counted(period: Period, org: Org) -> list[Any]:
        return [
            o
            for o in within(tree, org, built, lambda o: o.mentorship.pilot.org_id)
            if o.kind == kind and o.obtained_on <= period.end
        ]

    return counted


def _people(_period: Period, rows: list[Any]) -> int:
    return len({o.person_id for o in rows})


def test_pilot_patents_obtained_by_the_periods_end(tree, outcomes):
    values = check("skills.pilot_patents", tree, _obtained(tree, outcomes, "patent"))
    assert values["2022-06", "KA"] == 2 and values["2022-07", "KA"] == 3 and values["to:2022-06-30", "KA"] == 2
    assert values["2021", "KB"] == 0 and values["2022", "KB"] == 1 and values["2022", "K0"] == 4


def test_pilot_award_winners_counted_once(tree, outcomes):
    values = check("skills.pilot_award_winners", tree, _obtained(tree, outcomes, "award"), _people)
    assert values["to:2022-06-30", "KA"] == 1 and values["to:2022-07-01", "KA"] == 2
    assert values["2022-06", "KB"] == 0 and values["2022", "KB"] == 1 and values["2022", "K0"] == 3


def test_pilot_titled_workers_counted_once(tree, outcomes):
    values = check("skills.pilot_titled", tree, _obtained(tree, outcomes, "title"), _people)
    assert values["to:2022-06-30", "KA"] == 1 and values["2021", "KA"] == 0
    assert values["to:2022-07-01", "KB"] == 1 and values["2023", "KB"] == 2 and values["2022", "K0"] == 2


def _average(field: str) -> Callable[[Period, list[Any]], Any]:
    def value(_period: Period, rows: list[Any]) -> Any:
        if not rows:
            return None
        mean = sum((getattr(r, field) for r in rows), Decimal(0)) / len(rows)
        return mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    return value


@pytest.fixture
def results(tree: Tree) -> list[Any]:
    """Yearly figures of the pilot enterprises (no average lies on a rounding boundary)."""
    pa, pb, px = (sf.pilot(org) for org in (tree.a1, tree.b, tree.other))
    return [
        sf.result(pa, 2021, "8.20", "7.10"),
        sf.result(pa, 2022, "9.40", "8.35"),  # the period's year: counts
        sf.result(pb, 2022, "6.06", "9.91"),
        sf.result(pb, 2023, "10.00", "5.00"),  # the year after: not yet
        sf.result(px, 2022, "50.00", "50.00"),
    ]


def _yearly(tree: Tree, built: list[Any]) -> Callable[[Period, Org], list[Any]]:
    def counted(period: Period, org: Org) -> list[Any]:
        return [r for r in within(tree, org, built, lambda r: r.pilot.org_id) if r.year <= period.end.year]

    return counted


def test_pilot_profit_growth_averages_the_yearly_figures(tree, results):
    values = check("skills.pilot_profit_growth", tree, _yearly(tree, results), _average("profit_growth"))
    assert values["2021", "KA"] == Decimal("8.2") and values["2022-06", "KA"] == Decimal("8.8")
    assert (
        values["2021", "KB"] is None
        and values["2022", "KB"] == Decimal("6.1")
        and values["2023", "KB"] == Decimal("8.0")
    )
    assert values["to:2022-06-30", "K0"] == Decimal("7.9") and values["2023", "K0"] == Decimal("8.4")


def test_pilot_income_growth_averages_the_yearly_figures(tree, results):
    values = check("skills.pilot_income_growth", tree, _yearly(tree, results), _average("income_growth"))
    assert values["2022", "KA"] == Decimal("7.7") and values["2022", "KB"] == Decimal("9.9")
    assert values["2022", "K0"] == Decimal("8.5") and values["2023", "K0"] == Decimal("7.6")


# --- selections -----------------------------------------------------------------------------------
@pytest.fixture
def selections(tree: Tree) -> SimpleNamespace:
    """Rounds of 甲's enterprise 2021–2023, of 乙 in 2019 and 2022 (one not yet awarded), of the
    district in 2020 and of the neighbouring district; entries with and without a prize."""
    rounds = [
        sf.selection(tree.a1, "innovation", 2021),
        sf.selection(tree.a1, "innovation", 2022),  # the period's year: counts
        sf.selection(tree.a1, "innovation", 2023),  # the year after: not yet
        sf.selection(tree.a, "method", 2022),
        sf.selection(tree.b, "method", 2019),
        sf.selection(tree.b, "innovation", 2022, status="publicity"),  # not awarded yet
        sf.selection(tree.b, "method", 2022),
        sf.selection(tree.root, "method", 2020, status="review"),
        sf.selection(tree.other, "innovation", 2022),
        sf.selection(tree.other, "method", 2022),
    ]
    a1_21, a1_22, a1_23, a_m22, b_m19, b_i22, b_m22, root_m20, x_i22, x_m22 = rounds
    entries = [
        sf.submission(a1_21, "first"),
        sf.submission(a1_21, ""),  # no prize
        sf.submission(a1_22, "second"),
        sf.submission(a1_22, "third", org=tree.b),  # entered by another union: the round's org counts
        sf.submission(a1_23, "first"),
        sf.submission(a_m22, "first"),
        sf.submission(b_m19, "third"),
        sf.submission(b_i22, "first"),
        sf.submission(b_m22, "second"),
        sf.submission(b_m22, "third"),
        sf.submission(b_m22, ""),
        sf.submission(root_m20, "first"),
        sf.submission(x_i22, "first"),
        sf.submission(x_m22, "first"),
    ]
    return SimpleNamespace(rounds=rounds, entries=entries)


def _prized(tree: Tree, built: list[Any], kind: str) -> Callable[[Period, Org], list[Any]]:
    def counted(period: Period, org: Org) -> list[Any]:
        return [
            s
            for s in within(tree, org, built, lambda s: s.round.org_id)
            if s.round.kind == kind and s.round.status == "awarded" and s.round.year <= period.end.year and s.prize
        ]

    return counted


def test_innovation_results_awarded(tree, selections):
    values = check("skills.innovation_awards", tree, _prized(tree, selections.entries, "innovation"))
    assert values["2021", "KA"] == 1 and values["2022-06", "KA"] == 3 and values["2023", "KA"] == 4
    assert values["2022", "KB"] == 0 and values["2022", "K0"] == 3


def test_operating_methods_awarded(tree, selections):
    values = check("skills.method_awards", tree, _prized(tree, selections.entries, "method"))
    assert values["2021", "KA"] == 0 and values["to:2022-06-30", "KA"] == 1
    assert values["2021", "KB"] == 1 and values["2022", "KB"] == 3 and values["2022", "K0"] == 4


def test_selections_held_years_in_a_row(tree, selections):
    def run_years(period: Period, org: Org) -> list[int]:
        years = {r.year for r in within(tree, org, selections.rounds)}
        last = period.end.year if period.end.year in years else period.end.year - 1
        run = []
        while last in years:
            run.append(last)
            last -= 1
        return run

    def counted(period: Period, org: Org) -> list[Any]:
        run = run_years(period, org)
        return [r for r in within(tree, org, selections.rounds) if r.year in run]

    values = check("skills.selection_run", tree, counted, lambda period, rows: len({r.year for r in rows}))
    assert values["2021", "KA"] == 1 and values["2022-06", "KA"] == 2 and values["2023", "KA"] == 3
    assert values["2021", "KB"] == 0 and values["2022", "KB"] == 1 and values["2023", "KB"] == 1
    assert values["2021", "K0"] == 3 and values["2022", "K0"] == 4 and values["2023", "K0"] == 5


# --- training -------------------------------------------------------------------------------------
def test_training_classes_started_within_the_period(tree):
    built = [
        sf.training_class(tree.a1, LAST_DAY),  # started on the last day: counts
        sf.training_class(tree.a1, DAY_AFTER),  # the day after: not
        sf.training_class(tree.a, date(2022, 6, 1), **deleted()),
        sf.training_class(tree.b, date(2021, 12, 31), date(2022, 1, 20)),
        sf.training_class(tree.b, date(2022, 1, 1)),
        sf.training_class(tree.root, date(2022, 6, 15)),
        sf.training_class(tree.other, date(2022, 6, 15)),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [c for c in within(tree, org, built) if period.start <= c.starts_on <= period.end]

    values = check("skills.classes", tree, counted)
    assert values["2022-06", "KA"] == 1 and values["2022-07", "KA"] == 1 and values["to:2022-06-30", "KA"] == 1
    assert values["2021", "KB"] == 1 and values["2022", "KB"] == 1 and values["2022-06", "K0"] == 2


def test_training_person_times_of_classes_ended_within_the_period(tree):
    ended_last_day = sf.training_class(tree.a1, date(2022, 6, 1), LAST_DAY)
    ended_day_after = sf.training_class(tree.a1, date(2022, 6, 1), DAY_AFTER)
    in_b = sf.training_class(tree.b, date(2021, 12, 1), date(2022, 1, 5))
    last_year = sf.training_class(tree.b, date(2021, 12, 1), date(2021, 12, 31))
    elsewhere = sf.training_class(tree.other, date(2022, 6, 1), date(2022, 6, 10))
    first = sf.enrolment(ended_last_day)
    built = [
        first,
        sf.enrolment(ended_last_day),
        sf.enrolment(ended_last_day, "enrolled"),  # did not complete
        sf.enrolment(ended_last_day, "cancelled"),
        sf.enrolment(ended_last_day, "waiting"),
        sf.enrolment(ended_day_after),
        sf.enrolment(ended_day_after, person=first.person),  # the same worker in a second class: two 人次
        sf.enrolment(in_b),
        sf.enrolment(in_b),
        sf.enrolment(last_year),
        sf.enrolment(elsewhere),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [
            e
            for e in within(tree, org, built, lambda e: e.training_class.org_id)
            if e.status == "completed" and period.start <= e.training_class.ends_on <= period.end
        ]

    values = check("skills.person_times", tree, counted)
    assert values["2022-06", "KA"] == 2 and values["2022-07", "KA"] == 2 and values["to:2022-07-01", "KA"] == 4
    assert values["2021", "KB"] == 1 and values["2022", "KB"] == 2 and values["2022", "K0"] == 6


def test_innovation_projects_from_classes_started_within_the_period(tree):
    built = [
        sf.innovation_project(tree.a1, LAST_DAY),  # started on the last day: counts
        sf.innovation_project(tree.a1, DAY_AFTER),  # the day after: not
        sf.innovation_project(tree.a1, date(2022, 6, 10), training_class=None),  # not from a class
        sf.innovation_project(tree.a, date(2022, 6, 10), **deleted()),
        sf.innovation_project(tree.b, date(2021, 6, 10)),
        sf.innovation_project(tree.b, date(2022, 2, 1)),
        sf.innovation_project(tree.root, date(2022, 12, 31)),
        sf.innovation_project(tree.other, date(2022, 6, 1)),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [
            p
            for p in within(tree, org, built)
            if p.training_class_id is not None and period.start <= p.started_on <= period.end
        ]

    values = check("skills.innovation_projects", tree, counted)
    assert values["2022-06", "KA"] == 1 and values["2022-07", "KA"] == 1 and values["to:2022-07-01", "KA"] == 2
    assert values["2021", "KB"] == 1 and values["2022", "KB"] == 1 and values["2022", "K0"] == 4


# --- the overview ---------------------------------------------------------------------------------
def test_the_overview_shows_the_indicators_with_their_labels_units_and_notes(tree):
    shown = figures.section(period=Period.to_date(LAST_DAY), org=tree.root)
    assert [(f.label, f.unit, f.note) for f in shown] == [
        ("帮带产生发明专利", "项", "传帮带试点结对取得的发明专利"),
        ("获市职工发明专利奖", "人", "结对师徒中获奖的人数"),
        ("评为劳动模范", "人", "结对师徒中获称号的人数"),
        ("试点企业净利润年均增长", "%", "各年增长率的平均"),
        ("职工收入年均增长", "%", "各年增长率的平均"),
        ("优秀科技创新成果", "项", "已表彰"),
        ("先进操作法", "项", "已表彰"),
        ("连续开展评选", "年", ""),
        ("培训班次", "个", "所选期间开班"),
        ("培训人次", "人次", "所选期间结业的学员人次"),
        ("技术创新项目", "个", "由班次催化产生"),
    ]
    assert [f.value for f in shown] == [0, 0, 0, None, None, 0, 0, 0, 0, 0, 0]  # None is shown "—"
