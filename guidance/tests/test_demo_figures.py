"""The demo district reproduces section 一's guidance figures of the source bulletin (2023-04-06)."""

from datetime import date

import pytest

from guidance import selectors
from kit.periods import Period


@pytest.mark.django_db
def test_the_bulletins_guidance_figures_come_out_of_the_records(demo_district):
    p = Period.to_date(date(2023, 4, 6))
    assert selectors.lecture_count(period=p) == 237  # 累计开展宣讲 237 场
    assert 20_000 < selectors.lecture_audience(period=p) < 21_000  # 2 万余名职工、师生参与
    assert selectors.ideology_policy_years(period=p) == 3  # 连续 3 年出台思政教育实施意见
    assert selectors.media_report_count(period=p, levels=("national", "province")) >= 2  # 工人日报、省委新闻网
    assert [h.name for h in selectors.union_honours(period=p)] == ["优秀组织奖"]
