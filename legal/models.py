"""法律援助: the "一庭三室" platform's cases, the lawyers and mediators who handle them, cross-region
cooperation with partner unions, legal check-ups of enterprises, legal-education sessions and the
centre's own construction standard.

The statutory limits (法律援助法 Art 43–44, 48; 劳动争议调解仲裁法 Art 14, 27, 29, 43, 47–50) are
`LIMITS` — each a number of days and whether they are natural or working days (working days read
the holiday table, `core.Holiday`); a deployment overrides any of them in settings.LEGAL_LIMITS.
Practice and sources: `research/domain-wave2.md` §7–§8.

Cases are the most confidential records of the platform: readable only by the lawyer or mediator
assigned (the "self" data scope follows `lawyer__user`), the legal-aid supervisors (a subtree
scope) and, in the portal, the applicant; every opening is logged (`LegalEntity.confidential`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from core import checklists
from core.models import DictItem, Enterprise, Org, Person, dict_choices
from kit.dates import Calendar, add_months, check_not_future, check_order, chinese, today
from kit.db import KIT_ACTIONS, BaseModel, SoftDeleteModel
from kit.scope import ScopeSpec
from kit.uploads import ATTACHMENTS
from kit.workflow import Transition, WorkflowMixin, status_field

AMOUNT: dict[str, Any] = {
    "max_digits": 14,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal("0"), message="金额不能为负数")],
}

# (days, "natural" | "working"); settings.LEGAL_LIMITS = {"arbitration_accept": (5, "working"), …}
LIMITS: dict[str, tuple[int, str]] = {
    "aid_decision": (7, "natural"),  # 法律援助法 Art 43: decide within 7 days of the application
    "assign": (3, "natural"),  # … and assign a lawyer within 3 days of deciding to help
    "papers": (15, "natural"),  # the time a 补正 notice gives (local practice; the law says "once")
    "mediation": (15, "natural"),  # 调解仲裁法 Art 14: no agreement 15 days after receipt → arbitration
    "arbitration_accept": (5, "natural"),  # Art 29: accept or refuse within 5 days of receipt
    "award": (45, "natural"),  # Art 43: award within 45 days of acceptance …
    "extension": (15, "natural"),  # … extended once, by at most 15 days, with approval
    "sue": (15, "natural"),  # Art 48, 50: 15 days to sue after receiving the award
    "set_aside": (30, "natural"),  # Art 49: 30 days for the employer to apply to set a final award aside
}
URGENT_DAYS = 7  # 法律援助法 Art 44: fewer than 7 days left before a limit → help first, papers later
LIMITATION_MONTHS = 12  # 调解仲裁法 Art 27: one year
FINAL_AWARD_MONTHS = 12  # Art 47: claims up to 12 months of the local minimum wage
FINAL_AWARD_TYPES = ("wages", "injury", "compensation")
MEANS_EXEMPT_TYPES = ("wages", "injury")  # 法律援助法 Art 42: migrant workers claiming these
DISPUTE_TYPES = [  # the dictionary "dispute_type" (调解仲裁法 Art 2), seeded by migration 0002
    ("wages", "劳动报酬"),
    ("contract", "劳动合同"),
    ("relation", "确认劳动关系"),
    ("dismissal", "除名、辞退、辞职、离职"),
    ("hours", "工作时间、休息休假"),
    ("insurance", "社会保险"),
    ("injury", "工伤医疗费"),
    ("compensation", "经济补偿或赔偿金"),
    ("other", "其他"),
]
CHECKUP_ITEMS = [  # the dictionary "checkup_item", each with its statutory anchor (劳动合同法)
    ("roster", "建立职工名册", "劳动合同法第七条"),
    ("written_contract", "用工之日起一个月内订立书面劳动合同", "劳动合同法第十条、第八十二条"),
    ("probation", "试用期不超过法定期限且只约定一次", "劳动合同法第十九条"),
    ("rules", "涉及职工切身利益的规章制度经职代会或全体职工讨论并与工会协商", "劳动合同法第四条"),
    ("union_notice", "单方解除劳动合同事先通知工会", "劳动合同法第四十三条"),
    ("collective_contract", "集体合同在有效期内并已报送审查", "劳动合同法第五十一条至第五十四条"),
    ("insurance", "自用工之月起缴纳社会保险", "社会保险法第五十八条"),
    ("wages", "工资、加班费足额支付并有记录", "劳动合同法第三十条、第三十一条"),
]


def limit(name: str) -> tuple[int, bool]:
    days, kind = getattr(settings, "LEGAL_LIMITS", {}).get(name, LIMITS[name])
    return int(days), kind == "working"


def due(start: date | None, name: str, calendar: Calendar | None = None) -> date | None:
    """The last day of the limit `name` running from `start`."""
    if start is None:
        return None
    days, working = limit(name)
    return (calendar or Calendar()).add(start, days, working=working)


# =================================================================================================
# reference data
# =================================================================================================
class MinimumWage(BaseModel):
    """当地月最低工资标准, dated: the one in force on a case's application date decides whether an
    award may be final (12 months of it)."""

    region = models.CharField("适用地区", max_length=50, help_text="如 江苏省一类地区")
    monthly = models.DecimalField("月最低工资（元）", **AMOUNT)
    effective_from = models.DateField("执行日期")

    scope: ClassVar[ScopeSpec] = ScopeSpec(path=None)

    class Meta(BaseModel.Meta):
        verbose_name = "最低工资标准"
        verbose_name_plural = "最低工资标准"
        ordering = ["-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "effective_from"],
                name="minimum_wage_once_a_day",
                violation_error_message="该地区这一天已有标准",
            )
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.monthly} 元（{chinese(self.effective_from)}起）"

    @classmethod
    def on(cls, day: date) -> MinimumWage | None:
        return cls.objects.filter(effective_from__lte=day).order_by("-effective_from", "-id").first()


class Lawyer(SoftDeleteModel):
    """援助律师、调解员、仲裁员 and the centre's staff: internal or hired (聘请专业律师); the account
    they sign in with gives them their assigned cases."""

    class Kind(models.TextChoices):
        STAFF = "staff", "中心工作人员"
        HIRED = "hired", "聘请律师"
        MEDIATOR = "mediator", "调解员"
        ARBITRATOR = "arbitrator", "兼职仲裁员"

    name = models.CharField("姓名", max_length=50)
    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    firm = models.CharField("执业机构", max_length=100, blank=True)
    licence_no = models.CharField("执业证号", max_length=30, blank=True)
    phone = models.CharField("工作电话", max_length=30, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="登录账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lawyer",
        help_text="指派给他的案件凭此账号查看",
    )
    engaged_on = models.DateField("聘用日期", null=True, blank=True)
    engaged_until = models.DateField("聘期届满", null=True, blank=True)
    org = models.ForeignKey(Org, verbose_name="所属法律援助中心", on_delete=models.PROTECT, related_name="+")

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "律师和调解员"
        verbose_name_plural = "律师和调解员"
        ordering = ["kind", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"

    def clean(self) -> None:
        check_order(self.engaged_on, self.engaged_until, end_field="engaged_until", message="聘期届满不能早于聘用日期")
        if self.kind == self.Kind.HIRED and not self.licence_no:
            raise ValidationError({"licence_no": "聘请律师请填写执业证号"})


# =================================================================================================
# cases
# =================================================================================================
class Room(models.TextChoices):
    CONSULT = "consult", "咨询室"
    MEDIATION = "mediation", "调解室"
    ARBITRATION = "arbitration", "仲裁庭"


@dataclass(frozen=True)
class Deadline:
    label: str
    due: date
    done_on: date | None = None
    binding: bool = True  # False: a date the worker may act from/by, shown but never "overdue" for staff

    def overdue(self, on: date) -> bool:
        return self.binding and self.done_on is None and on > self.due

    def days_left(self, on: date) -> int:
        return (self.due - on).days


class Case(WorkflowMixin, BaseModel):
    """A worker's application to the centre — a consultation, a mediation or an arbitration — from
    intake to 审结, each step a transition (who, when, why)."""

    class Status(models.TextChoices):
        APPLIED = "applied", "已申请"
        PAPERS = "papers", "待补正"
        WITHDRAWN = "withdrawn", "视为撤回"
        REJECTED = "rejected", "不予援助"
        ACCEPTED = "accepted", "决定援助"
        ASSIGNED = "assigned", "承办中"
        CONCLUDED = "concluded", "已有结果"
        CLOSED = "closed", "已审结"
        TERMINATED = "terminated", "终止援助"
        ANSWERED = "answered", "咨询已解答"

    class Channel(models.TextChoices):
        COUNTER = "counter", "窗口来访"
        PHONE = "phone", "电话"
        PORTAL = "portal", "职工服务平台"
        REFERRAL = "referral", "转介（含异地）"

    class Outcome(models.TextChoices):
        MEDIATED = "mediated", "调解成功"
        AWARD = "award", "仲裁裁决"
        WITHDRAWN = "withdrawn", "撤回"
        LITIGATION = "litigation", "转诉讼"
        INADMISSIBLE = "inadmissible", "不予受理"

    class Ground(models.TextChoices):  # 法律援助法 Art 48
        DECEIT = "deceit", "以欺骗或者其他不正当手段获得法律援助"
        FALSE = "false", "故意隐瞒与案件有关的重要事实或者提供虚假证据"
        ILLEGAL = "illegal", "利用法律援助从事违法活动"
        NOT_POOR = "not_poor", "经济状况发生变化，不再符合法律援助条件"
        ENDED = "ended", "案件终止审理或者已经被撤销"
        OWN_LAWYER = "own_lawyer", "自行委托律师或者其他代理人"
        REQUEST = "request", "有正当理由要求终止法律援助"
        OTHER = "other", "法律法规规定的其他情形"

    number = models.CharField("案件编号", max_length=40, blank=True, editable=False, db_index=True)
    channel = models.CharField("来源", max_length=10, choices=Channel.choices, default=Channel.COUNTER)
    room = models.CharField("承办场所", max_length=12, choices=Room.choices, default=Room.MEDIATION)
    applicant = models.ForeignKey(Person, verbose_name="申请人", on_delete=models.PROTECT, related_name="+")
    employer = models.ForeignKey(
        Enterprise, verbose_name="用人单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    employer_name = models.CharField("用人单位名称", max_length=100, blank=True, help_text="平台外的单位直接填写名称")
    dispute_type = models.ForeignKey(
        DictItem,
        verbose_name="争议类型",
        on_delete=models.PROTECT,
        limit_choices_to=dict_choices("dispute_type"),
        related_name="+",
    )
    facts = models.TextField("事实与理由", max_length=5000)
    claims = models.TextField("请求事项", max_length=2000)
    amount = models.DecimalField("涉案标的（元）", default=Decimal("0"), **AMOUNT)
    workers_involved = models.PositiveIntegerField(
        "涉及职工人数", default=1, validators=[MinValueValidator(1, message="至少 1 人")]
    )
    collective = models.BooleanField("集体争议", default=False, editable=False, help_text="3 人以上")
    migrant = models.BooleanField("农民工", default=False)
    poor = models.BooleanField("经济困难", default=False, help_text="经工会审查符合困难标准")
    serious = models.BooleanField("权益受到严重侵害", default=False, help_text="不困难但有证据证明合法权益受到严重侵害")
    applied_on = models.DateField("申请日期")
    knew_on = models.DateField("知道权利受侵害之日", null=True, blank=True)
    wages_during_employment = models.BooleanField("劳动关系存续期间拖欠劳动报酬", default=False)
    employment_ended_on = models.DateField("劳动关系终止日期", null=True, blank=True)
    papers_missing = models.TextField("需补正的材料", blank=True, help_text="一次性列明全部需补正的材料")
    papers_notice_on = models.DateField("补正通知日期", null=True, blank=True, editable=False)
    decided_on = models.DateField("援助决定日期", null=True, blank=True, editable=False)
    lawyer = models.ForeignKey(
        Lawyer, verbose_name="承办人", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    assigned_on = models.DateField("指派日期", null=True, blank=True, editable=False)
    mediation_received_on = models.DateField("调解申请收到日期", null=True, blank=True)
    mediation_failed_on = models.DateField("调解不成日期", null=True, blank=True)
    arbitration_received_on = models.DateField("仲裁申请收到日期", null=True, blank=True)
    arbitration_accepted_on = models.DateField("仲裁受理日期", null=True, blank=True)
    extension_approved_on = models.DateField(
        "延期审批日期", null=True, blank=True, help_text="经仲裁委员会主任批准延长（至多一次、15 日）"
    )
    award_on = models.DateField("裁决日期", null=True, blank=True)
    award_received_on = models.DateField("收到裁决书日期", null=True, blank=True)
    outcome = models.CharField("结果", max_length=14, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField("结果日期", null=True, blank=True)
    amount_recovered = models.DecimalField("挽回金额（元）", null=True, blank=True, **AMOUNT)
    termination_ground = models.CharField("终止援助的理由", max_length=12, choices=Ground.choices, blank=True)
    closed_on = models.DateField("审结日期", null=True, blank=True, editable=False)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name="重复的案件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text="同一职工、同一单位、同一争议类型的另一件未结案件",
    )
    status = status_field(Status.choices, Status.APPLIED)
    status_tones: ClassVar[dict[str, str]] = {
        "papers": "orange",
        "accepted": "azure",
        "assigned": "azure",
        "concluded": "azure",
        "terminated": "red",
        "answered": "green",
    }
    org = models.ForeignKey(Org, verbose_name="法律援助中心", on_delete=models.PROTECT, related_name="+")

    str_select: ClassVar[tuple[str, ...]] = ("applicant",)
    scope: ClassVar[ScopeSpec] = ScopeSpec(
        path="org__path", org="org_id", owner="lawyer__user_id", person="applicant_id"
    )
    transitions: ClassVar[dict[str, Transition]] = {
        "request_papers": Transition(
            "通知补正",
            [Status.APPLIED],
            Status.PAPERS,
            guard=lambda c: c.papers_problem(),
            stamp="papers_notice_on",
            perm="review",
        ),
        "papers_in": Transition("补正齐全", [Status.PAPERS], Status.APPLIED, perm="review"),
        "withdraw": Transition(
            "逾期未补正，视为撤回",
            [Status.PAPERS],
            Status.WITHDRAWN,
            guard=lambda c: c.withdraw_problem(),
            perm="review",
            style="danger",
        ),
        "accept": Transition(
            "决定援助",
            [Status.APPLIED],
            Status.ACCEPTED,
            guard=lambda c: c.accept_problem(),
            stamp="decided_on",
            perm="review",
            style="success",
        ),
        "reject": Transition(
            "不予援助",
            [Status.APPLIED],
            Status.REJECTED,
            comment_required=True,
            stamp="decided_on",
            perm="review",
            style="danger",
        ),
        "answer": Transition(
            "咨询已解答",
            [Status.APPLIED],
            Status.ANSWERED,
            guard=lambda c: None if c.room == Room.CONSULT else "只有咨询可以当场解答结束；案件请先决定是否援助",
            stamp="closed_on",
            style="success",
        ),
        "assign": Transition(
            "指派承办人",
            [Status.ACCEPTED],
            Status.ASSIGNED,
            guard=lambda c: None if c.lawyer_id else "请先选择承办律师或调解员",
            stamp="assigned_on",
            perm="review",
        ),
        "conclude": Transition("记录结果", [Status.ASSIGNED], Status.CONCLUDED, guard=lambda c: c.outcome_problem()),
        "close": Transition(
            "审结",
            [Status.CONCLUDED],
            Status.CLOSED,
            guard=lambda c: c.close_problem(),
            stamp="closed_on",
            style="success",
        ),
        "terminate": Transition(
            "终止援助",
            [Status.ACCEPTED, Status.ASSIGNED],
            Status.TERMINATED,
            guard=lambda c: None if c.termination_ground else "请选择终止援助的法定理由（法律援助法第四十八条）",
            comment_required=True,
            stamp="closed_on",
            perm="review",
            style="danger",
        ),
        "reopen": Transition(
            "重新开启", [Status.CLOSED], Status.ASSIGNED, comment_required=True, perm="supervise", style="danger"
        ),
    }
    editable_statuses = (Status.APPLIED, Status.PAPERS, Status.ACCEPTED, Status.ASSIGNED, Status.CONCLUDED)

    class Meta(BaseModel.Meta):
        verbose_name = "法律援助案件"
        verbose_name_plural = "法律援助案件"
        ordering = ["-applied_on", "-id"]
        default_permissions = (*KIT_ACTIONS, "review", "supervise")  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.number or f"{self.applicant}（{chinese(self.applied_on)}申请）"

    # --- validation -----------------------------------------------------------------------------
    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.employer_id and not self.employer_name:
            self.employer_name = (
                Enterprise.all_objects.filter(pk=self.employer_id).values_list("name", flat=True).first()
            )
        if not self.employer_id and not (self.employer_name or "").strip():
            errors.setdefault("employer_name", []).append("请选择用人单位或填写单位名称")
        self.collective = (self.workers_involved or 0) >= 3
        for name in (
            "applied_on",
            "knew_on",
            "employment_ended_on",
            "mediation_received_on",
            "mediation_failed_on",
            "arbitration_received_on",
            "arbitration_accepted_on",
            "extension_approved_on",
            "award_on",
            "award_received_on",
            "outcome_on",
        ):
            label = str(getattr(self._meta.get_field(name), "verbose_name", name))
            check_not_future(getattr(self, name), field=name, label=label, errors=errors)
        pairs = [
            ("applied_on", "mediation_received_on", "调解申请不能早于向中心申请的日期"),
            ("mediation_received_on", "mediation_failed_on", "调解不成日期不能早于调解申请收到日期"),
            ("arbitration_received_on", "arbitration_accepted_on", "仲裁受理日期不能早于申请收到日期"),
            ("arbitration_accepted_on", "extension_approved_on", "延期审批日期不能早于仲裁受理日期"),
            ("arbitration_accepted_on", "award_on", "裁决日期不能早于仲裁受理日期"),
            ("award_on", "award_received_on", "收到裁决书日期不能早于裁决日期"),
            ("applied_on", "outcome_on", "结果日期不能早于申请日期"),
        ]
        for start, end, message in pairs:
            check_order(getattr(self, start), getattr(self, end), end_field=end, message=message, errors=errors)
        if self.wages_during_employment and self.dispute_type_id and self.dispute_code() != "wages":
            errors.setdefault("wages_during_employment", []).append("只适用于劳动报酬争议")
        if self.room == Room.CONSULT and (self.arbitration_received_on or self.mediation_received_on):
            errors.setdefault("room", []).append("已进入调解或仲裁的案件不是咨询")
        if self.award_on and not self.arbitration_accepted_on:
            errors.setdefault("award_on", []).append("请先填写仲裁受理日期")
        if errors:
            raise ValidationError(errors)

    def dispute_code(self) -> str:
        return self.dispute_type.value if self.dispute_type_id else ""

    # --- what the rules derive --------------------------------------------------------------------
    @property
    def means_test_exempt(self) -> bool:
        """法律援助法 Art 42 / 工会法律援助办法 Art 10: a migrant worker claiming wages or work-injury
        compensation is not asked about his means."""
        return self.migrant and self.dispute_code() in MEANS_EXEMPT_TYPES

    def limitation_ends(self) -> date | None:
        """调解仲裁法 Art 27: one year from when he knew (restarted by the latest interruption); unpaid
        wages during employment: one year from its end (none while it lasts)."""
        if self.wages_during_employment:
            return add_months(self.employment_ended_on, LIMITATION_MONTHS) if self.employment_ended_on else None
        starts = [self.knew_on] if self.knew_on else []
        if self.pk:
            latest = self.interruptions.filter(kind__in=CaseInterruption.RESTARTS).order_by("-on").first()
            if latest is not None:
                starts.append(latest.on)
        return add_months(max(starts), LIMITATION_MONTHS) if starts else None

    def time_barred(self) -> bool:
        """Filed (with the tribunal, or with the centre when not yet) after the limitation ended."""
        ends = self.limitation_ends()
        filed = self.arbitration_received_on or self.applied_on
        return bool(ends and filed and filed > ends)

    def minimum_wage(self) -> MinimumWage | None:
        return MinimumWage.on(self.applied_on) if self.applied_on else None

    def final_award(self) -> bool:
        """调解仲裁法 Art 47: a claim of wages, injury costs or compensation not above 12 months of the
        local minimum wage in force on the application date."""
        wage = self.minimum_wage()
        return bool(
            wage is not None
            and self.dispute_code() in FINAL_AWARD_TYPES
            and self.amount <= wage.monthly * FINAL_AWARD_MONTHS
        )

    def deadlines(self, calendar: Calendar | None = None) -> list[Deadline]:
        """Every limit that runs on this case now, in date order."""
        cal = calendar or Calendar()
        out: list[Deadline] = []

        def add(label: str, start: date | None, name: str, done: date | None, *, binding: bool = True) -> None:
            end = due(start, name, cal)
            if end is not None:
                out.append(Deadline(label, end, done, binding))

        if self.room != Room.CONSULT:
            add("作出援助决定", self.applied_on, "aid_decision", self.decided_on)
        if self.papers_notice_on:
            left = self.status != self.Status.PAPERS
            add("补正材料", self.papers_notice_on, "papers", self.papers_notice_on if left else None)
        if self.decided_on and self.status != self.Status.REJECTED:
            add("指派承办人", self.decided_on, "assign", self.assigned_on)
        if self.mediation_received_on and not self.arbitration_received_on:
            add("调解期满，可申请仲裁", self.mediation_received_on, "mediation", None, binding=False)
        add("仲裁委决定是否受理", self.arbitration_received_on, "arbitration_accept", self.arbitration_accepted_on)
        if self.arbitration_accepted_on:
            end = due(self.arbitration_accepted_on, "award", cal)
            if end is not None and self.extension_approved_on:
                end = due(end, "extension", cal)
            if end is not None:
                out.append(
                    Deadline("仲裁裁决" + ("（已延期）" if self.extension_approved_on else ""), end, self.award_on)
                )
        if self.award_received_on:
            add("不服裁决起诉", self.award_received_on, "sue", None, binding=False)
            if self.final_award():
                add("用人单位申请撤销终局裁决", self.award_received_on, "set_aside", None, binding=False)
        ends = self.limitation_ends()
        if ends and self.status in (
            self.Status.APPLIED,
            self.Status.PAPERS,
            self.Status.ACCEPTED,
            self.Status.ASSIGNED,
        ):
            out.append(Deadline("仲裁时效", ends, self.arbitration_received_on))
        return sorted(out, key=lambda d: d.due)

    def is_open(self) -> bool:
        return self.status in (
            self.Status.APPLIED,
            self.Status.PAPERS,
            self.Status.ACCEPTED,
            self.Status.ASSIGNED,
            self.Status.CONCLUDED,
        )

    def urgent(self, on: date | None = None, calendar: Calendar | None = None) -> bool:
        """法律援助法 Art 44: fewer than 7 days before a limit that still runs → help first."""
        day = on or today()
        return self.is_open() and any(
            d.done_on is None and 0 <= d.days_left(day) < URGENT_DAYS for d in self.deadlines(calendar)
        )

    # --- guards ---------------------------------------------------------------------------------
    def papers_problem(self) -> str | None:
        if self.papers_notice_on is not None:
            return "补正通知只能发一次（法律援助法第四十三条：一次性告知）"
        if not self.papers_missing.strip():
            return "请在“需补正的材料”中一次性列明全部需补正的材料"
        return None

    def withdraw_problem(self) -> str | None:
        end = due(self.papers_notice_on, "papers")
        if end is None or today() <= end:
            return f"补正期限{chinese(end)}届满后仍未补正，方可视为撤回" if end else "尚未通知补正"
        return None

    def accept_problem(self) -> str | None:
        if self.room == Room.CONSULT:
            return "咨询不作援助决定：当场解答，或改为调解、仲裁案件"
        if not (self.poor or self.serious or self.means_test_exempt):
            return "不符合援助条件：须经济困难，或有证据证明权益受到严重侵害（农民工追索劳动报酬、工伤赔偿的免于审查）"
        return None

    def outcome_problem(self) -> str | None:
        if not (self.outcome and self.outcome_on):
            return "请先填写结果和结果日期"
        if self.outcome == self.Outcome.AWARD and not self.award_on:
            return "仲裁裁决的案件请填写裁决日期"
        return None

    def close_problem(self) -> str | None:
        if self.outcome_problem():
            return self.outcome_problem()
        if self.amount_recovered is None:
            return "请填写挽回金额（没有则填 0）"
        if not self.documents.filter(kind=CaseDocument.Kind.CLOSING).exists():
            return "请先上传结案报告（法律援助法第五十条）"
        return None


class CaseSession(BaseModel):
    """A session in one of the rooms: a consultation, a mediation, a hearing."""

    class Kind(models.TextChoices):
        CONSULT = "consult", "咨询"
        MEDIATION = "mediation", "调解"
        HEARING = "hearing", "开庭"

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    held_on = models.DateField("日期")
    handler = models.CharField("主持人", max_length=50, blank=True)
    notes = models.TextField("记录", max_length=5000, blank=True)

    str_select: ClassVar[tuple[str, ...]] = ("case",)
    scope: ClassVar[ScopeSpec] = ScopeSpec(path="case__org__path", org="case__org_id", owner="case__lawyer__user_id")

    class Meta(BaseModel.Meta):
        verbose_name = "调解与开庭"
        verbose_name_plural = "调解与开庭"
        ordering = ["case", "held_on", "id"]

    def __str__(self) -> str:
        return f"{self.case} {chinese(self.held_on)}{self.get_kind_display()}"

    @property
    def room(self) -> str:
        return {"consult": "咨询室", "mediation": "调解室", "hearing": "仲裁庭"}[self.kind]

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        check_not_future(self.held_on, field="held_on", label="日期", errors=errors)
        if self.case_id and self.held_on and self.held_on < self.case.applied_on:
            errors.setdefault("held_on", []).append(f"不能早于受理申请的日期（{chinese(self.case.applied_on)}）")
        if errors:
            raise ValidationError(errors)


class CaseInterruption(BaseModel):
    """时效中断或中止 (调解仲裁法 Art 27): a claim to the employer, a request to an authority or the
    employer agreeing to pay restart the year; force majeure suspends it."""

    class Kind(models.TextChoices):
        CLAIM = "claim", "向对方当事人主张权利"
        AUTHORITY = "authority", "向有关部门请求权利救济"
        AGREED = "agreed", "对方当事人同意履行义务"
        SUSPENDED = "suspended", "不可抗力等正当理由中止"

    RESTARTS: ClassVar[tuple[str, ...]] = ("claim", "authority", "agreed")

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="interruptions")
    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    on = models.DateField("日期")
    note = models.CharField("说明", max_length=200, blank=True)

    str_select: ClassVar[tuple[str, ...]] = ("case",)
    scope: ClassVar[ScopeSpec] = ScopeSpec(path="case__org__path", org="case__org_id", owner="case__lawyer__user_id")

    class Meta(BaseModel.Meta):
        verbose_name = "时效中断"
        verbose_name_plural = "时效中断"
        ordering = ["case", "on"]

    def __str__(self) -> str:
        return f"{chinese(self.on)}{self.get_kind_display()}"

    def clean(self) -> None:
        check_not_future(self.on, field="on", label="日期")


class CaseDocument(BaseModel):
    """材料: the application, evidence, documents served, the closing report. PDF, images or Office
    files up to the configured size, checked by content."""

    class Kind(models.TextChoices):
        APPLICATION = "application", "申请材料"
        EVIDENCE = "evidence", "证据"
        DOCUMENT = "document", "法律文书"
        CLOSING = "closing", "结案报告"

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("类别", max_length=12, choices=Kind.choices)
    title = models.CharField("名称", max_length=100)
    file = models.FileField("文件", upload_to="legal/%Y/", validators=[ATTACHMENTS()])

    str_select: ClassVar[tuple[str, ...]] = ("case",)
    scope: ClassVar[ScopeSpec] = ScopeSpec(path="case__org__path", org="case__org_id", owner="case__lawyer__user_id")

    class Meta(BaseModel.Meta):
        verbose_name = "案件材料"
        verbose_name_plural = "案件材料"
        ordering = ["case", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"


# =================================================================================================
# 异地法律援助协作
# =================================================================================================
class Partner(SoftDeleteModel):
    """A partner union and the cooperation agreement: date, scope, one liaison officer each side."""

    name = models.CharField("协作工会", max_length=100)
    region = models.CharField("所在地", max_length=50)
    agreement_on = models.DateField("协议签署日期")
    agreement_scope = models.TextField("协作范围", max_length=2000)
    our_liaison = models.ForeignKey(
        Lawyer, verbose_name="我方联络员", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    their_liaison = models.CharField("对方联络员", max_length=50)
    their_phone = models.CharField("对方联络电话", max_length=30, blank=True)
    valid_until = models.DateField("协议有效期至", null=True, blank=True)
    org = models.ForeignKey(Org, verbose_name="我方工会", on_delete=models.PROTECT, related_name="+")

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "协作工会"
        verbose_name_plural = "异地协作工会"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        check_not_future(self.agreement_on, field="agreement_on", label="签署日期", errors=errors)
        check_order(
            self.agreement_on,
            self.valid_until,
            end_field="valid_until",
            message="有效期不能早于签署日期",
            errors=errors,
        )
        if errors:
            raise ValidationError(errors)


class Referral(WorkflowMixin, BaseModel):
    """转介: a case sent to a partner (its worker could not travel, the employer sits there) or
    received from one; the summary shared under the agreement, tasks entrusted, updates both ways."""

    class Direction(models.TextChoices):
        OUT = "out", "送出"
        IN = "in", "接收"

    class Status(models.TextChoices):
        SENT = "sent", "待接收"
        ACCEPTED = "accepted", "办理中"
        DONE = "done", "已办结"
        RETURNED = "returned", "已退回"

    partner = models.ForeignKey(Partner, verbose_name="协作工会", on_delete=models.PROTECT, related_name="referrals")
    direction = models.CharField("方向", max_length=4, choices=Direction.choices)
    case = models.ForeignKey(
        Case, verbose_name="本地案件", null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    worker_name = models.CharField("职工姓名", max_length=50)
    summary = models.TextField("案情摘要", max_length=5000, help_text="按协作协议提供给对方的案件情况")
    sent_on = models.DateField("转出或收到日期")
    status = status_field(Status.choices, Status.SENT)
    status_tones: ClassVar[dict[str, str]] = {"sent": "blue"}
    org = models.ForeignKey(Org, verbose_name="我方工会", on_delete=models.PROTECT, related_name="+")

    str_select: ClassVar[tuple[str, ...]] = ("partner",)
    transitions: ClassVar[dict[str, Transition]] = {
        "accept": Transition("已接收", [Status.SENT], Status.ACCEPTED, style="success"),
        "finish": Transition(
            "办结",
            [Status.ACCEPTED],
            Status.DONE,
            guard=lambda r: None if not r.tasks.filter(done_on__isnull=True).exists() else "还有委托事项未完成",
            style="success",
        ),
        "send_back": Transition(
            "退回", [Status.SENT, Status.ACCEPTED], Status.RETURNED, comment_required=True, style="danger"
        ),
    }

    class Meta(BaseModel.Meta):
        verbose_name = "异地协作转介"
        verbose_name_plural = "异地协作转介"
        ordering = ["-sent_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_direction_display()}{self.partner}：{self.worker_name}（{chinese(self.sent_on)}）"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        check_not_future(self.sent_on, field="sent_on", label="日期", errors=errors)
        if self.direction == self.Direction.OUT and not self.case_id:
            errors.setdefault("case", []).append("送出的转介请选择本地案件")
        if self.partner_id and self.sent_on and self.sent_on < self.partner.agreement_on:
            errors.setdefault("sent_on", []).append(f"早于协作协议签署日期（{chinese(self.partner.agreement_on)}）")
        if errors:
            raise ValidationError(errors)


class ReferralTask(BaseModel):
    """委托事项: 取证、执行代理、送达 … with its due date and result."""

    class Kind(models.TextChoices):
        EVIDENCE = "evidence", "调查取证"
        ENFORCEMENT = "enforcement", "执行代理"
        SERVICE = "service", "文书送达"
        REPRESENT = "represent", "出庭代理"
        OTHER = "other", "其他"

    referral = models.ForeignKey(Referral, verbose_name="转介", on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField("事项", max_length=12, choices=Kind.choices)
    description = models.CharField("内容", max_length=300)
    due_on = models.DateField("完成期限", null=True, blank=True)
    done_on = models.DateField("完成日期", null=True, blank=True)
    result = models.CharField("结果", max_length=300, blank=True)

    str_select: ClassVar[tuple[str, ...]] = ("referral__partner",)
    scope: ClassVar[ScopeSpec] = ScopeSpec(path="referral__org__path", org="referral__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "委托事项"
        verbose_name_plural = "委托事项"
        ordering = ["referral", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.description[:20]}"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        check_not_future(self.done_on, field="done_on", label="完成日期", errors=errors)
        if self.done_on and not self.result.strip():
            errors.setdefault("result", []).append("完成的事项请填写结果")
        if errors:
            raise ValidationError(errors)


class ReferralUpdate(BaseModel):
    """进展: what either side reported, dated."""

    class Source(models.TextChoices):
        OURS = "ours", "我方"
        THEIRS = "theirs", "对方"

    referral = models.ForeignKey(Referral, verbose_name="转介", on_delete=models.CASCADE, related_name="updates")
    source = models.CharField("来自", max_length=6, choices=Source.choices)
    on = models.DateField("日期")
    text = models.TextField("进展", max_length=2000)

    str_select: ClassVar[tuple[str, ...]] = ("referral__partner",)
    scope: ClassVar[ScopeSpec] = ScopeSpec(path="referral__org__path", org="referral__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "协作进展"
        verbose_name_plural = "协作进展"
        ordering = ["referral", "on", "id"]

    def __str__(self) -> str:
        return f"{chinese(self.on)}{self.get_source_display()}：{self.text[:20]}"

    def clean(self) -> None:
        check_not_future(self.on, field="on", label="日期")


# =================================================================================================
# 法律体检, 普法, the centre
# =================================================================================================
class Checkup(BaseModel):
    """送法律"体检"进企业: the checklist (dictionary "checkup_item", each with its statutory anchor)
    answered item by item, findings, a risk level, advice with a deadline and the follow-up."""

    class Answer(models.TextChoices):
        PASS = "pass", "合规"
        FAIL = "fail", "不合规"
        NA = "na", "不适用"

    class Risk(models.TextChoices):
        LOW = "low", "低"
        MEDIUM = "medium", "中"
        HIGH = "high", "高"

    enterprise = models.ForeignKey(Enterprise, verbose_name="企业", on_delete=models.PROTECT, related_name="+")
    visited_on = models.DateField("体检日期")
    lawyer = models.ForeignKey(Lawyer, verbose_name="律师", on_delete=models.PROTECT, related_name="checkups")
    answers = models.JSONField("体检项目", default=dict)
    findings = models.TextField("发现的问题", max_length=3000, blank=True)
    risk = models.CharField("风险等级", max_length=6, choices=Risk.choices)
    advice = models.TextField("整改建议", max_length=3000, blank=True)
    rectify_by = models.DateField("整改期限", null=True, blank=True)
    follow_up_on = models.DateField("回访日期", null=True, blank=True)
    follow_up_result = models.CharField("回访结果", max_length=300, blank=True)
    org = models.ForeignKey(Org, verbose_name="所属工会", on_delete=models.PROTECT, related_name="+", blank=True)

    str_select: ClassVar[tuple[str, ...]] = ("enterprise",)
    org_from: ClassVar[str] = "enterprise"

    class Meta(BaseModel.Meta):
        verbose_name = "法律体检"
        verbose_name_plural = "法律体检"
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.enterprise} {chinese(self.visited_on)}法律体检"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        check_not_future(self.visited_on, field="visited_on", label="体检日期", errors=errors)
        check_order(
            self.visited_on, self.rectify_by, end_field="rectify_by", message="整改期限不能早于体检日期", errors=errors
        )
        check_order(
            self.visited_on, self.follow_up_on, end_field="follow_up_on", message="回访不能早于体检", errors=errors
        )
        missing = checklists.unanswered("checkup_item", self.answers, self.Answer.values)
        if missing:
            errors.setdefault("answers", []).append(f"体检项目须逐项作答，尚缺：{'、'.join(missing)}")
        if self.issues() and not self.advice.strip():
            errors.setdefault("advice", []).append("有不合规项时请填写整改建议")
        if errors:
            raise ValidationError(errors)

    def issues(self) -> list[str]:
        """The items answered 不合规."""
        answers = self.answers if isinstance(self.answers, dict) else {}
        return [value for value, answer in answers.items() if answer == self.Answer.FAIL]


class EducationSession(BaseModel):
    """普法室: a legal-education session (in the room or at an enterprise)."""

    title = models.CharField("主题", max_length=100)
    held_on = models.DateField("日期")
    place = models.CharField("地点", max_length=100, default="普法室")
    lawyer = models.ForeignKey(
        Lawyer, verbose_name="主讲", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    audience = models.CharField("对象", max_length=100, blank=True)
    attendees = models.PositiveIntegerField("参加人数", default=0, validators=[MaxValueValidator(100_000)])
    org = models.ForeignKey(Org, verbose_name="组织单位", on_delete=models.PROTECT, related_name="+")

    class Meta(BaseModel.Meta):
        verbose_name = "普法活动"
        verbose_name_plural = "普法活动"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{chinese(self.held_on)} {self.title}"

    def clean(self) -> None:
        check_not_future(self.held_on, field="held_on", label="日期")


class CentreCriterion(BaseModel):
    """The centre's construction standard ("三化" and the like) as a checklist the staff type in:
    criterion, evidence, self-assessment, the assessor's result."""

    class Result(models.TextChoices):
        MET = "met", "达标"
        PARTLY = "partly", "基本达标"
        NOT_MET = "not_met", "未达标"

    standard = models.CharField("建设标准", max_length=100, help_text="如 “三化”职工法律援助中心建设标准")
    code = models.CharField("序号", max_length=20)
    criterion = models.CharField("标准条目", max_length=300)
    evidence = models.FileField("佐证材料", upload_to="legal/centre/", blank=True, validators=[ATTACHMENTS()])
    self_assessment = models.CharField("自评", max_length=8, choices=Result.choices, blank=True)
    assessor_result = models.CharField("评估结果", max_length=8, choices=Result.choices, blank=True)
    assessed_on = models.DateField("评估日期", null=True, blank=True)
    org = models.ForeignKey(Org, verbose_name="法律援助中心", on_delete=models.PROTECT, related_name="+")

    class Meta(BaseModel.Meta):
        verbose_name = "中心建设标准"
        verbose_name_plural = "中心建设标准"
        ordering = ["standard", "code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "standard", "code"], name="centre_criterion_once", violation_error_message="该序号已存在"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.criterion[:30]}"

    def clean(self) -> None:
        check_not_future(self.assessed_on, field="assessed_on", label="评估日期")
        if self.assessor_result and not self.assessed_on:
            raise ValidationError({"assessed_on": "请填写评估日期"})


def open_case_for(applicant_id: Any, employer_id: Any, employer_name: str, dispute_type_id: Any) -> Q:
    """The filter of the open cases of the same worker, employer and dispute type."""
    employer = Q(employer_id=employer_id) if employer_id else Q(employer__isnull=True, employer_name=employer_name)
    return (
        Q(applicant_id=applicant_id, dispute_type_id=dispute_type_id)
        & employer
        & Q(status__in=["applied", "papers", "accepted", "assigned", "concluded"])
    )
