"""Numbers and dates written the way a 专报 writes them — tested code, not string habits:

    wan_yu(20_462)        "2万余"      (ten-thousands, with 余 when something is left over)
    duo(312)              "300多"      (the leading figure, with 多 when something is left over)
    jin(24_862)           "近2.5万"    (just under: rounded up to one decimal of 万)
    wan(8_477_000)        "847.7万"    (yuan → 万, one decimal, half up; 元 follows in the text)
    yishang(Decimal("8.7"))  "8%以上"  (a growth rate floored to whole per cent)
    percent(Decimal("8.5"))  "8.5%"
    chinese_date(date(2023, 4, 6))  "2023年4月6日"

Each takes an int or a Decimal (a figure is never a float) and refuses what it cannot word."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from kit.numbers import half_up

WAN = Decimal(10_000)


class WordingError(ValueError):
    pass


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise WordingError(f"不是数字：{value!r}")
    return Decimal(value)


def _plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: 2.50 → "2.5", 300 → "300"."""
    text = format(value.normalize(), "f")
    return text


def plain(value: Any) -> str:
    """The figure as it is: 237 → "237", 8.50 → "8.5"."""
    return _plain(_decimal(value))


def wan_yu(value: Any) -> str:
    """20,462 → "2万余"; exactly 20,000 → "2万"; under 10,000 → the number itself."""
    v = _decimal(value)
    if v < WAN:
        return plain(v)
    whole = (v / WAN).to_integral_value(rounding=ROUND_FLOOR)
    return f"{_plain(whole)}万{'余' if v > whole * WAN else ''}"


def duo(value: Any) -> str:
    """312 → "300多", 1,234 → "1200多" (two leading figures from a thousand on), 45 → "40多",
    300 → "300", under 10 → the number itself."""
    v = _decimal(value)
    if v < 10:
        return plain(v)
    digits = len(str(int(v)))
    keep = 1 if digits <= 3 else 2
    unit = Decimal(10) ** (digits - keep)
    floor = (v / unit).to_integral_value(rounding=ROUND_FLOOR) * unit
    return f"{_plain(floor)}{'多' if v > floor else ''}"


def jin(value: Any) -> str:
    """24,862 → "近2.5万" (just under the next tenth of 万); exactly 25,000 → "2.5万"; under 10,000
    → the number itself."""
    v = _decimal(value)
    if v < WAN:
        return plain(v)
    tenths = (v / WAN).quantize(Decimal("0.1"), rounding=ROUND_CEILING)
    return f"{'近' if tenths * WAN > v else ''}{_plain(tenths)}万"


def wan(value: Any) -> str:
    """8,477,000 → "847.7万" (yuan to 万, one decimal, half up)."""
    return f"{_plain(half_up(_decimal(value) / WAN, 1))}万"


def yishang(value: Any) -> str:
    """A growth rate floored to whole per cent, "以上" when something is left over: 8.7 → "8%以上"."""
    v = _decimal(value)
    whole = v.to_integral_value(rounding=ROUND_FLOOR)
    return f"{_plain(whole)}%{'以上' if v > whole else ''}"


def percent(value: Any) -> str:
    return f"{plain(value)}%"


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# the formats a template may name after a figure: {{ 参与职工、师生|万余 }}
FORMATS: dict[str, Callable[[Any], str]] = {
    "": plain,
    "万余": wan_yu,
    "多": duo,
    "近": jin,
    "万": wan,
    "以上": yishang,
    "百分": percent,
}
