"""The indicators of 一体化推进 (section 一, 聚焦思想引领), declared once (`kit.indicators`): the
overview page, the dashboards, the API and the bulletins read them from the registry."""

from __future__ import annotations

from typing import Any

from kit.figures import period_from
from kit.indicators import DISTINCT, GUIDANCE, RUN, STOCK, Indicator, register, section_of
from kit.periods import Period
from reform import selectors

PARTY_UNION_SERIES = "党工共建实施意见"

__all__ = ["INDICATORS", "period_from", "section"]


def _statuses(*, period: Period, org: Any) -> str:
    from reform.models import ProjectStatus

    counts = selectors.project_status_counts(period=period, org=org)
    return "、".join(f"{ProjectStatus(k).label}{v}" for k, v in counts.items())


INDICATORS = register(
    Indicator(
        "reform.projects",
        "项目清单",
        "项",
        focus=GUIDANCE,
        kind=STOCK,
        value=selectors.project_count,
        note="截至所选日期已列入清单的项目",
        detail=_statuses,
        records=selectors.projects_qs,
        dated_by="start_date",
        key=True,
    ),
    Indicator(
        "reform.party_union_policy_years",
        "连续印发党工共建实施意见",
        "年",
        focus=GUIDANCE,
        kind=RUN,
        value=lambda period, org: selectors.policy_run_years(series=PARTY_UNION_SERIES, period=period, org=org),
        note="截至所选年度连续印发的年数",
        records=lambda period, org: selectors.policy_documents_qs(series=PARTY_UNION_SERIES, period=period, org=org),
        dated_by="issued_on",
        key=True,
    ),
    Indicator(
        "reform.positions",
        "党工服务阵地",
        "家",
        focus=GUIDANCE,
        kind=STOCK,
        value=selectors.position_count,
        note="所选日期在用的阵地",
        records=selectors.positions_qs,
        dated_by="opened_on",
        key=True,
    ),
    Indicator(
        "reform.micro_services",
        "党工共建微服务项目",
        "个",
        focus=GUIDANCE,
        kind=STOCK,
        value=selectors.micro_service_count,
        note="所选日期在办的项目",
        records=selectors.micro_services_qs,
        dated_by="launched_on",
        key=True,
    ),
    Indicator(
        "reform.key_contacts",
        "重点联系非公企业",
        "家",
        focus=GUIDANCE,
        kind=DISTINCT,
        value=selectors.key_contact_count,
        note="所选日期有联系人的企业",
        records=selectors.key_contacts_qs,
        dated_by="since",
        key=True,
    ),
)
section = section_of(INDICATORS)
