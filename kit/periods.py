"""Periods for figures: every indicator is computed for a period and an org subtree (Asia/Shanghai).

Kinds of figure (DESIGN, Periods and dates): events within the period (count rows whose date lies
in it), a stock at the period's end (rows valid on `end`), sums, person-times vs distinct persons,
runs of years. Most bulletin figures are cumulative "to date": `Period.to_date(end)`."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

EPOCH = date(1949, 10, 1)


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str = field(default="", compare=False)

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

    @classmethod
    def parse(cls, text: str | None, *, today: date | None = None) -> Period:
        """A period as the API and the pages write it: "2022" (a year), "2022Q1" (a quarter),
        "2022-03" (a month), "2022-01-01..2022-06-30" (a range), "to:2023-04-06" or a bare date
        (cumulative to that day); empty → cumulative to today. ValueError for anything else."""
        text = (text or "").strip().replace("～", "..").replace("至", "..")
        if not text:
            return cls.to_date(today)
        try:
            if text.startswith("to:"):
                return cls.to_date(date.fromisoformat(text[3:]))
            if ".." in text:
                start, end = text.split("..", 1)
                return cls.between(date.fromisoformat(start.strip()), date.fromisoformat(end.strip()))
            if len(text) == 4 and text.isdigit():
                return cls.year(int(text))
            if len(text) == 6 and text[4] in "Qq" and text[:4].isdigit() and text[5] in "1234":
                return cls.quarter(int(text[:4]), int(text[5]))
            if len(text) == 7 and text[4] == "-":
                return cls.month(int(text[:4]), int(text[5:]))
            return cls.to_date(date.fromisoformat(text))
        except ValueError:
            raise ValueError(f"无法识别的期间：{text}（例：2022、2022Q1、2022-03、2022-01-01..2022-06-30）") from None

    @property
    def cumulative(self) -> bool:
        return self.start == EPOCH

    @property
    def code(self) -> str:
        """The text `parse` reads back."""
        if self.cumulative:
            return f"to:{self.end.isoformat()}"
        if self == Period.year(self.start.year):
            return str(self.start.year)
        if self.start.day == 1 and self == Period.month(self.start.year, self.start.month):
            return f"{self.start:%Y-%m}"
        if self.start.month in (1, 4, 7, 10) and self == Period.quarter(self.start.year, (self.start.month + 2) // 3):
            return f"{self.start.year}Q{(self.start.month + 2) // 3}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def same_period_last_year(self) -> Period:
        """同比: the same span a year earlier (29 February becomes the 28th)."""
        shift = lambda d: d.replace(year=d.year - 1, day=min(d.day, calendar.monthrange(d.year - 1, d.month)[1]))  # noqa: E731
        if self.cumulative:
            return Period.to_date(shift(self.end))
        earlier = Period(shift(self.start), shift(self.end))
        return Period.parse(earlier.code)

    def previous(self) -> Period | None:
        """环比: the period just before, of the same kind (year, quarter, month) or length (a
        range); None for a cumulative figure."""
        if self.cumulative:
            return None
        code = self.code
        if len(code) == 4:
            return Period.year(self.start.year - 1)
        if "Q" in code:
            q = (self.start.month + 2) // 3
            return Period.quarter(self.start.year, q - 1) if q > 1 else Period.quarter(self.start.year - 1, 4)
        if len(code) == 7:
            return (
                Period.month(self.start.year, self.start.month - 1)
                if self.start.month > 1
                else Period.month(self.start.year - 1, 12)
            )
        days = (self.end - self.start).days + 1
        return Period.between(self.start - timedelta(days=days), self.start - timedelta(days=1))

    def months(self) -> list[Period]:
        """The calendar months the period touches (a cumulative period: the twelve up to its end)."""
        first = self.start if not self.cumulative else date(self.end.year - 1, self.end.month, 1) + timedelta(days=31)
        first = first.replace(day=1)
        out = []
        current = first
        while current <= self.end:
            out.append(Period.month(current.year, current.month))
            current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
        return out

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
