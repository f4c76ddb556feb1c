"""安康·爱心驿站 under its rules and on its map: coordinates stored once in WGS-84 (swapped or foreign
ones refused with a hint), a duplicate code, opening hours and "open now", a star review with the
whole checklist answered, stars that lapse after a year, reviews from a signed-off round of the
shared scoring sheet; the map page, its points and the nearest stations — offline, within the
user's scope — and the phone's nearest-station API."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import Org, Role, User
from kit import maps
from kit.figures import period_from
from kit.maps import geo
from kit.models import ScoringRound
from kit.testing.scoring import closed_round
from rights import selectors, services
from rights.models import Station, StationReview
from rights.tests import factories as rf

pytestmark = pytest.mark.django_db
XIANLIN = (118.9095, 32.1027)


@pytest.fixture
def admin(db: Any) -> User:
    return User.objects.create_superuser(username="root", password="Test@12345")


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="S0"))
    a = Org.objects.add_child(root, instance=Org(name="仙林街道总工会", kind="subdistrict", code="SA"))
    b = Org.objects.add_child(
        Org.objects.get(pk=root.pk), instance=Org(name="龙潭街道总工会", kind="subdistrict", code="SB")
    )
    a, b, root = (Org.objects.get(pk=o.pk) for o in (a, b, root))
    clerk_role = Role.objects.create(name="区总工会", code="d", data_scope="subtree")
    clerk_role.permissions.set(Permission.objects.filter(content_type__app_label__in=["rights", "core", "kit"]))
    town_role = Role.objects.create(name="街道", code="t", data_scope="subtree")
    town_role.permissions.set(Permission.objects.filter(content_type__app_label="rights", codename="view_station"))
    worker_role = Role.objects.create(name="职工", code="w", data_scope="self")
    clerk = User.objects.create_user(username="clerk", password="Test@12345", org=root)
    clerk.roles.set([clerk_role])
    town_b = User.objects.create_user(username="town-b", password="Test@12345", org=b)
    town_b.roles.set([town_role])
    worker = User.objects.create_user(username="worker", password="Test@12345", org=a)
    worker.roles.set([worker_role])
    return {"root": root, "a": a, "b": b, "clerk": clerk, "town_b": town_b, "worker": worker}


# --- the station ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lng", "lat", "field", "words"),
    [
        ("32.1027", "118.9095", "latitude", "似乎填反了"),
        ("2.35", "48.85", "longitude", "不在中国境内"),
    ],
)
def test_swapped_or_foreign_coordinates_are_refused_with_a_hint(
    world: dict, lng: str, lat: str, field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as err:
        rf.station(world["a"], longitude=Decimal(lng), latitude=Decimal(lat))
    assert words in str(err.value.message_dict[field])


def test_a_code_is_one_stations_only_whatever_its_case(world: dict) -> None:
    rf.station(world["a"], code="QX001")
    with pytest.raises(ValidationError, match="站点编号已存在"):
        rf.station(world["b"], code=" qx001 ")


@pytest.mark.parametrize(
    ("hours", "open_24h", "ok"),
    [("8:00-20:00", False, True), ("08：30～17：30", False, True), ("全天", False, False), ("全天", True, True)],
)
def test_opening_hours_are_read_or_refused(world: dict, hours: str, open_24h: bool, ok: bool) -> None:
    station = Station(
        code=f"H{len(hours)}{open_24h}",
        name="驿站",
        address="某路",
        longitude=Decimal("118.91"),
        latitude=Decimal("32.10"),
        opened_on=date(2022, 1, 1),
        hours=hours,
        open_24h=open_24h,
        org=world["a"],
    )
    if ok:
        station.full_clean()
    else:
        with pytest.raises(ValidationError, match="开放时间请写成"):
            station.full_clean()


def test_open_now_follows_the_hours_the_day_and_a_night_shift(world: dict) -> None:
    tz = timezone.get_current_timezone()
    day = rf.station(world["a"], hours="8:00-20:00", closed_on=date(2023, 6, 30))
    night = rf.station(world["a"], hours="20:00-6:00")
    at = lambda h, m=0, d=date(2023, 4, 6): datetime(d.year, d.month, d.day, h, m, tzinfo=tz)  # noqa: E731
    assert day.open_at(at(8)) and day.open_at(at(19, 59)) and not day.open_at(at(20)) and not day.open_at(at(7, 59))
    assert not day.open_at(at(10, d=date(2023, 7, 1)))  # closed down by then
    assert not day.open_at(at(10, d=date(2021, 12, 31)))  # not yet open
    assert night.open_at(at(23)) and night.open_at(at(5, 59)) and not night.open_at(at(12))


def test_a_review_answers_every_item_of_the_checklist(world: dict) -> None:
    station = rf.station(world["a"])
    answers = rf.checklist()
    del answers["fridge"]
    review = StationReview(station=station, reviewed_on=date(2022, 6, 1), checklist=answers, stars=3)
    with pytest.raises(ValidationError) as err:
        review.full_clean()
    assert "尚缺：冰箱" in str(err.value.message_dict["checklist"])
    review.checklist = {**answers, "fridge": False}
    review.full_clean()


def test_district_stars_lapse_a_year_after_the_review(world: dict) -> None:
    rf.station_review(world["a"], reviewed_on=date(2022, 4, 6))
    rf.station_review(world["a"], reviewed_on=date(2022, 4, 7))
    rf.station_review(world["a"], reviewed_on=date(2022, 5, 1), level="city")  # not a district review
    closed = rf.station(world["a"], closed_on=date(2023, 1, 31))
    rf.station_review(world["a"], station=closed, reviewed_on=date(2022, 12, 1))
    assert selectors.starred_stations(period=period_from("2023-04-05", None)) == 2
    assert selectors.starred_stations(period=period_from("2023-04-06", None)) == 1
    assert selectors.stations_in_use(period=period_from("2023-04-06", None)) == 3
    assert selectors.stations_in_use(period=period_from("2023-01-31", None)) == 4  # closed that day: still counted


# --- reviews from the shared scoring sheet ----------------------------------------------------------
def test_a_signed_off_round_gives_each_station_its_checklist_and_stars(admin: User, world: dict) -> None:
    codes = [item.value for item in rf.amenities()]
    good, poor, weak = (rf.station(world["a"], n) for n in range(3))
    rnd = closed_round(
        org=world["root"],
        purpose=services.STATION_REVIEW,
        subjects=[
            (good, dict.fromkeys(codes, 10)),  # 100 → five stars
            (poor, {**dict.fromkeys(codes, 7), "reading": 0, "fridge": 0}),  # 56 → no star, no review
            (weak, {**dict.fromkeys(codes, 8), "reading": 0}),  # 72 → two stars, no 阅览
        ],
        criteria=[(code, 10) for code in codes],
    )
    made = services.station_reviews_from_round(actor=admin, round=rnd, level="district", reviewed_on=date(2023, 3, 1))
    assert [(r.station, r.stars) for r in made] == [(good, 5), (weak, 2)]
    weak_review = made[1]
    assert weak_review.checklist["reading"] is False and weak_review.checklist["indoor"] is True
    assert weak_review.score == Decimal("72")


def test_a_round_must_list_the_whole_checklist(admin: User, world: dict) -> None:
    rf.station(world["a"])
    with pytest.raises(ValidationError, match="缺少：冰箱"):
        services.station_review_start(
            actor=admin,
            sheet=rf.checklist_sheet(leave_out="fridge"),
            org=world["root"],
            level="district",
            on=date(2023, 3, 1),
            scorers=[rf.scorer()],
        )
    rnd = services.station_review_start(
        actor=admin,
        sheet=rf.checklist_sheet(),
        org=world["root"],
        level="district",
        on=date(2023, 3, 1),
        scorers=[rf.scorer()],
    )
    assert rnd.title == "2023年区级驿站星级评定" and rnd.subjects.count() == 1


def test_the_station_thresholds_are_a_setting(settings: Any) -> None:
    settings.RIGHTS_STATION_STARS = (50, 60, 70, 80, 90)
    assert services.station_stars(Decimal("50")) == 1 and services.station_stars(Decimal("49.99")) == 0
    assert services.station_stars(Decimal("90")) == 5


# --- the map --------------------------------------------------------------------------------------
def test_the_map_selector_filters_and_orders_by_distance(world: dict) -> None:
    near = rf.station(world["a"], longitude=Decimal("118.9100"), latitude=Decimal("32.1030"), open_24h=True)
    far = rf.station(world["a"], longitude=Decimal("118.9500"), latitude=Decimal("32.1500"))
    gone = rf.station(world["a"], closed_on=date(2023, 1, 1))
    near.amenities.set([i for i in rf.amenities() if i.value == "charging"])
    rf.station_review(world["a"], station=far, reviewed_on=date(2023, 3, 1), stars=4)
    when = datetime(2023, 4, 6, 22, 0, tzinfo=timezone.get_current_timezone())
    rows = selectors.station_map(Station.objects.all(), when=when, near=XIANLIN)
    assert [r["id"] for r in rows] == [near.pk, far.pk] and gone.pk not in [r["id"] for r in rows]
    assert rows[0]["distance_m"] < 100 < rows[1]["distance_m"]
    assert [r["id"] for r in selectors.station_map(Station.objects.all(), when=when, amenity="charging")] == [near.pk]
    assert [r["id"] for r in selectors.station_map(Station.objects.all(), when=when, min_stars=4)] == [far.pk]
    assert [r["id"] for r in selectors.station_map(Station.objects.all(), when=when, opening="now")] == [near.pk]
    assert [r["id"] for r in selectors.station_map(Station.objects.all(), when=when, opening="24h")] == [near.pk]


def test_the_map_page_draws_without_tiles_and_lists_the_nearest_within_scope(client: Any, world: dict) -> None:
    mine = rf.station(world["a"], longitude=Decimal("118.9100"), latitude=Decimal("32.1030"))
    theirs = rf.station(world["b"], longitude=Decimal("118.9101"), latitude=Decimal("32.1031"))
    client.force_login(world["clerk"])
    page = client.get(reverse("rights:station_map"), {"near_lng": XIANLIN[0], "near_lat": XIANLIN[1]})
    text = page.content.decode()
    assert page.status_code == 200 and mine.name in text and theirs.name in text
    assert '"tiles": ""' in text and "http" not in text.split('id="map-config"')[1].split("</script>")[0]
    assert "vendor/leaflet/leaflet.js" in text and "<script>" not in text  # no inline script
    client.force_login(world["town_b"])
    points = client.get(reverse("rights:station_points"), {"near_lng": XIANLIN[0], "near_lat": XIANLIN[1]}).json()
    assert [p["id"] for p in points["points"]] == [theirs.pk] and points["nearest"][0]["id"] == theirs.pk
    client.force_login(world["worker"])
    assert client.get(reverse("rights:station_map")).status_code == 403


def test_the_points_are_shown_in_the_datum_of_the_tiles(client: Any, world: dict, settings: Any) -> None:
    station = rf.station(world["a"], longitude=Decimal(str(XIANLIN[0])), latitude=Decimal(str(XIANLIN[1])))
    client.force_login(world["clerk"])
    plain = client.get(reverse("rights:station_points")).json()["points"][0]
    assert (plain["lng"], plain["lat"]) == XIANLIN
    settings.MAP_TILES = "amap"
    shown = client.get(reverse("rights:station_points")).json()["points"][0]
    assert 400 < geo.distance_m(*XIANLIN, shown["lng"], shown["lat"]) < 700
    assert maps.page_config()["datum"] == "gcj02"
    # a point clicked on the GCJ-02 map is found at the station itself
    clicked = client.get(reverse("rights:station_points"), {"near_lng": shown["lng"], "near_lat": shown["lat"]}).json()
    assert clicked["nearest"][0]["id"] == station.pk and clicked["nearest"][0]["distance_m"] <= 5


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"near_lng": "abc", "near_lat": "32"}, "数字形式"),
        ({"near_lng": "32.10", "near_lat": "118.91"}, "似乎填反了"),
        ({"near_lng": "118.91", "near_lat": "32.10", "datum": "mars"}, "坐标系"),
        ({"stars": "many"}, "星级"),
    ],
)
def test_a_bad_point_is_refused_in_words(client: Any, world: dict, params: dict, words: str) -> None:
    client.force_login(world["clerk"])
    response = client.get(reverse("rights:station_points"), params)
    assert response.status_code == 400 and words in response.json()["error"]
    page = client.get(reverse("rights:station_map"), params)
    assert page.status_code == 200 and words in page.content.decode()


def test_a_phone_finds_the_nearest_stations_with_public_fields_only(client: Any, world: dict) -> None:
    for n in range(4):
        rf.station(world["b"], n, phone="025-12345678", contact="张站长")
    client.force_login(world["worker"])
    response = client.get("/api/v1/rights/stations/nearest/", {"lng": XIANLIN[0], "lat": XIANLIN[1], "limit": 2})
    body = response.json()
    assert response.status_code == 200 and len(body["results"]) == 2
    assert body["results"][0]["distance_m"] <= body["results"][1]["distance_m"]
    assert "contact" not in body["results"][0] and "id" not in body["results"][0]
    assert body["results"][0]["navigate"].startswith("https://uri.amap.com/marker?position=")
    assert client.get("/api/v1/rights/stations/nearest/", {"lng": "x", "lat": "1"}).status_code == 400
    client.logout()
    assert client.get("/api/v1/rights/stations/nearest/", {"lng": XIANLIN[0], "lat": XIANLIN[1]}).status_code in (
        401,
        403,
    )


def test_the_station_page_links_to_the_map_and_to_navigation(client: Any, world: dict, settings: Any) -> None:
    station = rf.station(world["a"])
    client.force_login(world["clerk"])
    text = client.get(reverse("rights:station_detail", args=[station.pk])).content.decode()
    assert reverse("rights:station_map") in text and "uri.amap.com" in text
    settings.MAP_NAVIGATE = "baidu"
    assert (
        "api.map.baidu.com/marker" in client.get(reverse("rights:station_detail", args=[station.pk])).content.decode()
    )


# --- the rounds pages -------------------------------------------------------------------------------
def test_a_clerk_opens_a_review_round_and_records_its_results_from_the_page(client: Any, world: dict) -> None:
    rf.station(world["a"])
    sheet = rf.checklist_sheet()
    scorer = rf.scorer()
    client.force_login(world["clerk"])
    url = reverse("rights:station_review")
    response = client.post(
        url,
        {
            "action": "start",
            "sheet": sheet.pk,
            "level": "district",
            "on": "2023-03-01",
            "scorers": f"{scorer.username}，nobody",
        },
        follow=True,
    )
    assert "找不到评分人账号：nobody" in response.content.decode()
    response = client.post(
        url,
        {"action": "start", "sheet": sheet.pk, "level": "district", "on": "2023-03-01", "scorers": scorer.username},
        follow=True,
    )
    assert "已开启“2023年区级驿站星级评定”" in response.content.decode()
    rnd = ScoringRound.objects.get(purpose=services.STATION_REVIEW)
    assert reverse("rights:station_review:scoring_round", args=[rnd.pk]) in response.content.decode()
    response = client.post(
        url, {"action": "apply", "round": rnd.pk, "level": "district", "on": "2023-03-02"}, follow=True
    )
    assert "评定尚未签字确认" in response.content.decode()
