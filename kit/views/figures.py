"""A module's overview page: its indicators (`kit.indicators`) for the period and the org subtree
the user chose — with 同比 and 环比 — and the chart of one of them month by month and across the
orgs below (`kit.views.indicators`, loaded by static/js/charts.js). Without a chosen period the
page opens on the last day that has records, not on today (a district whose records stop in
April 2023 is not shown "连续 0 年")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from kit import indicators
from kit.figures import org_for, period_from
from kit.indicators import Indicator
from kit.periods import Period


def latest_record_date(items: Sequence[Indicator], org: Any) -> date | None:
    """The latest date any of the indicators' records carries (their `dated_by` field)."""
    today = timezone.localdate()
    latest: date | None = None
    for indicator in items:
        if indicator.records is None or not indicator.dated_by:
            continue
        value = (
            indicator.records(period=Period.to_date(today), org=org)
            .order_by()
            .aggregate(m=Max(indicator.dated_by))["m"]
        )
        if value is not None and (latest is None or value > latest):
            latest = value
    return latest


class FiguresPage:
    """Mixin for a module's overview page; `extra(period, org)` adds whatever else the page shows."""

    title = ""
    indicators: Sequence[Indicator] = ()

    def figures_context(self, request: Any) -> dict[str, Any]:
        org_model = apps.get_model(settings.KIT_ORG_MODEL)
        org = org_for(request.user, request.GET.get("org"), org_model)
        chosen = any(request.GET.get(k) for k in ("period", "date", "year"))
        period = period_from(request.GET.get("date"), request.GET.get("year"), request.GET.get("period"))
        if not chosen:
            latest = latest_record_date(self.indicators, org)
            if latest is not None and latest < period.end:
                period = Period.to_date(latest)
        rows = indicators.compute(self.indicators, period, org, compare=True)
        charted = [i for i in self.indicators if i.trend]
        return {
            "title": self.title,
            "breadcrumbs": [(self.title, None)],
            "period": period,
            "org": org,
            "rows": rows,
            "chart": {
                "series": reverse("kit:indicator_series", args=["CODE"]),
                "breakdown": reverse("kit:indicator_breakdown", args=["CODE"]),
                "period": period.code,
                "org": org.pk if org is not None else "",
                "indicators": [{"code": i.code, "name": i.name} for i in charted],
            },
            **self.extra(period, org),
        }

    def extra(self, period: Period, org: Any) -> dict[str, Any]:
        return {}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)  # type: ignore[misc]
        ctx.update(self.figures_context(self.request))  # type: ignore[attr-defined]
        return ctx  # type: ignore[no-any-return]
