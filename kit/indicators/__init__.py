"""Indicators (指标): every figure the platform reports, declared once in the app that owns its
records — a code, a name, a unit, the focus it belongs to, what kind of figure it is, and the
selector computing it for a period and an org subtree — and gathered here into one registry. The
modules' overview pages, the indicators dashboards, the API and the bulletins all read them
from it; nothing is typed in and nothing stored.

    # rights/figures.py
    INDICATORS = register(
        Indicator("rights.stations", "建成并投入使用的爱心驿站", "个", focus=RIGHTS, kind=STOCK,
                  value=selectors.stations_in_use, note="所选日期在用",
                  records=selectors.stations_in_use_qs),
    )
    section = section_of(INDICATORS)

`records(period=, org=)` returns the rows behind the figure (a queryset): the dashboards link to
them, so every figure can be traced to what it counts."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from kit.figures import Figure
from kit.periods import Period

# the four focuses of the bulletin ("四聚焦")
GUIDANCE = "guidance"
SKILLS = "skills"
MERIT = "merit"
RIGHTS = "rights"
FOCUSES = {
    GUIDANCE: "聚焦思想引领",
    SKILLS: "聚焦技能提升",
    MERIT: "聚焦建功立业",
    RIGHTS: "聚焦维权服务",
}

# what kind of figure (DESIGN, Periods and dates)
EVENTS = "events"
STOCK = "stock"
PERSON_TIMES = "person_times"
DISTINCT = "distinct"
SUM = "sum"
RUN = "run"
RATE = "rate"
KINDS = {
    EVENTS: "期间内发生数",
    STOCK: "期末存量",
    PERSON_TIMES: "人次",
    DISTINCT: "去重计数",
    SUM: "合计",
    RUN: "连续年数",
    RATE: "比率",
}


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str
    focus: str
    kind: str
    value: Callable[..., Any]  # (period=, org=) → a number (int or Decimal, never float)
    note: str = ""  # how it is counted
    detail: Callable[..., str] | None = None  # (period=, org=) → a breakdown in words
    records: Callable[..., Any] | None = None  # (period=, org=) → the rows behind the figure
    trend: bool = True  # monthly values make sense (events, sums); stocks show their month-end values
    key: bool = False  # one of the key figures of the dashboard
    scale: Decimal | None = None  # value divided by it for display (元 → 万元: Decimal(10000))
    places: int = 0
    dated_by: str = ""  # the records' date field (an overview opens on the latest date with records)

    def compute(self, period: Period, org: Any = None) -> Any:
        value = self.value(period=period, org=org)
        if self.scale is not None:
            from kit.numbers import half_up

            return half_up(Decimal(value) / self.scale, self.places)
        return value

    def figure(self, period: Period, org: Any = None) -> Figure:
        note = self.note
        if self.detail is not None:
            extra = self.detail(period=period, org=org)
            note = f"{note}；{extra}" if note and extra else (note or extra)
        return Figure(self.name, self.compute(period, org), self.unit, note)

    @property
    def focus_label(self) -> str:
        return FOCUSES.get(self.focus, self.focus)

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)


_REGISTRY: dict[str, Indicator] = {}
_loaded: list[bool] = []


def register(*indicators: Indicator) -> list[Indicator]:
    """Declare indicators (at import of the owning app's `figures.py`); a code is declared once."""
    for indicator in indicators:
        existing = _REGISTRY.get(indicator.code)
        if existing is not None and existing is not indicator:
            raise ValueError(f"indicator {indicator.code} is declared twice")
        if indicator.focus not in FOCUSES or indicator.kind not in KINDS:
            raise ValueError(f"indicator {indicator.code}: unknown focus or kind")
        _REGISTRY[indicator.code] = indicator
    return list(indicators)


def section_of(indicators: Sequence[Indicator]) -> Callable[..., list[Figure]]:
    """A module overview's figures: its indicators, in declaration order."""

    def section(*, period: Period, org: Any) -> list[Figure]:
        return [indicator.figure(period, org) for indicator in indicators]

    return section


def _load() -> None:
    """Import every domain app's `figures` module once (their declarations register)."""
    if _loaded:
        return
    from django.conf import settings

    for app in getattr(settings, "KIT_DOMAIN_APPS", ()):
        try:
            importlib.import_module(f"{app}.figures")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.figures":
                raise
    _loaded.append(True)


def all_indicators(focus: str | None = None) -> list[Indicator]:
    _load()
    return [i for i in _REGISTRY.values() if focus is None or i.focus == focus]


def get(code: str) -> Indicator | None:
    _load()
    return _REGISTRY.get(code)


def number(value: Any) -> Decimal | None:
    """A figure as a Decimal; None for "no figure" (None, or a dash a selector shows for it)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    return None


@dataclass
class Row:
    """One indicator computed for a period and an org, with its comparisons."""

    indicator: Indicator
    value: Any
    last_year: Any = None
    previous: Any = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @staticmethod
    def change(now: Any, before: Any) -> Decimal | None:
        """The change in per cent, half up to one place; None without a base."""
        from kit.numbers import percent

        a, b = number(now), number(before)
        if a is None or b is None or b == 0:
            return None
        return percent(a - b, b, 1)

    @property
    def yoy(self) -> Decimal | None:
        return self.change(self.value, self.last_year)

    @property
    def mom(self) -> Decimal | None:
        return self.change(self.value, self.previous)


def compute(indicators: Iterable[Indicator], period: Period, org: Any = None, *, compare: bool = False) -> list[Row]:
    rows = []
    last_year = period.same_period_last_year() if compare else None
    previous = period.previous() if compare else None
    for indicator in indicators:
        figure = indicator.figure(period, org)
        row = Row(indicator, figure.value, note=figure.note)
        if last_year is not None:
            row.last_year = indicator.compute(last_year, org)
        if previous is not None:
            row.previous = indicator.compute(previous, org)
        rows.append(row)
    return rows


def series(indicator: Indicator, period: Period, org: Any = None) -> dict[str, Any]:
    """Month by month within the period (a cumulative period: the twelve months up to its end):
    events and sums counted in each month; stocks taken at each month's end. With the same months
    a year earlier, for 同比."""
    months = period.months()
    out: dict[str, Any] = {"labels": [], "values": [], "last_year": []}
    for month in months:
        shown = month if indicator.kind != STOCK else Period.to_date(min(month.end, period.end))
        earlier = shown.same_period_last_year()
        out["labels"].append(f"{month.start.year}年{month.start.month}月")
        out["values"].append(indicator.compute(shown, org))
        out["last_year"].append(indicator.compute(earlier, org))
    return out


def children_of(org: Any, orgs: Any) -> list[Any]:
    """The orgs one level below `org` among `orgs` (a queryset of the materialized-path tree);
    below everything: the second level (the district's sub-districts)."""
    if org is None:
        return list(orgs.filter(depth=2).order_by("path"))
    return list(orgs.filter(path__startswith=org.path, depth=org.depth + 1).order_by("path"))


def breakdown(indicator: Indicator, period: Period, children: Iterable[Any]) -> list[tuple[Any, Any]]:
    """The indicator for each of `children` (each counted over its own subtree)."""
    return [(child, indicator.compute(period, child)) for child in children]
