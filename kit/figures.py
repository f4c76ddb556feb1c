"""Figures: (label, value, unit, note) computed for a period and an org subtree chosen by the user
(within his scope). The indicators (`kit.indicators`) produce them; a module's overview page shows
them through `kit.views.figures.FiguresPage`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from kit.periods import Period


@dataclass(frozen=True)
class Figure:
    label: str
    value: Any
    unit: str = ""
    note: str = ""  # how it is counted (events / stock / sum / run of years)


def period_from(raw: str | None, year: str | None = None, period: str | None = None) -> Period:
    """`?period=2022Q1` (any form `Period.parse` reads), `?year=2022` → that calendar year,
    `?date=2023-04-06` → cumulative to that date; default: to today."""
    today = timezone.localdate()
    if period:
        try:
            return Period.parse(period)
        except ValueError:
            pass
    if year and year.isdigit() and 1949 < int(year) <= today.year:
        return Period.year(int(year))
    try:
        end = date.fromisoformat(raw) if raw else today
    except ValueError:
        end = today
    return Period.to_date(min(end, today))


def as_json(figures: list[Figure], period: Period, org: Any) -> dict[str, Any]:
    return {
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label},
        "org": {"id": org.pk, "name": str(org)} if org is not None else None,
        "figures": [{"label": f.label, "value": f.value, "unit": f.unit, "note": f.note} for f in figures],
    }


def org_for(user: Any, raw: str | None, org_model: Any) -> Any:
    """The org whose subtree the figures cover: one the user may see (default: his own org;
    None = everything, for users whose scope is everything)."""
    visible = org_model._default_manager.visible_to(user, "view")
    if raw and raw.isdigit():
        chosen = visible.filter(pk=int(raw)).first()
        if chosen is not None:
            return chosen
    if user.is_superuser:
        return None
    if user.org_id and visible.filter(pk=user.org_id).exists():
        return user.org
    # no org the user may list: his own org's subtree (a worker sees his union's figures), never "all"
    return visible.order_by("path").first() or user.org
