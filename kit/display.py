"""How values are shown to people: Chinese dates (2023年4月6日), 是/否, choice labels, related
objects by name. Lists, detail pages, exports and history panels all use these."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format


def resolve(obj: Any, accessor: str) -> Any:
    """Follow `a__b__c` on an object, showing choice fields by their label."""
    value = obj
    for part in accessor.split("__"):
        if value is None:
            return None
        display = getattr(value, f"get_{part}_display", None)
        value = display() if callable(display) else getattr(value, part, None)
    return value


def format_value(value: Any) -> str:
    """Chinese display of a value: 2023年4月6日, 是/否, blank for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, models.Manager):
        return "、".join(str(v) for v in value.all())
    if isinstance(value, bool):
        return "是" if value else "否"
    if hasattr(value, "hour"):
        return date_format(timezone.localtime(value), "Y年n月j日 H:i")
    if hasattr(value, "year") and hasattr(value, "day"):
        return date_format(value, "Y年n月j日")
    return str(value)
