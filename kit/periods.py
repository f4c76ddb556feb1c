"""Periods for figures: every indicator is computed for a period and an org subtree (Asia/Shanghai).

Kinds of figure (DESIGN, Periods and dates): events within the period (count rows whose date lies
in it), a stock at the period's end (rows valid on `end`), sums, person-times vs distinct persons,
runs of years. Most bulletin figures are cumulative "to date": `Period.to_date(end)`."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils import timezone

EPOCH = date(1949, 10, 1)


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str = ""

    @classmethod
    def year(cls, y: int) -> Period:
        return cls(date(y, 1, 1), date(y, 12, 31), f"{y}年")

    @classmethod
    def quarter(cls, y: int, q: int) -> Period:
        first = 3 * (q - 1) + 1
        last = first + 2
        return cls(date(y, first, 1), date(y, last, calendar.monthrange(y, last)[1]), f"{y}年第{q}季度")

    @classmethod
    def month(cls, y: int, m: int) -> Period:
        return cls(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), f"{y}年{m}月")

    @classmethod
    def to_date(cls, end: date | None = None) -> Period:
        end = end or timezone.localdate()
        return cls(EPOCH, end, f"截至{end.year}年{end.month}月{end.day}日")

    @classmethod
    def between(cls, start: date, end: date) -> Period:
        if end < start:
            raise ValueError("period ends before it starts")
        return cls(start, end, f"{start:%Y-%m-%d}至{end:%Y-%m-%d}")

    def events(self, field: str) -> Q:
        """Rows whose `field` (a date) lies within the period."""
        return Q(**{f"{field}__gte": self.start, f"{field}__lte": self.end})

    def stock(self, valid_from: str, valid_to: str) -> Q:
        """Rows valid on the period's last day: started on or before it, not ended before it."""
        return Q(**{f"{valid_from}__lte": self.end}) & (
            Q(**{f"{valid_to}__isnull": True}) | Q(**{f"{valid_to}__gte": self.end})
        )


def longest_run_ending(years: set[int], last: int) -> int:
    """Consecutive years ending at `last` (连续 N 年): {2019..2023}, 2023 → 5; a gap stops the run."""
    n = 0
    while last - n in years:
        n += 1
    return n


def in_subtree(org: Any, lookup: str = "org__path") -> Q:
    """Rows whose org (reached by `lookup`, a path) lies in `org`'s subtree; everything for None.
    Every figure is computed for a period and such a subtree."""
    return Q(**{f"{lookup}__startswith": org.path}) if org is not None else Q()
