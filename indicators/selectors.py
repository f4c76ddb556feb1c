"""Reads of the indicators app: the registry's indicators computed for a period and an org subtree
(with 同比 and 环比), the league table of the orgs one level down, the rows behind a figure as
the user may see them, and the stations for the dashboard's map."""

from __future__ import annotations

from typing import Any

from kit import indicators
from kit.indicators import FOCUSES, Indicator, Row, number
from kit.numbers import rank_with_ties
from kit.periods import Period


def catalogue(
    period: Period, org: Any = None, *, focus: str | None = None, key_only: bool = False, compare: bool = True
) -> list[Row]:
    chosen = [i for i in indicators.all_indicators(focus) if i.key or not key_only]
    return indicators.compute(chosen, period, org, compare=compare)


def by_focus(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    return [(label, [r for r in rows if r.indicator.focus == code]) for code, label in FOCUSES.items()]


def league(period: Period, children: list[Any], key: list[Indicator]) -> list[dict[str, Any]]:
    """The orgs one level down, each with the key indicators and its rank in each (ties share a
    rank); ordered by the sum of their ranks (the lower, the better), then by name."""
    table: list[dict[str, Any]] = [{"org": child, "values": {}, "ranks": {}} for child in children]
    for indicator in key:
        code = indicator.code
        for row in table:
            row["values"][code] = indicator.compute(period, row["org"])
        for rank, row in rank_with_ties(table, key=lambda r: number(r["values"][code]) or 0):
            row["ranks"][code] = rank
    for row in table:
        row["score"] = sum(row["ranks"].values())
        row["cells"] = [(row["values"][i.code], row["ranks"][i.code]) for i in key]
    return sorted(table, key=lambda r: (r["score"], r["org"].path))


def records_for(indicator: Indicator, period: Period, org: Any, user: Any) -> tuple[Any, int]:
    """The rows behind the figure that the user may open, and how many rows there are in all (the
    figure counts them all; a user outside a confidential module sees the number, not the rows)."""
    if indicator.records is None:
        return None, 0
    rows = indicator.records(period=period, org=org)
    total = rows.count()
    visible = rows.model._default_manager.visible_to(user, "view")
    return rows.filter(pk__in=visible.values("pk")), total


def stations(org: Any) -> list[dict[str, Any]]:
    """The stations in use today, as points in the datum of the configured map (the dashboard
    draws them on a plain background; no tiles)."""
    from django.utils import timezone

    from kit import maps
    from rights import selectors as rights
    from rights.models import Station

    qs = Station.objects.all()
    if org is not None:
        qs = qs.filter(org__path__startswith=org.path)
    out = []
    for row in rights.station_map(qs, when=timezone.localtime()):
        lng, lat = maps.display_point(row["lng"], row["lat"])
        out.append({"name": row["name"], "value": [round(lng, 6), round(lat, 6), row["stars"]]})
    return out
