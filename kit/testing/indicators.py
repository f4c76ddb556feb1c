"""Test helpers for the per-module indicator tests: every indicator a module declares (kit.indicators)
is checked against a count made by hand from records the test builds, for a set of periods around
one boundary day (`LAST_DAY`, with `DAY_BEFORE` and `DAY_AFTER`) and for two sibling subtrees and
their parent (`Tree`).

    check = IndicatorCheck(RIGHTS, KINDS, KEY)

    def test_stations_in_use(tree):
        built = [rf.station(tree.a1, opened_on=LAST_DAY), rf.station(tree.b, opened_on=DAY_AFTER), ...]

        def counted(period, org):
            return [s for s in within(tree, org, built) if stock_on(period.end, s.opened_on, s.closed_on)]

        values = check("rights.stations_in_use", tree, counted)
        assert values["to:2022-06-30", "HA"] == 1

The tree itself is built by the app owning the org model (`core.testing.indicator_tree`): kit knows
no model of ours."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from kit import indicators
from kit.periods import Period

LAST_DAY = date(2022, 6, 30)  # the boundary: the last day of a month, a half-year and a to-date period
DAY_BEFORE = date(2022, 6, 29)
DAY_AFTER = date(2022, 7, 1)
PERIODS: tuple[Period, ...] = (
    Period.year(2021),
    Period.year(2022),
    Period.month(2022, 6),  # ends on LAST_DAY
    Period.month(2022, 7),  # starts on DAY_AFTER
    Period.to_date(LAST_DAY),
    Period.to_date(DAY_AFTER),
)

Counted = Callable[[Period, Any], list[Any]]  # (period, org) → the rows counted by hand
Value = Callable[[Period, list[Any]], Any]  # (period, those rows) → the expected value
Detail = Callable[[Period, list[Any]], str]  # (period, those rows) → the expected breakdown


@dataclass(frozen=True)
class Tree:
    """A root with two sibling subtrees — `a` (with `a1` below it) and `b` — and `other`, a root
    of its own whose records are in no subtree of `root`. `members`: the pks of the orgs in the
    subtree of `root`, `a` and `b`, by the pk of its top."""

    root: Any
    a: Any
    b: Any
    a1: Any
    other: Any
    members: dict[int, set[int]]


def deleted() -> dict[str, Any]:
    """Keyword arguments of a factory making a soft-deleted record."""
    return {"deleted_at": timezone.now()}


def stock_on(day: date, start: date, end: date | None) -> bool:
    """On the books on `day`: from its first day through its last (inclusive; None: still open)."""
    return start <= day and (end is None or end >= day)


def during(period: Period, day: date | None) -> bool:
    """`day` lies within the period (a missing date never does)."""
    return day is not None and period.start <= day <= period.end


def within(tree: Tree, org: Any, rows: Iterable[Any], org_of: Callable[[Any], int] = lambda r: r.org_id) -> list[Any]:
    """The rows in the subtree of `org` (by the org pk `org_of` gives them) not soft-deleted."""
    return [r for r in rows if org_of(r) in tree.members[org.pk] and getattr(r, "deleted_at", None) is None]


def words(counts: Mapping[str, int], unit: str = "") -> str:
    """A breakdown in words, zero counts left out: {"市级": 1, "区级": 2} → "市级1、区级2"."""
    return "、".join(f"{label}{n}{unit}" for label, n in counts.items() if n)


def _count(_period: Period, rows: list[Any]) -> int:
    return len(rows)


class IndicatorCheck:
    """The checks of one module's indicators: `focus` is the module's, `kinds` the kind of each
    indicator by code, `key` the codes of its key figures (the others are not key), `periods` those
    every indicator is checked for. `allow_none`: a value may be None (no figure, shown "—")."""

    def __init__(
        self,
        focus: str,
        kinds: Mapping[str, str],
        key: Collection[str],
        *,
        allow_none: bool = False,
        periods: Sequence[Period] = PERIODS,
    ) -> None:
        self.focus, self.kinds, self.key = focus, kinds, key
        self.allow_none, self.periods = allow_none, periods

    def __call__(
        self,
        code: str,
        tree: Tree,
        counted: Counted,
        value: Value = _count,
        detail: Detail | None = None,
        periods: Sequence[Period] | None = None,
    ) -> dict[tuple[str, str], Any]:
        """For every period and org (`tree.a`, `tree.b`, `tree.root`): the indicator's value equals
        `value` of the rows counted by hand (an int or a Decimal), its records are exactly those rows
        (and its breakdown is `detail` of them). Returns the values by (period code, org code)."""
        indicator = indicators.get(code)
        assert indicator is not None and indicator.records is not None, code
        assert indicator.focus == self.focus, (code, indicator.focus)
        assert indicator.kind == self.kinds[code], (code, indicator.kind)
        assert indicator.key == (code in self.key), (code, indicator.key)
        out: dict[tuple[str, str], Any] = {}
        for period in self.periods if periods is None else periods:
            for org in (tree.a, tree.b, tree.root):
                where = (code, period.code, org.code)
                rows = counted(period, org)
                got = indicator.compute(period, org)
                assert got == value(period, rows), where
                assert isinstance(got, int | Decimal) or (self.allow_none and got is None), (code, type(got))
                pks = sorted(indicator.records(period=period, org=org).values_list("pk", flat=True))
                assert pks == sorted(r.pk for r in rows), where
                if detail is not None:
                    assert indicator.detail is not None, code
                    assert indicator.detail(period=period, org=org) == detail(period, rows), where
                out[period.code, org.code] = got
        return out
