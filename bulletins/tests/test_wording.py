"""Numbers worded the way a 专报 words them, at their edges."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from bulletins import wording


@pytest.mark.parametrize(
    ("fn", "value", "text"),
    [
        (wording.wan_yu, 20_462, "2万余"),
        (wording.wan_yu, 20_000, "2万"),
        (wording.wan_yu, 29_999, "2万余"),
        (wording.wan_yu, 9_999, "9999"),
        (wording.wan_yu, 130_001, "13万余"),
        (wording.duo, 312, "300多"),
        (wording.duo, 300, "300"),
        (wording.duo, 45, "40多"),
        (wording.duo, 1_234, "1200多"),
        (wording.duo, 7, "7"),
        (wording.jin, 24_862, "近2.5万"),
        (wording.jin, 25_000, "2.5万"),
        (wording.jin, 24_001, "近2.5万"),
        (wording.jin, 29_950, "近3万"),
        (wording.jin, 9_000, "9000"),
        (wording.wan, Decimal("8477000.00"), "847.7万"),
        (wording.wan, Decimal("8476950.00"), "847.7万"),  # half up
        (wording.wan, Decimal("8476949.99"), "847.7万"),
        (wording.wan, Decimal("8476940.00"), "847.7万"),
        (wording.wan, Decimal("8476849.99"), "847.7万"),
        (wording.wan, Decimal("8476849.00"), "847.7万"),
        (wording.wan, Decimal("8476500.00"), "847.7万"),
        (wording.wan, Decimal("8476499.99"), "847.6万"),
        (wording.wan, 10_000, "1万"),
        (wording.yishang, Decimal("8.7"), "8%以上"),
        (wording.yishang, Decimal("8"), "8%"),
        (wording.percent, Decimal("8.50"), "8.5%"),
        (wording.plain, Decimal("847.7"), "847.7"),
        (wording.plain, 237, "237"),
    ],
)
def test_official_wording(fn: Any, value: Any, text: str) -> None:
    assert fn(value) == text


def test_a_float_or_a_dash_is_refused() -> None:
    with pytest.raises(wording.WordingError):
        wording.wan_yu(20462.0)
    with pytest.raises(wording.WordingError):
        wording.duo("—")


def test_the_date_as_a_document_writes_it() -> None:
    assert wording.chinese_date(date(2023, 4, 6)) == "2023年4月6日"
