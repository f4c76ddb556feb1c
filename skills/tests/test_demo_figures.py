"""The demo district reproduces section 二's figures of the source bulletin (2023-04-06)."""

from datetime import date
from decimal import Decimal

import pytest

from kit.periods import Period
from skills import selectors


@pytest.mark.django_db
def test_the_bulletins_skills_figures_come_out_of_the_records(demo_district):
    p = Period.to_date(date(2023, 4, 6))
    pilot = selectors.pilot_outcomes(period=p)
    assert pilot == {"patents": 5, "award_winners": 2, "titled": 1}  # 5 项发明专利、2 人获奖、1 人市劳模
    growth = selectors.pilot_growth(period=p)
    assert growth["profit"] > Decimal(8) and growth["income"] > Decimal(8)  # 均保持年均增长 8% 以上
    assert selectors.awarded(kind="innovation", period=p) == 12  # 优秀科技成果 12 项
    assert selectors.awarded(kind="method", period=p) == 9  # 先进操作法 9 项
    assert selectors.selection_run_years(period=p) == 2  # 连续 2 年开展
    assert selectors.class_count(period=p) == 36  # 开设 36 个班次
    assert selectors.person_times(period=p) == 5200  # 培训 5200 人次
    assert selectors.innovation_projects(period=p) == 9  # 催化产生 9 个技术创新项目


@pytest.mark.django_db
def test_the_pilots_page_shows_what_the_bulletin_says_of_yinmao(client, demo_district):
    from django.urls import reverse

    from core.models import User
    from skills.models import MentorshipPilot

    pilot = MentorshipPilot.objects.get(enterprise__name="南京银茂铅锌矿业有限公司")
    client.force_login(User.objects.get(username="qzgh"))
    page = client.get(reverse("skills:mentorshippilot_detail", args=[pilot.pk])).text
    assert "5 项" in page and "2 人" in page and "1 人" in page
    assert "净利润 8.7%" in page and "职工收入 8.5%" in page
