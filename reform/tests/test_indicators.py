"""Every 一体化推进 indicator against a count made by hand from the records built here: a year, a
month and cumulative periods, two sibling subtrees and their parent, the period's last day and
the day after."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from core.models import Org
from core.testing import indicator_tree
from kit import indicators
from kit.indicators import DISTINCT, GUIDANCE, RUN, STOCK
from kit.periods import Period
from kit.testing.indicators import DAY_AFTER, LAST_DAY, IndicatorCheck, Tree, deleted, stock_on, within
from kit.testing.indicators import PERIODS as ALL_PERIODS
from reform import figures
from reform.tests import factories as rf

pytestmark = pytest.mark.django_db

PERIODS = tuple(p for p in ALL_PERIODS if p != Period.month(2022, 7))  # all but the month after LAST_DAY's
KINDS = {
    "reform.projects": STOCK,
    "reform.party_union_policy_years": RUN,
    "reform.positions": STOCK,
    "reform.micro_services": STOCK,
    "reform.key_contacts": DISTINCT,
}
KEY = set(KINDS)  # every figure of the module is a key figure (as the overview test below asserts)

check = IndicatorCheck(GUIDANCE, KINDS, KEY, periods=PERIODS)


@pytest.fixture
def tree() -> Tree:
    return indicator_tree("I")


def test_every_indicator_of_the_module_is_tested_here():
    assert [i.code for i in figures.INDICATORS] == list(KINDS)
    assert all(indicators.get(code) is i for code, i in zip(KINDS, figures.INDICATORS, strict=True))


def test_projects_on_the_list_at_the_periods_end(tree):
    built = [
        rf.project(tree.a, start_date=date(2021, 3, 1)),
        rf.project(tree.a1, start_date=LAST_DAY),  # on the last day: on the list
        rf.project(tree.a, start_date=DAY_AFTER),  # the day after: not yet
        rf.project(tree.b, start_date=date(2022, 1, 1)),
        rf.project(tree.b, start_date=date(2021, 5, 1), **deleted()),
        rf.project(tree.root, start_date=date(2022, 12, 31)),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [p for p in within(tree, org, built) if p.start_date <= period.end]

    values = check("reform.projects", tree, counted)
    assert values["2022-06", "IA"] == 2 and values["to:2022-07-01", "IA"] == 3
    assert values["2021", "IB"] == 0 and values["2022", "I0"] == 5


def test_party_union_policy_run_of_years(tree):
    series = figures.PARTY_UNION_SERIES
    built = [
        rf.policy(tree.a, 2019),
        rf.policy(tree.a1, 2020),
        rf.policy(tree.a, 2021),
        rf.policy(tree.a, 2022),
        rf.policy(tree.a, 2023),  # after the period's year: not counted
        rf.policy(tree.a, 2018, series="职工思想政治教育和文化建设工作实施意见"),  # another series
        rf.policy(tree.b, 2020),
        rf.policy(tree.b, 2021, **deleted()),  # a deleted document does not close the gap
        rf.policy(tree.b, 2022),
        rf.policy(tree.root, 2017),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [d for d in within(tree, org, built) if d.series == series and d.year <= period.end.year]

    def run(period: Period, rows: list[Any]) -> int:
        years = {d.year for d in rows}
        n, year = 0, period.end.year
        while year in years:
            n, year = n + 1, year - 1
        return n

    values = check("reform.party_union_policy_years", tree, counted, run)
    assert values["2022", "IA"] == 4 and values["2021", "IA"] == 3
    assert values["2022", "IB"] == 1 and values["2021", "IB"] == 0
    assert values["2022", "I0"] == 4 and values["to:2022-06-30", "I0"] == 4


def test_positions_in_use_at_the_periods_end(tree):
    built = [
        rf.position(tree.a, opened_on=date(2021, 1, 1)),
        rf.position(tree.a1, opened_on=LAST_DAY),  # opened on the last day: counts
        rf.position(tree.a, opened_on=DAY_AFTER),  # opened the day after: does not
        rf.position(tree.b, opened_on=date(2021, 1, 1), closed_on=LAST_DAY),  # still open on its closing day
        rf.position(tree.b, opened_on=date(2021, 1, 1), closed_on=date(2022, 6, 29)),
        rf.position(tree.b, opened_on=date(2021, 1, 1), **deleted()),
        rf.position(tree.root, opened_on=date(2020, 1, 1), closed_on=date(2022, 12, 31)),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [p for p in within(tree, org, built) if stock_on(period.end, p.opened_on, p.closed_on)]

    values = check("reform.positions", tree, counted)
    assert values["2022-06", "IA"] == 2 and values["to:2022-07-01", "IA"] == 3
    assert values["to:2022-06-30", "IB"] == 1 and values["to:2022-07-01", "IB"] == 0
    assert values["2021", "I0"] == 4 and values["2022", "I0"] == 4


def test_micro_services_running_at_the_periods_end(tree):
    built = [
        rf.micro_service(tree.a, launched_on=date(2021, 6, 1)),
        rf.micro_service(tree.a1, launched_on=LAST_DAY),
        rf.micro_service(tree.a1, launched_on=DAY_AFTER),
        rf.micro_service(tree.b, launched_on=date(2021, 1, 1), ended_on=LAST_DAY),
        rf.micro_service(tree.b, launched_on=date(2021, 1, 1), ended_on=date(2021, 12, 31)),
        rf.micro_service(tree.b, launched_on=date(2022, 2, 1), **deleted()),
        rf.micro_service(tree.root, launched_on=date(2022, 1, 1)),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [m for m in within(tree, org, built) if stock_on(period.end, m.launched_on, m.ended_on)]

    values = check("reform.micro_services", tree, counted)
    assert values["to:2022-06-30", "IA"] == 2 and values["to:2022-07-01", "IA"] == 3
    assert values["2021", "IB"] == 2 and values["2022-06", "IB"] == 1 and values["2022", "IB"] == 0
    assert values["2022-06", "I0"] == 4


def test_key_contact_enterprises_counted_once_at_the_periods_end(tree):
    from core.tests import factories as f

    twice = f.enterprise(tree.a, 1)
    built = [
        rf.key_contact(tree.a, enterprise=twice, since=date(2021, 1, 1)),
        rf.key_contact(tree.a, enterprise=twice, since=date(2022, 3, 1)),  # the same enterprise: once
        rf.key_contact(tree.a1, since=LAST_DAY),
        rf.key_contact(tree.a1, since=DAY_AFTER),
        rf.key_contact(tree.b, since=date(2021, 1, 1), until=LAST_DAY),
        rf.key_contact(tree.b, since=date(2021, 1, 1), until=date(2022, 6, 29)),
        rf.key_contact(tree.root, since=date(2020, 1, 1)),
    ]

    def counted(period: Period, org: Org) -> list[Any]:
        return [
            c for c in within(tree, org, built, lambda c: c.enterprise.org_id) if stock_on(period.end, c.since, c.until)
        ]

    values = check("reform.key_contacts", tree, counted, lambda _p, rows: len({c.enterprise_id for c in rows}))
    assert values["2022-06", "IA"] == 2 and values["to:2022-07-01", "IA"] == 3 and values["2021", "IA"] == 1
    assert values["to:2022-06-30", "IB"] == 1 and values["to:2022-07-01", "IB"] == 0 and values["2021", "IB"] == 2
    assert values["to:2022-06-30", "I0"] == 4


def test_the_overview_shows_the_indicators_with_their_notes(tree):
    rf.project(tree.a, start_date=date(2021, 1, 1), due_date=date(2021, 12, 31))  # past due: 滞后
    rf.project(tree.b, start_date=date(2022, 1, 1))  # nothing reported yet: 未启动
    figures_ = {f.label: f for f in figures.section(period=Period.to_date(LAST_DAY), org=tree.root)}
    assert list(figures_) == [
        "项目清单",
        "连续印发党工共建实施意见",
        "党工服务阵地",
        "党工共建微服务项目",
        "重点联系非公企业",
    ]
    assert [f.unit for f in figures_.values()] == ["项", "年", "家", "个", "家"]
    assert figures_["项目清单"].value == 2
    assert figures_["项目清单"].note == "截至所选日期已列入清单的项目；滞后1、未启动1"
    assert figures_["连续印发党工共建实施意见"].note == "截至所选年度连续印发的年数"
    assert figures_["党工服务阵地"].note == "所选日期在用的阵地"
    assert figures_["党工共建微服务项目"].note == "所选日期在办的项目"
    assert figures_["重点联系非公企业"].note == "所选日期有联系人的企业"
    assert [i.code for i in indicators.all_indicators(GUIDANCE) if i.key and i.code.startswith("reform.")] == list(
        KINDS
    )
