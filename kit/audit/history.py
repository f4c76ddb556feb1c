"""An audit entry's changes in the model's own words: Chinese labels, choice labels, related
objects by name, Chinese dates — what a history panel shows.

`humanize_entries` reads every related object named in a page of entries with one query per
related model, so a history panel costs the same however long the history is."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils.dateparse import parse_date, parse_datetime

from kit.display import format_value

HIDDEN_IN_HISTORY = {"id", "created_at", "created_by", "deleted_at", "deleted_by", "path", "depth", "numchild"}


def _field(model: type[models.Model] | None, key: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except Exception:  # noqa: BLE001 — a field that no longer exists
        return None


def _is_fk(field: Any) -> bool:
    return field is not None and field.is_relation and field.many_to_one and field.related_model is not None


def _show(field: Any, value: Any, names: dict[Any, str] | None = None) -> str:
    if value is None or value == "":
        return "（空）"
    if field is not None and getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if _is_fk(field):
        if names is None:
            related = field.related_model._base_manager.filter(pk=value).first()
            return str(related) if related is not None else f"#{value}"
        return names.get(_key(value), f"#{value}")
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-":
        moment = parse_datetime(value) if "T" in value else None
        day = parse_date(value[:10]) if moment is None else None
        if moment is not None or day is not None:
            return format_value(moment or day)
    return str(value)


def _key(value: Any) -> str:
    return str(value)


def _pairs(changes: Any) -> Iterable[tuple[str, Any, Any]]:
    if not isinstance(changes, dict):
        return
    for key, pair in changes.items():
        if key in HIDDEN_IN_HISTORY or not isinstance(pair, list | tuple) or len(pair) != 2:
            continue
        yield key, pair[0], pair[1]


def humanize(model: type[models.Model] | None, changes: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(field label, before, after) of one entry. Unknown fields keep their key."""
    return humanize_entries(model, [changes])[0]


def humanize_entries(model: type[models.Model] | None, many: list[dict[str, Any]]) -> list[list[tuple[str, str, str]]]:
    """`humanize` for a list of entries' changes, reading the related objects they name in bulk:
    one query per related model, whatever the number of entries."""
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for changes in many:
        for key, before, after in _pairs(changes):
            field = _field(model, key)
            if _is_fk(field):
                wanted[field.related_model].update(v for v in (before, after) if v not in (None, ""))
    names: dict[type[models.Model], dict[str, str]] = {}
    for related, pks in wanted.items():
        found = related._base_manager.in_bulk([pk for pk in pks if str(pk).lstrip("-").isdigit()] or [])
        names[related] = {_key(pk): str(obj) for pk, obj in found.items()}
    out = []
    for changes in many:
        rows = []
        for key, before, after in _pairs(changes):
            field = _field(model, key)
            lookup = names.get(field.related_model, {}) if _is_fk(field) else None
            label = str(getattr(field, "verbose_name", key))
            rows.append((label, _show(field, before, lookup), _show(field, after, lookup)))
        out.append(rows)
    return out
