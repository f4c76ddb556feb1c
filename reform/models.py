"""一体化推进: policy documents, the reform project list with milestones and progress reports,
service positions, micro-service projects, key-contact enterprises' visits and the 四带四联 log."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from core.models import Enterprise, MemberUnit, Org, PolicyDocument
from kit.dates import check_not_future, check_order
from kit.models import BaseModel, SoftDeleteModel
from kit.numbers import round_int
from kit.scope import ScopeSpec
from kit.uploads import DOCUMENTS, PHOTOS
from kit.workflow import Transition, WorkflowMixin, status_field


class Initiative(BaseModel):
    """一项改革举措 (e.g. 党建、工建、产改一体化推进机制) with its measures (五个一体化)."""

    name = models.CharField("举措名称", max_length=100)
    measures = models.TextField("工作举措", blank=True, help_text="每行一项，如“五个一体化”的各项措施")
    policy = models.ForeignKey(
        PolicyDocument,
        verbose_name="依据文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )
    org = models.ForeignKey(Org, verbose_name="牵头组织", on_delete=models.PROTECT, related_name="+")

    class Meta(BaseModel.Meta):
        verbose_name = "改革举措"
        verbose_name_plural = "改革举措"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class ProjectStatus(models.TextChoices):
    NOT_STARTED = "not_started", "未启动"
    IN_PROGRESS = "in_progress", "推进中"
    DONE = "done", "已完成"
    LATE = "late", "滞后"


class ReformProject(SoftDeleteModel):
    """项目清单中的一项. Its status is derived (`status_on`), never typed."""

    initiative = models.ForeignKey(
        Initiative, verbose_name="所属举措", on_delete=models.PROTECT, related_name="projects"
    )
    name = models.CharField("项目名称", max_length=150)
    owner_unit = models.ForeignKey(
        MemberUnit, verbose_name="牵头成员单位", on_delete=models.PROTECT, related_name="reform_projects"
    )
    lead = models.CharField("负责人", max_length=50, blank=True)
    target = models.TextField("目标任务")
    target_value = models.DecimalField("目标值", max_digits=14, decimal_places=2, null=True, blank=True)
    target_unit = models.CharField("计量单位", max_length=20, blank=True)
    start_date = models.DateField("开始日期")
    due_date = models.DateField("完成时限")
    org = models.ForeignKey(Org, verbose_name="所属组织", on_delete=models.PROTECT, related_name="+")

    scope: ClassVar[ScopeSpec] = ScopeSpec(unit="owner_unit_id")

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "改革项目"
        verbose_name_plural = "项目清单"
        ordering = ["id"]
        default_permissions = ("add", "change", "delete", "view", "import", "export", "review")  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        check_order(self.start_date, self.due_date, end_field="due_date", message="完成时限不能早于开始日期")
        if self.target_value is not None and self.target_value < 0:
            raise ValidationError({"target_value": "目标值不能为负数"})

    def status_on(
        self, day: date | None = None, *, reports: list[Any] | None = None, milestones: list[Any] | None = None
    ) -> str:
        """已完成: an accepted report reached the target value (or, without a target value, every
        milestone is done); 滞后: a milestone or the due date passed undone; 未启动: before the start
        date, or no accepted report and no milestone done yet; else 推进中."""
        day = day or timezone.localdate()
        # .all() uses prefetched rows when the list page prefetched them (no query per project)
        reports = reports if reports is not None else list(self.reports.all())
        milestones = milestones if milestones is not None else list(self.milestones.all())
        accepted = [r for r in reports if r.status == ProgressReport.Status.ACCEPTED and r.period_end <= day]
        reached = max((r.value_reached for r in accepted if r.value_reached is not None), default=None)
        if self.target_value is not None and reached is not None and reached >= self.target_value:
            return ProjectStatus.DONE
        if self.target_value is None and milestones and all(m.done_on and m.done_on <= day for m in milestones):
            return ProjectStatus.DONE
        if day < self.start_date:
            return ProjectStatus.NOT_STARTED
        overdue = [m for m in milestones if m.due_date < day and not (m.done_on and m.done_on <= day)]
        if overdue or day > self.due_date:
            return ProjectStatus.LATE
        if not accepted and not any(m.done_on and m.done_on <= day for m in milestones):
            return ProjectStatus.NOT_STARTED
        return ProjectStatus.IN_PROGRESS

    @property
    def status(self) -> str:
        return self.status_on()

    status_tones: ClassVar[dict[str, str]] = {"not_started": "secondary", "in_progress": "azure", "late": "red"}

    def progress_on(self, day: date | None = None) -> int | None:
        """完成进度 in whole percent (四舍五入, at most 100): the best accepted report's value against
        the target value, or — without one — the share of milestones done; None when neither."""
        day = day or timezone.localdate()
        if self.target_value:
            reached = max(
                (
                    r.value_reached
                    for r in self.reports.all()
                    if r.status == ProgressReport.Status.ACCEPTED
                    and r.period_end <= day
                    and r.value_reached is not None
                ),
                default=None,
            )
            return None if reached is None else min(100, round_int(Decimal(reached) * 100 / self.target_value))
        milestones = list(self.milestones.all())
        if not milestones:
            return None
        done = sum(1 for m in milestones if m.done_on and m.done_on <= day)
        return round_int(Decimal(done) * 100 / len(milestones))

    def get_status_display(self) -> str:
        return str(ProjectStatus(self.status).label)


class Milestone(BaseModel):
    project = models.ForeignKey(ReformProject, verbose_name="项目", on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField("里程碑", max_length=100)
    due_date = models.DateField("计划完成日期")
    done_on = models.DateField("实际完成日期", null=True, blank=True)
    late_reason = models.CharField(
        "晚于项目时限的理由", max_length=200, blank=True, help_text="计划完成日期晚于项目完成时限时必填"
    )

    scope: ClassVar[ScopeSpec] = ScopeSpec(
        path="project__org__path", org="project__org_id", unit="project__owner_unit_id"
    )

    class Meta(BaseModel.Meta):
        verbose_name = "里程碑"
        verbose_name_plural = "里程碑"
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.project_id and self.due_date and self.due_date > self.project.due_date and not self.late_reason:
            raise ValidationError({"late_reason": "计划完成日期晚于项目完成时限，请说明理由"})
        check_not_future(self.done_on, field="done_on", label="实际完成日期")


class ProgressReport(WorkflowMixin, BaseModel):
    """进度报告: the owner unit drafts and submits; the district federation accepts or returns."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "待审核"
        ACCEPTED = "accepted", "已通过"
        RETURNED = "returned", "已退回"

    project = models.ForeignKey(ReformProject, verbose_name="项目", on_delete=models.CASCADE, related_name="reports")
    period_start = models.DateField("报告期起")
    period_end = models.DateField("报告期止")
    value_reached = models.DecimalField("累计完成值", max_digits=14, decimal_places=2, null=True, blank=True)
    narrative = models.TextField("进展情况")
    attachment = models.FileField("附件", upload_to="reform/reports/%Y/", blank=True, validators=[DOCUMENTS()])
    status = status_field(Status.choices, Status.DRAFT)

    transitions: ClassVar[dict[str, Transition]] = {
        "submit": Transition("提交审核", [Status.DRAFT, Status.RETURNED], Status.SUBMITTED, perm="change"),
        "accept": Transition("审核通过", [Status.SUBMITTED], Status.ACCEPTED, perm="review", style="success"),
        "return": Transition(
            "退回修改", [Status.SUBMITTED], Status.RETURNED, perm="review", comment_required=True, style="warning"
        ),
    }
    editable_statuses = (Status.DRAFT, Status.RETURNED)
    scope: ClassVar[ScopeSpec] = ScopeSpec(
        path="project__org__path", org="project__org_id", unit="project__owner_unit_id"
    )

    class Meta(BaseModel.Meta):
        verbose_name = "进度报告"
        verbose_name_plural = "进度报告"
        ordering = ["-period_end", "-id"]
        default_permissions = ("add", "change", "delete", "view", "import", "export", "review")  # type: ignore[assignment]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "period_start", "period_end"],
                name="report_once_per_period",
                violation_error_message="该项目已有同一报告期的进度报告",
            ),
        ]  # type: ignore[assignment]

    def __str__(self) -> str:
        return f"{self.project}（{self.period_start:%Y-%m-%d}至{self.period_end:%Y-%m-%d}）"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        check_order(
            self.period_start,
            self.period_end,
            end_field="period_end",
            message="报告期止不能早于报告期起",
            errors=errors,
        )
        if self.period_end and self.period_end > timezone.localdate():
            errors["period_end"] = "不能报告未来期间的进度"
        if self.project_id and self.period_start and self.period_start < self.project.start_date:
            errors["period_start"] = f"报告期不能早于项目开始日期（{self.project.start_date:%Y年%m月%d日}）"
        if self.value_reached is not None and self.value_reached < 0:
            errors["value_reached"] = "完成值不能为负数"
        if errors:
            raise ValidationError(errors)


class ServicePosition(SoftDeleteModel):
    """党工服务阵地. A stock: counted when open on the period's last day."""

    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", "企业阵地"
        COMMUNITY = "community", "社区阵地"
        PARK = "park", "园区阵地"
        BUILDING = "building", "楼宇阵地"
        OTHER = "other", "其他"

    class Level(models.TextChoices):
        MODEL = "model", "示范点"
        STANDARD = "standard", "标准化"
        BASIC = "basic", "基础型"

    name = models.CharField("阵地名称", max_length=100)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    host_enterprise = models.ForeignKey(
        Enterprise, verbose_name="承建企业", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    host_name = models.CharField("承建社区/单位", max_length=100, blank=True, help_text="非企业承建时填写")
    address = models.CharField("地址", max_length=200, blank=True)
    opened_on = models.DateField("建成日期")
    closed_on = models.DateField("撤销日期", null=True, blank=True)
    level = models.CharField("建设等级", max_length=20, choices=Level.choices, default=Level.STANDARD)
    org = models.ForeignKey(Org, verbose_name="所属组织", on_delete=models.PROTECT, related_name="+")

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "党工服务阵地"
        verbose_name_plural = "党工服务阵地"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not self.host_enterprise_id and not self.host_name:
            raise ValidationError({"host_name": "请选择承建企业或填写承建社区/单位"})
        if self.closed_on and self.opened_on and self.closed_on < self.opened_on:
            raise ValidationError({"closed_on": "撤销日期不能早于建成日期"})


class PositionCheck(BaseModel):
    """阵地年度检查."""

    class Result(models.TextChoices):
        EXCELLENT = "excellent", "优秀"
        PASS = "pass", "合格"
        IMPROVE = "improve", "限期整改"

    position = models.ForeignKey(ServicePosition, verbose_name="阵地", on_delete=models.CASCADE, related_name="checks")
    year = models.PositiveSmallIntegerField("年度")
    checked_on = models.DateField("检查日期")
    result = models.CharField("结果", max_length=10, choices=Result.choices)
    notes = models.TextField("检查意见", blank=True)

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="position__org__path", org="position__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "阵地年度检查"
        verbose_name_plural = "阵地年度检查"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "year"],
                name="positioncheck_once_a_year",
                violation_error_message="该阵地本年度已有检查记录",
            )
        ]

    def __str__(self) -> str:
        return f"{self.position} {self.year}年"


class MicroService(SoftDeleteModel):
    """党工共建微服务项目."""

    name = models.CharField("项目名称", max_length=100)
    position = models.ForeignKey(
        ServicePosition,
        verbose_name="依托阵地",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="micro_services",
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="服务企业", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    content = models.TextField("服务内容", blank=True)
    launched_on = models.DateField("推出日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    beneficiaries = models.PositiveIntegerField("受益职工人数", null=True, blank=True)
    org = models.ForeignKey(Org, verbose_name="所属组织", on_delete=models.PROTECT, related_name="+")

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "微服务项目"
        verbose_name_plural = "党工共建微服务项目"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.name


class KeyContact(BaseModel):
    """重点联系非公企业: who keeps in touch with an enterprise, since when."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name="企业", on_delete=models.PROTECT, related_name="key_contacts"
    )
    contact = models.CharField("联系人", max_length=50)
    contact_unit = models.CharField("联系人单位/职务", max_length=100, blank=True)
    since = models.DateField("确定日期")
    until = models.DateField("结束日期", null=True, blank=True)

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="enterprise__org__path", org="enterprise__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "重点联系企业"
        verbose_name_plural = "重点联系非公企业"
        ordering = ["-since", "-id"]

    def __str__(self) -> str:
        return f"{self.enterprise}（{self.contact}）"

    def clean(self) -> None:
        if self.enterprise_id and self.enterprise.ownership not in ("private", "foreign", "hkmt", "joint"):
            raise ValidationError({"enterprise": "重点联系企业应为非公有制企业"})


class Visit(BaseModel):
    """走访记录."""

    enterprise = models.ForeignKey(Enterprise, verbose_name="企业", on_delete=models.PROTECT, related_name="+")
    visited_on = models.DateField("走访日期")
    visitors = models.CharField("走访人员", max_length=100)
    issues = models.TextField("了解的问题/诉求", blank=True)
    follow_up = models.TextField("跟进措施", blank=True)

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="enterprise__org__path", org="enterprise__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "走访记录"
        verbose_name_plural = "走访记录"
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.visited_on:%Y-%m-%d}"

    def clean(self) -> None:
        check_not_future(self.visited_on, field="visited_on", label="走访日期")


class Activity(BaseModel):
    """“四带四联”活动记录."""

    class Kind(models.TextChoices):
        POSITION = "position", "阵地联建"
        EVENT = "event", "活动联办"
        EVALUATION = "evaluation", "工作联评"
        PUBLICITY = "publicity", "典型联宣"
        TEAM = "team", "带队伍"
        ORGANISATION = "organisation", "带组织"
        WORK = "work", "带工作"
        STYLE = "style", "带作风"

    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    title = models.CharField("活动名称", max_length=150)
    held_on = models.DateField("日期")
    position = models.ForeignKey(
        ServicePosition,
        verbose_name="阵地",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    project = models.ForeignKey(
        ReformProject, verbose_name="项目", null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="企业", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    participants = models.PositiveIntegerField("参加人数", null=True, blank=True)
    summary = models.TextField("活动情况", blank=True)
    photo = models.FileField("照片", upload_to="reform/activities/%Y/", blank=True, validators=[PHOTOS()])
    org = models.ForeignKey(Org, verbose_name="所属组织", on_delete=models.PROTECT, related_name="+")

    class Meta(BaseModel.Meta):
        verbose_name = "四带四联活动"
        verbose_name_plural = "四带四联活动"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_not_future(self.held_on, field="held_on", label="日期")
