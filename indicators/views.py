"""The indicators' pages: the dashboard (领导驾驶舱) of the user's subtree — the key figures with
同比, trends, the orgs one level down and their league table, the stations — the catalogue of
every indicator with its Excel export, and the rows behind any figure."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from indicators import selectors
from kit import audit, indicators
from kit.entity import entity_for
from kit.excel.cells import Column
from kit.excel.write import write_export
from kit.figures import org_for
from kit.models import AuditEntry
from kit.periods import Period
from kit.views.crud import url_for
from kit.views.figures import latest_record_date


def _scope(request: HttpRequest) -> tuple[Period, Any, Any, bool]:
    """The period (default: cumulative to the latest day with records) and the org the user chose."""
    org_model = apps.get_model(settings.KIT_ORG_MODEL)
    org = org_for(request.user, request.GET.get("org"), org_model)
    raw = request.GET.get("period", "")
    try:
        period = Period.parse(raw)
    except ValueError:
        raise Http404("无法识别的期间") from None
    if not raw:
        latest = latest_record_date(indicators.all_indicators(), org)
        if latest is not None and latest < period.end:
            period = Period.to_date(latest)
    return period, org, org_model._default_manager.visible_to(request.user, "view"), bool(raw)


def _records_url(code: str, period: Period, org: Any) -> str:
    query = f"?period={period.code}" + (f"&org={org.pk}" if org is not None else "")
    return reverse("indicators:records", args=[code]) + query


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "indicators/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        period, org, orgs, _chosen = _scope(self.request)
        rows = selectors.catalogue(period, org, key_only=True)
        for row in rows:
            row.extra["url"] = _records_url(row.indicator.code, period, org)
        key = [r.indicator for r in rows]
        children = indicators.children_of(org, orgs)
        ranked = [i for i in key if i.kind != indicators.RUN][:6]
        ctx.update(
            title="指标看板" if org is None else f"指标看板 · {org}",
            breadcrumbs=[("指标看板", None)],
            period=period,
            org=org,
            orgs=orgs.order_by("path")[:200],
            focuses=selectors.by_focus(rows),
            league=selectors.league(period, children, ranked) if children else [],
            league_indicators=ranked,
            chart={
                "series": reverse("kit:indicator_series", args=["CODE"]),
                "breakdown": reverse("kit:indicator_breakdown", args=["CODE"]),
                "period": period.code,
                "org": org.pk if org is not None else "",
                "indicators": [{"code": i.code, "name": i.name} for i in key if i.trend],
                "stations": selectors.stations(org),
            },
        )
        return ctx


class CatalogueView(LoginRequiredMixin, TemplateView):
    template_name = "indicators/catalogue.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        period, org, orgs, _chosen = _scope(self.request)
        rows = selectors.catalogue(period, org)
        for row in rows:
            row.extra["url"] = _records_url(row.indicator.code, period, org)
        ctx.update(
            title="指标目录",
            breadcrumbs=[("指标看板", reverse("indicators:overview")), ("指标目录", None)],
            period=period,
            org=org,
            orgs=orgs.order_by("path")[:200],
            focuses=selectors.by_focus(rows),
            previous=period.previous(),
            last_year=period.same_period_last_year(),
        )
        return ctx


COLUMNS = [
    Column("focus", "聚焦", width=14),
    Column("code", "指标编码", width=30),
    Column("name", "指标", width=28),
    Column("value", "数值", kind="decimal", width=14),
    Column("unit", "单位", width=8),
    Column("last_year", "上年同期", kind="decimal", width=14),
    Column("yoy", "同比（%）", kind="decimal", width=10),
    Column("previous", "上期", kind="decimal", width=14),
    Column("mom", "环比（%）", kind="decimal", width=10),
    Column("kind", "口径", width=12),
    Column("note", "说明", width=60),
]


class ExportView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        period, org, _orgs, _chosen = _scope(request)
        rows = selectors.catalogue(period, org)
        buffer = io.BytesIO()
        write_export(
            COLUMNS,
            (
                {
                    "focus": r.indicator.focus_label,
                    "code": r.indicator.code,
                    "name": r.indicator.name,
                    "value": indicators.number(r.value),
                    "unit": r.indicator.unit,
                    "last_year": indicators.number(r.last_year),
                    "yoy": r.yoy,
                    "previous": indicators.number(r.previous),
                    "mom": r.mom,
                    "kind": r.indicator.kind_label,
                    "note": r.note,
                }
                for r in rows
            ),
            sheet_title="指标",
            target=buffer,
            title_line=f"产改指标 · {period.label} · {org or '全部组织'}",
        )
        audit.record(
            AuditEntry.Action.EXPORT, actor=request.user, object_type="indicators", message=f"导出指标 {period.label}"
        )
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="indicators-{datetime.now():%Y%m%d%H%M}.xlsx"'
        return response


class RecordsView(LoginRequiredMixin, TemplateView):
    """The rows behind a figure, as the user may see them, each linked to its page."""

    template_name = "indicators/records.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        indicator = indicators.get(kwargs["code"])
        if indicator is None:
            raise Http404("没有这个指标")
        period, org, _orgs, _chosen = _scope(self.request)
        rows, total = selectors.records_for(indicator, period, org, self.request.user)
        entity = entity_for(rows.model) if rows is not None else None
        table = entity.table() if entity is not None else None
        page = Paginator(table.optimise(rows) if table is not None else rows or [], 50).get_page(
            self.request.GET.get("page")
        )
        ctx.update(
            title=f"{indicator.name}：记录",
            breadcrumbs=[("指标看板", reverse("indicators:overview")), (indicator.name, None)],
            indicator=indicator,
            figure=indicator.figure(period, org),
            period=period,
            org=org,
            total=total,
            visible=rows.count() if rows is not None else 0,
            columns=[c.label for c in table.columns] if table is not None else [],
            rows=[
                {"url": url_for(entity, "detail", obj), "cells": [c.value(obj) for c in table.columns]}
                if table is not None and entity is not None
                else {"url": "", "cells": [str(obj)]}
                for obj in page
            ],
            page=page,
            query=f"period={period.code}" + (f"&org={org.pk}" if org is not None else ""),
        )
        return ctx
