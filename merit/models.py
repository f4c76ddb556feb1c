"""建功立业: labour and skills competitions (培训、竞赛、表彰; 区级、行业、企业), innovation studios with
their levels over time and yearly reviews, model-worker innovation groups and their projects."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from core.models import DictItem, Enterprise, Org, Person, dict_choices
from kit.dates import check_not_future, check_order
from kit.models import BaseModel, ScopedManager, SoftDeleteModel
from kit.numbers import round_int
from kit.scope import ScopeSpec, ancestor_paths
from kit.workflow import Transition, WorkflowMixin, status_field


class Level(models.TextChoices):
    NATIONAL = "national", "国家级"
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    DISTRICT = "district", "区级"
    ENTERPRISE = "enterprise", "企业级"


LEVEL_ORDER = [Level.ENTERPRISE, Level.DISTRICT, Level.CITY, Level.PROVINCE, Level.NATIONAL]


# --- competitions -------------------------------------------------------------------------------
class Competition(WorkflowMixin, SoftDeleteModel):
    """劳动竞赛 / 技能竞赛: training → registration → contest → results signed off → honours."""

    class Tier(models.TextChoices):
        DISTRICT = "district", "区级"
        INDUSTRY = "industry", "行业"
        ENTERPRISE = "enterprise", "企业"

    class Status(models.TextChoices):
        PLANNED = "planned", "筹备（赛前培训）"
        REGISTRATION = "registration", "报名中"
        CONTEST = "contest", "比赛中"
        AWARDED = "awarded", "已表彰"

    name = models.CharField("竞赛名称", max_length=150)
    tier = models.CharField("层级", max_length=20, choices=Tier.choices)
    industry = models.ForeignKey(
        DictItem,
        verbose_name="行业",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to=dict_choices("industry"),
        related_name="+",
    )
    organisers = models.CharField("主办单位", max_length=200)
    training = models.TextField("赛前培训安排", blank=True)
    starts_on = models.DateField("比赛开始")
    ends_on = models.DateField("比赛结束")
    status = status_field(Status.choices, Status.PLANNED)
    status_tones: ClassVar[dict[str, str]] = {
        "planned": "secondary",
        "registration": "blue",
        "contest": "azure",
        "awarded": "green",
    }
    org = models.ForeignKey(Org, verbose_name="组织单位", on_delete=models.PROTECT, related_name="+")

    transitions: ClassVar[dict[str, Transition]] = {
        "open": Transition("开始报名", [Status.PLANNED], Status.REGISTRATION),
        "start": Transition("报名截止、开始比赛", [Status.REGISTRATION], Status.CONTEST),
        "award": Transition(
            "发布表彰", [Status.CONTEST], Status.AWARDED, perm="change", guard=lambda c: c.award_problem()
        ),
    }

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "竞赛"
        verbose_name_plural = "劳动和技能竞赛"
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        check_order(self.starts_on, self.ends_on, end_field="ends_on", message="比赛结束日期不能早于开始日期")
        if self.tier == self.Tier.INDUSTRY and not self.industry_id:
            raise ValidationError({"industry": "行业竞赛请选择行业"})

    @classmethod
    def open_to(cls, person: Any) -> Any:
        """Competitions a worker may be entered in (by himself or his union): organised by his union
        or any union above it — a district competition is open to every enterprise below — while
        they take registrations."""
        if person is None or not person.org_id:
            return cls.objects.none()
        return cls.open_to_org(person.org)

    @classmethod
    def open_to_org(cls, org: Any) -> Any:
        """Competitions the unions of `org` may enter their workers in: organised by `org` or a
        union above it, while they take registrations."""
        if org is None or not getattr(org, "path", ""):
            return cls.objects.none()
        return cls.objects.filter(
            org__path__in=ancestor_paths(org.path),
            status__in=(cls.Status.PLANNED, cls.Status.REGISTRATION),
        )

    def award_problem(self) -> str | None:
        for event in self.events.select_related("scoring_round"):
            if event.scoring_round is None or event.scoring_round.status != "closed":
                return f"项目“{event.name}”的成绩尚未签字确认，不能发布表彰"
        return None if self.events.exists() else "竞赛还没有比赛项目"


class EventManager(ScopedManager):
    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("competition")  # its name prints the competition's


class PrizeBasis(models.TextChoices):
    COUNT = "count", "按名额"
    PERCENT = "percent", "按比例"


MIN_0 = MinValueValidator(Decimal(0))


class Event(BaseModel):
    """竞赛项目: its rules (theory and practical weights, time limit); judges score contestants in a
    kit scoring round whose sheet has the two parts as weighted criteria."""

    competition = models.ForeignKey(Competition, verbose_name="竞赛", on_delete=models.CASCADE, related_name="events")
    name = models.CharField("项目名称", max_length=100)
    theory_weight = models.DecimalField("理论权重", max_digits=4, decimal_places=2, default=Decimal("0.3"))
    practical_weight = models.DecimalField("实操权重", max_digits=4, decimal_places=2, default=Decimal("0.7"))
    time_limit = models.PositiveSmallIntegerField("实操时限（分钟）", null=True, blank=True)
    eligibility = models.CharField("参赛条件", max_length=200, blank=True)
    drop_high_low = models.BooleanField("去掉一个最高分和一个最低分", default=False)
    prize_basis = models.CharField(
        "设奖方式",
        max_length=10,
        choices=PrizeBasis.choices,
        default=PrizeBasis.COUNT,
        help_text="按名额：填获奖人数；按比例：填有效成绩选手人数的百分比，四舍五入取整",
    )
    first_prizes = models.DecimalField("一等奖", max_digits=5, decimal_places=1, default=Decimal(1), validators=[MIN_0])
    second_prizes = models.DecimalField(
        "二等奖", max_digits=5, decimal_places=1, default=Decimal(2), validators=[MIN_0]
    )
    third_prizes = models.DecimalField("三等奖", max_digits=5, decimal_places=1, default=Decimal(3), validators=[MIN_0])
    awarded_on = models.DateField("表彰日期", null=True, blank=True, editable=False)
    scoring_round = models.OneToOneField(
        "kit.ScoringRound",
        verbose_name="评分轮次",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = EventManager()  # type: ignore[misc]
    scope: ClassVar[ScopeSpec] = ScopeSpec(path="competition__org__path", org="competition__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "竞赛项目"
        verbose_name_plural = "竞赛项目"
        ordering = ["competition", "id"]

    @classmethod
    def open_to(cls, person: Any) -> Any:
        """The events of the competitions open to the worker (`Competition.open_to`)."""
        return cls.objects.filter(competition__in=Competition.open_to(person))

    @classmethod
    def choosable_by(cls, user: Any) -> Any:
        """The events a user may enter workers in (the 报名 form's choices): those he sees, and
        those of competitions run above his union that take registrations."""
        return cls.objects.visible_to(user, "view") | cls.objects.filter(
            competition__in=Competition.open_to_org(getattr(user, "org", None))
        )

    def __str__(self) -> str:
        return f"{self.competition} · {self.name}"

    def clean(self) -> None:
        if (
            self.theory_weight is not None
            and self.practical_weight is not None
            and self.theory_weight + self.practical_weight != 1
        ):
            raise ValidationError({"practical_weight": "理论权重与实操权重之和应为 1"})
        quotas = {
            "first_prizes": self.first_prizes,
            "second_prizes": self.second_prizes,
            "third_prizes": self.third_prizes,
        }
        if self.prize_basis == PrizeBasis.COUNT:
            for name, value in quotas.items():
                if value is not None and value != int(value):
                    raise ValidationError({name: "按名额设奖时请填整数人数"})
        elif sum(v for v in quotas.values() if v is not None) > 100:
            raise ValidationError({"third_prizes": "按比例设奖时，各奖项比例之和不能超过 100%"})

    def prize_places(self, entrants: int) -> list[tuple[str, int]]:
        """(prize, places) for `entrants` contestants with a valid score: the counts as set, or each
        percentage of the entrants rounded half up (四舍五入: 15 × 10% = 1.5 → 2)."""
        out = []
        for prize, quota in (
            ("first", self.first_prizes),
            ("second", self.second_prizes),
            ("third", self.third_prizes),
        ):
            quota = quota or Decimal(0)
            n = int(quota) if self.prize_basis == PrizeBasis.COUNT else round_int(Decimal(entrants) * quota / 100)
            out.append((prize, n))
        return out

    def prize_rule(self) -> str:
        """The quotas in words: 一等奖 1 名、二等奖 2 名、三等奖 3 名 / 一等奖 10%、…"""
        names = {"first": "一等奖", "second": "二等奖", "third": "三等奖"}
        parts = []
        for prize, quota in (
            ("first", self.first_prizes),
            ("second", self.second_prizes),
            ("third", self.third_prizes),
        ):
            q = (quota or Decimal(0)).normalize()
            parts.append(
                f"{names[prize]} {q:f} 名" if self.prize_basis == PrizeBasis.COUNT else f"{names[prize]} {q:f}%"
            )
        return "、".join(parts)


class Registration(BaseModel):
    """报名: a worker in an event, by himself or by his enterprise union. Once per event."""

    event = models.ForeignKey(Event, verbose_name="竞赛项目", on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(Person, verbose_name="选手", on_delete=models.PROTECT, related_name="registrations")
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="参赛单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    qualified = models.BooleanField("资格审查通过", default=True)
    org = models.ForeignKey(
        Org,
        verbose_name="所属工会",
        on_delete=models.PROTECT,
        related_name="+",
        blank=True,
        help_text="默认取选手的所属工会",
    )

    scope: ClassVar[ScopeSpec] = ScopeSpec(person="person_id")  # the worker sees his own entries

    class Meta(BaseModel.Meta):
        verbose_name = "报名"
        verbose_name_plural = "竞赛报名"
        ordering = ["event", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"], name="registration_once", violation_error_message="该职工已报名这个项目"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}（{self.event.name}）"

    def clean_fields(self, exclude: object = None) -> None:
        if self.person_id and not self.org_id:
            self.org_id = self.person.org_id
        if self.person_id and not self.enterprise_id:
            self.enterprise_id = self.person.employer_id
        super().clean_fields(exclude=exclude)  # type: ignore[arg-type]


class Award(BaseModel):
    """获奖: from the signed-off ranking; recorded in the worker's honours (表彰)."""

    class Prize(models.TextChoices):
        FIRST = "first", "一等奖"
        SECOND = "second", "二等奖"
        THIRD = "third", "三等奖"
        EXPERT = "expert", "技术能手"
        MERIT = "merit", "优秀奖"

    event = models.ForeignKey(Event, verbose_name="竞赛项目", on_delete=models.CASCADE, related_name="awards")
    registration = models.OneToOneField(
        Registration, verbose_name="选手", on_delete=models.CASCADE, related_name="award"
    )
    rank = models.PositiveSmallIntegerField("名次")
    final_score = models.DecimalField("成绩", max_digits=7, decimal_places=2)
    prize = models.CharField("奖项", max_length=10, choices=Prize.choices)
    granted_on = models.DateField("表彰日期")

    scope: ClassVar[ScopeSpec] = ScopeSpec(
        path="registration__org__path", org="registration__org_id", person="registration__person_id"
    )

    class Meta(BaseModel.Meta):
        verbose_name = "获奖"
        verbose_name_plural = "竞赛获奖"
        ordering = ["event", "rank", "id"]

    def __str__(self) -> str:
        return f"{self.registration.person} {self.get_prize_display()}"


# --- innovation studios -------------------------------------------------------------------------
class Studio(SoftDeleteModel):
    """劳模 / 职工创新工作室. Its level changes over time (`levels`); "各级创新工作室 N 家" counts the
    studios active on the period's last day, by the level they held that day."""

    name = models.CharField("工作室名称", max_length=150)
    kind = models.CharField(
        "类型",
        max_length=20,
        choices=[("model_worker", "劳模创新工作室"), ("worker", "职工创新工作室"), ("craftsman", "工匠工作室")],
    )
    level = models.CharField("当前级别", max_length=12, choices=Level.choices, editable=False)
    host = models.ForeignKey(Enterprise, verbose_name="所在企业", on_delete=models.PROTECT, related_name="studios")
    leader = models.ForeignKey(Person, verbose_name="领衔人", on_delete=models.PROTECT, related_name="led_studios")
    leader_reason = models.CharField("领衔人不在本企业的说明", max_length=200, blank=True)
    members = models.ManyToManyField(Person, verbose_name="成员", blank=True, related_name="studios")
    field = models.CharField("领域", max_length=100, blank=True)
    founded_on = models.DateField("创建日期")
    closed_on = models.DateField("撤销日期", null=True, blank=True)
    org = models.ForeignKey(Org, verbose_name="所属工会", on_delete=models.PROTECT, related_name="+")

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "创新工作室"
        verbose_name_plural = "创新工作室"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.leader_id and self.host_id and self.leader.employer_id != self.host_id and not self.leader_reason:
            errors["leader_reason"] = "领衔人不属于所在企业，请说明原因（如外聘劳模）"
        if self.closed_on and self.founded_on and self.closed_on < self.founded_on:
            errors["closed_on"] = "撤销日期不能早于创建日期"
        if errors:
            raise ValidationError(errors)

    def level_on(self, day: date) -> str | None:
        change = self.levels.filter(since__lte=day).order_by("-since", "-id").first()
        return change.level if change else None


class StudioLevel(BaseModel):
    """A studio's recognition at a level from a date (命名 / 晋级), with the naming document."""

    studio = models.ForeignKey(Studio, verbose_name="工作室", on_delete=models.CASCADE, related_name="levels")
    level = models.CharField("级别", max_length=12, choices=Level.choices)
    since = models.DateField("命名日期")
    document = models.CharField("命名文件", max_length=150, blank=True)

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="studio__org__path", org="studio__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "工作室级别"
        verbose_name_plural = "工作室命名与晋级"
        ordering = ["studio", "since", "id"]

    def __str__(self) -> str:
        return f"{self.studio} {self.get_level_display()}（{self.since:%Y-%m-%d}）"

    def clean(self) -> None:
        check_not_future(self.since, field="since", label="命名日期")


class StudioReview(BaseModel):
    """年度考评."""

    class Rating(models.TextChoices):
        EXCELLENT = "excellent", "优秀"
        GOOD = "good", "良好"
        PASS = "pass", "合格"
        FAIL = "fail", "不合格"

    studio = models.ForeignKey(Studio, verbose_name="工作室", on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField("年度")
    patents = models.PositiveIntegerField("专利", default=0)
    suggestions = models.PositiveIntegerField("合理化建议", default=0)
    breakthroughs = models.PositiveIntegerField("技术攻关", default=0)
    apprentices = models.PositiveIntegerField("培养徒弟", default=0)
    rating = models.CharField("考评结果", max_length=10, choices=Rating.choices)

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="studio__org__path", org="studio__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "工作室年度考评"
        verbose_name_plural = "工作室年度考评"
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["studio", "year"],
                name="studioreview_once_a_year",
                violation_error_message="该工作室本年度已考评",
            )
        ]

    def __str__(self) -> str:
        return f"{self.studio} {self.year}年"


# --- model-worker innovation groups -------------------------------------------------------------
class WorkGroup(SoftDeleteModel):
    """劳模（五一劳动奖章人才）创新工作组, with its temporary party branch."""

    class Theme(models.TextChoices):
        POVERTY = "poverty", "精准扶贫"
        INNOVATION = "innovation", "科技创新"
        EDUCATION = "education", "助学帮扶"
        GOVERNANCE = "governance", "社会治理"

    name = models.CharField("工作组名称", max_length=100)
    theme = models.CharField("方向", max_length=20, choices=Theme.choices)
    party_branch = models.CharField("临时党支部", max_length=100, blank=True)
    members = models.ManyToManyField(Person, verbose_name="成员", blank=True, related_name="work_groups")
    founded_on = models.DateField("成立日期")
    dissolved_on = models.DateField("撤销日期", null=True, blank=True)
    support = models.TextField("获得的支持（政策、资金、服务）", blank=True)
    org = models.ForeignKey(Org, verbose_name="所属组织", on_delete=models.PROTECT, related_name="+")

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "劳模创新工作组"
        verbose_name_plural = "劳模创新工作组"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class GroupProject(BaseModel):
    """A work group's project with measurable results (households helped, income per household …)."""

    group = models.ForeignKey(WorkGroup, verbose_name="工作组", on_delete=models.CASCADE, related_name="projects")
    name = models.CharField("项目名称", max_length=100)
    beneficiary_area = models.CharField("帮扶地区", max_length=100, blank=True)
    households = models.PositiveIntegerField("帮扶户数", default=0)
    income_increase = models.DecimalField("户均年增收（元）", max_digits=10, decimal_places=0, null=True, blank=True)
    started_on = models.DateField("开始日期")
    results = models.TextField("成效", blank=True)
    honours = models.CharField("项目获奖", max_length=200, blank=True)

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="group__org__path", org="group__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "工作组项目"
        verbose_name_plural = "工作组项目"
        ordering = ["group", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.income_increase is not None and self.income_increase < 0:
            raise ValidationError({"income_increase": "增收金额不能为负数"})
