"""专报: a series (its masthead, issuing office, distribution and numbering), its templates (text whose
figures are bound to indicators) and its issues — written from the records, edited, reviewed,
approved and published; numbered at publication without gaps or duplicates, frozen once published,
corrected by a new version."""

from __future__ import annotations

import re
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models

from core.models import Org
from kit.dates import chinese
from kit.db import KIT_ACTIONS, BaseModel, SoftDeleteModel
from kit.scope import ScopeSpec
from kit.workflow import Transition, WorkflowMixin, status_field

# {{ 名称 }} or {{ 名称|格式 }}: a figure bound to an indicator (its Chinese name or its code)
PLACEHOLDER = re.compile(r"\{\{\s*([^{}|]+?)\s*(?:\|\s*([^{}]*?)\s*)?\}\}")


class Series(SoftDeleteModel):
    """A bulletin series: what its masthead says, who issues it, who receives it, how it is numbered."""

    name = models.CharField("专报名称", max_length=100, help_text="如 新时代江苏产业工人队伍建设改革联席会 专报")
    masthead = models.CharField(
        "版头单位", max_length=60, help_text="红色版头第一行，如 新时代江苏产业工人队伍建设改革联席会"
    )
    masthead_title = models.CharField("版头名称", max_length=20, default="专　报")
    issuing_office = models.CharField(
        "编发机关", max_length=60, help_text="期号下方左侧，如 新时代江苏产业工人队伍建设改革联席会议办公室"
    )
    report_to = models.TextField("报：", max_length=1000, blank=True, help_text="每行一段，段末加句号")
    copy_to = models.TextField("送：", max_length=1000, blank=True)
    prior_total = models.PositiveIntegerField(
        "此前已出期数", default=0, help_text="在平台外已出的总期数，总第几期从其后接续"
    )
    org = models.ForeignKey(Org, verbose_name="主办单位", on_delete=models.PROTECT, related_name="+")

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "专报系列"
        verbose_name_plural = "专报系列"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Template(BaseModel):
    """A series' text with its figures bound to indicators; an issue's draft is made from it."""

    series = models.ForeignKey(Series, verbose_name="专报系列", on_delete=models.CASCADE, related_name="templates")
    name = models.CharField("模板名称", max_length=100)
    title = models.CharField("标题", max_length=200)
    body = models.TextField(
        "正文",
        max_length=20000,
        help_text=("一段一行；数字写成 {{ 指标名称 }} 或 {{ 指标名称|格式 }}，格式可为 万余、多、近、万、以上、百分"),
    )

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="series__org__path", org="series__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "专报模板"
        verbose_name_plural = "专报模板"
        ordering = ["series", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from bulletins.writing import check_placeholders

        problems = check_placeholders(self.body) + check_placeholders(self.title)
        if problems:
            raise ValidationError({"body": problems})


class Issue(WorkflowMixin, BaseModel):
    """An issue: written from a template for a period and an org, edited, reviewed, approved,
    published (numbered, frozen, its files kept as published); a correction is a new version."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        REVIEW = "review", "待审核"
        APPROVED = "approved", "已审核"
        PUBLISHED = "published", "已印发"
        SUPERSEDED = "superseded", "已更正"

    series = models.ForeignKey(Series, verbose_name="专报系列", on_delete=models.PROTECT, related_name="issues")
    template = models.ForeignKey(
        Template, verbose_name="模板", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文", max_length=30000, help_text="一段一行；{{ … }} 是绑定指标的数字")
    period = models.CharField(
        "统计期间", max_length=40, help_text="数字的统计口径：2022、2022Q1、2022-03、to:2023-04-06 等"
    )
    org = models.ForeignKey(Org, verbose_name="统计范围", on_delete=models.PROTECT, related_name="+")
    issue_date = models.DateField("成文日期")
    figures = models.JSONField("绑定的数字", default=dict, blank=True, editable=False)
    figures_at = models.DateTimeField("数字计算于", null=True, blank=True, editable=False)
    report_to = models.TextField("报：", max_length=1000, blank=True, help_text="留空则用系列的分发名单")
    copy_to = models.TextField("送：", max_length=1000, blank=True)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True, editable=False)
    year_no = models.PositiveIntegerField("年度期号", null=True, blank=True, editable=False)
    total_no = models.PositiveIntegerField("总期号", null=True, blank=True, editable=False)
    published_on = models.DateField("印发日期", null=True, blank=True, editable=False)
    edition = models.PositiveSmallIntegerField("版次", default=1, editable=False, help_text="更正后为第 2 版……")
    supersedes = models.OneToOneField(
        "self",
        verbose_name="更正的版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        editable=False,
    )
    docx = models.FileField("Word 文件", upload_to="bulletins/%Y/", blank=True, editable=False)
    pdf = models.FileField("PDF 文件", upload_to="bulletins/%Y/", blank=True, editable=False)
    fonts_used = models.CharField("PDF 所用字体", max_length=300, blank=True, editable=False)
    status = status_field(Status.choices, Status.DRAFT)
    status_tones: ClassVar[dict[str, str]] = {"superseded": "secondary"}

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="series__org__path", org="series__org_id")
    transitions: ClassVar[dict[str, Transition]] = {
        "submit": Transition("提交审核", [Status.DRAFT], Status.REVIEW, guard=lambda i: i.submit_problem()),
        "send_back": Transition(
            "退回修改", [Status.REVIEW, Status.APPROVED], Status.DRAFT, comment_required=True, perm="review"
        ),
        "approve": Transition("审核通过", [Status.REVIEW], Status.APPROVED, perm="review", style="success"),
    }
    editable_statuses = (Status.DRAFT,)

    class Meta(BaseModel.Meta):
        verbose_name = "专报"
        verbose_name_plural = "专报"
        ordering = ["-issue_date", "-id"]
        default_permissions = (*KIT_ACTIONS, "review", "publish")  # type: ignore[assignment]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year", "year_no", "edition"],
                condition=models.Q(year_no__isnull=False),
                name="issue_number_once",
                violation_error_message="该期号已被使用",
            )
        ]

    def __str__(self) -> str:
        number = f"{self.number}" if self.year_no else "（未编号）"
        return f"{self.series.name if self.series_id else ''} {number} {self.title}".strip()

    @property
    def number(self) -> str:
        """2023年第2期（总第23期）"""
        if not self.year_no:
            return ""
        return f"{self.year}年第{self.year_no}期（总第{self.total_no}期）"

    @property
    def date_text(self) -> str:
        return chinese(self.issue_date)

    @property
    def frozen(self) -> bool:
        return self.status in (self.Status.PUBLISHED, self.Status.SUPERSEDED)

    def distribution(self) -> tuple[list[str], list[str]]:
        """The 报：/ 送： lines (the issue's own, else the series')."""
        report = (self.report_to or self.series.report_to).strip()
        copy = (self.copy_to or self.series.copy_to).strip()
        return [line.strip() for line in report.splitlines() if line.strip()], [
            line.strip() for line in copy.splitlines() if line.strip()
        ]

    def clean(self) -> None:
        from bulletins.writing import check_placeholders
        from kit.periods import Period

        errors: dict[str, list[str]] = {}
        problems = check_placeholders(self.body) + check_placeholders(self.title)
        if problems:
            errors["body"] = problems
        try:
            Period.parse(self.period)
        except ValueError as exc:
            errors["period"] = [str(exc)]
        if self.year and self.issue_date and self.issue_date.year != self.year:
            errors.setdefault("issue_date", []).append(f"成文日期须在期号所属的{self.year}年内（本期为{self.number}）")
        if errors:
            raise ValidationError(errors)

    def submit_problem(self) -> str | None:
        if not self.figures and "{{" in self.body:
            return "请先计算绑定的数字"
        return None
