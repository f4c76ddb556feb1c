"""/api/v1/indicators/?period=…&org=…[&focus=…]: every indicator computed for the period and the org
subtree (one the caller may see), with 同比 and 环比; /api/v1/indicators/<code>/ one of them with its
months."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from indicators import selectors
from kit import indicators
from kit.figures import org_for
from kit.periods import Period

PARAMETERS = [
    OpenApiParameter("period", str, description="期间：2022、2022Q1、2022-03、2022-01-01..2022-06-30、to:2023-04-06"),
    OpenApiParameter("org", int, description="组织（含下级），默认本人所属组织"),
]


def _scope(request: Request) -> tuple[Period, Any]:
    try:
        period = Period.parse(request.query_params.get("period"))
    except ValueError as exc:
        raise exceptions.ValidationError({"period": str(exc)}) from None
    return period, org_for(request.user, request.query_params.get("org"), apps.get_model(settings.KIT_ORG_MODEL))


def _row(row: Any) -> dict[str, Any]:
    i = row.indicator
    return {
        "code": i.code,
        "name": i.name,
        "unit": i.unit,
        "focus": i.focus,
        "kind": i.kind,
        "value": str(row.value),
        "last_year": None if row.last_year is None else str(row.last_year),
        "yoy": None if row.yoy is None else str(row.yoy),
        "previous": None if row.previous is None else str(row.previous),
        "mom": None if row.mom is None else str(row.mom),
        "note": row.note,
    }


class IndicatorListView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[*PARAMETERS, OpenApiParameter("focus", str)],
        responses={200: dict},
        summary="全部指标",
        operation_id="indicators_list",
    )
    def get(self, request: Request) -> Response:
        period, org = _scope(request)
        rows = selectors.catalogue(period, org, focus=request.query_params.get("focus") or None)
        return Response(
            {
                "period": {"code": period.code, "label": period.label, "start": period.start, "end": period.end},
                "org": {"id": org.pk, "name": str(org)} if org is not None else None,
                "indicators": [_row(r) for r in rows],
            }
        )


class IndicatorDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=PARAMETERS, responses={200: dict}, summary="一个指标及其按月数值", operation_id="indicators_retrieve"
    )
    def get(self, request: Request, code: str) -> Response:
        indicator = indicators.get(code)
        if indicator is None:
            raise exceptions.NotFound("没有这个指标")
        period, org = _scope(request)
        row = indicators.compute([indicator], period, org, compare=True)[0]
        months = indicators.series(indicator, period, org)
        return Response(
            {
                **_row(row),
                "months": [
                    {"month": label, "value": str(v), "last_year": str(w)}
                    for label, v, w in zip(months["labels"], months["values"], months["last_year"], strict=True)
                ],
            }
        )


urlpatterns = [
    path("", IndicatorListView.as_view(), name="indicators-list"),
    path("<str:code>/", IndicatorDetailView.as_view(), name="indicators-detail"),
]
