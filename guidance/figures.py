"""Section 一's guidance figures as the overview page shows them."""

from __future__ import annotations

from typing import Any

from guidance import selectors
from kit.figures import Figure, period_from
from kit.periods import Period

__all__ = ["period_from", "section"]


def section(*, period: Period, org: Any) -> list[Figure]:
    return [
        Figure("宣讲场次", selectors.lecture_count(period=period, org=org), "场", "所选期间内举办的宣讲"),
        Figure("参与职工、师生", selectors.lecture_audience(period=period, org=org), "人次", "各场职工与师生人数之和"),
        Figure(
            "连续出台思政教育实施意见",
            selectors.ideology_policy_years(period=period, org=org),
            "年",
            "截至所选年度连续出台的年数",
        ),
        Figure("宣传报道", selectors.media_report_count(period=period, org=org), "篇", "所选期间内刊发"),
        Figure(
            "其中省级以上媒体",
            selectors.media_report_count(period=period, org=org, levels=("national", "province")),
            "篇",
            "",
        ),
        Figure("集体荣誉", len(selectors.union_honours(period=period, org=org)), "项", "所选期间内获得"),
        Figure("微党课", selectors.course_count(period=period, org=org), "门", "所选期间内上线"),
        Figure("微党课播放", selectors.course_views(period=period, org=org), "次", "所选期间内上线课程的播放次数"),
        Figure("“十佳微党课”评选", selectors.selection_count(period=period, org=org), "届", "所选期间内公布结果的评选"),
    ]
