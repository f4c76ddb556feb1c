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


def pilot_outcomes(*, period: Period, org: Any = None) -> dict[str, int]:
    """The mentorship pilot's results: patents (发明专利), distinct award winners, distinct titles."""
    qs = Outcome.objects.filter(_in(org, "mentorship__pilot__org__path"), obtained_on__lte=period.end)
    return {
        "patents": qs.filter(kind=Outcome.Kind.PATENT).count(),
        "award_winners": qs.filter(kind=Outcome.Kind.AWARD).values("person").distinct().count(),
        "titled": qs.filter(kind=Outcome.Kind.TITLE).values("person").distinct().count(),
    }


def pilot_growth(*, period: Period, org: Any = None) -> dict[str, Decimal | None]:
    """Average yearly growth of the pilot enterprises' net profit and workers' income (年均增长)."""
    agg = EnterpriseResult.objects.filter(_in(org, "pilot__org__path"), year__lte=period.end.year).aggregate(
        p=Avg("profit_growth"), i=Avg("income_growth")
    )

    def q(v: Any) -> Decimal | None:
        return half_up(v, 1) if v is not None else None

    return {"profit": q(agg["p"]), "income": q(agg["i"])}


def awarded(*, kind: str, period: Period, org: Any = None) -> int:
    """优秀科技创新成果 N 项 / 先进操作法 N 项: entries with a prize in selections awarded by the period's end."""
    return (
        Submission.objects.filter(
            _in(org, "round__org__path"), round__kind=kind, round__status="awarded", round__year__lte=period.end.year
        )
        .exclude(prize="")
        .count()
    )


def selection_run_years(*, period: Period, org: Any = None) -> int:
    """连续 N 年开展评选 (any kind)."""
    years = set(SelectionRound.objects.filter(_in(org), year__lte=period.end.year).values_list("year", flat=True))
    return longest_run_ending(years, period.end.year) or longest_run_ending(years, period.end.year - 1)


def class_count(*, period: Period, org: Any = None) -> int:
    """开设 N 个班次: classes that started within the period."""
    return TrainingClass.objects.filter(_in(org), period.events("starts_on")).count()


def person_times(*, period: Period, org: Any = None) -> int:
    """培训 N 人次: completed enrolments of classes that ended within the period."""
    return Enrolment.objects.filter(
        _in(org, "training_class__org__path"),
        status=Enrolment.Status.COMPLETED,
        training_class__ends_on__gte=period.start,
        training_class__ends_on__lte=period.end,
    ).count()


def innovation_projects(*, period: Period, org: Any = None) -> int:
    """催化产生 N 个技术创新项目: projects from classes, started within the period."""
    return InnovationProject.objects.filter(_in(org), period.events("started_on"), training_class__isnull=False).count()


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
