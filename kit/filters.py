"""Base FilterSet: Bootstrap widgets, Chinese labels, filters that stay in the URL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import django_filters
from django import forms
from django.db import models
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from kit.tables import str_relations


@extend_schema_field(OpenApiTypes.INT)
class SubtreeFilter(django_filters.ModelChoiceFilter):
    """Choose an org (by id); rows of that org and every org below it match: one prefix condition
    on the materialized path (`path_lookup`, e.g. "org__path", or "path" for the org model)."""

    def __init__(self, *args: Any, path_lookup: str = "org__path", **kwargs: Any) -> None:
        self.path_lookup = path_lookup
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        if not value:
            return qs
        return qs.filter(**{f"{self.path_lookup}__startswith": value.path})


class FilterSet(django_filters.FilterSet):
    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        from kit.forms import use_pickers

        user = getattr(request, "user", None)
        for f in self.form.fields.values():
            widget = f.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)
            qs = getattr(f, "queryset", None)
            if qs is not None and hasattr(qs, "visible_to") and user is not None:
                f.queryset = qs.visible_to(user, "view")  # type: ignore[attr-defined]
            if qs is not None and str_relations(qs.model):
                f.queryset = f.queryset.select_related(*str_relations(qs.model))  # type: ignore[attr-defined]
            if isinstance(f, forms.DateField):
                f.widget = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")
            elif isinstance(f, forms.NullBooleanField):
                f.widget = forms.Select(
                    choices=[("", "全部"), ("true", "是"), ("false", "否")], attrs={"class": "form-select"}
                )
            elif isinstance(f, forms.ModelChoiceField):
                f.empty_label = "全部"
            elif isinstance(f, forms.ChoiceField) and not isinstance(f, forms.MultipleChoiceField):
                # django-filter's choice fields add their own "---------" when iterated
                if hasattr(f, "empty_label"):
                    f.empty_label = None
                f.choices = [("", "全部"), *[c for c in f.choices if c[0] != ""]]  # type: ignore[list-item,union-attr,index]
        use_pickers(self.form, self._meta.model, source="filter", empty_label="全部")


def filterset_for(
    model: type[models.Model],
    fields: Sequence[str],
    *,
    org_field: str | None = "org",
    extra: dict[str, Any] | None = None,
) -> type[FilterSet]:
    """Exact filters for the given fields (choices and foreign keys become drop-downs), plus an org
    subtree filter when the model has `org`."""
    attrs: dict[str, Any] = dict(extra or {})
    if org_field and any(f.name == org_field for f in model._meta.fields) and org_field not in attrs:
        org_model = model._meta.get_field(org_field).related_model
        attrs[org_field] = SubtreeFilter(
            label="所属组织（含下级）",
            queryset=org_model._default_manager.all(),  # type: ignore[union-attr]
            path_lookup=f"{org_field}__path",
        )
    meta = type("Meta", (), {"model": model, "fields": [f for f in fields if f not in attrs]})
    return type(f"{model.__name__}FilterSet", (FilterSet,), {**attrs, "Meta": meta})
