"""技能提升: the new-style mentorship pilot (师徒"传帮带"), the yearly selections of 职工优秀科技创新成果
and 先进操作法, training bases and classes (产业工人"火种"计划) with enrolment, attendance and skill
appraisal, and the innovation projects classes produced."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from core.models import DictItem, Enterprise, Org, Person, dict_choices
from kit.dates import check_not_future, check_order
from kit.models import BaseModel, SoftDeleteModel
from kit.scope import ScopeSpec, ancestor_paths
from kit.uploads import DOCUMENTS
from kit.workflow import Transition, WorkflowMixin, status_field


# --- mentorship ---------------------------------------------------------------------------------
class MentorshipPilot(SoftDeleteModel):
    """A mentorship pilot in one enterprise, with its responsibility system (帮带目标责任制)."""

    name = models.CharField("试点名称", max_length=150)
    enterprise = models.ForeignKey(Enterprise, verbose_name="试点企业", on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField("开始日期")
    responsibility = models.TextField("帮带目标责任制", blank=True)
    org = models.ForeignKey(Org, verbose_name="所属工会", on_delete=models.PROTECT, related_name="+")

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "传帮带试点"
        verbose_name_plural = "传帮带试点"
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return self.name


class Mentorship(BaseModel):
    """师徒结对: one mentor, one apprentice, a chain type, signed goals, a term and assessments."""

    class Chain(models.TextChoices):
        PARTY = "party", "党员带会员"
        MODEL = "model", "劳模带班组长"
        LEADER = "leader", "班组长带技术员"

    class Result(models.TextChoices):
        EXCELLENT = "excellent", "优秀"
        PASS = "pass", "合格"
        FAIL = "fail", "不合格"

    pilot = models.ForeignKey(MentorshipPilot, verbose_name="试点", on_delete=models.CASCADE, related_name="pairs")
    mentor = models.ForeignKey(Person, verbose_name="师傅", on_delete=models.PROTECT, related_name="mentoring")
    apprentice = models.ForeignKey(Person, verbose_name="徒弟", on_delete=models.PROTECT, related_name="mentored_by")
    chain = models.CharField("帮带类型", max_length=10, choices=Chain.choices)
    goals = models.TextField("帮带目标（责任书）")
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    midterm = models.CharField("中期考核", max_length=10, choices=Result.choices, blank=True)
    final = models.CharField("期满考核", max_length=10, choices=Result.choices, blank=True)

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="pilot__org__path", org="pilot__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "师徒结对"
        verbose_name_plural = "师徒结对"
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.apprentice}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.mentor_id and self.mentor_id == self.apprentice_id:
            errors["apprentice"] = "师傅和徒弟不能是同一人"
        check_order(
            self.starts_on, self.ends_on, end_field="ends_on", message="结束日期不能早于开始日期", errors=errors
        )
        if self.apprentice_id and self.chain and self.starts_on and self.ends_on and "apprentice" not in errors:
            overlapping = Mentorship.objects.filter(
                apprentice_id=self.apprentice_id,
                chain=self.chain,
                starts_on__lte=self.ends_on,
                ends_on__gte=self.starts_on,
            ).exclude(pk=self.pk)
            other = overlapping.select_related("mentor").first()
            if other is not None:
                errors["apprentice"] = f"该徒弟在同一帮带类型中已有师傅（{other.mentor}），期间重叠"
        if errors:
            raise ValidationError(errors)


class Outcome(BaseModel):
    """A pair's outcome: a patent, an award, a title, a skill-level upgrade."""

    class Kind(models.TextChoices):
        PATENT = "patent", "发明专利"
        UTILITY = "utility", "实用新型专利"
        AWARD = "award", "获奖"
        TITLE = "title", "荣誉称号"
        UPGRADE = "upgrade", "技能等级晋升"

    mentorship = models.ForeignKey(
        Mentorship, verbose_name="师徒结对", on_delete=models.CASCADE, related_name="outcomes"
    )
    kind = models.CharField("成果类别", max_length=10, choices=Kind.choices)
    title = models.CharField(
        "名称", max_length=150, help_text="专利名称、奖项名称（如 市职工发明专利奖）、称号（如 市劳动模范）"
    )
    number = models.CharField("专利号/证书号", max_length=60, blank=True)
    person = models.ForeignKey(Person, verbose_name="获得者", on_delete=models.PROTECT, related_name="+")
    obtained_on = models.DateField("取得日期")

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="mentorship__pilot__org__path", org="mentorship__pilot__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "帮带成果"
        verbose_name_plural = "帮带成果"
        ordering = ["-obtained_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"

    def clean(self) -> None:
        check_not_future(self.obtained_on, field="obtained_on", label="取得日期")
        if (
            self.mentorship_id
            and self.person_id
            and self.person_id not in (self.mentorship.mentor_id, self.mentorship.apprentice_id)
        ):
            raise ValidationError({"person": "获得者应为该结对的师傅或徒弟"})


class EnterpriseResult(BaseModel):
    """A pilot enterprise's yearly figures (净利润、职工收入增长), with their source."""

    pilot = models.ForeignKey(MentorshipPilot, verbose_name="试点", on_delete=models.CASCADE, related_name="results")
    year = models.PositiveSmallIntegerField("年度")
    profit_growth = models.DecimalField("净利润增长（%）", max_digits=6, decimal_places=2)
    income_growth = models.DecimalField("职工收入增长（%）", max_digits=6, decimal_places=2)
    source = models.CharField("数据来源", max_length=150)

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="pilot__org__path", org="pilot__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "试点企业年度指标"
        verbose_name_plural = "试点企业年度指标"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["pilot", "year"],
                name="enterpriseresult_once_a_year",
                violation_error_message="该试点本年度已登记",
            )
        ]

    def __str__(self) -> str:
        return f"{self.pilot} {self.year}年"


# --- training -----------------------------------------------------------------------------------
class TrainingBase(SoftDeleteModel):
    """实训基地, with its partner college and plaque date."""

    name = models.CharField("基地名称", max_length=150)
    partner = models.CharField("合作院校", max_length=100)
    plaque_on = models.DateField("挂牌日期")
    capacity = models.PositiveIntegerField("年培训能力（人次）", null=True, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    org = models.ForeignKey(Org, verbose_name="所属组织", on_delete=models.PROTECT, related_name="+")

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "实训基地"
        verbose_name_plural = "实训基地"
        ordering = ["-plaque_on", "-id"]

    def __str__(self) -> str:
        return self.name


class TrainingClass(SoftDeleteModel):
    """班次. Capacity is enforced on enrolment (kit.signups): beyond it, the waiting list."""

    base = models.ForeignKey(TrainingBase, verbose_name="实训基地", on_delete=models.PROTECT, related_name="classes")
    name = models.CharField("班次名称", max_length=150)
    programme = models.CharField("培训项目", max_length=100, blank=True)
    starts_on = models.DateField("开班日期")
    ends_on = models.DateField("结业日期")
    teachers = models.CharField("授课教师", max_length=200, blank=True)
    curriculum = models.TextField("课程安排", blank=True)
    capacity = models.PositiveIntegerField("名额")
    org = models.ForeignKey(Org, verbose_name="所属组织", on_delete=models.PROTECT, related_name="+")

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "培训班次"
        verbose_name_plural = "培训班次"
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def open_to(cls, person: Any, day: Any = None) -> Any:
        """Classes a worker may sign up for (himself, or his union for him): run by his union or
        any union above it, not yet started."""
        if person is None or not person.org_id:
            return cls.objects.none()
        return cls.objects.filter(
            org__path__in=ancestor_paths(person.org.path), starts_on__gt=day or timezone.localdate()
        )

    def clean(self) -> None:
        check_order(self.starts_on, self.ends_on, end_field="ends_on", message="结业日期不能早于开班日期")
        if self.capacity is not None and self.capacity == 0:
            raise ValidationError({"capacity": "名额至少为 1"})


class Enrolment(BaseModel):
    """报名: enrolled (holds a place), waiting (候补), completed (结业 — counts as one 人次), cancelled."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", "已报名"
        WAITING = "waiting", "候补"
        COMPLETED = "completed", "已结业"
        CANCELLED = "cancelled", "已取消"

    training_class = models.ForeignKey(
        TrainingClass, verbose_name="班次", on_delete=models.CASCADE, related_name="enrolments"
    )
    person = models.ForeignKey(Person, verbose_name="学员", on_delete=models.PROTECT, related_name="enrolments")
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.ENROLLED, editable=False, db_index=True
    )
    status_tones: ClassVar[dict[str, str]] = {"completed": "green"}
    signed_up_at = models.DateTimeField("报名时间", default=timezone.now, editable=False)

    parent_field = "training_class"
    capacity_attr = "capacity"
    places_held_by = (Status.ENROLLED, Status.COMPLETED)  # a completed worker keeps his place (kit.signups)
    scope: ClassVar[ScopeSpec] = ScopeSpec(path="person__org__path", org="person__org_id", person="person_id")

    class Meta(BaseModel.Meta):
        verbose_name = "培训报名"
        verbose_name_plural = "培训报名"
        ordering = ["training_class", "signed_up_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["training_class", "person"],
                name="enrolment_once",
                violation_error_message="该职工已报名这个班次",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}（{self.training_class}）"


class Session(BaseModel):
    """课次: one teaching session of a class, for attendance."""

    training_class = models.ForeignKey(
        TrainingClass, verbose_name="班次", on_delete=models.CASCADE, related_name="sessions"
    )
    held_on = models.DateField("日期")
    topic = models.CharField("内容", max_length=150)

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="training_class__org__path", org="training_class__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "课次"
        verbose_name_plural = "课次"
        ordering = ["training_class", "held_on"]

    def __str__(self) -> str:
        return f"{self.training_class} {self.held_on:%m-%d} {self.topic}"


class Attendance(BaseModel):
    session = models.ForeignKey(Session, verbose_name="课次", on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey(Enrolment, verbose_name="学员", on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField("出勤", default=True)

    scope: ClassVar[ScopeSpec] = ScopeSpec(
        path="enrolment__person__org__path", org="enrolment__person__org_id", person="enrolment__person_id"
    )

    class Meta(BaseModel.Meta):
        verbose_name = "考勤"
        verbose_name_plural = "考勤"
        constraints = [models.UniqueConstraint(fields=["session", "enrolment"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.enrolment.person} {self.session}"

    def clean(self) -> None:
        if self.session_id and self.enrolment_id:
            if self.enrolment.training_class_id != self.session.training_class_id:
                raise ValidationError({"enrolment": "该学员没有报名这个班次"})
            if self.enrolment.status not in (Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED):
                raise ValidationError(
                    {"enrolment": f"该学员的报名状态为“{self.enrolment.get_status_display()}”，不能记考勤"}
                )


class Appraisal(BaseModel):
    """实操技能鉴定 result and certificate."""

    enrolment = models.OneToOneField(Enrolment, verbose_name="学员", on_delete=models.CASCADE, related_name="appraisal")
    level = models.ForeignKey(
        DictItem,
        verbose_name="鉴定等级",
        on_delete=models.PROTECT,
        limit_choices_to=dict_choices("skill_level"),
        related_name="+",
    )
    passed = models.BooleanField("通过", default=True)
    certificate_no = models.CharField("证书编号", max_length=50, blank=True)
    appraised_on = models.DateField("鉴定日期")

    scope: ClassVar[ScopeSpec] = ScopeSpec(
        path="enrolment__person__org__path", org="enrolment__person__org_id", person="enrolment__person_id"
    )

    class Meta(BaseModel.Meta):
        verbose_name = "技能鉴定"
        verbose_name_plural = "技能鉴定"
        ordering = ["-appraised_on", "-id"]

    def __str__(self) -> str:
        return f"{self.enrolment.person} {self.level}"

    def clean(self) -> None:
        if self.passed and not self.certificate_no:
            raise ValidationError({"certificate_no": "鉴定通过请填写证书编号"})


class InnovationProject(SoftDeleteModel):
    """创新改造项目 that came out of a class ("催化产生 N 个技术创新项目")."""

    name = models.CharField("项目名称", max_length=150)
    training_class = models.ForeignKey(
        TrainingClass,
        verbose_name="来源班次",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    enterprise = models.ForeignKey(Enterprise, verbose_name="实施企业", on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField("立项日期")
    result = models.TextField("成效", blank=True)
    org = models.ForeignKey(Org, verbose_name="所属工会", on_delete=models.PROTECT, related_name="+")

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "创新改造项目"
        verbose_name_plural = "创新改造项目"
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return self.name


# --- selections: 职工优秀科技创新成果 and 先进操作法 -------------------------------------------------
class SelectionRound(WorkflowMixin, BaseModel):
    """One year's selection: call for entries → review (eligibility, expert scores) → 公示 → award."""

    class Kind(models.TextChoices):
        INNOVATION = "innovation", "职工优秀科技创新成果"
        METHOD = "method", "先进操作法"

    class Status(models.TextChoices):
        CALL = "call", "征集中"
        REVIEW = "review", "评审中"
        PUBLICITY = "publicity", "公示中"
        AWARDED = "awarded", "已表彰"

    kind = models.CharField("类别", max_length=12, choices=Kind.choices)
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("评选名称", max_length=150)
    organisers = models.CharField("主办单位", max_length=200, default="区总工会、区人社局、区科技局")
    rules = models.TextField("评选办法", blank=True)
    quota = models.PositiveSmallIntegerField("入选名额")
    submission_closes = models.DateField("申报截止")
    publicity_starts = models.DateField("公示开始", null=True, blank=True)
    publicity_ends = models.DateField("公示结束", null=True, blank=True)
    scoring_round = models.OneToOneField(
        "kit.ScoringRound",
        verbose_name="专家评审轮次",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = status_field(Status.choices, Status.CALL)
    status_tones: ClassVar[dict[str, str]] = {"call": "blue", "publicity": "azure", "awarded": "green"}
    org = models.ForeignKey(Org, verbose_name="组织单位", on_delete=models.PROTECT, related_name="+")

    transitions: ClassVar[dict[str, Transition]] = {
        "review": Transition("截止申报、开始评审", [Status.CALL], Status.REVIEW),
        "publicize": Transition("发布公示", [Status.REVIEW], Status.PUBLICITY, guard=lambda r: r.publicity_problem()),
        "award": Transition(
            "公示期满、正式表彰", [Status.PUBLICITY], Status.AWARDED, guard=lambda r: r.award_problem(), style="success"
        ),
    }

    class Meta(BaseModel.Meta):
        verbose_name = "评选"
        verbose_name_plural = "成果与操作法评选"
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "org"],
                name="selection_once_a_year",
                violation_error_message="该组织本年度已有同类评选",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def publicity_problem(self) -> str | None:
        if self.scoring_round is None or self.scoring_round.status != "closed":
            return "专家评审尚未签字确认"
        if not self.publicity_starts or not self.publicity_ends:
            return "请先填写公示起止日期"
        if not self.submissions.filter(prize__gt="").exists():
            return "尚未确定拟表彰名单"
        return None

    def award_problem(self) -> str | None:
        if self.publicity_ends and timezone.localdate() <= self.publicity_ends:
            return f"公示期至 {self.publicity_ends:%Y年%m月%d日}，期满后才能正式表彰"
        if Objection.objects.filter(submission__round=self, resolved_on__isnull=True).exists():
            return "还有未处理的异议"
        return None


class Submission(BaseModel):
    """An enterprise union's entry, with eligibility check and, after review, its prize."""

    class Eligibility(models.TextChoices):
        PENDING = "pending", "待审查"
        ELIGIBLE = "eligible", "符合条件"
        INELIGIBLE = "ineligible", "不符合条件"

    class Prize(models.TextChoices):
        FIRST = "first", "一等奖"
        SECOND = "second", "二等奖"
        THIRD = "third", "三等奖"

    round = models.ForeignKey(SelectionRound, verbose_name="评选", on_delete=models.CASCADE, related_name="submissions")
    enterprise = models.ForeignKey(Enterprise, verbose_name="申报单位", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("成果/操作法名称", max_length=150)
    authors = models.ManyToManyField(Person, verbose_name="完成人", related_name="+")
    summary = models.TextField("主要内容与成效")
    attachment = models.FileField("申报材料", upload_to="skills/submissions/%Y/", blank=True, validators=[DOCUMENTS()])
    eligibility = models.CharField("资格审查", max_length=12, choices=Eligibility.choices, default=Eligibility.PENDING)
    eligibility_reason = models.CharField("审查意见", max_length=200, blank=True)
    prize = models.CharField("奖项", max_length=8, choices=Prize.choices, blank=True, editable=False)
    org = models.ForeignKey(Org, verbose_name="申报工会", on_delete=models.PROTECT, related_name="+", blank=True)

    # the submitting union sees its own entries; the organiser sees the round's (two roles, one scope each)
    scope: ClassVar[ScopeSpec] = ScopeSpec()

    class Meta(BaseModel.Meta):
        verbose_name = "申报"
        verbose_name_plural = "评选申报"
        ordering = ["round", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "enterprise", "title"],
                name="submission_once",
                violation_error_message="该单位已申报同名成果",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean_fields(self, exclude: Any = None) -> None:
        if self.enterprise_id and not self.org_id:
            self.org_id = self.enterprise.org_id
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        if self.eligibility == self.Eligibility.INELIGIBLE and not self.eligibility_reason:
            raise ValidationError({"eligibility_reason": "不符合条件时请写明理由"})
        if self.round_id and self._state.adding and self.round.status != SelectionRound.Status.CALL:
            raise ValidationError("申报已截止")


class Objection(BaseModel):
    """公示期异议 and how it was handled."""

    submission = models.ForeignKey(Submission, verbose_name="申报", on_delete=models.CASCADE, related_name="objections")
    raised_on = models.DateField("提出日期")
    content = models.TextField("异议内容")
    resolution = models.TextField("处理结果", blank=True)
    resolved_on = models.DateField("处理日期", null=True, blank=True)

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="submission__round__org__path", org="submission__round__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "公示异议"
        verbose_name_plural = "公示异议"
        ordering = ["-raised_on", "-id"]

    def __str__(self) -> str:
        return f"{self.submission} 异议（{self.raised_on:%Y-%m-%d}）"

    def clean(self) -> None:
        if self.resolved_on and not self.resolution:
            raise ValidationError({"resolution": "请填写处理结果"})
