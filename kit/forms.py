"""Forms derived from an entity's fields: foreign-key choices limited to what the user may see,
Chinese empty labels, date pickers. Validation lives in the model (clean, validators); a form only
chooses fields and widgets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from kit.tables import str_relations

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ScopedModelForm(forms.ModelForm):
    """ModelForm whose foreign-key choices are limited to what the user may see."""

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        for name, field in self.fields.items():
            qs = getattr(field, "queryset", None)
            if qs is not None and hasattr(qs, "visible_to") and user is not None:
                # a model may offer more than its rows in the user's scope (a district
                # competition's events to the enterprise unions below it): `choosable_by(user)`
                chooser = getattr(qs.model, "choosable_by", None)
                visible = qs.filter(pk__in=chooser(user).values("pk")) if chooser else qs.visible_to(user, "view")
                # the record's present choice stays valid when the user may not list it himself
                # (a lawyer editing a case keeps its employer); he cannot pick another such row
                current = self._current(name)
                field.queryset = (visible | qs.filter(pk=current)) if current is not None else visible  # type: ignore[attr-defined]
            if qs is not None and str_relations(qs.model):
                field.queryset = field.queryset.select_related(*str_relations(qs.model))  # type: ignore[attr-defined]
            if isinstance(field, forms.ModelChoiceField) and field.empty_label is not None:
                field.empty_label = "请选择"
            elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
                field.choices = [("", "请选择") if value == "" else (value, label) for value, label in field.choices]  # type: ignore[misc,union-attr]

    def _current(self, name: str) -> Any:
        if not getattr(self.instance, "pk", None):
            return None
        try:
            field = self.instance._meta.get_field(name)
        except FieldDoesNotExist:  # a form field that is not a model field
            return None
        if not getattr(field, "many_to_one", False):
            return None
        return getattr(self.instance, field.attname, None)

    def m2m_data(self) -> dict[str, Any]:
        """The many-to-many values the user chose, to be written by the service in the same
        transaction as the row (and in its audit entry) instead of by `save_m2m()` afterwards."""
        out: dict[str, Any] = {}
        for f in self._meta.model._meta.many_to_many:
            if f.name in self.fields and f.name in self.cleaned_data:
                out[f.name] = list(self.cleaned_data[f.name])
        return out


def widgets_for(model: type[models.Model], fields: Sequence[str]) -> dict[str, Any]:
    widgets: dict[str, Any] = {}
    for name in fields:
        f = model._meta.get_field(name)
        if isinstance(f, models.DateTimeField):
            widgets[name] = DATETIME_WIDGET
        elif isinstance(f, models.DateField):
            widgets[name] = DATE_WIDGET
        elif isinstance(f, models.TextField):
            widgets[name] = forms.Textarea(attrs={"rows": 3})
    return widgets


def form_for(
    model: type[models.Model],
    fields: Sequence[str],
    *,
    base: type[ScopedModelForm] = ScopedModelForm,
    help_texts: dict[str, str] | None = None,
) -> type[ScopedModelForm]:
    """A form over `fields` (the editable ones: a field the model marks not editable is left out)."""
    editable = [n for n in fields if getattr(model._meta.get_field(n), "editable", True)]
    base_meta = getattr(base, "Meta", object)
    attrs = {
        "model": model,
        "fields": editable,
        "widgets": {**widgets_for(model, editable), **getattr(base_meta, "widgets", {})},
        "help_texts": {**(help_texts or {}), **getattr(base_meta, "help_texts", {})},
    }
    meta = type("Meta", (base_meta,) if base_meta is not object else (), attrs)
    return type(f"{model.__name__}Form", (base,), {"Meta": meta, "__module__": model.__module__})
