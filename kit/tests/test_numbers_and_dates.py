"""kit.numbers and kit.dates at their edges: 四舍五入 where Python rounds half to even, ranks shared
by ties, a percentage of nothing, month arithmetic at the ends of months, dates in Nanjing's day
rather than the server's, and the two checks every date range needs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from kit.dates import add_months, check_month, check_not_future, check_order, chinese, today
from kit.numbers import half_up, percent, q2, rank_with_ties, round_int


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("0.5"), 0, "1"),
        (Decimal("2.5"), 0, "3"),  # round() gives 2
        (Decimal("-2.5"), 0, "-3"),  # half away from zero
        (Decimal("2.25"), 1, "2.3"),
        (2.675, 2, "2.68"),  # a float as written, not 2.67499…
        ("84.445", 2, "84.45"),
        (7, 2, "7.00"),
    ],
)
def test_half_up_rounds_the_way_officials_do(value: Any, places: int, expected: str) -> None:
    assert half_up(value, places) == Decimal(expected)


def test_the_shortcuts() -> None:
    assert round_int(4.5) == 5 and round_int("3.49") == 3
    assert q2("1.005") == Decimal("1.01")
    assert percent(1, 3) == Decimal("33.3") and percent(2, 3, 0) == Decimal("67")
    assert percent(5, 0) is None


def test_equal_values_share_a_rank_and_the_next_rank_skips() -> None:
    rows = [("甲", 90), ("乙", 95), ("丙", 90), ("丁", 80), ("戊", 95)]
    ranked = rank_with_ties(rows, key=lambda r: r[1])
    assert [(rank, name) for rank, (name, _s) in ranked] == [(1, "乙"), (1, "戊"), (3, "甲"), (3, "丙"), (5, "丁")]
    seen: dict[str, int] = {}
    rank_with_ties(rows, key=lambda r: r[1], assign=lambda r, n: seen.__setitem__(r[0], n))
    assert seen == {"乙": 1, "戊": 1, "甲": 3, "丙": 3, "丁": 5}
    assert rank_with_ties([], key=lambda r: r) == []


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2023, 1, 31), 1, dt.date(2023, 2, 28)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),  # leap year
        (dt.date(2023, 4, 6), -12, dt.date(2022, 4, 6)),
        (dt.date(2023, 3, 31), -1, dt.date(2023, 2, 28)),
        (dt.date(2022, 12, 15), 1, dt.date(2023, 1, 15)),
        (dt.date(2023, 1, 15), -1, dt.date(2022, 12, 15)),
        (dt.date(2022, 5, 1), 36, dt.date(2025, 5, 1)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_today_is_nanjings_day(settings: Any, monkeypatch: Any) -> None:
    from django.utils import timezone

    half_past_midnight = dt.datetime(2023, 4, 5, 16, 30, tzinfo=dt.UTC)  # 00:30 on the 6th in Nanjing
    monkeypatch.setattr(timezone, "now", lambda: half_past_midnight)
    assert today() == dt.date(2023, 4, 6)
    assert chinese(dt.date(2023, 4, 6)) == "2023年4月6日" and chinese(None) == ""


def test_an_end_before_its_start_and_a_date_in_the_future_are_refused() -> None:
    check_order(dt.date(2023, 1, 1), dt.date(2023, 1, 1), end_field="ends_on", message="结束日期不能早于开始日期")
    with pytest.raises(ValidationError) as err:
        check_order(dt.date(2023, 1, 2), dt.date(2023, 1, 1), end_field="ends_on", message="结束日期不能早于开始日期")
    assert err.value.message_dict == {"ends_on": ["结束日期不能早于开始日期"]}
    errors: dict[str, Any] = {}
    check_order(dt.date(2023, 1, 2), dt.date(2023, 1, 1), end_field="ends_on", message="倒了", errors=errors)
    check_not_future(today() + dt.timedelta(days=1), field="on", label="活动日期", errors=errors)
    assert errors == {"ends_on": ["倒了"], "on": ["活动日期不能晚于今天"]}
    check_not_future(today(), field="on")


def test_a_monthly_record_is_dated_the_first_and_not_ahead() -> None:
    assert check_month(dt.date(2023, 4, 6)) == dt.date(2023, 4, 1)
    assert check_month(today()) == today().replace(day=1)
    with pytest.raises(ValidationError) as err:
        check_month(add_months(today().replace(day=1), 1), field="month")
    assert err.value.message_dict == {"month": ["月份不能晚于今天"]}


def test_working_days_skip_weekends_and_holidays_and_count_a_weekend_worked() -> None:
    from kit.dates import Calendar

    # 2023: 国庆 9月29日–10月6日 off, 10月7日 (Sat) and 10月8日 (Sun) worked
    off = frozenset(dt.date(2023, 9, 29) + dt.timedelta(days=i) for i in range(8))
    cal = Calendar(off=off, work=frozenset({dt.date(2023, 10, 7), dt.date(2023, 10, 8)}))
    assert cal.add(dt.date(2023, 9, 27), 7) == dt.date(2023, 10, 4)  # natural days
    assert cal.add(dt.date(2023, 9, 27), 1, working=True) == dt.date(2023, 9, 28)
    assert cal.add(dt.date(2023, 9, 27), 3, working=True) == dt.date(2023, 10, 8)  # 28日, 10月7日, 8日
    assert cal.add(dt.date(2023, 3, 3), 5, working=True) == dt.date(2023, 3, 10)  # Fri + 5 working days
    assert Calendar().add(dt.date(2023, 3, 4), 0, working=True) == dt.date(2023, 3, 4)
