"""Declarations from field lists: the list table, form, filters, Excel spec, serializer and API
viewset of a model, derived from its fields' verbose names, types and choices. A module that needs
nothing special writes one line per piece; anything special is a subclass of what these return.

    PositionTable = declare.table(ServicePosition, ["name", "kind", "host_enterprise", "opened_on"])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from kit import excel as kexcel
from kit.api import ScopedModelViewSet, VersionedSerializer
from kit.crud import ScopedModelForm
from kit.filters import FilterSet, SubtreeFilter
from kit.importer import ExcelField, ExcelSpec, ImportContext, choice_parser, lookup_parser
from kit.tables import Col, Table


def _field(model: type[models.Model], name: str) -> Any:
    return model._meta.get_field(name.split("__")[0])


def _label(model: type[models.Model], name: str) -> str:
    return str(getattr(_field(model, name), "verbose_name", name))


def table(
    model: type[models.Model],
    fields: Sequence[str],
    *,
    link: str | None = None,
    default_sort: str = "-id",
    select_related: Sequence[str] = (),
    labels: dict[str, str] | None = None,
    render: dict[str, Callable[[Any], str]] | None = None,
) -> type[Table]:
    """Columns in the given order; concrete non-relational fields are sortable; `link` (default:
    the first column) links to the detail page; FKs are selected in the same query."""
    labels = labels or {}
    render = render or {}
    link = link or fields[0]
    cols = []
    related = []
    for name in fields:
        f = _field(model, name)
        sortable = name if (getattr(f, "concrete", False) and not f.is_relation) else None
        if f.is_relation and f.many_to_one:
            related.append(name.split("__")[0])
        cols.append(
            Col(labels.get(name, _label(model, name)), name, sort=sortable, link=name == link, render=render.get(name))
        )
    # what the columns' own text needs (e.g. "event__competition" when an event prints its competition)
    attrs = {"columns": cols, "select_related": (*related, *select_related), "default_sort": default_sort}
    m2m = tuple(name for name in fields if _field(model, name).many_to_many)
    if m2m:
        attrs["prefetch_related"] = m2m
    return type(f"{model.__name__}Table", (Table,), attrs)


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def form(
    model: type[models.Model],
    fields: Sequence[str],
    *,
    base: type[ScopedModelForm] = ScopedModelForm,
    help_texts: dict[str, str] | None = None,
) -> type[ScopedModelForm]:
    widgets: dict[str, Any] = {}
    for name in fields:
        f = _field(model, name)
        if isinstance(f, models.DateTimeField):
            widgets[name] = DATETIME_WIDGET
        elif isinstance(f, models.DateField):
            widgets[name] = DATE_WIDGET
        elif isinstance(f, models.TextField):
            widgets[name] = forms.Textarea(attrs={"rows": 3})
    meta = type(
        "Meta", (), {"model": model, "fields": list(fields), "widgets": widgets, "help_texts": help_texts or {}}
    )
    return type(f"{model.__name__}Form", (base,), {"Meta": meta})


def filterset(
    model: type[models.Model],
    fields: Sequence[str],
    *,
    org_field: str | None = "org",
    extra: dict[str, Any] | None = None,
) -> type[FilterSet]:
    """Exact filters for the given fields (choices and FKs become drop-downs), plus an org
    subtree filter when the model has `org`."""
    attrs: dict[str, Any] = dict(extra or {})
    if org_field and any(f.name == org_field for f in model._meta.fields):
        org_model = _field(model, org_field).related_model
        attrs[org_field] = SubtreeFilter(
            label="所属组织（含下级）", queryset=org_model._default_manager.all(), path_lookup=f"{org_field}__path"
        )
    meta = type("Meta", (), {"model": model, "fields": [f for f in fields if f not in attrs]})
    return type(f"{model.__name__}FilterSet", (FilterSet,), {**attrs, "Meta": meta})


# --- Excel ------------------------------------------------------------------------------------
def _kind(f: Any) -> str:
    if isinstance(f, models.BooleanField):
        return "bool"
    if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField):
        return "date"
    if isinstance(f, models.IntegerField) and not f.choices:
        return "int"
    if isinstance(f, models.DecimalField | models.FloatField):
        return "decimal"
    return "text"


def fk_parser(f: Any, header: str) -> Callable[[Any, ImportContext], Any]:
    """A foreign key read by its display text (str(obj)) among the rows the user may see."""
    related = f.related_model

    def build(user: Any) -> dict[str, Any]:
        manager = related._default_manager
        qs = manager.visible_to(user, "view") if hasattr(manager, "visible_to") else manager.all()
        out: dict[str, Any] = {}
        for obj in qs:
            out.setdefault(str(obj), obj.pk)
            for attr in ("code", "uscc", "short_name"):
                value = getattr(obj, attr, None)
                if value:
                    out.setdefault(str(value), obj.pk)
        return out

    return lookup_parser(
        f"fk:{related._meta.label_lower}", build, message=f"找不到{header}“{{value}}”，或它不在您的数据范围内"
    )


def _non_negative(label: str) -> Callable[[Any, ImportContext], Any]:
    def parse(value: Any, ctx: ImportContext) -> Any:
        if value in (None, ""):
            return None
        if value < 0:
            raise ValidationError(f"{label}不能为负数")
        return value

    return parse


def excel_spec(
    model: type[models.Model],
    fields: Sequence[str],
    *,
    sheet_title: str = "",
    natural_key: str | tuple[str, ...] | None = None,
    key_is_global: bool = True,
    instructions: Sequence[str] = (),
) -> ExcelSpec:
    """An ExcelSpec whose columns follow the model's fields: choices by label, FKs by name (or
    code / credit code), dates, numbers (never negative), 是/否."""
    specs: list[ExcelField] = []
    related: list[str] = []
    for name in fields:
        f = _field(model, name)
        header = str(f.verbose_name)
        required = not (f.blank or f.null or f.has_default())
        kind = _kind(f)
        if f.is_relation and f.many_to_one:
            related.append(name)
            specs.append(
                ExcelField(
                    kexcel.Column(name, header, required=required, width=24),
                    f"{name}_id",
                    parse=fk_parser(f, header),
                    export=lambda o, n=name: str(getattr(o, n) or ""),  # type: ignore[misc]
                )
            )
        elif f.choices:
            labels = tuple(str(label) for _c, label in f.flatchoices)
            specs.append(
                ExcelField(
                    kexcel.Column(name, header, required=required, choices=labels, width=14),
                    name,
                    parse=choice_parser(f.flatchoices),
                    export=lambda o, n=name: getattr(o, f"get_{n}_display")(),  # type: ignore[misc]
                )
            )
        elif kind in ("int", "decimal"):
            specs.append(
                ExcelField(
                    kexcel.Column(name, header, required=required, kind=kind, width=12),
                    name,
                    parse=_decimal_or_int(f, header),
                )
            )
        elif kind == "bool":
            specs.append(
                ExcelField(kexcel.Column(name, header, kind="bool", width=8), name, parse=lambda v, c: bool(v))
            )
        elif kind == "date":
            specs.append(
                ExcelField(
                    kexcel.Column(name, header, required=required, kind="date", width=12),
                    name,
                    parse=lambda v, c: v or None,
                )
            )
        else:
            width = 30 if isinstance(f, models.TextField) else 18
            specs.append(ExcelField(kexcel.Column(name, header, required=required, width=width), name))
    attrs: dict[str, Any] = {
        "model": model,
        "sheet_title": sheet_title or str(model._meta.verbose_name_plural),
        "select_related": tuple(related),
        "instructions": list(instructions),
    }
    if isinstance(natural_key, tuple):
        attrs.update(_composite_key(model, natural_key))
    else:
        attrs.update({"natural_key_field": natural_key, "key_is_global": key_is_global})
    cls = type(f"{model.__name__}Excel", (ExcelSpec,), attrs)
    spec = cls()
    spec.fields = specs  # type: ignore[misc]
    return spec


def _composite_key(model: type[models.Model], names: tuple[str, ...]) -> dict[str, Any]:
    """A natural key of several fields (e.g. title + year), unique within the user's scope: a
    re-import updates the rows the user may change instead of adding them again."""
    attnames = [model._meta.get_field(n).attname for n in names]  # type: ignore[union-attr]

    def natural_key(self: ExcelSpec, obj: models.Model) -> str | None:
        values = [getattr(obj, a) for a in attnames]
        return None if any(v in (None, "") for v in values) else "|".join(str(v) for v in values)

    def existing_in_scope(self: ExcelSpec, keys: list[str], ctx: ImportContext) -> dict[str, models.Model]:
        firsts = {k.split("|", 1)[0] for k in keys}
        manager: Any = model._default_manager
        out = {}
        for obj in manager.visible_to(ctx.user, "change").filter(**{f"{attnames[0]}__in": firsts}):
            key = natural_key(self, obj)
            if key in keys:
                out[key] = obj
        return out

    return {
        "natural_key_field": None,
        "key_is_global": False,
        "natural_key": natural_key,
        "existing_in_scope": existing_in_scope,
        "key_columns": tuple(names),
    }


def _decimal_or_int(f: Any, header: str) -> Callable[[Any, ImportContext], Any]:
    parse_non_negative = _non_negative(header)

    def parse(value: Any, ctx: ImportContext) -> Any:
        value = parse_non_negative(value, ctx)
        if value is None:
            return f.default if f.has_default() and not callable(f.default) else None
        return Decimal(value) if isinstance(f, models.DecimalField) else value

    return parse


# --- API --------------------------------------------------------------------------------------
def serializer(
    model: type[models.Model], fields: Sequence[str], *, read_only: Sequence[str] = (), pii: Sequence[str] = ()
) -> type[VersionedSerializer]:
    meta = type(
        "Meta",
        (),
        {
            "model": model,
            "fields": ["id", "version", *fields, "created_at", "updated_at"],
            "read_only_fields": list(read_only),
            "pii_fields": tuple(pii),
        },
    )
    return type(f"{model.__name__}Serializer", (VersionedSerializer,), {"Meta": meta})


def viewset(
    model: type[models.Model],
    serializer_class: type[VersionedSerializer],
    *,
    filterset_class: Any = None,
    search: Callable[[Any, str], Any] | None = None,
    select_related: Sequence[str] = (),
    prefetch_related: Sequence[str] = (),
) -> type[ScopedModelViewSet]:
    attrs = {
        "queryset": model._default_manager.all(),
        "serializer_class": serializer_class,
        "filterset_class": filterset_class,
        "select_related": tuple(select_related),
        "prefetch_related": tuple(prefetch_related),
        "__doc__": f"{model._meta.verbose_name_plural}",
    }
    if search is not None:
        attrs["search_fn"] = staticmethod(search)
    return type(f"{model.__name__}ViewSet", (ScopedModelViewSet,), attrs)
