"""Coordinates: the GCJ-02 offset of a Nanjing point is about half a kilometre, the round trip
lands within a few metres, nothing moves outside China, swapped or foreign points are refused,
and the map providers: none by default (nothing fetched), 天地图 in WGS-84, 高德 in GCJ-02."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kit import maps
from kit.maps import geo

XIANLIN = (118.9095, 32.1027)  # 仙林 (WGS-84, approximate)


def test_a_nanjing_point_moves_about_half_a_kilometre_from_wgs84_to_gcj02() -> None:
    gcj = geo.wgs84_to_gcj02(*XIANLIN)
    offset = geo.distance_m(*XIANLIN, *gcj)
    assert 450 < offset < 650


@given(st.floats(118.3, 119.3), st.floats(31.2, 32.6))
def test_the_round_trip_through_gcj02_lands_within_five_metres(lng: float, lat: float) -> None:
    back = geo.gcj02_to_wgs84(*geo.wgs84_to_gcj02(lng, lat))
    assert geo.distance_m(lng, lat, *back) < 5


@given(st.floats(118.3, 119.3), st.floats(31.2, 32.6))
def test_bd09_round_trips_through_gcj02(lng: float, lat: float) -> None:
    back = geo.bd09_to_gcj02(*geo.gcj02_to_bd09(lng, lat))
    assert geo.distance_m(lng, lat, *back) < 1


def test_display_datums() -> None:
    assert geo.wgs84_to("wgs84", *XIANLIN) == XIANLIN
    assert geo.distance_m(*XIANLIN, *geo.wgs84_to("bd09", *XIANLIN)) > geo.distance_m(
        *XIANLIN, *geo.wgs84_to("gcj02", *XIANLIN)
    )
    picked = geo.wgs84_to("gcj02", *XIANLIN)
    assert geo.distance_m(*XIANLIN, *geo.to_wgs84("gcj02", *picked)) < 5


def test_nothing_moves_outside_china() -> None:
    tokyo = (139.69, 35.69)
    assert geo.wgs84_to_gcj02(*tokyo) == tokyo and geo.gcj02_to_wgs84(*tokyo) == tokyo


@pytest.mark.parametrize(
    ("lng", "lat", "field", "words"),
    [
        (32.1, 118.9, "latitude", "填反"),
        (139.69, 35.69, "longitude", "不在中国境内"),
        (200.0, 30.0, "longitude", "-180～180"),
        (118.9, 95.0, "latitude", "填反"),
    ],
)
def test_swapped_or_foreign_points_are_refused_with_a_hint(lng: float, lat: float, field: str, words: str) -> None:
    problems = geo.check_point(lng, lat)
    assert field in problems and words in problems[field]


def test_a_good_point_passes() -> None:
    assert geo.check_point(*XIANLIN) == {}


# --- the map providers (kit.maps) ---------------------------------------------------------------
def test_without_a_provider_nothing_is_fetched_and_nothing_moves(settings: Any) -> None:
    settings.MAP_TILES = ""
    assert maps.tiles().url == "" and maps.display_point(*XIANLIN) == XIANLIN
    settings.MAP_TILES, settings.MAP_KEY = "tianditu", ""  # 天地图 without its key: still none
    assert maps.tiles().url == ""


def test_tianditu_draws_in_wgs84_with_labels_and_amap_in_gcj02(settings: Any) -> None:
    settings.MAP_TILES, settings.MAP_KEY = "tianditu", "k123"
    t = maps.tiles()
    assert t.datum == "wgs84" and t.url.endswith("tk=k123") and "cva" in t.overlay
    settings.MAP_TILES = "amap"
    shown = maps.display_point(*XIANLIN)
    assert 400 < geo.distance_m(*XIANLIN, *shown) < 700
    back = maps.stored_point(*shown)
    assert geo.distance_m(*XIANLIN, *back) < 5
    assert maps.page_config()["datum"] == "gcj02"
