"""Scoring sheets (评分表) and scoring rounds (评审轮次): the models of `kit.scoring`.

A sheet is reference data: a tree of criteria (一级/二级/三级指标) whose leaves take scores.
A round applies a sheet to subjects (参评对象, any record of any module) scored by scorers
(专家、评委、街道、区总工会 …); one `Score` per scorer × subject × leaf criterion.
The rules (ranges, locking, conflicts of interest, aggregation, ranking) live in `kit.scoring`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from kit.db import BaseModel
from kit.scope import ScopeSpec
from kit.scoring.rules import CONFLICT_RULES
from kit.workflow import Transition, WorkflowMixin, status_field

__all__ = ["Criterion", "RoundScorer", "RoundSubject", "Score", "ScoreSheet", "ScoringRound"]

LOCKED_MESSAGE = "评审已签字确认，成绩已锁定；如需更正请由组织者重新开启"


class ScoreSheet(BaseModel):
    """评分表: criteria, the aggregation rule across scorers and the declared tie-break."""

    class Aggregation(models.TextChoices):
        WEIGHTED_MEAN = "weighted_mean", "按评分人权重加权平均"
        MEAN = "mean", "算术平均"
        DROP_HIGH_LOW = "drop_high_low", "去掉一个最高分和一个最低分后平均"
        TRIMMED_MEAN = "trimmed_mean", "截尾平均（两端按比例去掉）"

    name = models.CharField("名称", max_length=100, unique=True)
    description = models.TextField("说明", blank=True, max_length=2000)
    aggregation = models.CharField("汇总方式", max_length=20, choices=Aggregation.choices, default=Aggregation.MEAN)
    trim_ratio = models.DecimalField(
        "截尾比例",
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.10"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("0.49"))],
        help_text="截尾平均时，最高分和最低分两端各去掉的评分人比例（向下取整），如 0.10",
    )
    tie_break = models.JSONField(
        "同分比较指标",
        default=list,
        blank=True,
        help_text="总分相同时依次比较的指标编码（按各指标汇总得分从高到低）",
    )
    tie_break_note = models.TextField(
        "同分排序说明", blank=True, max_length=500, help_text="向评分人和参评对象公布的同分排序规则"
    )

    scope = ScopeSpec(path=None)

    class Meta(BaseModel.Meta):
        verbose_name = "评分表"
        verbose_name_plural = "评分表"
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        codes = self.tie_break
        if codes in (None, ""):
            self.tie_break = codes = []
        if not isinstance(codes, list) or not all(isinstance(c, str) and c.strip() for c in codes):
            raise ValidationError({"tie_break": "同分比较指标应为指标编码的列表"})
        self.tie_break = [c.strip() for c in codes]
        if len(set(self.tie_break)) != len(self.tie_break):
            raise ValidationError({"tie_break": "同分比较指标不能重复"})
        if self.pk is not None and self.tie_break:
            known = set(self.criteria.values_list("code", flat=True))
            unknown = [c for c in self.tie_break if c not in known]
            if unknown:
                raise ValidationError({"tie_break": "本评分表没有这些指标：" + "、".join(unknown)})
        if self.tie_break and not (self.tie_break_note or "").strip():
            raise ValidationError({"tie_break_note": "设置了同分比较指标时，请填写向用户公布的同分排序说明"})

    @property
    def locked(self) -> bool:
        """A sheet used by a signed-off round keeps its criteria (the results must stay reproducible)."""
        return self.pk is not None and self.rounds.filter(status=ScoringRound.Status.CLOSED).exists()


class Criterion(BaseModel):
    """指标. Only leaves take scores; a parent groups its children (一级 → 二级 → 三级)."""

    class Kind(models.TextChoices):
        SCORE = "score", "计分项"
        DEDUCTION = "deduction", "减分项"
        VETO = "veto", "一票否决"

    class Level(models.IntegerChoices):
        FIRST = 1, "一级指标"
        SECOND = 2, "二级指标"
        THIRD = 3, "三级指标"

    sheet = models.ForeignKey(ScoreSheet, verbose_name="评分表", on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self", verbose_name="上级指标", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    code = models.CharField("编码", max_length=20, help_text="在本评分表内唯一，如 A、A1、A1.2")
    name = models.CharField("指标名称", max_length=100)
    level = models.PositiveSmallIntegerField("级别", choices=Level.choices, default=Level.FIRST, editable=False)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.SCORE)
    min_score = models.DecimalField("最低分", max_digits=7, decimal_places=2, default=Decimal("0"))
    max_score = models.DecimalField(
        "标准分值", max_digits=7, decimal_places=2, default=Decimal("0"), help_text="计分项的满分；减分项的扣分上限"
    )
    weight = models.DecimalField(
        "权重",
        max_digits=6,
        decimal_places=3,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="计分项得分乘以权重后计入总分",
    )
    sort = models.PositiveIntegerField("排序", default=0)
    guidance = models.TextField("评分标准", blank=True, max_length=2000)

    scope = ScopeSpec(path=None)

    class Meta(BaseModel.Meta):
        verbose_name = "评分指标"
        verbose_name_plural = "评分指标"
        ordering = ["sheet", "sort", "code", "id"]
        constraints = [models.UniqueConstraint(fields=["sheet", "code"], name="criterion_unique_code")]

    def __str__(self) -> str:
        return f"{self.numbering} {self.name}".strip()

    @property
    def numbering(self) -> str:
        """The code as people read it (A、A1、一): a lower-case key such as `theory`, which a module
        gives the criteria it builds itself, stays internal — people see the name."""
        return "" if re.fullmatch(r"[a-z_]+", self.code or "") else self.code

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.parent_id is not None:
            parent = self.parent
            assert parent is not None
            if parent.sheet_id != self.sheet_id:
                errors["parent"] = "上级指标应属于同一评分表"
            elif self.pk is not None and _is_self_or_descendant(parent, self.pk):
                errors["parent"] = "上级指标不能是本指标或其下级"
            elif parent.kind != self.Kind.SCORE:
                errors["parent"] = "减分项和一票否决项不能有下级指标"
            elif parent.level >= 3:
                errors["parent"] = "指标最多分三级"
            else:
                self.level = parent.level + 1
        else:
            self.level = self.Level.FIRST
        if self.kind == self.Kind.VETO:
            self.min_score, self.max_score = Decimal("0"), Decimal("1")
        elif self.kind == self.Kind.DEDUCTION:
            self.min_score = Decimal("0")
            if self.max_score is not None and self.max_score <= 0:
                errors["max_score"] = "请填写减分项的扣分上限"
        elif self.min_score is not None and self.max_score is not None:
            if self.min_score < 0:
                errors["min_score"] = "最低分不能为负数"
            elif self.min_score > self.max_score:
                errors["max_score"] = "标准分值不能低于最低分"
        if self.kind != self.Kind.SCORE and self.pk is not None and self.children.exists():
            errors["kind"] = "有下级指标的指标只能是计分项"
        if self.sheet_id is not None and self.sheet.locked:
            errors["sheet"] = "该评分表已用于签字确认的评审，不能再修改指标"
        if errors:
            raise ValidationError(errors)


def _is_self_or_descendant(node: Criterion, pk: Any) -> bool:
    seen = 0
    current: Criterion | None = node
    while current is not None and seen < 10:
        if current.pk == pk:
            return True
        current = current.parent
        seen += 1
    return False


class ScoringRound(WorkflowMixin, BaseModel):
    """评审轮次: one sheet applied to subjects by scorers; signed off (locked) at close."""

    class Status(models.TextChoices):
        OPEN = "open", "评分中"
        CLOSED = "closed", "已签字确认"

    sheet = models.ForeignKey(ScoreSheet, verbose_name="评分表", on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField("评审名称", max_length=200)
    purpose = models.CharField(
        "业务类别", max_length=50, blank=True, db_index=True, help_text="使用本轮评审的业务，如 reform.joint_review"
    )
    org = models.ForeignKey(settings.KIT_ORG_MODEL, verbose_name="组织单位", on_delete=models.PROTECT, related_name="+")
    status = status_field(Status.choices, default=Status.OPEN)
    conflict_rule = models.CharField(
        "回避规则", max_length=30, default="none", help_text="评分人与参评对象的利益冲突规则"
    )
    description = models.TextField("评审说明", blank=True, max_length=2000)

    scope = ScopeSpec(path="org__path", org="org_id")
    transitions: ClassVar[dict[str, Transition]] = {
        "close": Transition(
            "签字确认",
            [Status.OPEN],
            Status.CLOSED,
            perm="change",
            guard=lambda r: None if r.scores.exists() else "尚无任何评分，不能签字确认",
            style="success",
        ),
        "reopen": Transition(
            "重新开启", [Status.CLOSED], Status.OPEN, perm="change", comment_required=True, style="warning"
        ),
    }

    class Meta(BaseModel.Meta):
        verbose_name = "评审轮次"
        verbose_name_plural = "评审轮次"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def get_conflict_rule_display(self) -> str:
        rule = CONFLICT_RULES.get(self.conflict_rule)
        return rule.label if rule is not None else self.conflict_rule

    def clean(self) -> None:
        if self.conflict_rule not in CONFLICT_RULES:
            raise ValidationError({"conflict_rule": f"未知的回避规则：{self.conflict_rule}"})
        if self.pk is not None:
            stored = type(self)._base_manager.filter(pk=self.pk).values("status", "sheet_id").first()
            if stored and stored["status"] == self.Status.CLOSED:
                raise ValidationError(LOCKED_MESSAGE)
            if stored and stored["sheet_id"] != self.sheet_id and self.scores.exists():
                raise ValidationError({"sheet": "已有评分，不能更换评分表"})


def _round_must_be_open(round_id: Any) -> None:
    if round_id is None:
        return
    status = ScoringRound._base_manager.filter(pk=round_id).values_list("status", flat=True).first()
    if status == ScoringRound.Status.CLOSED:
        raise ValidationError(LOCKED_MESSAGE)


class RoundSubject(BaseModel):
    """参评对象: any record of any module (by model label and id), scored in a round."""

    round = models.ForeignKey(ScoringRound, verbose_name="评审轮次", on_delete=models.CASCADE, related_name="subjects")
    object_type = models.CharField("对象类型", max_length=100, help_text="模型标识，如 reform.reformproject")
    object_id = models.CharField("对象编号", max_length=64)
    label = models.CharField("参评对象", max_length=200)
    org = models.ForeignKey(
        settings.KIT_ORG_MODEL,
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="用于回避规则：评分人不能为本单位的对象评分",
    )
    sort = models.PositiveIntegerField("排序", default=0)

    scope = ScopeSpec(path="round__org__path", org="round__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "参评对象"
        verbose_name_plural = "参评对象"
        ordering = ["round", "sort", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "object_type", "object_id"], name="roundsubject_unique_object")
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        _round_must_be_open(self.round_id)


class RoundScorer(BaseModel):
    """评分人 of a round, with a role label and a weight (for the weighted mean)."""

    round = models.ForeignKey(ScoringRound, verbose_name="评审轮次", on_delete=models.CASCADE, related_name="scorers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="评分人", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField("身份", max_length=30, blank=True, help_text="如 专家、评委、街道、区总工会")
    weight = models.DecimalField(
        "权重",
        max_digits=6,
        decimal_places=3,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="加权平均时使用",
    )
    sort = models.PositiveIntegerField("排序", default=0)

    scope = ScopeSpec(path="round__org__path", org="round__org_id", owner="user_id")

    class Meta(BaseModel.Meta):
        verbose_name = "评分人"
        verbose_name_plural = "评分人"
        ordering = ["round", "sort", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="roundscorer_unique_user")]

    def __str__(self) -> str:
        name = getattr(self.user, "display_name", "") or self.user.get_username()
        return f"{name}（{self.role}）" if self.role else str(name)

    def clean(self) -> None:
        _round_must_be_open(self.round_id)


class Score(BaseModel):
    """One scorer's value for one leaf criterion of one subject. Written only by
    `kit.scoring.enter_scores`. For a veto criterion 1 = vetoed, 0 = not."""

    round = models.ForeignKey(ScoringRound, verbose_name="评审轮次", on_delete=models.PROTECT, related_name="scores")
    scorer = models.ForeignKey(RoundScorer, verbose_name="评分人", on_delete=models.PROTECT, related_name="scores")
    subject = models.ForeignKey(RoundSubject, verbose_name="参评对象", on_delete=models.PROTECT, related_name="scores")
    criterion = models.ForeignKey(Criterion, verbose_name="指标", on_delete=models.PROTECT, related_name="scores")
    value = models.DecimalField("分值", max_digits=7, decimal_places=2)
    comment = models.CharField("评语", max_length=500, blank=True)

    scope = ScopeSpec(path="round__org__path", org="round__org_id", owner="scorer__user_id")

    class Meta(BaseModel.Meta):
        verbose_name = "评分"
        verbose_name_plural = "评分"
        ordering = ["round", "subject", "scorer", "criterion__sort", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scorer", "subject", "criterion"], name="score_unique_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.subject} · {self.criterion.name}：{self.value}"
