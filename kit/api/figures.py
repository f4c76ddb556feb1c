"""GET …/figures/?year=2022 or ?date=2023-04-06 [&org=<id>]: a module's figures as JSON, computed
from the records within the caller's scope (the same numbers as the overview page)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kit.figures import Figure, as_json, org_for, period_from


class FiguresView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    section: Callable[..., list[Figure]] | None = None

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, description="统计年度（自然年）"),
            OpenApiParameter("date", str, description="累计截至日期，如 2023-04-06（与 year 二选一）"),
            OpenApiParameter("org", int, description="组织（含下级），默认本人所属组织"),
        ],
        responses={200: dict},
        summary="本模块的统计数字",
    )
    def get(self, request: Request) -> Response:
        assert self.section is not None
        org_model = import_string(settings.KIT_ORG_MODEL.replace(".", ".models.", 1))
        period = period_from(request.query_params.get("date"), request.query_params.get("year"))
        org = org_for(request.user, request.query_params.get("org"), org_model)
        return Response(as_json(self.section(period=period, org=org), period, org))


def figures_view(section: Callable[..., list[Figure]]) -> Any:
    return FiguresView.as_view(section=section)
