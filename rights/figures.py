"""Section 四's figures (织密服务网络) as the overview page and the API show them."""

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
    ]
