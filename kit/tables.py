"""Declared list columns: what a list page, its export and its API show of a model."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from kit.display import format_value, raw, resolve, screen_number, status_tone
from kit.pii import mask_value, pii_accessor


@dataclass(frozen=True)
class Col:
    label: str
    accessor: str
    sort: str | None = None  # ORM ordering key; None = not sortable
    link: bool = False  # link to the object's detail page
    pii: bool = False  # masked unless the user holds view_pii
    render: Callable[[Any], str] | None = None
    kind: str = ""  # how the screen shows it: "status" (a coloured tag), "number", "progress", "nowrap" or plain

    def value(self, obj: Any, *, reveal: bool = False) -> str:
        """The text of the cell, as exports and the API show it."""
        shown = self.render(obj) if self.render else resolve(obj, self.accessor)
        if self.pii and not reveal:
            return mask_value(self.accessor, shown) or ""
        return format_value(shown)

    def cell(self, obj: Any, *, reveal: bool = False) -> dict[str, Any]:
        """The cell as a list page shows it: numbers with separators, identifiers, phones and
        dates never broken across lines, a status as a tag coloured by what it means."""
        out: dict[str, Any] = {"link": self.link, "kind": self.kind}
        if self.kind == "number" and not self.render:
            out["value"] = screen_number(raw(obj, self.accessor))
        elif self.kind == "progress":  # a percentage drawn as a bar (None: nothing to measure yet)
            percent = self.render(obj) if self.render else raw(obj, self.accessor)
            out["value"] = "" if percent is None else str(percent)
            out["percent"] = percent
        else:
            out["value"] = self.value(obj, reveal=reveal)
        if self.kind == "status":
            out["tone"] = status_tone(type(obj), raw(obj, self.accessor))
        return out


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


def table_for(
    model: type[models.Model],
    columns: Sequence[str | Col],
    *,
    link: str | None = None,
    default_sort: str = "-id",
    select_related: Sequence[str] = (),
    prefetch_related: Sequence[str] = (),
    labels: dict[str, str] | None = None,
    render: dict[str, Callable[[Any], str]] | None = None,
) -> type[Table]:
    """Columns in the given order, from field names (or ready `Col`s): labels are the fields'
    verbose names; concrete non-relational fields are sortable; `link` (default: the first column)
    links to the detail page; foreign keys are selected in the same query, many-to-many prefetched;
    a column reaching a personal-data field (`kit.pii.pii_fields_of`) is masked."""
    labels = labels or {}
    render = render or {}
    names = [c if isinstance(c, str) else c.accessor for c in columns]
    link = link or names[0]
    cols: list[Col] = []
    related: list[str] = []
    m2m: list[str] = []
    for item in columns:
        name = item if isinstance(item, str) else item.accessor
        f = _field(model, name)
        if f is not None:
            if "__" in name:
                related.append(name.rsplit("__", 1)[0])
            if f.is_relation and (f.many_to_one or f.one_to_one) and not f.auto_created:
                related.append(name)
                related += [f"{name}__{inner}" for inner in str_relations(f.related_model)]
            if f.many_to_many:
                m2m.append(name)
        if isinstance(item, Col):
            cols.append(item)
            continue
        if f is None:  # a property or method of the model
            cols.append(Col(labels.get(name, name), name, link=name == link, render=render.get(name)))
            continue
        sortable = name if ("__" not in name and getattr(f, "concrete", False) and not f.is_relation) else None
        label = labels.get(name, str(getattr(f, "verbose_name", name)))
        pii = pii_accessor(model, name)
        cols.append(
            Col(label, name, sort=sortable, link=name == link, pii=pii, render=render.get(name), kind=cell_kind(f, pii))
        )
    related += list(str_relations(model))
    attrs: dict[str, Any] = {
        "columns": cols,
        "select_related": tuple(dict.fromkeys((*related, *select_related))),
        "default_sort": default_sort,
    }
    if m2m or prefetch_related:
        attrs["prefetch_related"] = tuple(dict.fromkeys((*m2m, *prefetch_related)))
    return type(f"{model.__name__}Table", (Table,), attrs)


NOWRAP_NAMES = ("number", "code", "phone", "mobile", "id_card", "no", "licence", "credit")


def cell_kind(field: Any, pii: bool) -> str:
    """How a field's cell is shown: see `Col.cell`."""
    if field.is_relation:
        return ""
    if field.name == "status" and field.choices:
        return "status"
    if field.choices or isinstance(field, models.BooleanField):
        return "nowrap"
    if isinstance(field, (models.DateField, models.TimeField)):  # DateTimeField is a DateField
        return "nowrap"
    if isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField)):
        return "number"
    if pii or any(part in field.name.split("_") or field.name.endswith(part) for part in NOWRAP_NAMES):
        return "nowrap"
    if isinstance(field, models.CharField) and (field.max_length or 0) <= 20:  # names, short codes
        return "nowrap"
    return ""


def str_relations(model: Any, depth: int = 0) -> list[str]:
    """The relations a model's __str__ reads (its `str_select`), followed one level into theirs."""
    out: list[str] = []
    for name in getattr(model, "str_select", ()):
        out.append(name)
        target = _field(model, name)
        if depth < 1 and target is not None and target.is_relation:
            out += [f"{name}__{inner}" for inner in str_relations(target.related_model, depth + 1)]
    return out


def _field(model: type[models.Model], name: str) -> Any:
    """The field an accessor ends in (following relations), or None for a non-field attribute."""
    current: Any = model
    field: Any = None
    for part in name.split("__"):
        try:
            field = current._meta.get_field(part)
        except (FieldDoesNotExist, AttributeError):
            return None
        current = field.related_model if field.is_relation else None
    return field
