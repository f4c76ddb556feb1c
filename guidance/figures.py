"""The indicators of 思想引领 (section 一, 聚焦思想引领), declared once (`kit.indicators`): the overview
page, the dashboards, the API and the bulletins read them from the registry."""

from __future__ import annotations

from guidance import selectors
from kit.figures import period_from
from kit.indicators import EVENTS, GUIDANCE, PERSON_TIMES, RUN, SUM, Indicator, register, section_of

__all__ = ["INDICATORS", "period_from", "section"]


INDICATORS = register(
    Indicator(
        "guidance.lectures",
        "宣讲场次",
        "场",
        focus=GUIDANCE,
        kind=EVENTS,
        value=selectors.lecture_count,
        note="所选期间内举办的宣讲",
        records=selectors.lectures_qs,
        key=True,
    ),
    Indicator(
        "guidance.lecture_audience",
        "参与职工、师生",
        "人次",
        focus=GUIDANCE,
        kind=PERSON_TIMES,
        value=selectors.lecture_audience,
        note="各场职工与师生人数之和",
        records=selectors.lectures_qs,
        key=True,
    ),
    Indicator(
        "guidance.ideology_policy_years",
        "连续出台思政教育实施意见",
        "年",
        focus=GUIDANCE,
        kind=RUN,
        value=selectors.ideology_policy_years,
        note="截至所选年度连续出台的年数",
        records=selectors.ideology_policies_qs,
        key=True,
    ),
    Indicator(
        "guidance.media_reports",
        "宣传报道",
        "篇",
        focus=GUIDANCE,
        kind=EVENTS,
        value=selectors.media_report_count,
        note="所选期间内刊发",
        records=selectors.media_reports_qs,
    ),
    Indicator(
        "guidance.provincial_media_reports",
        "其中省级以上媒体",
        "篇",
        focus=GUIDANCE,
        kind=EVENTS,
        value=lambda period, org: selectors.media_report_count(
            period=period, org=org, levels=selectors.PROVINCIAL_LEVELS
        ),
        records=selectors.provincial_media_reports_qs,
    ),
    Indicator(
        "guidance.union_honours",
        "集体荣誉",
        "项",
        focus=GUIDANCE,
        kind=EVENTS,
        value=lambda period, org: len(selectors.union_honours(period=period, org=org)),
        note="所选期间内获得",
        records=selectors.union_honours_qs,
    ),
    Indicator(
        "guidance.micro_courses",
        "微党课",
        "门",
        focus=GUIDANCE,
        kind=EVENTS,
        value=selectors.course_count,
        note="所选期间内上线",
        records=selectors.micro_courses_qs,
    ),
    Indicator(
        "guidance.micro_course_views",
        "微党课播放",
        "次",
        focus=GUIDANCE,
        kind=SUM,
        value=selectors.course_views,
        note="所选期间内上线课程的播放次数",
        records=selectors.micro_courses_qs,
    ),
    Indicator(
        "guidance.topten_selections",
        "“十佳微党课”评选",
        "届",
        focus=GUIDANCE,
        kind=EVENTS,
        value=selectors.selection_count,
        note="所选期间内公布结果的评选",
        records=selectors.selections_qs,
    ),
)
section = section_of(INDICATORS)
