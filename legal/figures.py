"""The section's figures ("畅通维权渠道") as the overview page and the API show them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kit.figures import Figure, period_from
from kit.numbers import half_up
from kit.periods import Period
from legal import selectors

__all__ = ["period_from", "section"]


def section(*, period: Period, org: Any) -> list[Figure]:
    closed = selectors.closed_cases(period=period, org=org)
    apps = selectors.applications(period=period, org=org)
    outcomes = selectors.outcomes(period=period, org=org)
    refs = selectors.referrals(period=period, org=org)
    checks = selectors.checkups(period=period, org=org)
    edu = selectors.education(period=period, org=org)
    return [
        Figure(
            "依法审结案件",
            closed["count"],
            "件",
            "所选期间内审结；" + "、".join(f"{k}{v}" for k, v in outcomes.items() if v),
        ),
        Figure(
            "涉案标的",
            half_up(closed["amount"] / Decimal(10_000), 1),
            "万元",
            f"所选期间内审结案件的涉案标的之和（{closed['amount']} 元）；挽回 {closed['recovered']} 元",
        ),
        Figure(
            "法律援助申请",
            apps["applied"],
            "件",
            f"所选期间内申请；决定援助 {apps['accepted']}、不予援助 {apps['rejected']}、集体争议 {apps['collective']}",
        ),
        Figure("法律咨询", selectors.consultations(period=period, org=org), "人次", "所选期间内解答"),
        Figure("异地协作转介", sum(refs.values()), "件", "、".join(f"{k}{v}" for k, v in refs.items())),
        Figure(
            "法律体检企业",
            checks["enterprises"],
            "家",
            f"所选期间内体检 {checks['visits']} 次，发现不合规项 {checks['issues']} 个",
        ),
        Figure("普法活动", edu["sessions"], "场", f"参加 {edu['attendees']} 人次"),
    ]
