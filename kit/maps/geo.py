"""Coordinates in China: one stored datum, conversions for display, distances, checks of a typed point.

A point is stored once, in WGS-84 (what a phone's GPS gives; 天地图's CGCS2000 is the same at map
precision). Chinese web maps draw in offset data: 高德 and 腾讯 in GCJ-02, 百度 in BD-09 (GCJ-02
offset again). Plotting a WGS-84 point on a GCJ-02 map without converting misplaces it by a few
hundred metres (about half a kilometre in Nanjing). The formulas are the public ones
(wandergis/coordtransform); GCJ-02 → WGS-84 is the usual one-step approximate inverse (within a
few metres). No offset is applied outside China's box."""

from __future__ import annotations

import math

A = 6378245.0  # Krasovsky 1940 semi-major axis used by GCJ-02
EE = 0.00669342162296594323  # its eccentricity squared
X_PI = math.pi * 3000.0 / 180.0
EARTH_RADIUS_M = 6371008.8

# mainland China's box (wandergis): outside it nobody offsets
CHINA_LNG = (73.66, 135.05)
CHINA_LAT = (3.86, 53.55)


def out_of_china(lng: float, lat: float) -> bool:
    return not (CHINA_LNG[0] <= lng <= CHINA_LNG[1] and CHINA_LAT[0] <= lat <= CHINA_LAT[1])


def _transform_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lng(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def _offset(lng: float, lat: float) -> tuple[float, float]:
    dlat = _transform_lat(lng - 105.0, lat - 35.0)
    dlng = _transform_lng(lng - 105.0, lat - 35.0)
    radlat = lat / 180.0 * math.pi
    magic = 1 - EE * math.sin(radlat) ** 2
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((A * (1 - EE)) / (magic * sqrtmagic) * math.pi)
    dlng = (dlng * 180.0) / (A / sqrtmagic * math.cos(radlat) * math.pi)
    return dlng, dlat


def wgs84_to_gcj02(lng: float, lat: float) -> tuple[float, float]:
    if out_of_china(lng, lat):
        return lng, lat
    dlng, dlat = _offset(lng, lat)
    return lng + dlng, lat + dlat


def gcj02_to_wgs84(lng: float, lat: float) -> tuple[float, float]:
    """One-step approximate inverse (error of a few metres at most)."""
    if out_of_china(lng, lat):
        return lng, lat
    dlng, dlat = _offset(lng, lat)
    return lng - dlng, lat - dlat


def gcj02_to_bd09(lng: float, lat: float) -> tuple[float, float]:
    z = math.sqrt(lng * lng + lat * lat) + 0.00002 * math.sin(lat * X_PI)
    theta = math.atan2(lat, lng) + 0.000003 * math.cos(lng * X_PI)
    return z * math.cos(theta) + 0.0065, z * math.sin(theta) + 0.006


def bd09_to_gcj02(lng: float, lat: float) -> tuple[float, float]:
    x, y = lng - 0.0065, lat - 0.006
    z = math.sqrt(x * x + y * y) - 0.00002 * math.sin(y * X_PI)
    theta = math.atan2(y, x) - 0.000003 * math.cos(x * X_PI)
    return z * math.cos(theta), z * math.sin(theta)


def wgs84_to(datum: str, lng: float, lat: float) -> tuple[float, float]:
    """A stored WGS-84 point in the datum a map draws in: "wgs84" (天地图, GPS), "gcj02" (高德, 腾讯),
    "bd09" (百度)."""
    if datum == "gcj02":
        return wgs84_to_gcj02(lng, lat)
    if datum == "bd09":
        return gcj02_to_bd09(*wgs84_to_gcj02(lng, lat))
    return lng, lat


def to_wgs84(datum: str, lng: float, lat: float) -> tuple[float, float]:
    """A point picked on a map of `datum`, back in the stored datum."""
    if datum == "gcj02":
        return gcj02_to_wgs84(lng, lat)
    if datum == "bd09":
        return gcj02_to_wgs84(*bd09_to_gcj02(lng, lat))
    return lng, lat


def distance_m(lng1: float, lat1: float, lng2: float, lat2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def check_point(lng: float | None, lat: float | None) -> dict[str, str]:
    """Problems with a typed point, as {field: message}: out of range, swapped, outside China."""
    errors: dict[str, str] = {}
    if lng is None or lat is None:
        return errors
    if abs(lat) > 90 or (CHINA_LAT[0] <= lng <= CHINA_LAT[1] and CHINA_LNG[0] <= lat <= CHINA_LNG[1]):
        errors["latitude"] = f"纬度 {lat}、经度 {lng} 似乎填反了：中国境内纬度约 4～54，经度约 73～135"
        return errors
    if abs(lng) > 180:
        errors["longitude"] = "经度应在 -180～180 之间"
    elif out_of_china(lng, lat):
        errors["longitude"] = "坐标不在中国境内，请核对（应为 WGS-84 经纬度，如 118.9、32.1）"
    return errors
