"""The registry and what it serves: every indicator declared once with a kind, a focus and the rows
behind it; the API and the Excel export for a period and an org subtree; a sub-district user's
figures are the district's filtered to his subtree, never more; the rows behind a figure as the
user may see them; the dashboard and the catalogue with 同比 and 环比."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from core.models import Org, Role, User
from kit import indicators
from kit.periods import Period
from legal.tests import factories as lf
from rights.tests import factories as rf

pytestmark = pytest.mark.django_db


def test_every_indicator_is_declared_once_with_its_kind_focus_and_records() -> None:
    items = indicators.all_indicators()
    codes = [i.code for i in items]
    assert len(codes) == len(set(codes))
    for indicator in items:
        assert indicator.code.split(".")[0] in {"reform", "guidance", "skills", "merit", "rights", "legal"}
        assert indicator.focus in indicators.FOCUSES and indicator.kind in indicators.KINDS
        assert indicator.records is not None, f"{indicator.code} cannot be traced to records"
    assert len([i for i in items if i.key]) >= 10


# every figure of the source bulletin, as an indicator (DESIGN, Indicators)
BULLETIN = [
    "reform.projects",  # 21 个项目清单
    "reform.party_union_policy_years",  # 连续 5 年印发党工共建实施意见
    "reform.positions",  # 100 家党工服务阵地
    "reform.micro_services",  # 100 个微服务项目
    "reform.key_contacts",  # 100 家重点联系非公企业
    "guidance.lectures",  # 宣讲 237 场
    "guidance.lecture_audience",  # 2 万余人次
    "guidance.ideology_policy_years",  # 连续 3 年出台
    "skills.pilot_patents",  # 5 项发明专利
    "skills.pilot_award_winners",  # 2 人获市职工发明专利奖
    "skills.pilot_titled",  # 1 人被评为市劳动模范
    "skills.pilot_profit_growth",  # 净利润年均增长 8% 以上
    "skills.pilot_income_growth",  # 职工收入年均增长 8% 以上
    "skills.selection_run",  # 连续 2 年开展评选
    "skills.innovation_awards",  # 优秀科技创新成果 12 项
    "skills.method_awards",  # 先进操作法 9 项
    "skills.classes",  # 36 个班次
    "skills.person_times",  # 5200 人次
    "skills.innovation_projects",  # 9 个技术创新项目
    "merit.studios",  # 各级创新工作室 106 家
    "merit.work_groups",  # 5 个劳模创新工作组
    "merit.households_helped",  # 48 户困难家庭
    "merit.income_increase",  # 每年每户增收 9000 元以上
    "rights.insured_units",  # 300 多家企事业单位
    "rights.insured_people",  # 近 2.5 万人参保
    "rights.volunteer_teams",  # 117 支志愿服务队伍
    "rights.volunteer_activities",  # 百场志愿服务行动
    "rights.three_star_enterprises",  # 44 家三星级企业
    "rights.stations_in_use",  # 101 个服务站点
    "rights.starred_stations",  # 区级星级驿站 11 家
    "rights.station_titles",  # 全国最美站点、省五星级、省级最美站点
    "legal.closed_cases",  # 审结案件 230 件
    "legal.closed_amount",  # 涉案标的 847.7 万元
]


def test_every_figure_of_the_bulletin_is_an_indicator() -> None:
    missing = [code for code in BULLETIN if indicators.get(code) is None]
    assert not missing, missing


def test_a_second_declaration_of_a_code_is_refused() -> None:
    first = indicators.all_indicators()[0]
    twin = indicators.Indicator(first.code, "重复", "个", focus=first.focus, kind=first.kind, value=first.value)
    with pytest.raises(ValueError, match="declared twice"):
        indicators.register(twin)


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="N0"))
    a = Org.objects.add_child(root, instance=Org(name="甲街道总工会", kind="subdistrict", code="NA"))
    b = Org.objects.add_child(
        Org.objects.get(pk=root.pk), instance=Org(name="乙街道总工会", kind="subdistrict", code="NB")
    )
    root, a, b = (Org.objects.get(pk=o.pk) for o in (root, a, b))
    viewer = Role.objects.create(name="查看", code="v", data_scope="subtree")
    viewer.permissions.set(
        Permission.objects.filter(codename__startswith="view_", content_type__app_label__in=["core", "rights"])
    )
    district = User.objects.create_user(username="district", password="Test@12345", org=root)
    district.roles.set([viewer])
    town = User.objects.create_user(username="town", password="Test@12345", org=a)
    town.roles.set([viewer])
    # stations: two in 甲 (one opened 2022-06-30, the last day of the first half), one in 乙, one opened after
    rf.station(a, 1, opened_on=date(2022, 1, 10))
    rf.station(a, 2, opened_on=date(2022, 6, 30))
    rf.station(b, 3, opened_on=date(2022, 3, 1))
    rf.station(b, 4, opened_on=date(2022, 7, 1))
    # closed legal cases in 甲 and 乙 (the federation's centre would hold them; here by sub-district)
    day = date(2021, 1, 4)
    lf.case(a, 1, amount=Decimal("100.10"), status="closed", closed_on=date(2022, 3, 31), applied_on=day)
    lf.case(b, 2, amount=Decimal("0.20"), status="closed", closed_on=date(2022, 4, 1), applied_on=day)
    lf.case(b, 3, amount=Decimal("50"), status="closed", closed_on=date(2021, 4, 1), applied_on=day)
    return {"root": root, "a": a, "b": b, "district": district, "town": town}


def _api(client: Any, user: User, **params: Any) -> dict[str, Any]:
    client.force_login(user)
    body = client.get("/api/v1/indicators/", params).json()
    return {row["code"]: row for row in body["indicators"]}


def test_the_api_computes_for_a_period_and_a_subtree_with_comparisons(client: Any, world: dict) -> None:
    rows = _api(client, world["district"], period="2022-01-01..2022-06-30")
    assert rows["rights.stations_in_use"]["value"] == "3"  # the one opened 2022-06-30 counts
    assert rows["legal.closed_cases"]["value"] == "2"
    assert rows["legal.closed_amount"]["value"] == "0.0"  # 100.30 元 → 0.0 万元 (one place)
    year = _api(client, world["district"], period="2022")
    assert year["legal.closed_cases"]["last_year"] == "1" and year["legal.closed_cases"]["yoy"] == "100.0"
    assert year["legal.closed_cases"]["previous"] == "1"  # 环比 of a year: the year before
    quarter = _api(client, world["district"], period="2022Q2")
    assert quarter["legal.closed_cases"]["value"] == "1" and quarter["legal.closed_cases"]["previous"] == "1"
    client.force_login(world["district"])
    assert client.get("/api/v1/indicators/", {"period": "2022Q9"}).status_code == 400
    detail = client.get("/api/v1/indicators/rights.stations_in_use/", {"period": "2022"}).json()
    assert [m["value"] for m in detail["months"]][:7] == ["1", "1", "2", "2", "2", "3", "4"]


def test_a_sub_district_user_sees_his_subtree_never_more(client: Any, world: dict) -> None:
    mine = _api(client, world["town"], period="2022")
    district_on_mine = _api(client, world["district"], period="2022", org=world["a"].pk)
    assert mine["rights.stations_in_use"]["value"] == district_on_mine["rights.stations_in_use"]["value"] == "2"
    assert mine["legal.closed_cases"]["value"] == "1"
    # asking for the other sub-district or the district gives him his own subtree
    assert _api(client, world["town"], period="2022", org=world["b"].pk)["rights.stations_in_use"]["value"] == "2"
    assert _api(client, world["town"], period="2022", org=world["root"].pk)["rights.stations_in_use"]["value"] == "2"
    client.force_login(world["town"])
    chart = client.get(reverse("kit:indicator_breakdown", args=["rights.stations_in_use"]), {"period": "2022"}).json()
    assert chart["labels"] == [] and chart["values"] == []  # 甲 has no org below it
    client.force_login(world["district"])
    chart = client.get(reverse("kit:indicator_breakdown", args=["rights.stations_in_use"]), {"period": "2022"}).json()
    assert chart["values"] == [2, 2]


def test_the_rows_behind_a_figure_are_shown_as_far_as_the_user_may_open_them(client: Any, world: dict) -> None:
    client.force_login(world["district"])
    page = client.get(reverse("indicators:records", args=["rights.stations_in_use"]), {"period": "2022"})
    text = page.content.decode()
    assert "共 4 条" in text and len(re.findall(r'href="/rights/station/\d+/"', text)) == 4
    page = client.get(reverse("indicators:records", args=["legal.closed_cases"]), {"period": "2022"}).content.decode()
    assert "共 2 条，其中您有权查看 0 条" in page and "只能看到数量和金额" in page
    client.force_login(world["town"])
    text = client.get(
        reverse("indicators:records", args=["rights.stations_in_use"]), {"period": "2022"}
    ).content.decode()
    assert "共 2 条" in text
    assert client.get(reverse("indicators:records", args=["no.such"])).status_code == 404


def test_the_dashboard_catalogue_and_export(client: Any, world: dict) -> None:
    client.force_login(world["district"])
    page = client.get(reverse("indicators:overview"), {"period": "2022"}).content.decode()
    assert "聚焦维权服务" in page and 'id="league"' in page and "chart-config" in page
    assert "甲街道总工会" in page and "乙街道总工会" in page
    catalogue = client.get(reverse("indicators:catalogue"), {"period": "2022"}).content.decode()
    assert "同比" in catalogue and "环比" in catalogue and "依法审结案件" in catalogue
    response = client.get(reverse("indicators:export"), {"period": "2022"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = {r[1]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["rights.stations_in_use"][3] == 4 and rows["legal.closed_cases"][5] == 1


def test_a_module_overview_opens_on_the_last_day_with_records(client: Any, world: dict) -> None:
    client.force_login(world["district"])
    page = client.get(reverse("legal:overview"))
    assert page.context["period"] == Period.to_date(date(2022, 4, 1))
    assert 'id="figure-charts"' in page.content.decode()
    chosen = client.get(reverse("legal:overview"), {"period": "2021"})
    assert chosen.context["period"] == Period.year(2021)
