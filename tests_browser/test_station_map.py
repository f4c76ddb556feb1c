"""The station map in a real browser, offline: the demo's stations drawn in clusters on a plain
background (no tile provider set, so nothing leaves the machine), a click on the map listing the
nearest stations, a filter redrawing the points, a bad point refused in words.

Run: .venv/bin/python -m pytest tests_browser/test_station_map.py -q -m browser -p no:xdist
"""

from __future__ import annotations

from typing import Any

import pytest

from core.demo.data import DEMO_PASSWORD

pytestmark = [pytest.mark.browser]


def test_the_map_draws_the_stations_and_finds_the_nearest_offline(demo: None, open_tab: Any) -> None:
    tab = open_tab()
    tab.login("qzgh", DEMO_PASSWORD, next_path="/rights/station-map/")
    tab.goto("/rights/station-map/")
    page = tab.page
    page.wait_for_selector("#station-map.map-plain")
    tab.wait_until("Number(document.getElementById('station-count').textContent) > 100")
    assert page.locator(".marker-cluster").count() > 0, "the stations are not clustered"
    tab.screenshot("station-map-1-clusters")

    # a corner of the map (top right, away from the zoom buttons), inside the padding the view keeps
    # free of points; the pin stands where we clicked and the search starts from there
    page.locator("#station-map").scroll_into_view_if_needed()
    box = page.locator("#station-map").bounding_box()
    corner = (box["x"] + box["width"] - 6, box["y"] + 6)
    page.mouse.click(*corner)
    tab.wait_until("document.querySelectorAll('#nearest .list-group-item a[href^=\"/rights/station/\"]').length === 5")
    pin = page.locator(".leaflet-marker-icon:not(.marker-cluster)").bounding_box()
    assert abs(pin["x"] + pin["width"] / 2 - corner[0]) < 3, (pin, corner)
    distances = page.eval_on_selector_all(
        "#nearest .list-group-item span.text-secondary", "els => els.map(e => parseInt(e.textContent))"
    )
    assert distances == sorted(distances), distances
    tab.screenshot("station-map-2-nearest")

    page.select_option("#id_opening", "24h")
    tab.wait_until("Number(document.getElementById('station-count').textContent) < 100")
    count = int(page.text_content("#station-count") or "0")
    assert 0 < count < 100, count

    page.fill("#id_near_lng", "32.10")
    page.fill("#id_near_lat", "118.91")
    page.click("#map-filters button[type=submit]")
    page.wait_for_selector("#map-error-slot:not(.d-none)")
    assert "似乎填反了" in (page.text_content("#map-error-slot") or "")
    tab.watch.problems = [p for p in tab.watch.problems if "400" not in p]  # the refused point answers 400
    tab.watch.assert_clean("驿站地图")


def test_the_map_fits_a_phone(demo: None, open_tab: Any) -> None:
    tab = open_tab(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab.login("qzgh", DEMO_PASSWORD, next_path="/rights/station-map/")
    tab.goto("/rights/station-map/")
    tab.wait_until("Number(document.getElementById('station-count').textContent) > 100")
    width = tab.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    tab.screenshot("station-map-3-phone")
    tab.watch.assert_clean("驿站地图（手机）")
