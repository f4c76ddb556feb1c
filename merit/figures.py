"""The indicators of section 三 (建功立业), declared once (`kit.indicators`): the overview page, the
dashboards, the API and the bulletins read them from the registry."""

from __future__ import annotations

from typing import Any

from kit.figures import period_from
from kit.indicators import EVENTS, MERIT, RATE, STOCK, SUM, Indicator, register, section_of
from kit.periods import Period
from merit import selectors

__all__ = ["INDICATORS", "period_from", "section"]


def _words(counts: dict[str, int]) -> str:
    return "、".join(f"{k}{v}" for k, v in counts.items() if v)


def _studio_levels(*, period: Period, org: Any) -> str:
    return _words(selectors.studios_by_level(period=period, org=org))


def _competition_tiers(*, period: Period, org: Any) -> str:
    return _words(selectors.competitions_by_tier(period=period, org=org))


INDICATORS = register(
    Indicator(
        "merit.studios",
        "各级创新工作室",
        "家",
        focus=MERIT,
        kind=STOCK,
        value=selectors.studio_count,
        note="所选日期在册，按当日级别",
        detail=_studio_levels,
        records=selectors.studios_qs,
        key=True,
    ),
    Indicator(
        "merit.work_groups",
        "劳模创新工作组",
        "个",
        focus=MERIT,
        kind=STOCK,
        value=selectors.work_group_count,
        note="所选日期在册",
        records=selectors.work_groups_qs,
        key=True,
    ),
    Indicator(
        "merit.households_helped",
        "帮扶困难家庭",
        "户",
        focus=MERIT,
        kind=SUM,
        value=selectors.households_helped,
        note="工作组项目累计帮扶户数",
        records=selectors.households_helped_qs,
        key=True,
    ),
    Indicator(
        "merit.income_increase",
        "帮扶项目户均年增收",
        "元",
        focus=MERIT,
        kind=RATE,
        value=selectors.income_increase,
        note="工作组项目中户均年增收最高者",
        records=selectors.income_increase_qs,
        trend=False,
    ),
    Indicator(
        "merit.competitions",
        "劳动和技能竞赛",
        "项",
        focus=MERIT,
        kind=EVENTS,
        value=lambda period, org: sum(selectors.competitions_by_tier(period=period, org=org).values()),
        note="所选期间内开赛",
        detail=_competition_tiers,
        records=selectors.competitions_qs,
    ),
)
section = section_of(INDICATORS)
