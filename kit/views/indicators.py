"""JSON for the charts of figures (any page that shows indicators): an indicator month by month
with the year before, and broken down over the orgs one level below the chosen one. The period
and the org come from the query string like the pages' (`?period=2022&org=12`); the org is one the
user may see (`kit.figures.org_for`), so a chart never shows more than the user's subtree."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, JsonResponse
from django.views import View

from kit import indicators
from kit.figures import org_for
from kit.periods import Period


def _number(value: Any) -> Any:
    """For the chart only (ECharts wants JSON numbers); no figure → null."""
    exact = indicators.number(value)
    return None if exact is None else (int(exact) if exact == exact.to_integral_value() else float(exact))


def chart_scope(request: HttpRequest) -> tuple[Period, Any, Any]:
    org_model = apps.get_model(settings.KIT_ORG_MODEL)
    try:
        period = Period.parse(request.GET.get("period"))
    except ValueError as exc:
        raise Http404(str(exc)) from None
    org = org_for(request.user, request.GET.get("org"), org_model)
    return period, org, org_model._default_manager.visible_to(request.user, "view")


class SeriesView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, code: str) -> JsonResponse:
        indicator = indicators.get(code)
        if indicator is None:
            raise Http404("没有这个指标")
        period, org, _orgs = chart_scope(request)
        data = indicators.series(indicator, period, org)
        return JsonResponse(
            {
                "code": code,
                "name": indicator.name,
                "unit": indicator.unit,
                "labels": data["labels"],
                "values": [_number(v) for v in data["values"]],
                "last_year": [_number(v) for v in data["last_year"]],
            },
            json_dumps_params={"ensure_ascii": False},
        )


class BreakdownView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, code: str) -> JsonResponse:
        indicator = indicators.get(code)
        if indicator is None:
            raise Http404("没有这个指标")
        period, org, orgs = chart_scope(request)
        rows = indicators.breakdown(indicator, period, indicators.children_of(org, orgs))
        return JsonResponse(
            {
                "code": code,
                "name": indicator.name,
                "unit": indicator.unit,
                "labels": [getattr(o, "short_name", "") or str(o) for o, _v in rows],
                "orgs": [o.pk for o, _v in rows],
                "values": [_number(v) for _o, v in rows],
            },
            json_dumps_params={"ensure_ascii": False},
        )
