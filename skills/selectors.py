"""Figures of section 二 (技能提升) and reads of the skills module."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Avg

from kit.numbers import half_up
from kit.periods import Period, longest_run_ending
from kit.periods import in_subtree as _in
from skills.models import (
    Enrolment,
    EnterpriseResult,
    InnovationProject,
    Outcome,
    SelectionRound,
    Submission,
    TrainingClass,
)


def pilot_outcomes_qs(*, period: Period, org: Any = None, kind: str = "") -> Any:
    """The mentorship pilot's outcomes obtained by the period's end (of one kind if given)."""
    qs = Outcome.objects.filter(_in(org, "mentorship__pilot__org__path"), obtained_on__lte=period.end)
    return qs.filter(kind=kind) if kind else qs


def pilot_patents_qs(*, period: Period, org: Any = None) -> Any:
    return pilot_outcomes_qs(period=period, org=org, kind=Outcome.Kind.PATENT)


def pilot_awards_qs(*, period: Period, org: Any = None) -> Any:
    return pilot_outcomes_qs(period=period, org=org, kind=Outcome.Kind.AWARD)


def pilot_titles_qs(*, period: Period, org: Any = None) -> Any:
    return pilot_outcomes_qs(period=period, org=org, kind=Outcome.Kind.TITLE)


def pilot_results_qs(*, period: Period, org: Any = None) -> Any:
    """The pilot enterprises' yearly figures up to the period's end year (averaged by `pilot_growth`)."""
    return EnterpriseResult.objects.filter(_in(org, "pilot__org__path"), year__lte=period.end.year)


def awarded_qs(*, kind: str, period: Period, org: Any = None) -> Any:
    """Entries with a prize in selections of `kind` awarded by the period's end year."""
    return Submission.objects.filter(
        _in(org, "round__org__path"), round__kind=kind, round__status="awarded", round__year__lte=period.end.year
    ).exclude(prize="")


def innovation_awards_qs(*, period: Period, org: Any = None) -> Any:
    return awarded_qs(kind=SelectionRound.Kind.INNOVATION, period=period, org=org)


def method_awards_qs(*, period: Period, org: Any = None) -> Any:
    return awarded_qs(kind=SelectionRound.Kind.METHOD, period=period, org=org)


def _selection_run(*, period: Period, org: Any = None) -> tuple[Any, int, int]:
    """The selections up to the period's end year, the year the run ends (this year or, before
    this year's selection, the last) and its length."""
    rounds = SelectionRound.objects.filter(_in(org), year__lte=period.end.year)
    years = set(rounds.values_list("year", flat=True))
    last = period.end.year if period.end.year in years else period.end.year - 1
    return rounds, last, longest_run_ending(years, last)


def selection_run_qs(*, period: Period, org: Any = None) -> Any:
    """The selections (any kind) of the years of the run `selection_run_years` counts."""
    rounds, last, n = _selection_run(period=period, org=org)
    return rounds.filter(year__gt=last - n, year__lte=last)


def classes_qs(*, period: Period, org: Any = None) -> Any:
    return TrainingClass.objects.filter(_in(org), period.events("starts_on"))


def person_times_qs(*, period: Period, org: Any = None) -> Any:
    return Enrolment.objects.filter(
        _in(org, "training_class__org__path"),
        period.events("training_class__ends_on"),
        status=Enrolment.Status.COMPLETED,
    )


def innovation_projects_qs(*, period: Period, org: Any = None) -> Any:
    return InnovationProject.objects.filter(_in(org), period.events("started_on"), training_class__isnull=False)


def pilot_outcomes(*, period: Period, org: Any = None) -> dict[str, int]:
    """The mentorship pilot's results: patents (发明专利), distinct award winners, distinct titles."""
    return {
        "patents": pilot_patents_qs(period=period, org=org).count(),
        "award_winners": pilot_awards_qs(period=period, org=org).values("person").distinct().count(),
        "titled": pilot_titles_qs(period=period, org=org).values("person").distinct().count(),
    }


def pilot_growth(*, period: Period, org: Any = None) -> dict[str, Decimal | None]:
    """Average yearly growth of the pilot enterprises' net profit and workers' income (年均增长)."""
    agg = pilot_results_qs(period=period, org=org).aggregate(p=Avg("profit_growth"), i=Avg("income_growth"))

    def q(v: Any) -> Decimal | None:
        return half_up(v, 1) if v is not None else None

    return {"profit": q(agg["p"]), "income": q(agg["i"])}


def awarded(*, kind: str, period: Period, org: Any = None) -> int:
    """优秀科技创新成果 N 项 / 先进操作法 N 项: entries with a prize in selections awarded by the period's end."""
    return int(awarded_qs(kind=kind, period=period, org=org).count())


def selection_run_years(*, period: Period, org: Any = None) -> int:
    """连续 N 年开展评选 (any kind)."""
    return _selection_run(period=period, org=org)[2]


def class_count(*, period: Period, org: Any = None) -> int:
    """开设 N 个班次: classes that started within the period."""
    return int(classes_qs(period=period, org=org).count())


def person_times(*, period: Period, org: Any = None) -> int:
    """培训 N 人次: completed enrolments of classes that ended within the period."""
    return int(person_times_qs(period=period, org=org).count())


def innovation_projects(*, period: Period, org: Any = None) -> int:
    """催化产生 N 个技术创新项目: projects from classes, started within the period."""
    return int(innovation_projects_qs(period=period, org=org).count())


def pilot_summary(pilot: Any) -> dict[str, Any]:
    """One pilot's results as the bulletin states them: patents, award winners, titled workers,
    average yearly growth of net profit and income — from its pairs' outcomes and yearly figures."""
    outcomes = Outcome.objects.filter(mentorship__pilot=pilot)
    agg = pilot.results.aggregate(p=Avg("profit_growth"), i=Avg("income_growth"))

    def q(v: Any) -> Decimal | None:
        return half_up(v, 1) if v is not None else None

    return {
        "pairs": pilot.pairs.count(),
        "patents": outcomes.filter(kind=Outcome.Kind.PATENT).count(),
        "award_winners": outcomes.filter(kind=Outcome.Kind.AWARD).values("person").distinct().count(),
        "titled": outcomes.filter(kind=Outcome.Kind.TITLE).values("person").distinct().count(),
        "profit_growth": q(agg["p"]),
        "income_growth": q(agg["i"]),
        "years": list(pilot.results.order_by("year").values_list("year", flat=True)),
    }
