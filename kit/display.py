"""How values are shown to people: Chinese dates (2023年4月6日), 是/否, choice labels, related
objects by name. Lists, detail pages, exports and history panels all use these."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

from kit.scope import follow


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
    text = str(value)
    if isinstance(value, Decimal) and text.endswith(".0"):  # a quota of 3.0 reads 3; 96.80 stays
        return text[:-2]
    return text


# --- how a cell looks on screen -----------------------------------------------------------------
# A status is a coloured tag whose colour says what it means for the reader: grey not started or
# withdrawn, blue waiting for someone, azure under way, green done, orange sent back, red refused
# or failed. These are the words every workflow shares; a model adds its own (or means otherwise)
# in `status_tones`.
STATUS_TONES: dict[str, str] = {
    **dict.fromkeys(["draft", "cancelled", "withdrawn"], "secondary"),
    **dict.fromkeys(["submitted", "review", "applied", "requested", "pending", "waiting"], "blue"),
    **dict.fromkeys(["running", "open", "accepted"], "azure"),
    **dict.fromkeys(["approved", "done", "closed", "published", "enrolled"], "green"),
    **dict.fromkeys(["returned"], "orange"),
    **dict.fromkeys(["rejected", "failed"], "red"),
}


def status_tone(model: Any, value: Any) -> str:
    """The colour of a status tag (a Tabler colour name)."""
    own = getattr(model, "status_tones", None) or {}
    return own.get(value) or STATUS_TONES.get(str(value), "secondary")


def raw(obj: Any, accessor: str) -> Any:
    """Follow `a__b__c` without turning choices into labels (`kit.scope.follow`)."""
    return follow(obj, accessor)


def screen_number(value: Any) -> str:
    """A number as read on screen: 20,462 and 1,234.5 (exports keep the bare number)."""
    if isinstance(value, bool) or value is None:
        return format_value(value)
    if isinstance(value, int):
        return f"{value:,}"
    try:
        from decimal import Decimal

        if isinstance(value, (float, Decimal)):
            text = f"{value:,f}" if isinstance(value, Decimal) else f"{value:,}"
            return text.rstrip("0").rstrip(".") if "." in text else text
    except (TypeError, ValueError):  # pragma: no cover
        pass
    return format_value(value)


def model_name(label: str) -> str:
    """A model's Chinese name from its label ("merit.registration" → 报名), as audit entries and
    scoring subjects name the kind of record they point at."""
    from django.apps import apps

    try:
        return str(apps.get_model(label)._meta.verbose_name) if label else ""
    except (LookupError, ValueError):
        return label
