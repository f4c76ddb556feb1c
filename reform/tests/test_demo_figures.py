"""The demo district reproduces section 一's reform figures of the source bulletin (2023-04-06)."""

from datetime import date

import pytest

from kit.periods import Period
from reform import selectors


@pytest.mark.django_db
def test_the_bulletins_reform_figures_come_out_of_the_records(demo_district):
    p = Period.to_date(date(2023, 4, 6))
    assert selectors.project_count(period=p) == 21  # 制定 21 个项目清单
    assert selectors.policy_run_years(series="党工共建实施意见", period=p) == 5  # 连续 5 年印发党工共建实施意见
    assert selectors.position_count(period=p) == 100  # 100 家党工服务阵地
    assert selectors.micro_service_count(period=p) == 100  # 100 个党工共建微服务项目
    assert selectors.key_contact_count(period=p) == 100  # 100 家重点联系非公企业


@pytest.mark.django_db
def test_the_figures_follow_the_period(demo_district):
    assert selectors.policy_run_years(series="党工共建实施意见", period=Period.to_date(date(2022, 12, 31))) == 4
    assert selectors.position_count(period=Period.to_date(date(2019, 12, 31))) < 100
