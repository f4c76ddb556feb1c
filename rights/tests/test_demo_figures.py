"""The demo district reproduces the bulletin's figures of 维权服务 (section 四) from its records."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from core.models import User
from kit.periods import Period
from rights import selectors
from rights.models import Negotiation, Station

pytestmark = pytest.mark.django_db
DAY = Period.to_date(date(2023, 4, 6))


def test_the_bulletins_mutual_aid_and_volunteer_figures_come_out_of_the_records(demo_district: None) -> None:
    units = selectors.insured_units(period=DAY)
    people = selectors.insured_people(period=DAY)
    assert 300 < units < 400  # 全区 300 多家企事业单位
    assert 24_000 < people < 25_000  # 近 2.5 万人参保
    assert (units, people) == (312, 24_862)
    assert selectors.volunteer_teams(period=DAY) == 117  # 组建 117 支职工志愿服务队伍
    assert selectors.volunteer_activities(period=DAY) >= 100  # 开展百场 … 职工志愿服务行动
    assert selectors.volunteer_activities(period=DAY) == 103


def test_the_new_form_campaign_and_the_education_base_are_records_too(demo_district: None) -> None:
    gifts = selectors.gifts_by_item(period=DAY)
    assert len(gifts) == 4 and all(n > 0 for n in gifts.values())  # 四赠送: four items, entered as data
    sessions = selectors.base_sessions(period=DAY)
    assert sessions["sessions"] == 8 and sessions["attendees"] > 0  # 交通安全警示教育基地
    assert selectors.new_form_joined(period=DAY) == 240


def test_the_figures_follow_the_date(demo_district: None) -> None:
    before = Period.to_date(date(2022, 6, 30))
    assert selectors.insured_units(period=before) == 0  # no cover before July 2022
    assert selectors.volunteer_teams(period=Period.to_date(date(2022, 12, 1))) == 118  # the dissolved one still active


def test_the_overview_shows_the_figures_to_the_district(demo_district: None) -> None:
    client = Client()
    client.force_login(User.objects.get(username="qzgh"))
    page = client.get("/rights/?date=2023-04-06")
    assert page.status_code == 200
    assert "24,862" in page.text and "312" in page.text and "117" in page.text  # grouped by thousands
    api = client.get("/api/v1/rights/figures/?date=2023-04-06").json()
    assert {f["label"]: f["value"] for f in api["figures"]}["互助保障参保单位"] == 312


def test_the_bargaining_and_station_figures_come_out_of_the_records(demo_district: None) -> None:
    assert selectors.three_star_enterprises(period=DAY) == 44  # 44 家企业被评为三星级企业
    assert selectors.stations_in_use(period=DAY) == 101  # 建成并投入使用服务站点 101 个
    assert selectors.starred_stations(period=DAY) == 11  # 评定区级“星级驿站（点）”11 家
    titles = selectors.station_titles(period=DAY)
    assert titles["全国最美工会户外劳动者服务站点"] == 1 and titles["省五星级“安康·爱心驿站”"] == 1
    assert titles["省级最美站点"] == 2  # 另有 2 家荣获省级最美站点
    flagship = Station.objects.get(name="仙林街道户外劳动者服务站")
    assert {t.title for t in flagship.titles.all()} == {"national_best", "province_five_star"}
    # a day earlier than the first 2022 confirmations, none had three stars; a year before, the
    # stations reviewed in 2021 still counted
    assert selectors.three_star_enterprises(period=Period.to_date(date(2023, 1, 17))) == 0
    assert selectors.starred_stations(period=Period.to_date(date(2022, 6, 1))) == 3
    offers = selectors.offers(period=Period.to_date(date(2023, 4, 6)))
    assert offers["overdue"] == 1 and offers["refused"] == 1
    assert [n.enterprise for n in selectors.overdue_replies(on=date(2023, 4, 6))] == [
        Negotiation.objects.get(status="offered", received_on=date(2023, 3, 2)).enterprise
    ]


def test_the_map_shows_the_demo_stations_offline(demo_district: None) -> None:
    client = Client()
    client.force_login(User.objects.get(username="qzgh"))
    points = client.get("/rights/station-map/points/?near_lng=118.9095&near_lat=32.1027").json()
    assert points["count"] == 103  # in use today: the 101 of the date and two opened since
    assert len(points["nearest"]) == 5 and points["nearest"][0]["distance_m"] < 3000
