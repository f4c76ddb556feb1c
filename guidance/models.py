"""思想引领: the lecturer group, lectures, micro-courses with the yearly top-ten selection, media
reports and honours the union received."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from core.models import DictItem, Enterprise, Org, Person, dict_choices
from kit.dates import check_not_future
from kit.models import BaseModel, SoftDeleteModel
from kit.scope import ScopeSpec
from kit.uploads import PHOTOS

MAX_AUDIENCE = 100_000  # one session with more listeners than this is a typing error


class Lecturer(SoftDeleteModel):
    """讲师团成员: a worker from `Person` (劳模、先进工作者) or an outside speaker (党校教师)."""

    class Kind(models.TextChoices):
        MODEL_WORKER = "model_worker", "劳动模范"
        ADVANCED = "advanced", "先进工作者"
        CRAFTSMAN = "craftsman", "工匠"
        PARTY_SCHOOL = "party_school", "党校教师"
        SCHOLAR = "scholar", "专家学者"
        OTHER = "other", "其他"

    person = models.ForeignKey(
        Person,
        verbose_name="职工",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lecturer_roles",
        help_text="劳模、先进工作者等从职工中选择",
    )
    name = models.CharField("姓名", max_length=50, help_text="选择职工时自动填写")
    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    affiliation = models.CharField("工作单位/职务", max_length=100, blank=True)
    specialities = models.CharField("宣讲专长", max_length=200, blank=True)
    available = models.BooleanField("可接受邀请", default=True)
    joined_on = models.DateField("加入日期", null=True, blank=True)
    org = models.ForeignKey(Org, verbose_name="所属组织", on_delete=models.PROTECT, related_name="+")

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "讲师"
        verbose_name_plural = "讲师团"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.person_id and not self.name:
            self.name = self.person.name  # type: ignore[union-attr]
        if not self.name:
            raise ValidationError({"name": "请填写姓名或选择职工"})


class Lecture(SoftDeleteModel):
    """宣讲: one session, planned ahead (计划) and recorded once held (已举办) with its actual
    audience. Only held sessions count in "累计开展宣讲 N 场，M 名职工、师生参与"."""

    class Status(models.TextChoices):
        PLANNED = "planned", "计划"
        HELD = "held", "已举办"
        CANCELLED = "cancelled", "已取消"

    class Venue(models.TextChoices):
        ENTERPRISE = "enterprise", "企业"
        SCHOOL = "school", "学校"
        COMMUNITY = "community", "社区"
        ONLINE = "online", "线上"
        OTHER = "other", "其他"

    held_on = models.DateField("宣讲日期", db_index=True)
    status = models.CharField(
        "状态",
        max_length=10,
        choices=Status.choices,
        default=Status.HELD,
        blank=True,  # left empty (an import, an API client): a session already held
        db_index=True,
        help_text="计划中的宣讲可填将来的日期；举办后改为“已举办”并填写实际人数；不填即已举办",
    )
    status_tones: ClassVar[dict[str, str]] = {"planned": "blue", "held": "green"}
    topic = models.CharField("主题", max_length=150)
    lecturers = models.ManyToManyField(Lecturer, verbose_name="主讲", related_name="lectures")
    venue_type = models.CharField("场所类型", max_length=20, choices=Venue.choices)
    venue = models.CharField("地点", max_length=150, blank=True)
    host_enterprise = models.ForeignKey(
        Enterprise, verbose_name="承办企业", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    host_school = models.CharField("承办学校/单位", max_length=100, blank=True)
    campaign = models.ForeignKey(
        DictItem,
        verbose_name="活动",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to=dict_choices("lecture_campaign"),
        related_name="+",
    )
    audience_workers = models.PositiveIntegerField("职工人数", default=0)
    audience_students = models.PositiveIntegerField("师生人数", default=0)
    photo = models.FileField("现场照片", upload_to="guidance/lectures/%Y/", blank=True, validators=[PHOTOS()])
    org = models.ForeignKey(Org, verbose_name="所属组织", on_delete=models.PROTECT, related_name="+")

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "宣讲"
        verbose_name_plural = "宣讲"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.topic}"

    @property
    def audience(self) -> int:
        return (self.audience_workers or 0) + (self.audience_students or 0)

    def clean(self) -> None:
        errors = {}
        if not self.status:
            self.status = self.Status.HELD
        if self.status == self.Status.HELD and self.held_on and self.held_on > timezone.localdate():
            errors["held_on"] = "已举办的宣讲日期不能晚于今天；尚未举办的请把状态选为“计划”"
        if self.status != self.Status.HELD and (self.audience_workers or self.audience_students):
            errors["audience_workers"] = "举办后再填写实际参与人数（计划或取消的宣讲不计人数）"
        for field in ("audience_workers", "audience_students"):
            value = getattr(self, field)
            if value is not None and value > MAX_AUDIENCE:
                errors[field] = f"单场人数超过 {MAX_AUDIENCE:,} 人，请核对"
        total = (self.audience_workers or 0) + (self.audience_students or 0)
        if total > MAX_AUDIENCE and not errors:
            errors["audience_students"] = f"职工与师生合计 {total:,} 人，超过单场 {MAX_AUDIENCE:,} 人，请核对"
        if self.venue_type == self.Venue.ENTERPRISE and not self.host_enterprise_id and not self.venue:
            errors["host_enterprise"] = "企业宣讲请选择承办企业或填写地点"
        if self.venue_type == self.Venue.SCHOOL and not self.host_school:
            errors["host_school"] = "学校宣讲请填写学校名称"
        if errors:
            raise ValidationError(errors)


class MicroCourse(SoftDeleteModel):
    """微党课 in the online classroom."""

    title = models.CharField("课程名称", max_length=150)
    author = models.CharField("主讲人", max_length=50)
    author_person = models.ForeignKey(
        Person, verbose_name="主讲职工", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="所在单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    video_url = models.URLField("视频链接", blank=True)
    published_on = models.DateField("上线日期", db_index=True)
    views = models.PositiveIntegerField("播放次数", default=0)
    summary = models.TextField("内容简介", blank=True)
    org = models.ForeignKey(Org, verbose_name="所属组织", on_delete=models.PROTECT, related_name="+")

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "微党课"
        verbose_name_plural = "微党课"
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_not_future(self.published_on, field="published_on", label="上线日期")


class TopTenSelection(BaseModel):
    """年度“十佳微党课”评选: nominations, public voting in a window (one vote per person per course
    per day), expert scores (a kit scoring round), and the combined ranking."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    title = models.CharField("评选名称", max_length=100)
    vote_opens = models.DateTimeField("投票开始")
    vote_closes = models.DateTimeField("投票截止")
    vote_weight = models.DecimalField("投票得分权重", max_digits=4, decimal_places=2, default=Decimal("0.3"))
    expert_weight = models.DecimalField("专家评分权重", max_digits=4, decimal_places=2, default=Decimal("0.7"))
    winners = models.PositiveSmallIntegerField("入选数量", default=10)
    published_on = models.DateField("公布日期", null=True, blank=True)
    scoring_round = models.OneToOneField(
        "kit.ScoringRound",
        verbose_name="专家评审轮次",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="专家按评分表为参评课程打分；签字确认后计入综合得分",
    )
    org = models.ForeignKey(Org, verbose_name="组织单位", on_delete=models.PROTECT, related_name="+")

    class Meta(BaseModel.Meta):
        verbose_name = "十佳微党课评选"
        verbose_name_plural = "十佳微党课评选"
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.vote_opens and self.vote_closes and self.vote_closes <= self.vote_opens:
            errors["vote_closes"] = "投票截止时间应晚于开始时间"
        if (
            self.vote_weight is not None
            and self.expert_weight is not None
            and self.vote_weight + self.expert_weight != 1
        ):
            errors["expert_weight"] = "投票权重与专家权重之和应为 1"
        if errors:
            raise ValidationError(errors)


class Nomination(BaseModel):
    selection = models.ForeignKey(
        TopTenSelection, verbose_name="评选", on_delete=models.CASCADE, related_name="nominations"
    )
    course = models.ForeignKey(MicroCourse, verbose_name="微党课", on_delete=models.PROTECT, related_name="nominations")
    nominated_by = models.CharField("推荐单位", max_length=100, blank=True)

    scope: ClassVar[ScopeSpec] = ScopeSpec(path="selection__org__path", org="selection__org_id")

    class Meta(BaseModel.Meta):
        verbose_name = "参评课程"
        verbose_name_plural = "参评课程"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["selection", "course"], name="nomination_once", violation_error_message="该课程已参加本次评选"
            )
        ]

    def __str__(self) -> str:
        return str(self.course)


class Vote(models.Model):
    """One vote per person per course per day, enforced by the database (unique constraint), so
    concurrent double votes cannot both count."""

    nomination = models.ForeignKey(Nomination, verbose_name="参评课程", on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="投票人", on_delete=models.CASCADE, related_name="+"
    )
    voted_on = models.DateField("投票日期")
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "投票"
        verbose_name_plural = "投票"
        default_permissions = ("view", "add")  # add: the right to vote (workers, in the portal)
        constraints = [models.UniqueConstraint(fields=["nomination", "voter", "voted_on"], name="vote_once_a_day")]

    def __str__(self) -> str:
        return f"{self.voter_id} → {self.nomination_id} {self.voted_on}"


class MediaReport(BaseModel):
    """宣传报道."""

    class Level(models.TextChoices):
        NATIONAL = "national", "国家级"
        PROVINCE = "province", "省级"
        CITY = "city", "市级"
        DISTRICT = "district", "区级"

    title = models.CharField("标题", max_length=200)
    outlet = models.CharField("媒体", max_length=100)
    level = models.CharField("级别", max_length=10, choices=Level.choices)
    published_on = models.DateField("刊发日期", db_index=True)
    link = models.URLField("链接", blank=True)
    org = models.ForeignKey(Org, verbose_name="所属组织", on_delete=models.PROTECT, related_name="+")

    class Meta(BaseModel.Meta):
        verbose_name = "宣传报道"
        verbose_name_plural = "宣传报道"
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_not_future(self.published_on, field="published_on", label="刊发日期")


class UnionHonour(BaseModel):
    """工会获得的集体荣誉 (e.g. 优秀组织奖), which the bulletin cites."""

    name = models.CharField("荣誉名称", max_length=150)
    activity = models.CharField("相关活动", max_length=150, blank=True)
    issuer = models.CharField("授予单位", max_length=100)
    level = models.CharField("级别", max_length=10, choices=MediaReport.Level.choices)
    awarded_on = models.DateField("获得日期")
    org = models.ForeignKey(Org, verbose_name="获奖组织", on_delete=models.PROTECT, related_name="+")

    class Meta(BaseModel.Meta):
        verbose_name = "集体荣誉"
        verbose_name_plural = "集体荣誉"
        ordering = ["-awarded_on", "-id"]

    def __str__(self) -> str:
        return self.name
