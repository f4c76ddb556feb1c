"""The indicators of section 二 (技能提升), declared once (`kit.indicators`): the overview page, the
dashboards, the API and the bulletins read them from the registry."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kit.figures import period_from
from kit.indicators import (
    DISTINCT,
    EVENTS,
    PERSON_TIMES,
    RATE,
    RUN,
    SKILLS,
    STOCK,
    Indicator,
    register,
    section_of,
)
from kit.periods import Period
from skills import selectors

__all__ = ["INDICATORS", "period_from", "section"]


def _growth(key: str) -> Any:
    """The pilot's average yearly growth (`profit` or `income`); None (shown "—") before any yearly figure."""

    def value(*, period: Period, org: Any) -> Decimal | None:
        rate: Decimal | None = selectors.pilot_growth(period=period, org=org)[key]
        return rate

    return value


INDICATORS = register(
    Indicator(
        "skills.pilot_patents",
        "帮带产生发明专利",
        "项",
        focus=SKILLS,
        kind=STOCK,
        value=lambda period, org: selectors.pilot_outcomes(period=period, org=org)["patents"],
        note="传帮带试点结对取得的发明专利",
        records=selectors.pilot_patents_qs,
        key=True,
    ),
    Indicator(
        "skills.pilot_award_winners",
        "获市职工发明专利奖",
        "人",
        focus=SKILLS,
        kind=DISTINCT,
        value=lambda period, org: selectors.pilot_outcomes(period=period, org=org)["award_winners"],
        note="结对师徒中获奖的人数",
        records=selectors.pilot_awards_qs,
        key=True,
    ),
    Indicator(
        "skills.pilot_titled",
        "评为劳动模范",
        "人",
        focus=SKILLS,
        kind=DISTINCT,
        value=lambda period, org: selectors.pilot_outcomes(period=period, org=org)["titled"],
        note="结对师徒中获称号的人数",
        records=selectors.pilot_titles_qs,
        key=True,
    ),
    Indicator(
        "skills.pilot_profit_growth",
        "试点企业净利润年均增长",
        "%",
        focus=SKILLS,
        kind=RATE,
        value=_growth("profit"),
        note="各年增长率的平均",
        records=selectors.pilot_results_qs,
    ),
    Indicator(
        "skills.pilot_income_growth",
        "职工收入年均增长",
        "%",
        focus=SKILLS,
        kind=RATE,
        value=_growth("income"),
        note="各年增长率的平均",
        records=selectors.pilot_results_qs,
    ),
    Indicator(
        "skills.innovation_awards",
        "优秀科技创新成果",
        "项",
        focus=SKILLS,
        kind=STOCK,
        value=lambda period, org: selectors.awarded(kind="innovation", period=period, org=org),
        note="已表彰",
        records=selectors.innovation_awards_qs,
        key=True,
    ),
    Indicator(
        "skills.method_awards",
        "先进操作法",
        "项",
        focus=SKILLS,
        kind=STOCK,
        value=lambda period, org: selectors.awarded(kind="method", period=period, org=org),
        note="已表彰",
        records=selectors.method_awards_qs,
        key=True,
    ),
    Indicator(
        "skills.selection_run",
        "连续开展评选",
        "年",
        focus=SKILLS,
        kind=RUN,
        value=selectors.selection_run_years,
        records=selectors.selection_run_qs,
    ),
    Indicator(
        "skills.classes",
        "培训班次",
        "个",
        focus=SKILLS,
        kind=EVENTS,
        value=selectors.class_count,
        note="所选期间开班",
        records=selectors.classes_qs,
        key=True,
    ),
    Indicator(
        "skills.person_times",
        "培训人次",
        "人次",
        focus=SKILLS,
        kind=PERSON_TIMES,
        value=selectors.person_times,
        note="所选期间结业的学员人次",
        records=selectors.person_times_qs,
        key=True,
    ),
    Indicator(
        "skills.innovation_projects",
        "技术创新项目",
        "个",
        focus=SKILLS,
        kind=EVENTS,
        value=selectors.innovation_projects,
        note="由班次催化产生",
        records=selectors.innovation_projects_qs,
        key=True,
    ),
)
section = section_of(INDICATORS)
