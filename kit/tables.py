"""Declared list columns: what a list page, its export and its API show of a model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

from kit.pii import mask_value


def resolve(obj: Any, accessor: str) -> Any:
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


@dataclass(frozen=True)
class Col:
    label: str
    accessor: str
    sort: str | None = None  # ORM ordering key; None = not sortable
    link: bool = False  # link to the object's detail page
    pii: bool = False  # masked unless the user holds view_pii
    render: Callable[[Any], str] | None = None

    def value(self, obj: Any, *, reveal: bool = False) -> str:
        raw = self.render(obj) if self.render else resolve(obj, self.accessor)
        if self.pii and not reveal:
            return mask_value(self.accessor, raw) or ""
        return format_value(raw)


class Table:
    """Subclass and declare `columns`, `select_related` and `default_sort`."""

    columns: list[Col] = []
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    default_sort: str = "-id"

    def sort_keys(self) -> dict[str, str]:
        return {c.sort: c.sort for c in self.columns if c.sort}

    def apply_sort(self, qs: models.QuerySet, sort: str | None) -> tuple[models.QuerySet, str]:
        allowed = self.sort_keys()
        key = (sort or "").lstrip("-")
        if key not in allowed:
            sort = self.default_sort
            key = sort.lstrip("-")
        ordering = [sort or self.default_sort]
        if key != "id":
            ordering.append("-id" if (sort or "").startswith("-") else "id")
        return qs.order_by(*ordering), sort or self.default_sort

    def optimise(self, qs: models.QuerySet) -> models.QuerySet:
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs
