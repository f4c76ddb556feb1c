"""Checklists kept as dictionaries (字典) and answered item by item: a station's amenities (有 / 无),
an enterprise's legal check-up (合规 / 不合规 / 不适用) … The items are data (administrators add or
retire them; an item's remark carries its basis, e.g. the article of law); a record stores its
answers as {item value: answer}, and is valid only with every active item answered."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from django import forms

from core.models import DictItem
from kit.forms import ScopedModelForm


def items(dict_code: str) -> list[DictItem]:
    return list(DictItem.objects.of(dict_code).order_by("sort", "id"))


def unanswered(dict_code: str, answers: Any, allowed: Collection[Any]) -> list[str]:
    """The labels of the active items without an allowed answer (all of them when `answers` is
    not a mapping)."""
    given = answers if isinstance(answers, dict) else {}
    return [item.label for item in items(dict_code) if given.get(item.value, object()) not in allowed]


class ChecklistForm(ScopedModelForm):
    """A model form whose JSON field `checklist_field` is asked as one radio question per item of
    the dictionary `checklist_dict`, the answers `checklist_choices` (stored value, label)."""

    checklist_dict = ""
    checklist_field = "checklist"
    checklist_choices: Sequence[tuple[Any, str]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.pop(self.checklist_field, None)
        current = getattr(self.instance, self.checklist_field, None)
        answers = current if isinstance(current, dict) else {}
        self.checklist_items = items(self.checklist_dict)
        for item in self.checklist_items:
            given = answers.get(item.value)
            self.fields[f"item_{item.value}"] = forms.ChoiceField(
                label=item.label,
                help_text=item.remark,
                choices=[(str(value), label) for value, label in self.checklist_choices],
                widget=forms.RadioSelect,
                initial=None if given is None else str(given),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        stored = {str(value): value for value, _label in self.checklist_choices}
        setattr(
            self.instance,
            self.checklist_field,
            {
                item.value: stored[data[f"item_{item.value}"]]
                for item in self.checklist_items
                if data.get(f"item_{item.value}") in stored
            },
        )
        return data
