"""维权服务 (一): mutual aid (互助互济保险), hardship relief (困难职工帮扶), volunteers (职工志愿服务)
and services for new-employment-form workers (新就业形态劳动者).

The rules are the model's (`clean`, constraints) or the services' (`rights/services.py`); the
values other localities practise — waiting period, renewal grace, claim deadline, the 低保 line,
aid caps — are fields of a plan or of a dated relief policy, with the defaults shown, never code.
Practice and sources: `research/domain-wave2.md` §1–§4."""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum

from core import checklists
from core.models import DictItem, Enterprise, Org, Person, dict_choices
from kit import maps
from kit.dates import add_months, check_month, check_not_future, check_order, chinese, today
from kit.db import KIT_ACTIONS, BaseModel, SoftDeleteModel
from kit.maps import geo
from kit.numbers import q2
from kit.pii import EncryptedTextField, blind_index
from kit.scope import ScopeSpec, ancestor_paths
from kit.uploads import DOCUMENTS
from kit.validators import normalize_id_number, validate_id_number
from kit.workflow import Transition, WorkflowMixin, status_field

MONEY: dict[str, Any] = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


# =================================================================================================
# 互助互济保险
# =================================================================================================
class PlanKind(models.TextChoices):
    HOSPITAL = "hospital", "住院"
    OUTPATIENT = "outpatient", "住院和规定病种门诊"
    CRITICAL = "critical", "重大疾病"
    ACCIDENT = "accident", "意外伤害"
    FEMALE = "female", "女职工特殊疾病"
    OTHER = "other", "其他"


class EventType(models.TextChoices):
    HOSPITAL = "hospital", "住院"
    OUTPATIENT = "outpatient", "规定病种门诊"
    CRITICAL = "critical", "重大疾病"
    DISABILITY = "disability", "意外伤残"
    DEATH = "death", "身故"
    FEMALE = "female", "女职工特殊疾病"


# which events each kind of plan covers
PLAN_EVENTS: dict[str, tuple[str, ...]] = {
    PlanKind.HOSPITAL: (EventType.HOSPITAL,),
    PlanKind.OUTPATIENT: (EventType.HOSPITAL, EventType.OUTPATIENT),
    PlanKind.CRITICAL: (EventType.CRITICAL, EventType.HOSPITAL),
    PlanKind.ACCIDENT: (EventType.DISABILITY, EventType.DEATH, EventType.HOSPITAL),
    PlanKind.FEMALE: (EventType.FEMALE,),
    PlanKind.OTHER: tuple(EventType.values),
}


class AidPlan(SoftDeleteModel):
    """互助保障计划, offered to units (团体参加): its price, cover, cap and the rules of claims. The
    defaults are other localities' published practice (Tianjin, Hangzhou): change them per plan."""

    class Pricing(models.TextChoices):
        PER_PERSON = "person", "按人"
        PER_SHARE = "share", "按份"

    name = models.CharField("计划名称", max_length=100)
    kind = models.CharField("保障类型", max_length=12, choices=PlanKind.choices)
    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    pricing = models.CharField("计费方式", max_length=8, choices=Pricing.choices, default=Pricing.PER_PERSON)
    premium = models.DecimalField("每人（每份）缴费（元）", **MONEY)
    max_shares = models.PositiveSmallIntegerField(
        "每人最多份数", default=3, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    cover_months = models.PositiveSmallIntegerField(
        "保障期（月）", default=12, validators=[MinValueValidator(1), MaxValueValidator(36)]
    )
    cap = models.DecimalField("每份每期给付上限（元）", **MONEY)
    waiting_days = models.PositiveSmallIntegerField(
        "首次参保等待期（天）", default=30, help_text="首次参保者在等待期内发生的事件不予给付；按期续保者不受限"
    )
    renewal_grace_days = models.PositiveSmallIntegerField(
        "续保宽限期（天）", default=30, help_text="上一期满后多少天内再参保仍算续保"
    )
    claim_deadline_days = models.PositiveSmallIntegerField(
        "申领期限（保障期满后天数）", default=90, help_text="如保障期为自然年，90 天约为次年 3 月底"
    )
    org = models.ForeignKey(Org, verbose_name="主办工会", on_delete=models.PROTECT, related_name="+")

    # plans are offered to every unit below: reference data, read by whoever holds the permission
    scope: ClassVar[ScopeSpec] = ScopeSpec(path=None)

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "互助保障计划"
        verbose_name_plural = "互助保障计划"
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "year"],
                condition=Q(deleted_at__isnull=True),
                name="aidplan_once_a_year",
                violation_error_message="本年度已有同名计划",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年{self.name}"

    def clean(self) -> None:
        if self.premium is not None and self.premium <= 0:
            raise ValidationError({"premium": "缴费标准应大于 0"})
        if self.pricing == self.Pricing.PER_PERSON and self.max_shares and self.max_shares != 1:
            self.max_shares = 1


class RequiredDocument(BaseModel):
    """A document a claim of one event type must carry before it can be approved."""

    plan = models.ForeignKey(AidPlan, verbose_name="计划", on_delete=models.CASCADE, related_name="documents")
    event_type = models.CharField("事件类型", max_length=12, choices=EventType.choices)
    name = models.CharField("材料名称", max_length=100)
    sort = models.PositiveSmallIntegerField("排序", default=0)

    scope: ClassVar[ScopeSpec] = ScopeSpec(path=None)

    class Meta(BaseModel.Meta):
        verbose_name = "申领材料要求"
        verbose_name_plural = "申领材料要求"
        ordering = ["plan", "event_type", "sort", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "event_type", "name"], name="required_document_once")]

    def __str__(self) -> str:
        return f"{self.get_event_type_display()}：{self.name}"


class UnitEnrolment(SoftDeleteModel):
    """团体参保: a unit joins a plan for a period with its member list; every member holds the same
    number of shares (份). Individuals never enrol outside a unit."""

    plan = models.ForeignKey(AidPlan, verbose_name="保障计划", on_delete=models.PROTECT, related_name="enrolments")
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="参保单位", on_delete=models.PROTECT, related_name="aid_enrolments"
    )
    shares = models.PositiveSmallIntegerField("每人份数", default=1, validators=[MinValueValidator(1)])
    starts_on = models.DateField("保障开始")
    ends_on = models.DateField("保障结束", blank=True, help_text="留空时按计划的保障期计算")
    amount_paid = models.DecimalField("已缴金额（元）", default=Decimal("0"), **MONEY)
    org = models.ForeignKey(
        Org,
        verbose_name="所属工会",
        on_delete=models.PROTECT,
        related_name="+",
        blank=True,
        help_text="默认取单位的所属工会",
    )

    str_select: ClassVar[tuple[str, ...]] = ("enterprise", "plan")
    org_from: ClassVar[str] = "enterprise"

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "团体参保"
        verbose_name_plural = "团体参保"
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return f"{self.enterprise}（{self.plan}）"

    def clean_fields(self, exclude: Any = None) -> None:
        if self.plan_id and self.starts_on and not self.ends_on:
            self.ends_on = add_months(self.starts_on, self.plan.cover_months) - timedelta(days=1)
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        check_order(self.starts_on, self.ends_on, end_field="ends_on", message="保障结束不能早于开始", errors=errors)
        if self.plan_id and self.shares:
            if self.plan.pricing == AidPlan.Pricing.PER_PERSON and self.shares != 1:
                errors["shares"] = ["按人计费的计划每人 1 份"]
            elif self.shares > self.plan.max_shares:
                errors["shares"] = [f"每人最多 {self.plan.max_shares} 份"]
        if errors:
            raise ValidationError(errors)

    @property
    def period_label(self) -> str:
        return f"{chinese(self.starts_on)}至{chinese(self.ends_on)}"


class EnrolledMember(BaseModel):
    """参保职工 of a unit enrolment. The same worker is never in the same plan twice for overlapping
    periods; whether he joins for the first time (waiting period) or renews is derived."""

    enrolment = models.ForeignKey(
        UnitEnrolment, verbose_name="团体参保", on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        Person, verbose_name="参保职工", on_delete=models.PROTECT, related_name="aid_memberships"
    )
    first_time = models.BooleanField("首次参保", default=True, editable=False)

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="enrolment__org__path", org="enrolment__org_id", person="person_id")

    str_select: ClassVar[tuple[str, ...]] = ("person", "enrolment__plan")

    class Meta(BaseModel.Meta):
        verbose_name = "参保职工"
        verbose_name_plural = "参保职工"
        ordering = ["enrolment", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "person"], name="member_once", violation_error_message="该职工已在本单位参保名单中"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}（{self.enrolment.plan}）"

    def clean(self) -> None:
        if not (self.enrolment_id and self.person_id):
            return
        enrolment = self.enrolment
        clash = self.overlapping(self.person_id, enrolment).exclude(pk=self.pk).first()
        if clash is not None:
            where = f"{clash.enrolment.enterprise}，{clash.enrolment.period_label}"
            raise ValidationError({"person": f"该职工已参加本计划（{where}），期间重叠"})
        self.first_time = not self.renewing(self.person_id, enrolment)

    @staticmethod
    def overlapping(person_id: Any, enrolment: UnitEnrolment) -> models.QuerySet[EnrolledMember]:
        return EnrolledMember.objects.filter(
            person_id=person_id,
            enrolment__plan_id=enrolment.plan_id,
            enrolment__deleted_at__isnull=True,
            enrolment__starts_on__lte=enrolment.ends_on,
            enrolment__ends_on__gte=enrolment.starts_on,
        ).select_related("enrolment__enterprise")

    @staticmethod
    def renewing(person_id: Any, enrolment: UnitEnrolment) -> bool:
        """Covered by a plan of the same kind that ended within the renewal grace before this start."""
        plan = enrolment.plan
        return EnrolledMember.objects.filter(
            person_id=person_id,
            enrolment__plan__kind=plan.kind,
            enrolment__deleted_at__isnull=True,
            enrolment__ends_on__lt=enrolment.starts_on,
            enrolment__ends_on__gte=enrolment.starts_on - timedelta(days=plan.renewal_grace_days + 1),
        ).exists()

    @classmethod
    def check_import_rows(cls, rows: list[tuple[int, Any]], user: Any) -> dict[int, dict[str, str]]:
        """A worker listed twice for the same plan in overlapping enrolments of one workbook."""
        problems: dict[int, dict[str, str]] = {}
        seen: dict[tuple[Any, Any], list[tuple[int, UnitEnrolment]]] = {}
        for number, row in rows:
            enrolment = row.enrolment
            for other_number, other in seen.get((row.person_id, enrolment.plan_id), []):
                if other.starts_on <= enrolment.ends_on and other.ends_on >= enrolment.starts_on:
                    problems[number] = {"person": f"与第 {other_number} 行是同一职工、同一计划，期间重叠"}
            seen.setdefault((row.person_id, enrolment.plan_id), []).append((number, enrolment))
        return problems


class Claim(WorkflowMixin, BaseModel):
    """互助金申领: filed for a member; reviewed (approve with an amount / return / reject with a
    reason), then paid. Refused with the rule named: event outside the cover, in the waiting period
    of a first-time joiner, after the deadline, above the cap, documents missing."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "审核中"
        RETURNED = "returned", "退回补正"
        APPROVED = "approved", "已核准"
        REJECTED = "rejected", "不予给付"
        PAID = "paid", "已给付"

    member = models.ForeignKey(EnrolledMember, verbose_name="参保职工", on_delete=models.PROTECT, related_name="claims")
    event_type = models.CharField("事件类型", max_length=12, choices=EventType.choices)
    event_date = models.DateField("事件日期", help_text="入院、确诊或出险日期")
    filed_on = models.DateField("申领日期", default=today)
    documents = models.JSONField("已交材料", default=list, blank=True)
    attachment = models.FileField("材料扫描件", upload_to="rights/claims/%Y/", blank=True, validators=[DOCUMENTS()])
    amount_claimed = models.DecimalField("申请金额（元）", **MONEY)
    amount_approved = models.DecimalField("核准金额（元）", null=True, blank=True, editable=False, **MONEY)
    decided_on = models.DateField("审核日期", null=True, blank=True, editable=False)
    paid_on = models.DateField("给付日期", null=True, blank=True, editable=False)
    status = status_field(Status.choices, Status.SUBMITTED)
    status_tones: ClassVar[dict[str, str]] = {"paid": "green"}

    transitions: ClassVar[dict[str, Transition]] = {
        "approve": Transition(
            "核准", [Status.SUBMITTED], Status.APPROVED, perm="review", stamp="decided_on", button=False
        ),
        "return": Transition("退回补正", [Status.SUBMITTED], Status.RETURNED, perm="review", comment_required=True),
        "resubmit": Transition("重新提交", [Status.RETURNED], Status.SUBMITTED, perm="change"),
        "reject": Transition(
            "不予给付",
            [Status.SUBMITTED],
            Status.REJECTED,
            perm="review",
            comment_required=True,
            style="danger",
            stamp="decided_on",
        ),
        "pay": Transition("给付", [Status.APPROVED], Status.PAID, perm="review", stamp="paid_on", style="success"),
    }
    editable_statuses = (Status.SUBMITTED, Status.RETURNED)
    scope: ClassVar[ScopeSpec] = ScopeSpec(
        path="member__enrolment__org__path", org="member__enrolment__org_id", person="member__person_id"
    )

    str_select: ClassVar[tuple[str, ...]] = ("member__person",)

    class Meta(BaseModel.Meta):
        verbose_name = "互助金申领"
        verbose_name_plural = "互助金申领"
        ordering = ["-filed_on", "-id"]
        default_permissions = (*KIT_ACTIONS, "review")  # type: ignore[assignment]

    def __str__(self) -> str:
        return f"{self.member.person} {self.get_event_type_display()}（{chinese(self.event_date)}）"

    def clean(self) -> None:
        """The rules of filing, each refusal naming its rule."""
        if not (self.member_id and self.event_date):
            return
        enrolment = self.member.enrolment
        plan = enrolment.plan
        errors: dict[str, list[str]] = {}
        check_not_future(self.event_date, field="event_date", label="事件日期", errors=errors)
        if self.event_type and self.event_type not in PLAN_EVENTS.get(plan.kind, ()):
            errors.setdefault("event_type", []).append(
                f"“{plan.get_kind_display()}”计划不保障{self.get_event_type_display()}"
            )
        if not enrolment.starts_on <= self.event_date <= enrolment.ends_on:
            errors.setdefault("event_date", []).append(f"不在保障期内（{enrolment.period_label}）")
        elif self.member.first_time and self.event_date < enrolment.starts_on + timedelta(days=plan.waiting_days):
            last_day = chinese(enrolment.starts_on + timedelta(days=plan.waiting_days - 1))
            errors.setdefault("event_date", []).append(
                f"首次参保的等待期（{plan.waiting_days} 天，至{last_day}）内发生，不予给付"
            )
        deadline = enrolment.ends_on + timedelta(days=plan.claim_deadline_days)
        if self.filed_on and self.filed_on > deadline:
            errors.setdefault("filed_on", []).append(f"已超过申领期限（{chinese(deadline)}）")
        if errors:
            raise ValidationError(errors)

    def required_documents(self) -> list[str]:
        return list(
            RequiredDocument.objects.filter(plan_id=self.member.enrolment.plan_id, event_type=self.event_type)
            .order_by("sort", "id")
            .values_list("name", flat=True)
        )

    def missing_documents(self) -> list[str]:
        given = set(self.documents or [])
        return [name for name in self.required_documents() if name not in given]

    def cap(self) -> Decimal:
        enrolment = self.member.enrolment
        return q2(enrolment.plan.cap * enrolment.shares)

    def approved_before(self) -> Decimal:
        """What this member's other claims in the same enrolment were granted."""
        total = (
            Claim.objects.filter(member=self.member, status__in=[self.Status.APPROVED, self.Status.PAID])
            .exclude(pk=self.pk)
            .aggregate(s=Sum("amount_approved"))["s"]
        )
        return total or Decimal("0")


# =================================================================================================
# 困难职工帮扶
# =================================================================================================
class ReliefPolicy(BaseModel):
    """The dated relief standard of an org and everything below it: the 低保 line and the rules
    expressed against it. Other localities' practice is the default (research/domain-wave2 §2)."""

    org = models.ForeignKey(Org, verbose_name="适用组织（含下级）", on_delete=models.PROTECT, related_name="+")
    effective_from = models.DateField("执行日期")
    subsistence_line = models.DecimalField("城市低保标准（元/人/月）", **MONEY)
    relative_multiple = models.DecimalField(
        "相对困难倍数", max_digits=4, decimal_places=2, default=Decimal("2"), validators=[MinValueValidator(1)]
    )
    accident_ratio = models.DecimalField(
        "意外致困比例",
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.80"),
        help_text="致困费用超过家庭年收入的比例",
    )
    exit_months = models.PositiveSmallIntegerField("脱困需连续高于低保（月）", default=6)
    review_months = models.PositiveSmallIntegerField("复核周期（月）", default=12)
    living_months_deep = models.PositiveSmallIntegerField("深度困难生活救助上限（月低保）", default=12)
    living_months_other = models.PositiveSmallIntegerField("其他生活救助上限（月低保）", default=10)
    study_months = models.PositiveSmallIntegerField("助学上限（月低保/人/年）", default=10)
    medical_cap = models.DecimalField("医疗救助上限（元/户/年）", default=Decimal("20000"), **MONEY)
    temporary_cap = models.DecimalField("临时救助上限（元/户/年）", default=Decimal("3000"), **MONEY)
    warmth_cap = models.DecimalField("送温暖慰问上限（元/户/年）", default=Decimal("2000"), **MONEY)
    relative_one_kind = models.BooleanField("相对困难家庭每年限一类救助", default=True)

    scope: ClassVar[ScopeSpec] = ScopeSpec(path=None)

    class Meta(BaseModel.Meta):
        verbose_name = "救助标准"
        verbose_name_plural = "救助标准"
        ordering = ["-effective_from", "-id"]
        constraints = [models.UniqueConstraint(fields=["org", "effective_from"], name="relief_policy_once")]

    def __str__(self) -> str:
        return f"{self.org} {chinese(self.effective_from)}起 低保{self.subsistence_line}元"

    def clean(self) -> None:
        if self.subsistence_line is not None and self.subsistence_line <= 0:
            raise ValidationError({"subsistence_line": "低保标准应大于 0"})
        if self.accident_ratio is not None and not Decimal("0") < self.accident_ratio <= Decimal("1"):
            raise ValidationError({"accident_ratio": "比例应在 0 到 1 之间"})

    @classmethod
    def for_org(cls, org: Org | None, day: date) -> ReliefPolicy | None:
        """The policy in force on `day` for `org`: its own, else the nearest org above's."""
        if org is None:
            return None
        ancestors = [org.path[:i] for i in range(len(org.path), 0, -Org.steplen)]
        rows = list(cls.objects.filter(org__path__in=ancestors, effective_from__lte=day).select_related("org"))
        rows.sort(key=lambda p: (len(p.org.path), p.effective_from), reverse=True)
        return rows[0] if rows else None


class Category(models.TextChoices):
    DEEP = "deep", "深度困难"
    RELATIVE = "relative", "相对困难"
    ACCIDENT = "accident", "意外致困"
    NONE = "none", "不符合建档条件"


class HardshipFile(WorkflowMixin, SoftDeleteModel):
    """一户一档: a worker's household file. The category is derived from the incomes against the
    dated 低保 line; a file reaches 在档 only with the home visit, the signed authorisation, the
    income check and a finished 公示. One open file per person and per household."""

    class Status(models.TextChoices):
        APPLIED = "applied", "申请"
        VISITING = "visiting", "入户调查"
        CHECKING = "checking", "核对"
        PUBLICITY = "publicity", "公示"
        FILED = "filed", "在档"
        EXITED = "exited", "脱困"
        RELIEVED = "relieved", "解困"
        WITHDRAWN = "withdrawn", "退档"
        CANCELLED = "cancelled", "注销"

    OPEN = (Status.APPLIED, Status.VISITING, Status.CHECKING, Status.PUBLICITY, Status.FILED)

    class Cause(models.TextChoices):
        ILLNESS = "illness", "因病"
        DISABILITY = "disability", "因残"
        SCHOOLING = "schooling", "子女就学"
        SINGLE = "single", "单亲"
        UNEMPLOYMENT = "unemployment", "失业"
        ACCIDENT = "accident", "意外事故或灾害"
        OTHER = "other", "其他"

    person = models.ForeignKey(Person, verbose_name="困难职工", on_delete=models.PROTECT, related_name="hardship_files")
    household_size = models.PositiveSmallIntegerField(
        "家庭人口", validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    annual_income = models.DecimalField("家庭年可支配收入（元）", **MONEY)
    rigid_expense = models.DecimalField("刚性支出（元/年）", default=Decimal("0"), **MONEY)
    hardship_expense = models.DecimalField("致困费用（元/年）", default=Decimal("0"), **MONEY)
    major_event = models.BooleanField("遭遇重大事故、灾害或公共安全事件", default=False)
    cause = models.CharField("主要致困原因", max_length=14, choices=Cause.choices)
    migrant = models.BooleanField("困难农民工", default=False)
    labour_since = models.DateField("劳动关系起始", null=True, blank=True, help_text="农民工须满一年")
    bank_account = EncryptedTextField("救助金银行账号", blank=True)
    assessed_on = models.DateField("核定日期", default=today)
    category = models.CharField("困难类别", max_length=10, choices=Category.choices, editable=False)
    visit_on = models.DateField("入户调查日期", null=True, blank=True)
    visit_record = models.TextField("入户调查记录", blank=True)
    authorisation_signed = models.BooleanField("已签经济状况核对授权书", default=False)
    income_checked_on = models.DateField("经济状况核对日期", null=True, blank=True)
    income_check_result = models.CharField("核对结果", max_length=200, blank=True)
    publicity_starts = models.DateField("公示开始", null=True, blank=True)
    publicity_ends = models.DateField("公示结束", null=True, blank=True)
    filed_on = models.DateField("建档日期", null=True, blank=True, editable=False)
    closed_on = models.DateField("退出日期", null=True, blank=True, editable=False)
    status = status_field(Status.choices, Status.APPLIED)
    status_tones: ClassVar[dict[str, str]] = {
        "visiting": "azure",
        "checking": "azure",
        "publicity": "azure",
        "filed": "green",
        "exited": "secondary",
        "relieved": "green",
    }
    org = models.ForeignKey(Org, verbose_name="所属工会", on_delete=models.PROTECT, related_name="+", blank=True)

    pii_fields: ClassVar[tuple[str, ...]] = ("bank_account",)
    org_from: ClassVar[str] = "person"
    transitions: ClassVar[dict[str, Transition]] = {
        "visit": Transition("开始入户调查", [Status.APPLIED], Status.VISITING),
        "check": Transition("提交核对", [Status.VISITING], Status.CHECKING, guard=lambda f: f.visit_problem()),
        "publicize": Transition("公示", [Status.CHECKING], Status.PUBLICITY, guard=lambda f: f.check_problem()),
        "file": Transition(
            "公示期满，建档",
            [Status.PUBLICITY],
            Status.FILED,
            perm="review",
            guard=lambda f: f.file_problem(),
            stamp="filed_on",
            style="success",
        ),
        "exit": Transition(
            "脱困", [Status.FILED], Status.EXITED, perm="review", guard=lambda f: f.exit_problem(), stamp="closed_on"
        ),
        "relieve": Transition(
            "解困", [Status.FILED], Status.RELIEVED, perm="review", comment_required=True, stamp="closed_on"
        ),
        "withdraw": Transition(
            "退档",
            [Status.FILED],
            Status.WITHDRAWN,
            perm="review",
            comment_required=True,
            stamp="closed_on",
            style="danger",
        ),
        "cancel": Transition(
            "注销",
            list(OPEN),
            Status.CANCELLED,
            perm="review",
            comment_required=True,
            stamp="closed_on",
            style="danger",
        ),
    }
    editable_statuses = (Status.APPLIED, Status.VISITING, Status.CHECKING, Status.FILED)

    str_select: ClassVar[tuple[str, ...]] = ("person",)

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "困难职工档案"
        verbose_name_plural = "困难职工档案"
        ordering = ["-id"]
        default_permissions = (*KIT_ACTIONS, "review", "view_pii")  # type: ignore[assignment]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(deleted_at__isnull=True)
                & Q(status__in=["applied", "visiting", "checking", "publicity", "filed"]),
                name="hardship_one_open_file",
                violation_error_message="该职工已有未结的困难档案（一户一档）",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}家庭"

    # --- derived --------------------------------------------------------------------------------
    def policy(self) -> ReliefPolicy | None:
        return ReliefPolicy.for_org(self.org if self.org_id else None, self.assessed_on or today())

    def per_capita_month(self) -> Decimal | None:
        if self.annual_income is None or not self.household_size:
            return None
        return q2((self.annual_income - (self.rigid_expense or 0)) / 12 / self.household_size)

    def derive_category(self, policy: ReliefPolicy) -> str:
        income = self.annual_income or Decimal("0")
        if self.major_event or (self.hardship_expense or 0) > policy.accident_ratio * income:
            return Category.ACCIDENT
        per_capita = self.per_capita_month() or Decimal("0")
        if per_capita < policy.subsistence_line:
            return Category.DEEP
        if per_capita < policy.relative_multiple * policy.subsistence_line:
            return Category.RELATIVE
        return Category.NONE

    def clean_fields(self, exclude: Any = None) -> None:
        if not self.category:
            self.category = Category.NONE
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        policy = self.policy()
        if policy is None:
            errors["assessed_on"] = ["尚未设置适用的救助标准（低保标准），请先在“救助标准”中登记"]
        else:
            self.category = self.derive_category(policy)
        if self.migrant:
            since = self.labour_since
            if since is None or add_months(since, 12) > (self.assessed_on or today()):
                errors["labour_since"] = ["困难农民工须与用人单位建立劳动关系满一年"]
        check_order(
            self.publicity_starts,
            self.publicity_ends,
            end_field="publicity_ends",
            message="公示结束不能早于开始",
            errors=errors,
        )
        check_not_future(self.visit_on, field="visit_on", label="入户调查日期", errors=errors)
        if self.person_id and self.status in self.OPEN:
            clash = HouseholdMember.open_files_naming(self.person_id, exclude_file=self.pk)
            if clash:
                errors["person"] = [f"该职工已是“{clash}”的家庭成员（一户一档）"]
        if errors:
            raise ValidationError(errors)

    # --- guards ---------------------------------------------------------------------------------
    def visit_problem(self) -> str | None:
        if not (self.visit_on and self.visit_record.strip()):
            return "请先登记入户调查日期和调查记录"
        if not self.authorisation_signed:
            return "请先取得职工签字的家庭经济状况核对授权书"
        return None

    def check_problem(self) -> str | None:
        if not (self.income_checked_on and self.income_check_result.strip()):
            return "请先登记经济状况核对的日期和结果"
        if not (self.publicity_starts and self.publicity_ends):
            return "请先填写公示起止日期"
        if self.category == Category.NONE:
            return "按救助标准核定不符合建档条件"
        return None

    def file_problem(self) -> str | None:
        problem = self.visit_problem() or self.check_problem()
        if problem:
            return problem
        if self.publicity_ends and today() <= self.publicity_ends:
            return f"公示期至{chinese(self.publicity_ends)}，期满后才能建档"
        return None

    def exit_problem(self) -> str | None:
        policy = self.policy()
        months = policy.exit_months if policy else 6
        if self.months_above_line() < months:
            return f"家庭人均收入须连续 {months} 个月高于低保标准才能脱困"
        return None

    def months_above_line(self) -> int:
        """Consecutive months, ending with the latest check, whose per-capita income was above the
        低保 line in force that month."""
        n = 0
        expected: date | None = None
        for check in self.income_checks.order_by("-month"):
            if expected is not None and check.month != expected:
                break
            policy = ReliefPolicy.for_org(self.org, check.month)
            if policy is None or check.per_capita_income <= policy.subsistence_line:
                break
            n += 1
            expected = add_months(check.month, -1)
        return n

    def review_due(self) -> date | None:
        """Every 在档 file is reviewed within the policy's cycle from its filing or last review."""
        if self.status != self.Status.FILED or self.filed_on is None:
            return None
        last = self.reviews.order_by("-reviewed_on").values_list("reviewed_on", flat=True).first()
        policy = self.policy()
        return add_months(last or self.filed_on, policy.review_months if policy else 12)


class HouseholdMember(BaseModel):
    """A member of the household (the worker himself is the file's person)."""

    class Relation(models.TextChoices):
        SPOUSE = "spouse", "配偶"
        CHILD = "child", "子女"
        PARENT = "parent", "父母"
        OTHER = "other", "其他"

    file = models.ForeignKey(HardshipFile, verbose_name="档案", on_delete=models.CASCADE, related_name="household")
    name = models.CharField("姓名", max_length=50)
    relation = models.CharField("与职工关系", max_length=8, choices=Relation.choices)
    id_number = EncryptedTextField("公民身份号码", blank=True)
    id_number_bidx = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    income = models.DecimalField("年收入（元）", default=Decimal("0"), **MONEY)
    note = models.CharField("情况说明", max_length=100, blank=True, help_text="在读、患病、残疾等")

    pii_fields: ClassVar[tuple[str, ...]] = ("id_number",)
    scope: ClassVar[ScopeSpec] = ScopeSpec(path="file__org__path", org="file__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "家庭成员"
        verbose_name_plural = "家庭成员"
        ordering = ["file", "id"]
        default_permissions = (*KIT_ACTIONS, "view_pii")  # type: ignore[assignment]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_relation_display()}）"

    def clean(self) -> None:
        self.id_number = normalize_id_number(self.id_number or "")
        if self.id_number:
            validate_id_number(self.id_number)
        self.id_number_bidx = blind_index(self.id_number, kind="id_number") if self.id_number else ""
        if self.id_number_bidx and self.file_id:
            other = (
                HouseholdMember.objects.filter(
                    id_number_bidx=self.id_number_bidx,
                    file__status__in=HardshipFile.OPEN,
                    file__deleted_at__isnull=True,
                )
                .exclude(file_id=self.file_id)
                .select_related("file__person")
                .first()
            )
            worker = Person.objects.filter(id_number_bidx=self.id_number_bidx).first()
            open_as_worker = (
                worker is not None
                and HardshipFile.objects.filter(person=worker, status__in=HardshipFile.OPEN)
                .exclude(pk=self.file_id)
                .exists()
            )
            if other is not None or open_as_worker:
                raise ValidationError({"id_number": "此人已在另一份未结的困难档案中（一户一档）"})

    @staticmethod
    def open_files_naming(person_id: Any, *, exclude_file: Any = None) -> HardshipFile | None:
        """An open file listing this worker as a household member."""
        bidx = Person.all_objects.filter(pk=person_id).values_list("id_number_bidx", flat=True).first()
        if not bidx:
            return None
        member = (
            HouseholdMember.objects.filter(
                id_number_bidx=bidx, file__status__in=HardshipFile.OPEN, file__deleted_at__isnull=True
            )
            .exclude(file_id=exclude_file)
            .select_related("file__person")
            .first()
        )
        return member.file if member is not None else None


class IncomeCheck(BaseModel):
    """A month's per-capita income of a filed household (for 脱困: N consecutive months above 低保)."""

    file = models.ForeignKey(HardshipFile, verbose_name="档案", on_delete=models.CASCADE, related_name="income_checks")
    month = models.DateField("月份", help_text="该月 1 日")
    per_capita_income = models.DecimalField("家庭人均月收入（元）", **MONEY)

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="file__org__path", org="file__org_id")

    str_select: ClassVar[tuple[str, ...]] = ("file__person",)

    class Meta(BaseModel.Meta):
        verbose_name = "收入核查"
        verbose_name_plural = "收入核查"
        ordering = ["file", "-month"]
        constraints = [models.UniqueConstraint(fields=["file", "month"], name="income_check_once_a_month")]

    def __str__(self) -> str:
        return f"{self.file} {self.month:%Y年%m月}"

    def clean(self) -> None:
        if self.month:
            self.month = check_month(self.month)


class FileReview(BaseModel):
    """年度复核 of a filed household."""

    class Result(models.TextChoices):
        CONTINUE = "continue", "继续在档"
        RECATEGORISE = "recategorise", "调整类别"
        PROPOSE_EXIT = "exit", "建议退出"

    file = models.ForeignKey(HardshipFile, verbose_name="档案", on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField("复核日期")
    result = models.CharField("复核结论", max_length=14, choices=Result.choices)
    notes = models.TextField("复核情况", blank=True)

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="file__org__path", org="file__org_id")

    str_select: ClassVar[tuple[str, ...]] = ("file__person",)

    class Meta(BaseModel.Meta):
        verbose_name = "年度复核"
        verbose_name_plural = "年度复核"
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.file} {chinese(self.reviewed_on)}复核"

    def clean(self) -> None:
        check_not_future(self.reviewed_on, field="reviewed_on", label="复核日期")
        if self.file_id and self.file.status != HardshipFile.Status.FILED:
            raise ValidationError({"file": "只有在档的档案需要复核"})


class AidRecord(BaseModel):
    """帮扶记录: aid given to a filed household, from the union, the grassroots or society (the
    bulletin's cooperating model), within the caps of the relief policy."""

    class Kind(models.TextChoices):
        LIVING = "living", "生活救助"
        MEDICAL = "medical", "医疗救助"
        STUDY = "study", "助学"
        TEMPORARY = "temporary", "临时救助"
        WARMTH = "warmth", "送温暖慰问"

    class Source(models.TextChoices):
        UNION = "union", "工会救助"
        GRASSROOTS = "grassroots", "基层协助"
        SOCIETY = "society", "社会（企业）参与"

    file = models.ForeignKey(HardshipFile, verbose_name="档案", on_delete=models.PROTECT, related_name="aid")
    kind = models.CharField("救助类别", max_length=10, choices=Kind.choices)
    amount = models.DecimalField("金额（元）", **MONEY)
    source = models.CharField("资金来源", max_length=10, choices=Source.choices, default=Source.UNION)
    given_on = models.DateField("发放日期")
    approver = models.CharField("审批人", max_length=50)

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="file__org__path", org="file__org_id")

    str_select: ClassVar[tuple[str, ...]] = ("file__person",)

    class Meta(BaseModel.Meta):
        verbose_name = "帮扶记录"
        verbose_name_plural = "帮扶记录"
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"{self.file} {self.get_kind_display()} {self.amount}元"

    def clean(self) -> None:
        if not (self.file_id and self.kind and self.amount is not None and self.given_on):
            return
        errors: dict[str, Any] = {}
        if self.amount <= 0:
            errors["amount"] = ["金额应大于 0"]
        check_not_future(self.given_on, field="given_on", label="发放日期", errors=errors)
        file = self.file
        if file.status != HardshipFile.Status.FILED and self.kind not in (self.Kind.TEMPORARY, self.Kind.WARMTH):
            errors["file"] = ["只有在档的困难家庭可以领取该类救助"]
        policy = ReliefPolicy.for_org(file.org, self.given_on)
        if policy is None:
            errors["given_on"] = ["发放日期没有适用的救助标准"]
        if errors:
            raise ValidationError(errors)
        assert policy is not None
        year = AidRecord.objects.filter(file=file, given_on__year=self.given_on.year).exclude(pk=self.pk)
        so_far = year.filter(kind=self.kind).aggregate(s=Sum("amount"))["s"] or Decimal("0")
        cap = self.cap(policy, file.category)
        if cap is not None and so_far + self.amount > cap:
            total = so_far + self.amount
            raise ValidationError(
                {"amount": f"{self.get_kind_display()}本年累计 {total} 元，超过上限 {cap} 元（救助标准）"}
            )
        if policy.relative_one_kind and file.category == Category.RELATIVE:
            other = year.exclude(kind=self.kind).values_list("kind", flat=True).first()
            if other is not None:
                raise ValidationError({"kind": f"相对困难家庭每年限一类救助，本年已领取{self.Kind(other).label}"})

    def cap(self, policy: ReliefPolicy, category: str) -> Decimal | None:
        line = policy.subsistence_line
        if self.kind == self.Kind.LIVING:
            months = policy.living_months_deep if category == Category.DEEP else policy.living_months_other
            return q2(line * months)
        if self.kind == self.Kind.STUDY:
            return q2(line * policy.study_months)
        caps: dict[str, Decimal] = {
            self.Kind.MEDICAL: policy.medical_cap,
            self.Kind.TEMPORARY: policy.temporary_cap,
            self.Kind.WARMTH: policy.warmth_cap,
        }
        return caps.get(self.kind)


# =================================================================================================
# 职工志愿服务
# =================================================================================================
class VolunteerTeam(SoftDeleteModel):
    """职工志愿服务队 (a stock: "117 支" counts the teams active on the date)."""

    class Level(models.TextChoices):
        CORPS = "corps", "总队"
        BRANCH = "branch", "支队"
        UNIT = "unit", "企业（基层）服务队"

    class Speciality(models.TextChoices):
        CARE = "care", "帮扶关爱"
        LEGAL = "legal", "法律服务"
        PSYCHOLOGY = "psychology", "心理疏导"
        EMPLOYMENT = "employment", "就业指导"
        SKILLS = "skills", "技能传授"
        CULTURE = "culture", "文体宣传"
        OTHER = "other", "其他"

    name = models.CharField("服务队名称", max_length=100)
    level = models.CharField("层级", max_length=8, choices=Level.choices, default=Level.UNIT)
    speciality = models.CharField("服务专长", max_length=12, choices=Speciality.choices)
    leader = models.ForeignKey(
        Person, verbose_name="队长", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    founded_on = models.DateField("成立日期")
    dissolved_on = models.DateField("撤销日期", null=True, blank=True)
    org = models.ForeignKey(Org, verbose_name="所属工会", on_delete=models.PROTECT, related_name="+")

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "志愿服务队"
        verbose_name_plural = "职工志愿服务队"
        ordering = ["-founded_on", "-id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        check_order(self.founded_on, self.dissolved_on, end_field="dissolved_on", message="撤销日期不能早于成立日期")


class Volunteer(BaseModel):
    """A worker registered as a volunteer of a team; his record holds the five categories of the
    志愿服务条例 Art 19: basic information (the worker), service (hours), training, awards, evaluations."""

    team = models.ForeignKey(VolunteerTeam, verbose_name="服务队", on_delete=models.PROTECT, related_name="volunteers")
    person = models.ForeignKey(Person, verbose_name="志愿者", on_delete=models.PROTECT, related_name="volunteering")
    number = models.CharField("志愿者编号", max_length=30, blank=True)
    joined_on = models.DateField("加入日期")
    left_on = models.DateField("退出日期", null=True, blank=True)

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="team__org__path", org="team__org_id", person="person_id")

    str_select: ClassVar[tuple[str, ...]] = ("person", "team")

    class Meta(BaseModel.Meta):
        verbose_name = "志愿者"
        verbose_name_plural = "志愿者"
        ordering = ["team", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "person"], name="volunteer_once", violation_error_message="该职工已是本队志愿者"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}（{self.team}）"

    def clean(self) -> None:
        check_order(self.joined_on, self.left_on, end_field="left_on", message="退出日期不能早于加入日期")

    def total_hours(self) -> Decimal:
        return self.hours.aggregate(s=Sum("hours"))["s"] or Decimal("0")


class VolunteerActivity(WorkflowMixin, BaseModel):
    """A service activity organised by a team; sign-ups with capacity (kit.signups). An activity
    that may endanger the volunteers is published only with its insurance (条例 Art 17)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "筹备中"
        PUBLISHED = "published", "已发布"
        CANCELLED = "cancelled", "已取消"

    team = models.ForeignKey(
        VolunteerTeam, verbose_name="组织服务队", on_delete=models.PROTECT, related_name="activities"
    )
    title = models.CharField("活动名称", max_length=150)
    campaign = models.ForeignKey(
        DictItem,
        verbose_name="主题行动",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to=dict_choices("volunteer_campaign"),
        related_name="+",
    )
    held_on = models.DateField("活动日期")
    place = models.CharField("地点", max_length=150)
    capacity = models.PositiveIntegerField("招募人数", null=True, blank=True, help_text="留空表示不限")
    beneficiaries = models.PositiveIntegerField("服务对象人数", default=0)
    risky = models.BooleanField("可能发生人身危险", default=False)
    insurance = models.CharField("意外保险", max_length=150, blank=True, help_text="保单号或投保说明")
    status = status_field(Status.choices, Status.DRAFT)

    transitions: ClassVar[dict[str, Transition]] = {
        "publish": Transition("发布", [Status.DRAFT], Status.PUBLISHED, guard=lambda a: a.publish_problem()),
        "cancel": Transition(
            "取消活动", [Status.DRAFT, Status.PUBLISHED], Status.CANCELLED, comment_required=True, style="danger"
        ),
    }
    scope: ClassVar[ScopeSpec] = ScopeSpec(path="team__org__path", org="team__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "志愿服务活动"
        verbose_name_plural = "志愿服务活动"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def open_to(cls, person: Any, day: Any = None) -> Any:
        """Published activities of his union's teams or of any union above it, not yet held."""
        if person is None or not person.org_id:
            return cls.objects.none()
        return cls.objects.filter(
            team__org__path__in=ancestor_paths(person.org.path),
            status=cls.Status.PUBLISHED,
            held_on__gte=day or today(),
        )

    def publish_problem(self) -> str | None:
        if self.risky and not self.insurance.strip():
            return "该活动可能发生人身危险，须先为志愿者购买意外保险并登记保单"
        return None


class ActivitySignup(BaseModel):
    """报名 of a worker to an activity (kit.signups: capacity, waiting list, promotion)."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", "已报名"
        WAITING = "waiting", "候补"
        CANCELLED = "cancelled", "已取消"

    activity = models.ForeignKey(
        VolunteerActivity, verbose_name="活动", on_delete=models.CASCADE, related_name="signups"
    )
    person = models.ForeignKey(Person, verbose_name="报名职工", on_delete=models.PROTECT, related_name="+")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.ENROLLED, editable=False)
    signed_up_at = models.DateTimeField("报名时间", editable=False, null=True)

    parent_field = "activity"
    capacity_attr = "capacity"
    scope: ClassVar[ScopeSpec] = ScopeSpec(path="person__org__path", org="person__org_id", person="person_id")

    str_select: ClassVar[tuple[str, ...]] = ("person", "activity")

    class Meta(BaseModel.Meta):
        verbose_name = "活动报名"
        verbose_name_plural = "志愿活动报名"
        ordering = ["activity", "signed_up_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "person"],
                name="activity_signup_once",
                violation_error_message="该职工已报名这个活动",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}（{self.activity}）"


class ServiceHours(BaseModel):
    """志愿服务时长 of a volunteer at an activity, recorded by the organising team only ("谁组织谁
    记录": the activity's scope), in hours."""

    activity = models.ForeignKey(VolunteerActivity, verbose_name="活动", on_delete=models.PROTECT, related_name="hours")
    volunteer = models.ForeignKey(Volunteer, verbose_name="志愿者", on_delete=models.PROTECT, related_name="hours")
    hours = models.DecimalField(
        "服务时长（小时）",
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("24"))],
    )
    note = models.CharField("服务内容", max_length=200, blank=True)

    scope: ClassVar[ScopeSpec] = ScopeSpec(
        path="activity__team__org__path", org="activity__team__org_id", person="volunteer__person_id"
    )

    str_select: ClassVar[tuple[str, ...]] = ("volunteer__person", "activity")

    class Meta(BaseModel.Meta):
        verbose_name = "服务时长"
        verbose_name_plural = "志愿服务时长"
        ordering = ["activity", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "volunteer"],
                name="hours_once",
                violation_error_message="该志愿者在本活动的时长已记录，如需更正请提交更正申请",
            )
        ]

    def __str__(self) -> str:
        return f"{self.volunteer.person} {self.activity} {self.hours}小时"

    def clean(self) -> None:
        if self.activity_id:
            if self.activity.status != VolunteerActivity.Status.PUBLISHED:
                raise ValidationError({"activity": "只能为已发布（已举行）的活动记录时长"})
            if self.activity.held_on > today():
                raise ValidationError({"activity": "活动尚未举行，不能记录时长"})


class VolunteerRecord(BaseModel):
    """The volunteer's training, awards and evaluations (service is the hours)."""

    class Kind(models.TextChoices):
        TRAINING = "training", "培训"
        AWARD = "award", "表彰奖励"
        EVALUATION = "evaluation", "评价"

    volunteer = models.ForeignKey(Volunteer, verbose_name="志愿者", on_delete=models.CASCADE, related_name="records")
    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    on = models.DateField("日期")
    content = models.CharField("内容", max_length=200)
    issuer = models.CharField("组织或授予单位", max_length=100, blank=True)

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="volunteer__team__org__path", org="volunteer__team__org_id")

    str_select: ClassVar[tuple[str, ...]] = ("volunteer__person",)

    class Meta(BaseModel.Meta):
        verbose_name = "志愿者记录"
        verbose_name_plural = "志愿者培训、表彰与评价"
        ordering = ["volunteer", "-on"]

    def __str__(self) -> str:
        return f"{self.volunteer.person} {self.get_kind_display()}：{self.content}"

    def clean(self) -> None:
        check_not_future(self.on, field="on", label="日期")


class HoursCorrection(WorkflowMixin, BaseModel):
    """更正申请: a volunteer asks for a wrong or missing record to be fixed; the organising team
    checks it and, when it approves, the hours change — logged like every write."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "待处理"
        APPLIED = "applied", "已更正"
        REJECTED = "rejected", "不予更正"

    record = models.ForeignKey(
        ServiceHours, verbose_name="时长记录", on_delete=models.CASCADE, related_name="corrections"
    )
    requested_hours = models.DecimalField(
        "申请更正为（小时）",
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("24"))],
    )
    reason = models.CharField("理由", max_length=200)
    status = status_field(Status.choices, Status.REQUESTED)
    status_tones: ClassVar[dict[str, str]] = {"applied": "green"}  # 已更正, not 已申请

    transitions: ClassVar[dict[str, Transition]] = {
        "apply": Transition("同意更正", [Status.REQUESTED], Status.APPLIED, perm="review", button=False),
        "reject": Transition("不予更正", [Status.REQUESTED], Status.REJECTED, perm="review", comment_required=True),
    }
    scope: ClassVar[ScopeSpec] = ScopeSpec(
        path="record__activity__team__org__path", org="record__activity__team__org_id"
    )

    str_select: ClassVar[tuple[str, ...]] = ("record__volunteer__person", "record__activity")

    class Meta(BaseModel.Meta):
        verbose_name = "时长更正申请"
        verbose_name_plural = "时长更正申请"
        ordering = ["-id"]
        default_permissions = (*KIT_ACTIONS, "review")  # type: ignore[assignment]

    def __str__(self) -> str:
        return f"{self.record}：更正为 {self.requested_hours} 小时"


class HoursCertificate(BaseModel):
    """志愿服务记录证明, issued free from recorded hours only, numbered and dated."""

    volunteer = models.ForeignKey(
        Volunteer, verbose_name="志愿者", on_delete=models.PROTECT, related_name="certificates"
    )
    number = models.CharField("证明编号", max_length=30, unique=True, editable=False)
    issued_on = models.DateField("开具日期", editable=False)
    period_start = models.DateField("统计起始")
    period_end = models.DateField("统计截止")
    total_hours = models.DecimalField("服务时长（小时）", max_digits=8, decimal_places=1, editable=False)
    activities = models.PositiveIntegerField("参加活动（次）", editable=False, default=0)

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="volunteer__team__org__path", org="volunteer__team__org_id")

    str_select: ClassVar[tuple[str, ...]] = ("volunteer__person",)

    class Meta(BaseModel.Meta):
        verbose_name = "志愿服务证明"
        verbose_name_plural = "志愿服务证明"
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.volunteer.person}"


# =================================================================================================
# 新就业形态劳动者
# =================================================================================================
class ServiceCampaign(BaseModel):
    """A service campaign for new-employment-form workers (e.g. "四赠送一建设"); what it gives is
    its catalogue of items, entered as data."""

    name = models.CharField("行动名称", max_length=100)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期", null=True, blank=True)
    description = models.TextField("内容", blank=True)
    org = models.ForeignKey(Org, verbose_name="组织单位", on_delete=models.PROTECT, related_name="+")

    class Meta(BaseModel.Meta):
        verbose_name = "服务行动"
        verbose_name_plural = "新就业形态服务行动"
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        check_order(self.starts_on, self.ends_on, end_field="ends_on", message="结束日期不能早于开始日期")


class CampaignItem(BaseModel):
    """An item of a campaign's catalogue: a gift or a service (赠送意外伤害保险、健康体检 …)."""

    campaign = models.ForeignKey(
        ServiceCampaign, verbose_name="服务行动", on_delete=models.CASCADE, related_name="items"
    )
    name = models.CharField("赠送项目", max_length=100)
    unit = models.CharField("计量单位", max_length=10, default="份")
    sort = models.PositiveSmallIntegerField("排序", default=0)

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="campaign__org__path", org="campaign__org_id")

    str_select: ClassVar[tuple[str, ...]] = ("campaign",)

    class Meta(BaseModel.Meta):
        verbose_name = "赠送项目"
        verbose_name_plural = "赠送项目"
        ordering = ["campaign", "sort", "id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "name"], name="campaign_item_once")]

    def __str__(self) -> str:
        return f"{self.campaign}：{self.name}"


class GiftDelivery(BaseModel):
    """What a worker received of an item, when."""

    item = models.ForeignKey(CampaignItem, verbose_name="赠送项目", on_delete=models.PROTECT, related_name="deliveries")
    person = models.ForeignKey(Person, verbose_name="受赠职工", on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField("数量", default=1, validators=[MinValueValidator(1)])
    given_on = models.DateField("日期")

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="item__campaign__org__path", org="item__campaign__org_id")

    str_select: ClassVar[tuple[str, ...]] = ("person", "item")

    class Meta(BaseModel.Meta):
        verbose_name = "赠送记录"
        verbose_name_plural = "赠送记录"
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"{self.person} {self.item.name}×{self.quantity}"

    def clean(self) -> None:
        check_not_future(self.given_on, field="given_on", label="日期")


class EducationBase(SoftDeleteModel):
    """An education base for new-employment-form workers (e.g. 交通安全警示教育基地), a venue
    with its sessions."""

    name = models.CharField("基地名称", max_length=150)
    theme = models.CharField("主题", max_length=100, help_text="如 交通安全警示教育")
    partner = models.CharField("共建单位", max_length=150, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    opened_on = models.DateField("建成日期")
    closed_on = models.DateField("撤销日期", null=True, blank=True)
    org = models.ForeignKey(Org, verbose_name="所属工会", on_delete=models.PROTECT, related_name="+")

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "教育基地"
        verbose_name_plural = "新就业形态教育基地"
        ordering = ["-opened_on", "-id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        check_order(self.opened_on, self.closed_on, end_field="closed_on", message="撤销日期不能早于建成日期")


class BaseSession(BaseModel):
    """A session held at a base: date, topic, partner, attendees."""

    base = models.ForeignKey(EducationBase, verbose_name="基地", on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField("日期")
    topic = models.CharField("主题", max_length=150)
    partner = models.CharField("合作单位或主讲", max_length=100, blank=True)
    attendees = models.PositiveIntegerField("参加人数", validators=[MaxValueValidator(100000)])

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="base__org__path", org="base__org_id")

    str_select: ClassVar[tuple[str, ...]] = ("base",)

    class Meta(BaseModel.Meta):
        verbose_name = "基地活动"
        verbose_name_plural = "教育基地活动"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.base} {chinese(self.held_on)} {self.topic}"

    def clean(self) -> None:
        check_not_future(self.held_on, field="held_on", label="日期")


# =================================================================================================
# 集体协商
# =================================================================================================
# The national rules (集体合同规定, 劳动合同法 Art 54) as defaults; a deployment may override any of
# them in settings.RIGHTS_BARGAINING (Jiangsu's 2023 条例 procedures are not public in detail).
BARGAINING_DEFAULTS: dict[str, Any] = {
    "reply_days": 20,  # 应约 in writing within 20 days of receiving the 要约书 (Art 32)
    "submit_days": 10,  # to 人社 within 10 days of the chiefs' signatures (Art 42)
    "review_days": 15,  # effective 15 days after receipt unless an objection (Art 47, 劳动合同法 Art 54)
    "renewal_months": 3,  # renewal may be asked within the 3 months before expiry (Art 38)
    "side_min": 3,
    "side_max": 10,  # 3–10 negotiators a side, equal numbers, one chief each (Art 8)
    "term_min_years": 1,
    "term_max_years": 3,  # term 1–3 years (Art 38)
    "star_scores": (70, 80, 90),  # 质效评估 score for 一星 / 二星 / 三星 (Nanjing's points are not public)
    "three_star_needs_two_star": True,  # Huai'an 2017: 三星 only after an earlier 二星
    "three_star_needs_wage_talks": True,  # … and a separate wage negotiation in the year
}


def bargaining_rule(name: str) -> Any:
    from django.conf import settings

    return getattr(settings, "RIGHTS_BARGAINING", {}).get(name, BARGAINING_DEFAULTS[name])


class Instructor(SoftDeleteModel):
    """集体协商指导员: hired by the union, full-time or part-time, for a term, assigned enterprises."""

    class Kind(models.TextChoices):
        FULL = "full", "专职"
        PART = "part", "兼职"

    name = models.CharField("姓名", max_length=50)
    person = models.ForeignKey(
        Person, verbose_name="对应职工", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField("类型", max_length=6, choices=Kind.choices)
    background = models.CharField("来源", max_length=100, blank=True, help_text="如 律师、高校教师、企业人力资源经理")
    appointed_on = models.DateField("聘任日期")
    term_ends_on = models.DateField("聘期届满")
    letter_no = models.CharField("聘书编号", max_length=50, blank=True)
    enterprises = models.ManyToManyField(Enterprise, verbose_name="联系指导的企业", blank=True, related_name="+")
    org = models.ForeignKey(Org, verbose_name="聘任工会", on_delete=models.PROTECT, related_name="+")

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "集体协商指导员"
        verbose_name_plural = "集体协商指导员"
        ordering = ["kind", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"

    def clean(self) -> None:
        check_order(self.appointed_on, self.term_ends_on, end_field="term_ends_on", message="聘期届满不能早于聘任日期")


class InstructorRecord(BaseModel):
    """An instructor's training or yearly assessment."""

    class Kind(models.TextChoices):
        TRAINING = "training", "培训"
        ASSESSMENT = "assessment", "年度考核"

    class Result(models.TextChoices):
        EXCELLENT = "excellent", "优秀"
        COMPETENT = "competent", "称职"
        BASIC = "basic", "基本称职"
        INCOMPETENT = "incompetent", "不称职"

    instructor = models.ForeignKey(Instructor, verbose_name="指导员", on_delete=models.CASCADE, related_name="records")
    kind = models.CharField("类别", max_length=12, choices=Kind.choices)
    on = models.DateField("日期")
    content = models.CharField("内容", max_length=200)
    result = models.CharField("考核结果", max_length=12, choices=Result.choices, blank=True)

    str_select: ClassVar[tuple[str, ...]] = ("instructor",)
    scope: ClassVar[ScopeSpec] = ScopeSpec(path="instructor__org__path", org="instructor__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "指导员培训与考核"
        verbose_name_plural = "指导员培训与考核"
        ordering = ["instructor", "-on"]

    def __str__(self) -> str:
        return f"{self.instructor} {self.get_kind_display()} {chinese(self.on)}"

    def clean(self) -> None:
        check_not_future(self.on, field="on", label="日期")
        if self.kind == self.Kind.ASSESSMENT and not self.result:
            raise ValidationError({"result": "年度考核请填写考核结果"})


class OfferCampaign(BaseModel):
    """要约行动: a season's campaign (春季 / 秋季) in which unions issue 要约书 to enterprises."""

    class Season(models.TextChoices):
        SPRING = "spring", "春季"
        AUTUMN = "autumn", "秋季"

    name = models.CharField("行动名称", max_length=100)
    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    season = models.CharField("季节", max_length=8, choices=Season.choices)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    org = models.ForeignKey(Org, verbose_name="组织工会", on_delete=models.PROTECT, related_name="+")

    class Meta(BaseModel.Meta):
        verbose_name = "要约行动"
        verbose_name_plural = "要约行动"
        ordering = ["-year", "-starts_on"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        check_order(self.starts_on, self.ends_on, end_field="ends_on", message="结束日期不能早于开始日期")


class Negotiation(WorkflowMixin, BaseModel):
    """One enterprise's bargaining, from the 要约书 to the contract published to its staff."""

    class Status(models.TextChoices):
        OFFERED = "offered", "已要约"
        ANSWERED = "answered", "已应约"
        REFUSED = "refused", "拒绝协商"
        NEGOTIATING = "negotiating", "协商中"
        SIGNED = "signed", "草案已签署"
        APPROVED = "approved", "职代会通过"
        SUBMITTED = "submitted", "已报送审查"
        OBJECTED = "objected", "审查有意见"
        EFFECTIVE = "effective", "已生效"
        PUBLISHED = "published", "已公布"

    class Initiator(models.TextChoices):
        UNION = "union", "职工方（工会）"
        EMPLOYER = "employer", "企业方"

    enterprise = models.ForeignKey(Enterprise, verbose_name="企业", on_delete=models.PROTECT, related_name="+")
    campaign = models.ForeignKey(
        OfferCampaign,
        verbose_name="要约行动",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="negotiations",
    )
    instructor = models.ForeignKey(
        Instructor, verbose_name="指导员", null=True, blank=True, on_delete=models.PROTECT, related_name="negotiations"
    )
    initiator = models.CharField("要约方", max_length=10, choices=Initiator.choices, default=Initiator.UNION)
    topics = models.TextField("协商议题", help_text="要约书写明的议题，如 工资调整、劳动定额、女职工权益")
    offer_on = models.DateField("要约书日期")
    received_on = models.DateField("对方收到日期")
    reply_on = models.DateField("应约日期", null=True, blank=True)
    refusal_reason = models.CharField("拒绝理由", max_length=200, blank=True)
    signed_on = models.DateField("草案签署日期", null=True, blank=True, help_text="双方首席代表签字")
    delegates_total = models.PositiveIntegerField("职工代表总数", null=True, blank=True)
    delegates_present = models.PositiveIntegerField("到会代表", null=True, blank=True)
    votes_for = models.PositiveIntegerField("赞成票", null=True, blank=True)
    submitted_on = models.DateField("报送人社日期", null=True, blank=True)
    labour_received_on = models.DateField("人社收到日期", null=True, blank=True)
    objection_on = models.DateField("审查意见书日期", null=True, blank=True, editable=False)
    published_on = models.DateField("向职工公布日期", null=True, blank=True, editable=False)
    status = status_field(Status.choices, Status.OFFERED)
    status_tones: ClassVar[dict[str, str]] = {
        "offered": "blue",
        "answered": "azure",
        "refused": "red",
        "negotiating": "azure",
        "signed": "azure",
        "objected": "orange",
        "effective": "green",
    }
    org = models.ForeignKey(Org, verbose_name="所属工会", on_delete=models.PROTECT, related_name="+", blank=True)

    str_select: ClassVar[tuple[str, ...]] = ("enterprise",)
    org_from: ClassVar[str] = "enterprise"
    transitions: ClassVar[dict[str, Transition]] = {
        "answer": Transition("应约", [Status.OFFERED], Status.ANSWERED, guard=lambda n: n.answer_problem()),
        "refuse": Transition("对方拒绝", [Status.OFFERED], Status.REFUSED, comment_required=True, style="danger"),
        "start": Transition("开始协商", [Status.ANSWERED], Status.NEGOTIATING),
        "sign": Transition("草案签署", [Status.NEGOTIATING], Status.SIGNED, guard=lambda n: n.sign_problem()),
        "approve": Transition(
            "职代会表决通过", [Status.SIGNED], Status.APPROVED, guard=lambda n: n.vote_problem(), style="success"
        ),
        "reject": Transition(
            "职代会未通过", [Status.SIGNED], Status.NEGOTIATING, comment_required=True, style="danger"
        ),
        "submit": Transition(
            "报送审查", [Status.APPROVED, Status.OBJECTED], Status.SUBMITTED, guard=lambda n: n.submit_problem()
        ),
        "object": Transition(
            "收到审查意见书",
            [Status.SUBMITTED],
            Status.OBJECTED,
            comment_required=True,
            stamp="objection_on",
            style="danger",
        ),
        "effect": Transition("期满生效", [Status.SUBMITTED], Status.EFFECTIVE, guard=lambda n: n.effect_problem()),
        "publish": Transition(
            "向职工公布", [Status.EFFECTIVE], Status.PUBLISHED, stamp="published_on", style="success"
        ),
    }
    scope: ClassVar[ScopeSpec] = ScopeSpec(path="org__path", org="org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "集体协商"
        verbose_name_plural = "集体协商"
        ordering = ["-offer_on", "-id"]

    def __str__(self) -> str:
        return f"{self.enterprise}（{chinese(self.offer_on)}要约）"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        check_order(
            self.offer_on,
            self.received_on,
            end_field="received_on",
            message="收到日期不能早于要约书日期",
            errors=errors,
        )
        check_order(
            self.received_on,
            self.reply_on,
            end_field="reply_on",
            message="应约日期不能早于收到要约书的日期",
            errors=errors,
        )
        check_order(
            self.signed_on,
            self.submitted_on,
            end_field="submitted_on",
            message="报送日期不能早于签署日期",
            errors=errors,
        )
        check_order(
            self.submitted_on,
            self.labour_received_on,
            end_field="labour_received_on",
            message="人社收到日期不能早于报送日期",
            errors=errors,
        )
        for name in ("offer_on", "reply_on", "signed_on", "submitted_on", "labour_received_on"):
            label = str(getattr(self._meta.get_field(name), "verbose_name", name))
            check_not_future(getattr(self, name), field=name, label=label, errors=errors)
        total, present, yes = self.delegates_total, self.delegates_present, self.votes_for
        if total is not None and present is not None and present > total:
            errors.setdefault("delegates_present", []).append("到会代表不能多于代表总数")
        if present is not None and yes is not None and yes > present:
            errors.setdefault("votes_for", []).append("赞成票不能多于到会代表")
        if errors:
            raise ValidationError(errors)

    # --- dates the rules give -------------------------------------------------------------------
    @property
    def reply_due(self) -> date | None:
        return self.received_on + timedelta(days=bargaining_rule("reply_days")) if self.received_on else None

    def reply_overdue(self, on: date | None = None) -> bool:
        """Past the reply day on `on` without an answer by then (a refusal is an answer)."""
        day, due = on or today(), self.reply_due
        if due is None or day <= due or self.offer_on > day:
            return False
        if self.reply_on is None:
            return self.status != self.Status.REFUSED
        return self.reply_on > day

    @property
    def submit_due(self) -> date | None:
        return self.signed_on + timedelta(days=bargaining_rule("submit_days")) if self.signed_on else None

    @property
    def effective_on(self) -> date | None:
        if self.labour_received_on is None or (
            self.objection_on is not None and self.objection_on >= self.labour_received_on
        ):
            return None
        return self.labour_received_on + timedelta(days=bargaining_rule("review_days"))

    # --- guards ---------------------------------------------------------------------------------
    def answer_problem(self) -> str | None:
        return None if self.reply_on else "请先填写应约日期（书面应约）"

    def sign_problem(self) -> str | None:
        problem = Negotiator.team_problem(self)
        if problem:
            return problem
        if not self.meetings.exclude(minutes="").exists():
            return "请先登记协商会议及会议记录"
        if not self.signed_on:
            return "请填写双方首席代表签署草案的日期"
        return None

    def vote_passes(self) -> bool:
        total, present, yes = self.delegates_total or 0, self.delegates_present or 0, self.votes_for or 0
        return total > 0 and present * 3 >= total * 2 and yes * 2 > total

    def vote_problem(self) -> str | None:
        if not (self.delegates_total and self.delegates_present is not None and self.votes_for is not None):
            return "请先填写职工代表总数、到会代表和赞成票"
        if self.delegates_present * 3 < self.delegates_total * 2:
            return f"到会代表 {self.delegates_present} 人，不足代表总数 {self.delegates_total} 人的三分之二，表决无效"
        if self.votes_for * 2 <= self.delegates_total:
            return f"赞成票 {self.votes_for} 票，未超过代表总数 {self.delegates_total} 人的半数，草案未通过"
        return None

    def submit_problem(self) -> str | None:
        if not (self.submitted_on and self.labour_received_on):
            return "请填写报送人社的日期和人社收到的日期"
        if self.status == self.Status.OBJECTED and self.objection_on and self.labour_received_on <= self.objection_on:
            return "收到审查意见后须修改并重新报送（人社收到日期应晚于审查意见书日期）"
        return None

    def effect_problem(self) -> str | None:
        effective = self.effective_on
        if effective is None:
            return "尚未报送人社审查"
        if today() < effective:
            return f"人社收到后 {bargaining_rule('review_days')} 日内未提出异议方可生效，即{chinese(effective)}起"
        return None


class Negotiator(BaseModel):
    """协商代表: 3–10 a side, equal numbers, exactly one chief each."""

    class Side(models.TextChoices):
        WORKERS = "workers", "职工方"
        EMPLOYER = "employer", "企业方"

    negotiation = models.ForeignKey(
        Negotiation, verbose_name="集体协商", on_delete=models.CASCADE, related_name="negotiators"
    )
    side = models.CharField("代表方", max_length=10, choices=Side.choices)
    name = models.CharField("姓名", max_length=50)
    chief = models.BooleanField("首席代表", default=False)
    post = models.CharField("职务", max_length=50, blank=True)

    str_select: ClassVar[tuple[str, ...]] = ("negotiation",)
    scope: ClassVar[ScopeSpec] = ScopeSpec(path="negotiation__org__path", org="negotiation__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "协商代表"
        verbose_name_plural = "协商代表"
        ordering = ["negotiation", "side", "-chief", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["negotiation", "name"],
                name="negotiator_once",
                violation_error_message="同一次协商不能重复登记同一代表",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_side_display()}{'首席' if self.chief else ''}代表 {self.name}"

    @staticmethod
    def team_problem(negotiation: Negotiation) -> str | None:
        rows = list(negotiation.negotiators.values_list("side", "chief"))
        low, high = bargaining_rule("side_min"), bargaining_rule("side_max")
        sizes = {side: sum(1 for s, _c in rows if s == side) for side in Negotiator.Side.values}
        for side, label in Negotiator.Side.choices:
            if not low <= sizes[side] <= high:
                return f"{label}代表应为 {low}～{high} 人，现有 {sizes[side]} 人"
            chiefs = sum(1 for s, c in rows if s == side and c)
            if chiefs != 1:
                return f"{label}应有且只有一名首席代表，现有 {chiefs} 名"
        if sizes[Negotiator.Side.WORKERS] != sizes[Negotiator.Side.EMPLOYER]:
            return f"双方代表人数应相等（职工方 {sizes['workers']} 人，企业方 {sizes['employer']} 人）"
        return None


class NegotiationMeeting(BaseModel):
    """协商会议: date, minutes, and a 记录员 who is not a negotiator."""

    negotiation = models.ForeignKey(
        Negotiation, verbose_name="集体协商", on_delete=models.CASCADE, related_name="meetings"
    )
    held_on = models.DateField("会议日期")
    recorder = models.CharField("记录员", max_length=50, help_text="非协商代表")
    minutes = models.TextField("会议记录")

    str_select: ClassVar[tuple[str, ...]] = ("negotiation",)
    scope: ClassVar[ScopeSpec] = ScopeSpec(path="negotiation__org__path", org="negotiation__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "协商会议"
        verbose_name_plural = "协商会议"
        ordering = ["negotiation", "held_on"]

    def __str__(self) -> str:
        return f"{self.negotiation.enterprise} {chinese(self.held_on)}协商会议"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        check_not_future(self.held_on, field="held_on", label="会议日期", errors=errors)
        if self.negotiation_id:
            if self.held_on and self.negotiation.received_on and self.held_on < self.negotiation.received_on:
                errors.setdefault("held_on", []).append("协商会议不能早于收到要约书的日期")
            if self.recorder and self.negotiation.negotiators.filter(name=self.recorder.strip()).exists():
                errors.setdefault("recorder", []).append("记录员应由非协商代表担任")
        if errors:
            raise ValidationError(errors)


class ContractKind(models.TextChoices):
    COMPREHENSIVE = "comprehensive", "综合性集体合同"
    WAGE = "wage", "工资专项集体合同"
    SAFETY = "safety", "劳动安全卫生专项集体合同"
    WOMEN = "women", "女职工权益保护专项集体合同"
    OTHER = "other", "其他专项集体合同"
    TRADE = "trade", "行业性集体合同"
    AREA = "area", "区域性集体合同"


class CollectiveContract(SoftDeleteModel):
    """集体合同: an enterprise's (or, for a trade or area, a list of enterprises'), term 1–3 years."""

    kind = models.CharField("合同类型", max_length=14, choices=ContractKind.choices)
    negotiation = models.OneToOneField(
        Negotiation, verbose_name="集体协商", null=True, blank=True, on_delete=models.PROTECT, related_name="contract"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="企业", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    coverage = models.CharField(
        "行业或区域", max_length=100, blank=True, help_text="行业性、区域性合同必填，如 栖霞区快递行业"
    )
    covered = models.ManyToManyField(Enterprise, verbose_name="覆盖企业", blank=True, related_name="+")
    starts_on = models.DateField("生效日期")
    ends_on = models.DateField("期满日期")
    employees_covered = models.PositiveIntegerField("覆盖职工人数", default=0)
    wage_growth = models.DecimalField(
        "工资增长幅度（%）",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-50"))],
    )
    org = models.ForeignKey(Org, verbose_name="所属工会", on_delete=models.PROTECT, related_name="+")

    str_select: ClassVar[tuple[str, ...]] = ("enterprise",)

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "集体合同"
        verbose_name_plural = "集体合同"
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return f"{self.enterprise or self.coverage}{self.get_kind_display()}（{self.starts_on.year}）"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.kind in (ContractKind.TRADE, ContractKind.AREA):
            if not self.coverage.strip():
                errors["coverage"] = ["行业性、区域性集体合同须写明行业或区域"]
        elif not self.enterprise_id:
            errors["enterprise"] = ["请选择签订合同的企业"]
        if self.starts_on and self.ends_on:
            low, high = bargaining_rule("term_min_years"), bargaining_rule("term_max_years")
            shortest = add_months(self.starts_on, 12 * low) - timedelta(days=1)
            longest = add_months(self.starts_on, 12 * high) - timedelta(days=1)
            if not shortest <= self.ends_on <= longest:
                errors["ends_on"] = [f"集体合同期限为 {low}～{high} 年（至{chinese(shortest)}～{chinese(longest)}）"]
        if errors:
            raise ValidationError(errors)

    @property
    def renewal_opens(self) -> date:
        return add_months(self.ends_on, -bargaining_rule("renewal_months"))

    @classmethod
    def check_import_rows(cls, rows: list[tuple[int, Any]], user: Any) -> dict[int, dict[str, str]]:
        """A workbook carries no list of covered enterprises: trade and area contracts are entered
        on their page (where the list is required), not imported."""
        message = "行业性、区域性集体合同须列明覆盖的企业，请在页面上逐份录入"
        return {
            number: {"kind": message} for number, row in rows if row.kind in (ContractKind.TRADE, ContractKind.AREA)
        }


class StarRating(WorkflowMixin, BaseModel):
    """集体协商质效评估 of an enterprise for a year: the score (from the shared scoring sheet), the star
    level derived from it under the rules, confirmed by the district."""

    class Status(models.TextChoices):
        DRAFT = "draft", "待确认"
        CONFIRMED = "confirmed", "已确认"

    enterprise = models.ForeignKey(Enterprise, verbose_name="企业", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    score = models.DecimalField(
        "评估得分",
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    wage_talks = models.BooleanField("本年开展工资专项协商", default=False, editable=False)
    stars = models.PositiveSmallIntegerField("星级", default=0, editable=False)
    confirmed_on = models.DateField("确认日期", null=True, blank=True, editable=False)
    scoring_round = models.ForeignKey(
        "kit.ScoringRound",
        verbose_name="评估轮次",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    status = status_field(Status.choices, Status.DRAFT)
    status_tones: ClassVar[dict[str, str]] = {"confirmed": "green"}
    org = models.ForeignKey(Org, verbose_name="所属工会", on_delete=models.PROTECT, related_name="+", blank=True)

    str_select: ClassVar[tuple[str, ...]] = ("enterprise",)
    org_from: ClassVar[str] = "enterprise"
    transitions: ClassVar[dict[str, Transition]] = {
        "confirm": Transition(
            "确认星级", [Status.DRAFT], Status.CONFIRMED, perm="review", stamp="confirmed_on", style="success"
        ),
        "reopen": Transition("退回重评", [Status.CONFIRMED], Status.DRAFT, perm="review", comment_required=True),
    }
    editable_statuses = (Status.DRAFT,)

    class Meta(BaseModel.Meta):
        verbose_name = "质效评估"
        verbose_name_plural = "集体协商质效评估"
        ordering = ["-year", "-score"]
        default_permissions = (*KIT_ACTIONS, "review")  # type: ignore[assignment]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year"], name="rating_once_a_year", violation_error_message="该企业本年度已评估"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year}年 {self.get_stars_display()}"

    def get_stars_display(self) -> str:
        return f"{'一二三'[self.stars - 1]}星" if self.stars else "未达星级"

    def clean(self) -> None:
        if self.enterprise_id and self.year and self.score is not None:
            self.wage_talks = CollectiveContract.objects.filter(
                enterprise_id=self.enterprise_id, kind=ContractKind.WAGE, starts_on__year=self.year
            ).exists()
            self.stars = self.derive_stars()

    def derive_stars(self) -> int:
        thresholds = bargaining_rule("star_scores")
        stars = sum(1 for t in thresholds if self.score >= t)
        no_wage_talks = bargaining_rule("three_star_needs_wage_talks") and not self.wage_talks
        if stars == 3 and (
            no_wage_talks or (bargaining_rule("three_star_needs_two_star") and not self.earlier_two_star())
        ):
            stars = 2
        return stars

    def earlier_two_star(self) -> bool:
        return StarRating.objects.filter(
            enterprise_id=self.enterprise_id, year__lt=self.year, status=self.Status.CONFIRMED, stars__gte=2
        ).exists()


# =================================================================================================
# 安康·爱心驿站
# =================================================================================================
STATION_STARS_DEFAULT = (60, 70, 80, 90, 95)
# the amenity checklist a new deployment starts with (the dictionary "station_amenity", seeded by
# migration 0003; administrators may add or retire items)
STATION_AMENITIES = [
    ("indoor", "室内场所"),
    ("seats", "桌凳"),
    ("microwave", "微波炉"),
    ("water", "冷热饮水机"),
    ("aircon", "空调"),
    ("toilet", "洗手间"),
    ("firstaid", "应急药箱"),
    ("charging", "充电"),
    ("fridge", "冰箱"),
    ("reading", "阅览"),
]  # review score for 1 … 5 stars (settings.RIGHTS_STATION_STARS)


HOURS_RE = re.compile(r"^\s*(\d{1,2})[:：](\d{2})\s*[-–—~～至]\s*(\d{1,2})[:：](\d{2})\s*$")


class Station(SoftDeleteModel):
    """安康·爱心驿站 (户外劳动者服务站点): a unique code, its place in WGS-84 (converted for display),
    opening hours, amenities from the dictionary, a contact."""

    code = models.CharField("站点编号", max_length=30)
    name = models.CharField("站点名称", max_length=100)
    host = models.CharField("依托单位", max_length=100, blank=True)
    address = models.CharField("地址", max_length=200)
    subdistrict = models.ForeignKey(
        "core.Region",
        verbose_name="所在街道",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"level": 4},
        related_name="+",
    )
    longitude = models.DecimalField("经度（WGS-84）", max_digits=10, decimal_places=6)
    latitude = models.DecimalField("纬度（WGS-84）", max_digits=9, decimal_places=6)
    opened_on = models.DateField("投入使用日期")
    closed_on = models.DateField("撤销日期", null=True, blank=True)
    hours = models.CharField("开放时间", max_length=100, default="8:00-18:00")
    open_24h = models.BooleanField("24小时开放", default=False)
    amenities = models.ManyToManyField(
        DictItem,
        verbose_name="服务设施",
        blank=True,
        limit_choices_to=dict_choices("station_amenity"),
        related_name="+",
    )
    contact = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    org = models.ForeignKey(Org, verbose_name="所属工会", on_delete=models.PROTECT, related_name="+")

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "爱心驿站"
        verbose_name_plural = "安康·爱心驿站"
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(deleted_at__isnull=True),
                name="station_code_once",
                violation_error_message="站点编号已存在",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        check_order(
            self.opened_on, self.closed_on, end_field="closed_on", message="撤销日期不能早于投入使用日期", errors=errors
        )
        if self.longitude is not None and self.latitude is not None:
            for field, message in geo.check_point(float(self.longitude), float(self.latitude)).items():
                errors.setdefault(field, []).append(message)
        self.code = (self.code or "").strip().upper()
        if not self.open_24h and self.opening() is None:
            errors.setdefault("hours", []).append("开放时间请写成“8:00-18:00”的样子（全天开放请勾选“24小时开放”）")
        if errors:
            raise ValidationError(errors)

    def point(self, datum: str = "wgs84") -> tuple[float, float]:
        return geo.wgs84_to(datum, float(self.longitude), float(self.latitude))

    @property
    def navigate_url(self) -> str:
        """The link a phone opens to navigate here (the configured map app)."""
        return maps.navigate_url(self.name, float(self.longitude), float(self.latitude))

    def opening(self) -> tuple[time, time] | None:
        """The daily opening hours as two times, None when they cannot be read."""
        m = HOURS_RE.match(self.hours or "")
        if not m:
            return None
        h1, m1, h2, m2 = (int(g) for g in m.groups())
        if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2):
            return None
        return time(h1, m1), (time(23, 59, 59) if h2 == 24 else time(h2, m2))

    def in_use(self, on: date) -> bool:
        return self.opened_on <= on and (self.closed_on is None or self.closed_on >= on)

    def open_at(self, when: Any) -> bool:
        """In use that day and within its hours (a station closing after midnight counts both sides)."""
        if not self.in_use(when.date()):
            return False
        if self.open_24h:
            return True
        hours = self.opening()
        if hours is None:
            return False
        start, end = hours
        now = when.time()
        return start <= now < end if start <= end else (now >= start or now < end)


class StationVisit(BaseModel):
    """Visits to a station in a month."""

    station = models.ForeignKey(Station, verbose_name="站点", on_delete=models.CASCADE, related_name="visits")
    month = models.DateField("月份", help_text="该月 1 日")
    visits = models.PositiveIntegerField("服务人次", validators=[MaxValueValidator(1_000_000)])

    str_select: ClassVar[tuple[str, ...]] = ("station",)
    scope: ClassVar[ScopeSpec] = ScopeSpec(path="station__org__path", org="station__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "服务人次"
        verbose_name_plural = "驿站服务人次"
        ordering = ["station", "-month"]
        constraints = [models.UniqueConstraint(fields=["station", "month"], name="station_visits_once_a_month")]

    def __str__(self) -> str:
        return f"{self.station} {self.month:%Y年%m月}"

    def clean(self) -> None:
        if self.month:
            self.month = check_month(self.month)


class StationReview(BaseModel):
    """星级评定 of a station: the whole amenity checklist answered, the stars (1–5) at a level; a
    star lapses a year after the review unless reviewed again."""

    class Level(models.TextChoices):
        DISTRICT = "district", "区级"
        CITY = "city", "市级"
        PROVINCE = "province", "省级"

    station = models.ForeignKey(Station, verbose_name="站点", on_delete=models.CASCADE, related_name="reviews")
    level = models.CharField("评定层级", max_length=10, choices=Level.choices, default=Level.DISTRICT)
    reviewed_on = models.DateField("评定日期")
    checklist = models.JSONField("设施核查", default=dict, help_text="每一项服务设施：有 / 无")
    score = models.DecimalField("评定得分", max_digits=6, decimal_places=2, null=True, blank=True)
    stars = models.PositiveSmallIntegerField("星级", validators=[MinValueValidator(1), MaxValueValidator(5)])
    scoring_round = models.ForeignKey(
        "kit.ScoringRound",
        verbose_name="评定轮次",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    str_select: ClassVar[tuple[str, ...]] = ("station",)
    scope: ClassVar[ScopeSpec] = ScopeSpec(path="station__org__path", org="station__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "星级评定"
        verbose_name_plural = "驿站星级评定"
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.station} {self.get_level_display()}{self.stars}星（{chinese(self.reviewed_on)}）"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        check_not_future(self.reviewed_on, field="reviewed_on", label="评定日期", errors=errors)
        missing = checklists.unanswered("station_amenity", self.checklist, (True, False))
        if missing:
            errors.setdefault("checklist", []).append(f"设施核查须逐项填写，尚缺：{'、'.join(missing)}")
        if errors:
            raise ValidationError(errors)

    def valid_until(self) -> date:
        return add_months(self.reviewed_on, 12) - timedelta(days=1)


class StationTitle(BaseModel):
    """荣誉称号: 全国最美站点, 省五星级"安康·爱心驿站", 省级最美站点 …, with the year."""

    class Title(models.TextChoices):
        NATIONAL_BEST = "national_best", "全国最美工会户外劳动者服务站点"
        PROVINCE_FIVE_STAR = "province_five_star", "省五星级“安康·爱心驿站”"
        PROVINCE_BEST = "province_best", "省级最美站点"
        CITY_BEST = "city_best", "市级最美站点"

    station = models.ForeignKey(Station, verbose_name="站点", on_delete=models.CASCADE, related_name="titles")
    title = models.CharField("称号", max_length=20, choices=Title.choices)
    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    issuer = models.CharField("授予单位", max_length=100, blank=True)

    str_select: ClassVar[tuple[str, ...]] = ("station",)
    scope: ClassVar[ScopeSpec] = ScopeSpec(path="station__org__path", org="station__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "站点荣誉"
        verbose_name_plural = "驿站荣誉"
        ordering = ["-year", "title"]
        constraints = [models.UniqueConstraint(fields=["station", "title", "year"], name="station_title_once")]

    def __str__(self) -> str:
        return f"{self.station} {self.year}年{self.get_title_display()}"
