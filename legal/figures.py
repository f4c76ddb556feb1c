"""The indicators of 法律援助 ("畅通维权渠道"), declared once (`kit.indicators`): the overview page,
the dashboards, the API and the bulletins read them from the registry."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kit.figures import period_from
from kit.indicators import DISTINCT, EVENTS, PERSON_TIMES, RIGHTS, SUM, Indicator, register, section_of
from kit.periods import Period
from legal import selectors

__all__ = ["INDICATORS", "period_from", "section"]


def _outcomes(*, period: Period, org: Any) -> str:
    return "、".join(f"{k}{v}" for k, v in selectors.outcomes(period=period, org=org).items() if v)


def _amounts(*, period: Period, org: Any) -> str:
    closed = selectors.closed_cases(period=period, org=org)
    return f"{closed['amount']} 元；挽回 {closed['recovered']} 元"


def _applications(*, period: Period, org: Any) -> str:
    a = selectors.applications(period=period, org=org)
    return f"决定援助 {a['accepted']}、不予援助 {a['rejected']}、集体争议 {a['collective']}"


def _checkups(*, period: Period, org: Any) -> str:
    c = selectors.checkups(period=period, org=org)
    return f"体检 {c['visits']} 次，发现不合规项 {c['issues']} 个"


INDICATORS = register(
    Indicator(
        "legal.closed_cases",
        "依法审结案件",
        "件",
        focus=RIGHTS,
        kind=EVENTS,
        value=lambda period, org: selectors.closed_cases(period=period, org=org)["count"],
        note="所选期间内审结（不含咨询）",
        detail=_outcomes,
        records=selectors.closed_cases_qs,
        dated_by="closed_on",
        key=True,
    ),
    Indicator(
        "legal.closed_amount",
        "涉案标的",
        "万元",
        focus=RIGHTS,
        kind=SUM,
        value=lambda period, org: selectors.closed_cases(period=period, org=org)["amount"],
        note="所选期间内审结案件的涉案标的之和",
        detail=_amounts,
        records=selectors.closed_cases_qs,
        dated_by="closed_on",
        scale=Decimal(10_000),
        places=1,
        key=True,
    ),
    Indicator(
        "legal.applications",
        "法律援助申请",
        "件",
        focus=RIGHTS,
        kind=EVENTS,
        value=lambda period, org: selectors.applications(period=period, org=org)["applied"],
        note="所选期间内申请",
        detail=_applications,
        records=selectors.applications_qs,
        dated_by="applied_on",
    ),
    Indicator(
        "legal.consultations",
        "法律咨询",
        "人次",
        focus=RIGHTS,
        kind=PERSON_TIMES,
        value=selectors.consultations,
        note="所选期间内解答",
        records=selectors.consultations_qs,
        dated_by="closed_on",
    ),
    Indicator(
        "legal.referrals",
        "异地协作转介",
        "件",
        focus=RIGHTS,
        kind=EVENTS,
        value=lambda period, org: sum(selectors.referrals(period=period, org=org).values()),
        detail=lambda period, org: "、".join(f"{k}{v}" for k, v in selectors.referrals(period=period, org=org).items()),
        records=selectors.referrals_qs,
        dated_by="sent_on",
    ),
    Indicator(
        "legal.checkup_enterprises",
        "法律体检企业",
        "家",
        focus=RIGHTS,
        kind=DISTINCT,
        value=lambda period, org: selectors.checkups(period=period, org=org)["enterprises"],
        note="所选期间内体检的企业（同一企业只计一次）",
        detail=_checkups,
        records=selectors.checkups_qs,
        dated_by="visited_on",
    ),
    Indicator(
        "legal.education",
        "普法活动",
        "场",
        focus=RIGHTS,
        kind=EVENTS,
        value=lambda period, org: selectors.education(period=period, org=org)["sessions"],
        detail=lambda period, org: f"参加 {selectors.education(period=period, org=org)['attendees']} 人次",
        records=selectors.education_qs,
        dated_by="held_on",
    ),
)
section = section_of(INDICATORS)
