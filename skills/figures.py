"""Section 二's figures as the overview page and the API show them."""

from __future__ import annotations

from typing import Any

from kit.figures import Figure, period_from
from kit.periods import Period
from skills import selectors

__all__ = ["period_from", "section"]


def section(*, period: Period, org: Any) -> list[Figure]:
    pilot = selectors.pilot_outcomes(period=period, org=org)
    growth = selectors.pilot_growth(period=period, org=org)
    return [
        Figure("帮带产生发明专利", pilot["patents"], "项", "传帮带试点结对取得的发明专利"),
        Figure("获市职工发明专利奖", pilot["award_winners"], "人", "结对师徒中获奖的人数"),
        Figure("评为劳动模范", pilot["titled"], "人", "结对师徒中获称号的人数"),
        Figure(
            "试点企业净利润年均增长", growth["profit"] if growth["profit"] is not None else "—", "%", "各年增长率的平均"
        ),
        Figure("职工收入年均增长", growth["income"] if growth["income"] is not None else "—", "%", "各年增长率的平均"),
        Figure("优秀科技创新成果", selectors.awarded(kind="innovation", period=period, org=org), "项", "已表彰"),
        Figure("先进操作法", selectors.awarded(kind="method", period=period, org=org), "项", "已表彰"),
        Figure("连续开展评选", selectors.selection_run_years(period=period, org=org), "年", ""),
        Figure("培训班次", selectors.class_count(period=period, org=org), "个", "所选期间开班"),
        Figure("培训人次", selectors.person_times(period=period, org=org), "人次", "所选期间结业的学员人次"),
        Figure("技术创新项目", selectors.innovation_projects(period=period, org=org), "个", "由班次催化产生"),
    ]
