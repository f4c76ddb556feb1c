"""Numbers as officials count them: rounding half up (四舍五入, never Python's half-to-even),
and ranking where equal values share a rank (1, 2, 2, 4). Every module uses these; a second copy
is a defect."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

T = TypeVar("T")

TWO_PLACES = Decimal("0.01")


def half_up(value: Decimal | int | float | str, places: int = 0) -> Decimal:
    """Round to `places` decimals, half away from zero: 4.5 → 5, 2.25 → 2.3 (one place).
    Floats go through their shortest repr, so 2.675 is taken as written, not as 2.67499…"""
    exponent = Decimal(1).scaleb(-places)
    return Decimal(str(value) if isinstance(value, float) else value).quantize(exponent, rounding=ROUND_HALF_UP)


def round_int(value: Decimal | int | float | str) -> int:
    """四舍五入 to a whole number: round_int(4.5) == 5 (Python's round gives 4)."""
    return int(half_up(value, 0))


def q2(value: Decimal | int | float | str) -> Decimal:
    """Two places, half up — scores, amounts in yuan, percentages."""
    return half_up(value, 2)


def percent(part: Decimal | int, whole: Decimal | int, places: int = 1) -> Decimal | None:
    """part / whole × 100, half up; None when there is no whole."""
    if not whole:
        return None
    return half_up(Decimal(part) * 100 / Decimal(whole), places)


def rank_with_ties(
    items: Iterable[T], key: Callable[[T], Any], *, assign: Callable[[T, int], None] | None = None
) -> list[tuple[int, T]]:
    """Competition ranking: sort by `key` descending; items with equal keys share a rank and the
    next rank skips (1, 2, 2, 4). Returns (rank, item) pairs in rank order (stable for equal keys);
    `assign(item, rank)` is called for each when given."""
    ordered = sorted(items, key=key, reverse=True)
    out: list[tuple[int, T]] = []
    previous: Any = object()
    rank = 0
    for position, item in enumerate(ordered, start=1):
        current = key(item)
        if current != previous:
            rank, previous = position, current
        out.append((rank, item))
        if assign is not None:
            assign(item, rank)
    return out
