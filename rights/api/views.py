"""GET /api/v1/rights/stations/nearest/?lng=…&lat=…[&datum=wgs84|gcj02|bd09][&opening=now|24h][&limit=5]:
the stations in use nearest to a point — what a worker's phone asks with its position (WGS-84, the
default datum here). Stations are public service points: any signed-in user may find them, and
only their public fields are returned (name, address, hours, amenities, stars, the station's
phone, distance, a navigate link); the management lists stay within each user's data scope."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kit import maps
from kit.maps import geo
from rights import selectors
from rights.models import Station


class NearestStationsView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("lng", float, required=True, description="经度"),
            OpenApiParameter("lat", float, required=True, description="纬度"),
            OpenApiParameter(
                "datum", str, description="坐标系：wgs84（默认，手机定位）、gcj02（高德、腾讯）、bd09（百度）"
            ),
            OpenApiParameter("opening", str, description="now：现在开放；24h：24小时开放"),
            OpenApiParameter("limit", int, description="返回几个（1–20，默认 5）"),
        ],
        responses={200: dict},
        summary="最近的爱心驿站",
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        try:
            point = float(params.get("lng", "")), float(params.get("lat", ""))
        except ValueError:
            return Response({"detail": "请提供数字形式的经度 lng 和纬度 lat"}, status=400)
        datum = params.get("datum") or "wgs84"
        if datum not in ("wgs84", "gcj02", "bd09"):
            return Response({"detail": "坐标系 datum 只能是 wgs84、gcj02 或 bd09"}, status=400)
        problems = geo.check_point(*point)
        if problems:
            return Response({"detail": "；".join(problems.values())}, status=400)
        try:
            limit = max(1, min(20, int(params.get("limit") or 5)))
        except ValueError:
            return Response({"detail": "limit 须为 1–20 的整数"}, status=400)
        opening = params.get("opening") or ""
        rows = selectors.station_map(
            Station.objects.all(),
            when=timezone.localtime(),
            opening=opening if opening in ("now", "24h") else "",
            near=geo.to_wgs84(datum, *point),
            limit=limit,
        )
        public = ("name", "address", "hours", "open_now", "phone", "stars", "amenities", "titles", "distance_m")
        out = []
        for row in rows:
            lng, lat = geo.wgs84_to(datum, row["lng"], row["lat"])
            out.append(
                {k: row[k] for k in public}
                | {
                    "lng": round(lng, 6),
                    "lat": round(lat, 6),
                    "navigate": maps.navigate_url(row["name"], row["lng"], row["lat"]),
                }
            )
        return Response({"datum": datum, "results": out})
