"""Periods as the pages and the API write them, and the comparisons: 同比 (the same span a year
earlier) and 环比 (the period just before, of the same kind or length)."""

from __future__ import annotations

from datetime import date

import pytest

from kit.periods import EPOCH, Period


@pytest.mark.parametrize(
    ("text", "start", "end", "code"),
    [
        ("2022", date(2022, 1, 1), date(2022, 12, 31), "2022"),
        ("2022Q1", date(2022, 1, 1), date(2022, 3, 31), "2022Q1"),
        ("2024q1", date(2024, 1, 1), date(2024, 3, 31), "2024Q1"),
        ("2022-02", date(2022, 2, 1), date(2022, 2, 28), "2022-02"),
        ("2022-01-15..2022-03-14", date(2022, 1, 15), date(2022, 3, 14), "2022-01-15..2022-03-14"),
        ("to:2023-04-06", EPOCH, date(2023, 4, 6), "to:2023-04-06"),
        ("2023-04-06", EPOCH, date(2023, 4, 6), "to:2023-04-06"),
    ],
)
def test_a_period_is_read_from_its_text_and_written_back(text: str, start: date, end: date, code: str) -> None:
    period = Period.parse(text)
    assert (period.start, period.end, period.code) == (start, end, code)
    assert Period.parse(period.code) == period


@pytest.mark.parametrize("text", ["2022Q5", "2022-13", "昨天", "2022-03-01..2022-02-01"])
def test_nonsense_is_refused_in_words(text: str) -> None:
    with pytest.raises(ValueError, match="无法识别的期间"):
        Period.parse(text)


def test_the_same_period_last_year() -> None:
    assert Period.parse("2022Q1").same_period_last_year() == Period.quarter(2021, 1)
    assert Period.parse("2024-02").same_period_last_year() == Period.month(2023, 2)
    assert Period.parse("to:2024-02-29").same_period_last_year() == Period.to_date(date(2023, 2, 28))
    span = Period.parse("2022-01-15..2022-03-14").same_period_last_year()
    assert (span.start, span.end) == (date(2021, 1, 15), date(2021, 3, 14))


def test_the_previous_period() -> None:
    assert Period.parse("2022").previous() == Period.year(2021)
    assert Period.parse("2022Q1").previous() == Period.quarter(2021, 4)
    assert Period.parse("2022Q3").previous() == Period.quarter(2022, 2)
    assert Period.parse("2022-01").previous() == Period.month(2021, 12)
    span = Period.parse("2022-01-11..2022-01-20").previous()
    assert span is not None and (span.start, span.end) == (date(2022, 1, 1), date(2022, 1, 10))
    assert Period.parse("to:2023-04-06").previous() is None


def test_the_months_of_a_period() -> None:
    assert [m.code for m in Period.parse("2022Q2").months()] == ["2022-04", "2022-05", "2022-06"]
    twelve = Period.parse("to:2023-04-06").months()
    assert len(twelve) == 12 and twelve[0].code == "2022-05" and twelve[-1].code == "2023-04"
