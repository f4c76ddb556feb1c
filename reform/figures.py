"""Section 一's reform figures as the overview page shows them (the indicators app will register
the same selectors)."""

from __future__ import annotations

from typing import Any

from kit.figures import Figure, period_from
from kit.periods import Period
from reform import selectors

PARTY_UNION_SERIES = "党工共建实施意见"

__all__ = ["period_from", "section"]


def section(*, period: Period, org: Any) -> list[Figure]:
    statuses = selectors.project_status_counts(period=period, org=org)
    return [
        Figure(
            "项目清单",
            selectors.project_count(period=period, org=org),
            "项",
            "截至所选日期已列入清单的项目；" + "、".join(f"{k}{v}" for k, v in _labels(statuses).items()),
        ),
        Figure(
            "连续印发党工共建实施意见",
            selectors.policy_run_years(series=PARTY_UNION_SERIES, period=period, org=org),
            "年",
            "截至所选年度连续印发的年数",
        ),
        Figure("党工服务阵地", selectors.position_count(period=period, org=org), "家", "所选日期在用的阵地"),
        Figure("党工共建微服务项目", selectors.micro_service_count(period=period, org=org), "个", "所选日期在办的项目"),
        Figure("重点联系非公企业", selectors.key_contact_count(period=period, org=org), "家", "所选日期有联系人的企业"),
    ]


def _labels(counts: dict[str, int]) -> dict[str, int]:
    from reform.models import ProjectStatus

    return {str(ProjectStatus(k).label): v for k, v in counts.items()}
