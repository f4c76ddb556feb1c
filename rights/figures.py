"""Section 四's figures (织密服务网络, 集体协商, 爱心驿站) as the overview page and the API show them."""

from __future__ import annotations

from typing import Any

from kit.figures import Figure, period_from
from kit.periods import Period
from rights import selectors

__all__ = ["period_from", "section"]


def section(*, period: Period, org: Any) -> list[Figure]:
    files = selectors.open_files(period=period, org=org)
    gifts = selectors.gifts_by_item(period=period, org=org)
    sessions = selectors.base_sessions(period=period, org=org)
    paid = selectors.claims_paid(period=period, org=org)
    offers = selectors.offers(period=period, org=org)
    contracts = selectors.contracts_in_force(period=period, org=org)
    stars = selectors.stars_by_level(period=period, org=org)
    instructors = selectors.instructors(period=period, org=org)
    titles = selectors.station_titles(period=period, org=org)
    return [
        Figure("互助保障参保单位", selectors.insured_units(period=period, org=org), "家", "所选日期在保的单位"),
        Figure(
            "互助保障参保职工", selectors.insured_people(period=period, org=org), "人", "所选日期在保，同一职工只计一次"
        ),
        Figure("互助金给付", paid["count"], "件", f"所选期间内给付，金额 {paid['amount']} 元"),
        Figure(
            "在档困难职工家庭",
            sum(files.values()),
            "户",
            "所选日期在档：" + "、".join(f"{k}{v}" for k, v in files.items() if v),
        ),
        Figure("职工志愿服务队伍", selectors.volunteer_teams(period=period, org=org), "支", "所选日期在册"),
        Figure("志愿服务活动", selectors.volunteer_activities(period=period, org=org), "场", "所选期间内举行"),
        Figure("志愿服务时长", selectors.volunteer_hours(period=period, org=org), "小时", "所选期间内的活动"),
        Figure("新就业形态劳动者入会", selectors.new_form_joined(period=period, org=org), "人", "所选期间内入会"),
        Figure(
            "新就业形态劳动者受赠",
            selectors.people_served(period=period, org=org),
            "人",
            "、".join(f"{k}{v}" for k, v in gifts.items()) or "所选期间内无赠送",
        ),
        Figure("教育基地活动", sessions["sessions"], "场", f"参加 {sessions['attendees']} 人次"),
        Figure(
            "集体协商要约",
            offers["issued"],
            "份",
            f"所选期间内发出；已应约 {offers['answered']}，拒绝 {offers['refused']}，逾期未应约 {offers['overdue']}",
        ),
        Figure(
            "在履行的集体合同",
            sum(contracts.values()),
            "份",
            "、".join(f"{k}{v}" for k, v in contracts.items() if v) or "所选日期无在履行的合同",
        ),
        Figure(
            "集体协商质效评估三星级企业",
            stars["三星"],
            "家",
            f"所选日期最近一次确认的评估；二星 {stars['二星']}、一星 {stars['一星']}",
        ),
        Figure("集体协商指导员", sum(instructors.values()), "名", "、".join(f"{k}{v}" for k, v in instructors.items())),
        Figure("建成并投入使用的爱心驿站", selectors.stations_in_use(period=period, org=org), "个", "所选日期在用"),
        Figure(
            "区级星级驿站",
            selectors.starred_stations(period=period, org=org),
            "家",
            "所选日期前一年内经区级星级评定（超过一年未复评即失效）",
        ),
        Figure(
            "驿站荣誉",
            sum(titles.values()),
            "项",
            "、".join(f"{k}{v}个" for k, v in titles.items() if v) or "无",
        ),
    ]
