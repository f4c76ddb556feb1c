"""Base FilterSet: Bootstrap widgets, Chinese labels, filters that stay in the URL."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms


class FilterSet(django_filters.FilterSet):
    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        for f in self.form.fields.values():
            widget = f.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)
            qs = getattr(f, "queryset", None)
            if qs is not None and hasattr(qs, "visible_to") and user is not None:
                f.queryset = qs.visible_to(user, "view")  # type: ignore[attr-defined]
            if isinstance(f, forms.ChoiceField) and hasattr(f, "empty_label"):
                f.empty_label = "全部"  # type: ignore[attr-defined]
