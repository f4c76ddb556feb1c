"""Forms derived from an entity's fields: foreign-key choices limited to what the user may see,
Chinese empty labels, date pickers. Validation lives in the model (clean, validators); a form only
chooses fields and widgets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse

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
        use_pickers(self, self._meta.model)

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


# --- searchable pickers ------------------------------------------------------------------------
# Searchable pickers (Tom Select) for relations to models with many rows — people, enterprises,
# union orgs, users: type a name, pinyin initials, a phone tail …, and each option says what tells
# namesakes apart (employer, masked ID tail, org, user name).
#
# A model opts in with `picker = True` and may say how an option reads with `pick_label()`
# returning (title, detail). Every entity form (`kit.forms.ScopedModelForm`) then renders such a
# field as a picker whose options come from `kit.views.pick.PickView`: the *same* queryset the form validates
# against (the field's, built for the requesting user — his scope, `choosable_by`, the field's own
# limits), searched with the related entity's search. The page carries only the chosen options, never
# a 5,000-entry drop-down; validation stays the form's.


def wants_picker(model: Any) -> bool:
    return bool(getattr(model, "picker", False))


def pick_label(obj: Any) -> tuple[str, str]:
    own = getattr(obj, "pick_label", None)
    return own() if callable(own) else (str(obj), "")


def picker_url(form_model: Any, field_name: str, source: str = "form") -> str:
    url = reverse("kit:pick", args=[form_model._meta.label_lower, field_name])
    return f"{url}?source=filter" if source == "filter" else url


class _PickerMixin:
    """Renders only the chosen options; the browser asks `data-picker` for the rest."""

    choices: Any
    allow_multiple_selected: bool
    empty_label = "请输入关键词搜索"

    def optgroups(self, name: str, value: Any, attrs: Any = None) -> list[Any]:
        chosen = [v for v in (value or []) if v not in ("", None)]
        options = []
        if not self.allow_multiple_selected:
            options.append(self.create_option(name, "", self.empty_label, not chosen, 0, attrs=attrs))  # type: ignore[attr-defined]
        queryset = getattr(self.choices, "queryset", None)
        if chosen and queryset is not None:
            try:
                rows = list(queryset.filter(pk__in=chosen))
            except (ValueError, TypeError):  # a tampered value: show nothing chosen
                rows = []
            for i, obj in enumerate(rows, start=1):
                title, detail = pick_label(obj)
                option = self.create_option(  # type: ignore[attr-defined]
                    name, str(obj.pk), f"{title}（{detail}）" if detail else title, True, i, attrs=attrs
                )
                options.append(option)
        return [(None, options, 0)]


class PickerSelect(_PickerMixin, forms.Select):
    pass


class PickerSelectMultiple(_PickerMixin, forms.SelectMultiple):
    pass


def use_pickers(form: forms.BaseForm, model: Any, *, source: str = "form", empty_label: str = "") -> None:
    """Turn every relation field of `form` (an entity's form or its list filters, for `model`)
    whose model opts in into a picker."""
    for name, field in form.fields.items():
        if not isinstance(field, forms.ModelChoiceField) or not wants_picker(field.queryset.model):  # type: ignore[union-attr]
            continue
        multiple = isinstance(field, forms.ModelMultipleChoiceField)
        widget = (PickerSelectMultiple if multiple else PickerSelect)(
            attrs={
                "class": "form-select",
                "data-picker": picker_url(model, name, source),
                "data-placeholder": empty_label or "输入名称、姓名、拼音首字母搜索",
            }
        )
        if empty_label:
            widget.empty_label = empty_label
        widget.choices = field.choices
        widget.is_required = field.required
        field.widget = widget
