"""The maintenance pages of the scoring machinery: sheets, criteria, rounds, subjects, scorers and
a read-only list of scores — one declaration each (`kit.entity`), mounted by `kit.urls` in the
namespace "kit_scoring"."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import Q, QuerySet

from kit.display import model_name
from kit.entity import Entity
from kit.forms import ScopedModelForm
from kit.scoring.models import Criterion, RoundScorer, RoundSubject, Score, ScoreSheet, ScoringRound
from kit.scoring.rules import conflict_rule_choices

ADMIN_NAMESPACE = "kit_scoring"
EDIT_ONLY: tuple[str, ...] = ("list", "detail", "add", "edit", "delete")


class CodeListField(forms.CharField):
    """A list of criterion codes typed as "A, B1、C" (comma, 、 or spaces)."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "、".join(str(v) for v in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if isinstance(value, list):
            return [str(v) for v in value]
        text = super().to_python(value) or ""
        return [part for part in re.split(r"[\s,，、;；]+", text) if part]


class ScoreSheetForm(ScopedModelForm):
    tie_break = CodeListField(
        label="同分比较指标", required=False, help_text="总分相同时依次比较的指标编码，用顿号或逗号分隔，如 A、B"
    )


class ScoringRoundForm(ScopedModelForm):
    conflict_rule = forms.ChoiceField(label="回避规则", choices=conflict_rule_choices)


class ScoringEntity(Entity):
    url_namespace = ADMIN_NAMESPACE
    parent_crumbs = [("评审评分", "")]
    actions = EDIT_ONLY


class ScoreSheetEntity(ScoringEntity):
    model = ScoreSheet
    fields = ["name", "description", "aggregation", "trim_ratio", "tie_break", "tie_break_note", "remark"]
    columns = ["name", "aggregation", "tie_break_note", "updated_at"]
    form_base = ScoreSheetForm
    search = ("name__contains",)
    related = [("评分指标", "criteria", ["code", "name", "level", "kind", "max_score", "weight"])]


class CriterionEntity(ScoringEntity):
    model = Criterion
    fields = ["sheet", "parent", "code", "name", "kind", "min_score", "max_score", "weight", "sort", "guidance"]
    columns = ["code", "name", "sheet", "level", "kind", "max_score", "weight"]
    sort = "code"
    search = ("name__contains", "code__startswith")
    detail = [
        ("指标", ["sheet", "parent", "code", "name", "level", "kind"]),
        ("分值", ["min_score", "max_score", "weight", "sort", "guidance"]),
    ]


class ScoringRoundEntity(ScoringEntity):
    model = ScoringRound
    fields = ["title", "sheet", "org", "purpose", "conflict_rule", "description", "remark"]
    read_only = ["status"]
    columns = ["title", "sheet", "org", "status", "created_at"]
    form_base = ScoringRoundForm
    org_filter = None
    search = ("title__contains",)
    related = [
        ("参评对象", "subjects", ["label", "org", "object_type"]),
        ("评分人", "scorers", ["user", "role", "weight"]),
    ]


class RoundSubjectEntity(ScoringEntity):
    model = RoundSubject
    fields = ["round", "label", "object_type", "object_id", "org", "sort"]
    columns = ["label", "round", "org", "object_type"]
    render = {"object_type": lambda subject: model_name(subject.object_type)}
    org_filter = None
    search = ("label__contains",)


class RoundScorerEntity(ScoringEntity):
    model = RoundScorer
    fields = ["round", "user", "role", "weight", "sort"]
    columns = ["user", "round", "role", "weight"]


class ScoreEntity(ScoringEntity):
    """Read-only: scores are written by `kit.scoring.enter_scores` only. Before a round is closed a
    user sees only his own scores here too."""

    model = Score
    fields = ["round", "subject", "scorer", "criterion", "value", "comment"]
    columns = ["subject", "criterion", "scorer", "value", "round"]
    select_related = ["scorer__user"]
    actions = ("list", "detail")
    empty_hint = "评分由评分人在评分页面录入。"

    @classmethod
    def queryset(cls, user: Any, action: str = "view") -> QuerySet:
        qs = super().queryset(user, action)
        return qs.filter(Q(round__status=ScoringRound.Status.CLOSED) | Q(scorer__user=user))
