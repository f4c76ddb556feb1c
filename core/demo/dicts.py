"""Seeding a system dictionary (数据字典) for the demo: the migrations seed the real ones, but a
flushed test database has lost them, so each module's demo makes sure its own exist."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from core.models import DictItem, DictType


def seed_dictionary(code: str, name: str, rows: Iterable[Sequence[str]]) -> dict[str, DictItem]:
    """The dictionary `code` with its items, created where missing, never changed where present.
    Each row is (value, label) or (value, label, remark); the order gives the sort."""
    dtype, _ = DictType.objects.get_or_create(code=code, defaults={"name": name, "is_system": True})
    items = {}
    for sort, (value, label, *rest) in enumerate(rows):
        defaults = {"label": label, "sort": sort, **({"remark": rest[0]} if rest else {})}
        items[value], _ = DictItem.objects.get_or_create(dict_type=dtype, value=value, defaults=defaults)
    return items
