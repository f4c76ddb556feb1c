"""Dates as the platform means them: local dates in the configured time zone (Asia/Shanghai),
never the server's `date.today()`; and the few checks every date range needs."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone


def today() -> dt.date:
    """Today in the platform's time zone (a record made at 00:30 in Nanjing is dated that day)."""
    return timezone.localdate()


def chinese(day: dt.date | None) -> str:
    """2023年4月6日 (no leading zeros), '' for None."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def check_order(
    start: dt.date | None, end: dt.date | None, *, end_field: str, message: str, errors: dict[str, Any] | None = None
) -> None:
    """Refuse an end before its start (`message` at `end_field`). With `errors`, add to that dict
    instead of raising, so a model's clean() can report every problem at once."""
    if start is not None and end is not None and end < start:
        if errors is not None:
            errors.setdefault(end_field, []).append(message)
            return
        raise ValidationError({end_field: message})


def check_not_future(
    day: dt.date | None, *, field: str, label: str = "日期", errors: dict[str, Any] | None = None
) -> None:
    """Refuse a date after today (a visit, a report, an award that has not happened yet)."""
    if day is not None and day > today():
        message = f"{label}不能晚于今天"
        if errors is not None:
            errors.setdefault(field, []).append(message)
            return
        raise ValidationError({field: message})


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier, when negative); the month's last day when that
    month is shorter (1月31日 + 1 → 2月28日 or 29日)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def check_month(day: dt.date, *, field: str = "month") -> dt.date:
    """A monthly record's month: the first of `day`'s month, refused when that month is still to
    come (the current month is fine)."""
    first = day.replace(day=1)
    check_not_future(first, field=field, label="月份")
    return first


@dataclass(frozen=True)
class Calendar:
    """Days off and extra working days (调休) from the holiday table, for limits counted in working
    days. `add(day, n)` is the day a limit of n days running from `day` ends: natural days by
    default; working days skip weekends and days off but count a weekend worked instead."""

    off: frozenset[dt.date] = field(default_factory=frozenset)
    work: frozenset[dt.date] = field(default_factory=frozenset)

    def is_working(self, day: dt.date) -> bool:
        if day in self.work:
            return True
        return day.weekday() < 5 and day not in self.off

    def add(self, day: dt.date, n: int, *, working: bool = False) -> dt.date:
        if not working:
            return day + dt.timedelta(days=n)
        current, counted = day, 0
        while counted < n:
            current += dt.timedelta(days=1)
            counted += self.is_working(current)
        return current
