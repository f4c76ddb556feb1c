"""Figures of section 三 (建功立业) and reads of the merit module."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, OuterRef, Subquery, Sum

from kit.periods import Period
from kit.periods import in_subtree as _in
from merit.models import Competition, GroupProject, Level, Registration, Studio, StudioLevel, WorkGroup


def studios_qs(*, period: Period, org: Any = None) -> Any:
    """各级创新工作室: studios active on the period's last day that held a level that day (a stock),
    each annotated with that level (`level_then`)."""
    level_then = StudioLevel.objects.filter(studio=OuterRef("pk"), since__lte=period.end).order_by("-since", "-id")
    return (
        Studio.objects.filter(_in(org), period.stock("founded_on", "closed_on"))
        .annotate(level_then=Subquery(level_then.values("level")[:1]))
        .exclude(level_then=None)
    )


def work_groups_qs(*, period: Period, org: Any = None) -> Any:
    return WorkGroup.objects.filter(_in(org), period.stock("founded_on", "dissolved_on"))


def households_helped_qs(*, period: Period, org: Any = None, area: str = "") -> Any:
    """The work groups' projects started by the period's end (their households are summed)."""
    qs = GroupProject.objects.filter(_in(org, "group__org__path"), started_on__lte=period.end)
    return qs.filter(beneficiary_area__contains=area) if area else qs


def competitions_qs(*, period: Period, org: Any = None) -> Any:
    return Competition.objects.filter(_in(org), period.events("starts_on"))


def studios_by_level(*, period: Period, org: Any = None) -> dict[str, int]:
    """各级创新工作室: studios active on the period's last day, by the level they held that day (a stock)."""
    rows = studios_qs(period=period, org=org).values("level_then").annotate(n=Count("id"))
    counts = {r["level_then"]: r["n"] for r in rows}
    return {str(label): counts.get(code, 0) for code, label in Level.choices}


def studio_count(*, period: Period, org: Any = None) -> int:
    return sum(studios_by_level(period=period, org=org).values())


def work_group_count(*, period: Period, org: Any = None) -> int:
    """劳模创新工作组 N 个 (a stock)."""
    return int(work_groups_qs(period=period, org=org).count())


def households_helped(*, period: Period, org: Any = None, area: str = "") -> int:
    qs = households_helped_qs(period=period, org=org, area=area)
    return int(qs.aggregate(n=Sum("households"))["n"] or 0)


def income_increase(*, period: Period, org: Any = None) -> Decimal | None:
    """户均年增收: the largest yearly income increase per household among the projects started by
    the period's end (精准扶贫 "每年每户增收 9000 元以上"); None when no project reports one."""
    value = income_increase_qs(period=period, org=org).aggregate(m=Max("income_increase"))["m"]
    return None if value is None else Decimal(value)


def income_increase_qs(*, period: Period, org: Any = None) -> Any:
    return households_helped_qs(period=period, org=org).filter(income_increase__isnull=False)


def competitions_by_tier(*, period: Period, org: Any = None) -> dict[str, int]:
    rows = Counter(competitions_qs(period=period, org=org).values_list("tier", flat=True))
    return {str(label): rows.get(code, 0) for code, label in Competition.Tier.choices}


def participation(*, period: Period, org: Any = None) -> list[dict[str, Any]]:
    """Industry-wide view: per tier and industry, competitions, distinct enterprises and workers."""
    qs = (
        Registration.objects.filter(
            _in(org, "event__competition__org__path"), period.events("event__competition__starts_on")
        )
        .values("event__competition__tier", "event__competition__industry__label")
        .annotate(
            competitions=Count("event__competition", distinct=True),
            enterprises=Count("enterprise", distinct=True),
            workers=Count("person", distinct=True),
        )
        .order_by("event__competition__tier", "event__competition__industry__label")
    )
    tiers = dict(Competition.Tier.choices)
    return [
        {
            "tier": str(tiers[r["event__competition__tier"]]),
            "industry": r["event__competition__industry__label"] or "—",
            "competitions": r["competitions"],
            "enterprises": r["enterprises"],
            "workers": r["workers"],
        }
        for r in qs
    ]
