"""Map providers as settings: the tile layer a map page draws under its points, the datum those
tiles are drawn in, and the "navigate" link a phone opens. With no provider set the map draws its
points on a plain background — nothing is fetched from the internet (tests, offline deployments).

Settings: MAP_TILES = "" (none) | "tianditu" | "amap"; MAP_KEY (天地图's key); MAP_NAVIGATE =
"amap" | "baidu" (the app a worker's phone opens to navigate); MAP_CENTER (a WGS-84 point) and
MAP_ZOOM where a map starts. Coordinate maths: `kit.maps.geo`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.conf import settings

from kit.maps import geo


@dataclass(frozen=True)
class Tiles:
    url: str  # Leaflet URL template; "" = no tiles
    datum: str  # the datum the tiles are drawn in: points are converted to it for display
    subdomains: str = ""
    attribution: str = ""
    overlay: str = ""  # a second layer of labels (天地图 draws labels separately)


def tiles() -> Tiles:
    provider = getattr(settings, "MAP_TILES", "")
    key = getattr(settings, "MAP_KEY", "")
    if provider == "tianditu" and key:
        base = (
            "https://t{s}.tianditu.gov.cn/%s_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=%s&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk="
            + key
        )
        return Tiles(base % ("vec", "vec"), "wgs84", "01234567", "天地图", base % ("cva", "cva"))
    if provider == "amap":
        url = "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}"
        return Tiles(url, "gcj02", "1234", "高德地图")
    return Tiles("", "wgs84")


def navigate_url(name: str, lng: float, lat: float) -> str:
    """A link that opens the phone's map app at the point (it converts from WGS-84 itself)."""
    app = getattr(settings, "MAP_NAVIGATE", "amap")
    if app == "baidu":
        return (
            f"https://api.map.baidu.com/marker?location={lat:.6f},{lng:.6f}&title={quote(name)}"
            f"&content={quote(name)}&coord_type=wgs84&output=html&src=changai"
        )
    return f"https://uri.amap.com/marker?position={lng:.6f},{lat:.6f}&name={quote(name)}&coordinate=wgs84&callnative=1"


def display_point(lng: float, lat: float) -> tuple[float, float]:
    """A stored WGS-84 point in the datum of the configured tiles."""
    return geo.wgs84_to(tiles().datum, lng, lat)


def stored_point(lng: float, lat: float) -> tuple[float, float]:
    """A point picked on the map (in the tiles' datum) back in WGS-84."""
    return geo.to_wgs84(tiles().datum, lng, lat)


def page_config() -> dict[str, Any]:
    """What a map page's script needs: the tiles, their datum, where to start (MAP_CENTER, a WGS-84
    point, shown in the tiles' datum; MAP_ZOOM) and where Leaflet's marker images are."""
    from django.templatetags.static import static

    t = tiles()
    center = getattr(settings, "MAP_CENTER", (118.91, 32.12))
    return {
        "center": list(display_point(*center)),
        "zoom": getattr(settings, "MAP_ZOOM", 12),
        "images": static("vendor/leaflet/images/"),
        "tiles": t.url,
        "overlay": t.overlay,
        "subdomains": t.subdomains,
        "attribution": t.attribution,
        "datum": t.datum,
    }
