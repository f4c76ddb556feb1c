"""The indicators of section 四 (织密服务网络, 集体协商, 爱心驿站), declared once (`kit.indicators`):
the overview page, the dashboards, the API and the bulletins read them from the registry."""

from __future__ import annotations

from typing import Any

from kit.figures import period_from
from kit.indicators import DISTINCT, EVENTS, RIGHTS, STOCK, SUM, Indicator, register, section_of
from kit.periods import Period
from rights import selectors

__all__ = ["INDICATORS", "period_from", "section"]


def _words(counts: dict[str, Any], unit: str = "") -> str:
    return "、".join(f"{k}{v}{unit}" for k, v in counts.items() if v)


def _files(*, period: Period, org: Any) -> str:
    return "所选日期在档：" + _words(selectors.open_files(period=period, org=org))


def _gifts(*, period: Period, org: Any) -> str:
    return _words(selectors.gifts_by_item(period=period, org=org)) or "所选期间内无赠送"


def _offers(*, period: Period, org: Any) -> str:
    o = selectors.offers(period=period, org=org)
    return f"所选期间内发出；已应约 {o['answered']}，拒绝 {o['refused']}，逾期未应约 {o['overdue']}"


def _stars(*, period: Period, org: Any) -> str:
    s = selectors.stars_by_level(period=period, org=org)
    return f"所选日期最近一次确认的评估；二星 {s['二星']}、一星 {s['一星']}"


INDICATORS = register(
    Indicator(
        "rights.insured_units",
        "互助保障参保单位",
        "家",
        focus=RIGHTS,
        kind=STOCK,
        value=selectors.insured_units,
        note="所选日期在保的单位",
        records=selectors.insured_units_qs,
        key=True,
    ),
    Indicator(
        "rights.insured_people",
        "互助保障参保职工",
        "人",
        focus=RIGHTS,
        kind=DISTINCT,
        value=selectors.insured_people,
        note="所选日期在保，同一职工只计一次",
        records=selectors.insured_people_qs,
        key=True,
    ),
    Indicator(
        "rights.claims_paid",
        "互助金给付",
        "件",
        focus=RIGHTS,
        kind=EVENTS,
        value=lambda period, org: selectors.claims_paid(period=period, org=org)["count"],
        detail=lambda period, org: f"所选期间内给付，金额 {selectors.claims_paid(period=period, org=org)['amount']} 元",
        records=selectors.claims_paid_qs,
        dated_by="paid_on",
    ),
    Indicator(
        "rights.open_files",
        "在档困难职工家庭",
        "户",
        focus=RIGHTS,
        kind=STOCK,
        value=lambda period, org: sum(selectors.open_files(period=period, org=org).values()),
        detail=_files,
        records=selectors.open_files_qs,
        trend=False,
    ),
    Indicator(
        "rights.volunteer_teams",
        "职工志愿服务队伍",
        "支",
        focus=RIGHTS,
        kind=STOCK,
        value=selectors.volunteer_teams,
        note="所选日期在册",
        records=selectors.volunteer_teams_qs,
        key=True,
    ),
    Indicator(
        "rights.volunteer_activities",
        "志愿服务活动",
        "场",
        focus=RIGHTS,
        kind=EVENTS,
        value=selectors.volunteer_activities,
        note="所选期间内举行",
        records=selectors.volunteer_activities_qs,
        dated_by="held_on",
        key=True,
    ),
    Indicator(
        "rights.volunteer_hours",
        "志愿服务时长",
        "小时",
        focus=RIGHTS,
        kind=SUM,
        value=selectors.volunteer_hours,
        note="所选期间内的活动",
        records=selectors.volunteer_hours_qs,
        dated_by="activity__held_on",
    ),
    Indicator(
        "rights.new_form_joined",
        "新就业形态劳动者入会",
        "人",
        focus=RIGHTS,
        kind=EVENTS,
        value=selectors.new_form_joined,
        note="所选期间内入会",
        records=selectors.new_form_joined_qs,
        dated_by="joined_union_on",
    ),
    Indicator(
        "rights.people_served",
        "新就业形态劳动者受赠",
        "人",
        focus=RIGHTS,
        kind=DISTINCT,
        value=selectors.people_served,
        detail=_gifts,
        records=selectors.gifts_qs,
        dated_by="given_on",
    ),
    Indicator(
        "rights.base_sessions",
        "教育基地活动",
        "场",
        focus=RIGHTS,
        kind=EVENTS,
        value=lambda period, org: selectors.base_sessions(period=period, org=org)["sessions"],
        detail=lambda period, org: f"参加 {selectors.base_sessions(period=period, org=org)['attendees']} 人次",
        records=selectors.base_sessions_qs,
        dated_by="held_on",
    ),
    Indicator(
        "rights.offers",
        "集体协商要约",
        "份",
        focus=RIGHTS,
        kind=EVENTS,
        value=lambda period, org: selectors.offers(period=period, org=org)["issued"],
        detail=_offers,
        records=selectors.offers_qs,
        dated_by="offer_on",
    ),
    Indicator(
        "rights.contracts_in_force",
        "在履行的集体合同",
        "份",
        focus=RIGHTS,
        kind=STOCK,
        value=lambda period, org: sum(selectors.contracts_in_force(period=period, org=org).values()),
        detail=lambda period, org: (
            _words(selectors.contracts_in_force(period=period, org=org)) or "所选日期无在履行的合同"
        ),
        records=selectors.contracts_in_force_qs,
        trend=False,
    ),
    Indicator(
        "rights.three_star_enterprises",
        "集体协商质效评估三星级企业",
        "家",
        focus=RIGHTS,
        kind=STOCK,
        value=selectors.three_star_enterprises,
        detail=_stars,
        records=selectors.three_star_qs,
        key=True,
        trend=False,
    ),
    Indicator(
        "rights.instructors",
        "集体协商指导员",
        "名",
        focus=RIGHTS,
        kind=STOCK,
        value=lambda period, org: sum(selectors.instructors(period=period, org=org).values()),
        detail=lambda period, org: _words(selectors.instructors(period=period, org=org)),
        records=selectors.instructors_qs,
        trend=False,
    ),
    Indicator(
        "rights.stations_in_use",
        "建成并投入使用的爱心驿站",
        "个",
        focus=RIGHTS,
        kind=STOCK,
        value=selectors.stations_in_use,
        note="所选日期在用",
        records=selectors.stations_in_use_qs,
        key=True,
    ),
    Indicator(
        "rights.starred_stations",
        "区级星级驿站",
        "家",
        focus=RIGHTS,
        kind=STOCK,
        value=selectors.starred_stations,
        note="所选日期前一年内经区级星级评定（超过一年未复评即失效）",
        records=selectors.starred_stations_qs,
        key=True,
    ),
    Indicator(
        "rights.station_titles",
        "驿站荣誉",
        "项",
        focus=RIGHTS,
        kind=STOCK,
        value=lambda period, org: sum(selectors.station_titles(period=period, org=org).values()),
        detail=lambda period, org: _words(selectors.station_titles(period=period, org=org), "个") or "无",
        records=selectors.station_titles_qs,
        trend=False,
    ),
)
section = section_of(INDICATORS)
