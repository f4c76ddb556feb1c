"""Section 三's figures as the overview page and the API show them."""

from __future__ import annotations

from typing import Any

from kit.figures import Figure, period_from
from kit.periods import Period
from merit import selectors

__all__ = ["period_from", "section"]


def section(*, period: Period, org: Any) -> list[Figure]:
    by_level = selectors.studios_by_level(period=period, org=org)
    tiers = selectors.competitions_by_tier(period=period, org=org)
    return [
        Figure(
            "各级创新工作室",
            sum(by_level.values()),
            "家",
            "所选日期在册，按当日级别：" + "、".join(f"{k}{v}" for k, v in by_level.items() if v),
        ),
        Figure("劳模创新工作组", selectors.work_group_count(period=period, org=org), "个", "所选日期在册"),
        Figure("帮扶困难家庭", selectors.households_helped(period=period, org=org), "户", "工作组项目累计帮扶户数"),
        Figure(
            "劳动和技能竞赛",
            sum(tiers.values()),
            "项",
            "所选期间内开赛：" + "、".join(f"{k}{v}" for k, v in tiers.items() if v),
        ),
    ]
