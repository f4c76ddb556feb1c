"""Org tree, regions, enterprises, people, member units, dictionaries, users and roles."""

from __future__ import annotations

from functools import cached_property
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, Permission, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from kit import validators as v
from kit.dates import check_not_future, chinese
from kit.models import KIT_ACTIONS, BaseModel, ScopedManager, ScopedQuerySet, SoftDeleteModel
from kit.pii import EncryptedTextField, blind_index, mask_id_number
from kit.scope import ALL_SCOPE, NO_SCOPE, Scope, ScopeSpec
from kit.text import pinyin_keys
from kit.uploads import DOCUMENTS


# --- dictionaries -----------------------------------------------------------------------------
class DictType(BaseModel):  # type: ignore[django-manager-missing]
    """A typed lookup list (字典类型): industries, ownership kinds, skill levels …"""

    code = models.SlugField("编码", max_length=50, unique=True)
    name = models.CharField("名称", max_length=50)
    is_system = models.BooleanField("系统内置", default=False, help_text="内置类型不能删除，但可增减其中的项")

    scope = ScopeSpec(path=None)

    class Meta(BaseModel.Meta):
        verbose_name = "字典类型"
        verbose_name_plural = "字典类型"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class DictItemQuerySet(ScopedQuerySet):
    def of(self, type_code: str) -> DictItemQuerySet:
        return self.filter(dict_type__code=type_code, is_active=True)


class DictItem(BaseModel):
    dict_type = models.ForeignKey(DictType, verbose_name="字典类型", on_delete=models.PROTECT, related_name="items")
    value = models.CharField("编码", max_length=50)
    label = models.CharField("名称", max_length=100)
    sort = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    objects = ScopedManager.from_queryset(DictItemQuerySet)()  # type: ignore[misc,django-manager-missing]
    scope = ScopeSpec(path=None)

    class Meta(BaseModel.Meta):
        verbose_name = "字典项"
        verbose_name_plural = "字典项"
        ordering = ["dict_type", "sort", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dict_type", "value"], name="dictitem_unique_value"),
            models.UniqueConstraint(fields=["dict_type", "label"], name="dictitem_unique_label"),
        ]

    def __str__(self) -> str:
        return self.label


def dict_choices(type_code: str) -> Q:
    return Q(dict_type__code=type_code, is_active=True)


def new_form_category_field() -> models.ForeignKey:  # type: ignore[type-arg]
    """新就业形态类别 (courier, rider, driver …), the same field wherever a worker's is recorded."""
    return models.ForeignKey(
        "core.DictItem",
        verbose_name="新就业形态类别",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to=dict_choices("new_form"),
        related_name="+",
    )


# --- regions ----------------------------------------------------------------------------------
class Region(BaseModel):
    """Administrative divisions (GB/T 2260 for province/city/county; statistical division codes
    of 9 digits for 街道/乡镇)."""

    class Level(models.IntegerChoices):
        PROVINCE = 1, "省"
        CITY = 2, "市"
        COUNTY = 3, "区县"
        TOWN = 4, "街道/乡镇"

    code = models.CharField("区划代码", max_length=12, unique=True)
    name = models.CharField("名称", max_length=50)
    level = models.PositiveSmallIntegerField("级别", choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    scope = ScopeSpec(path=None)

    class Meta(BaseModel.Meta):
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


# --- the union organisation tree -------------------------------------------------------------
class OrgQuerySet(MP_NodeQuerySet, ScopedQuerySet):  # type: ignore[misc]
    pass


class OrgManager(MP_NodeManager):  # type: ignore[misc]
    def get_queryset(self) -> OrgQuerySet:
        return OrgQuerySet(self.model, using=self._db).order_by("path")

    def visible_to(self, user: Any, action: str = "view") -> OrgQuerySet:
        return self.get_queryset().visible_to(user, action)  # type: ignore[return-value]


class Org(MP_Node, BaseModel):  # type: ignore[misc]
    """工会组织: 省/市/区总工会 → 街道/园区/行业工会 → 企业工会. Materialized path (treebeard):
    a subtree is one `path LIKE 'prefix%'` on an indexed column."""

    class Kind(models.TextChoices):
        FEDERATION = "federation", "总工会"
        SUBDISTRICT = "subdistrict", "街道工会"
        PARK = "park", "园区工会"
        INDUSTRY = "industry", "行业工会"
        ENTERPRISE = "enterprise", "企业工会"
        OTHER = "other", "其他"

    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=50, blank=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    code = models.CharField("组织编码", max_length=30, unique=True, null=True, blank=True)
    region = models.ForeignKey(Region, verbose_name="所在区划", null=True, blank=True, on_delete=models.PROTECT)
    contact = models.CharField("联系人", max_length=50, blank=True)
    is_active = models.BooleanField("有效", default=True)
    serves_new_form = models.ManyToManyField(
        DictItem,
        verbose_name="承接入会的新就业形态",
        blank=True,
        limit_choices_to=dict_choices("new_form"),
        related_name="+",
        help_text="行业工会、联合工会：这些类别的新就业形态劳动者网上入会时转到本工会",
    )

    steplen = 4
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    node_order_by = ["name"]

    objects = OrgManager()  # type: ignore[misc]
    scope = ScopeSpec(path="path", org="pk", owner="created_by_id")

    class Meta(BaseModel.Meta):
        verbose_name = "工会组织"
        verbose_name_plural = "工会组织"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    picker = True  # chosen in forms by typing (kit.forms: pickers)

    def pick_label(self) -> tuple[str, str]:
        return self.name, f"{self.get_kind_display()}{' · ' + self.code if self.code else ''}"

    import_parent = ""  # set by the Excel import (core.excel.OrgExcel): the parent's code or name

    @property
    def indent_name(self) -> str:
        return "\u3000" * (self.depth - 1) + self.name


# --- joint-meeting member units ---------------------------------------------------------------
class MemberUnit(BaseModel):
    """产改联席会议成员单位 (区委组织部、区人社局 …), convened by a federation org."""

    name = models.CharField("单位名称", max_length=100)
    short_name = models.CharField("简称", max_length=30, blank=True)
    org = models.ForeignKey(
        Org,
        verbose_name="所属联席会议（总工会）",
        on_delete=models.PROTECT,
        related_name="member_units",
        limit_choices_to={"kind": "federation"},
    )
    duty = models.CharField("职责分工", max_length=300, blank=True)
    contact = models.CharField("联络员", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    sort = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("有效", default=True)

    class Meta(BaseModel.Meta):
        verbose_name = "联席会议成员单位"
        verbose_name_plural = "联席会议成员单位"
        ordering = ["org", "sort", "id"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="memberunit_unique_name")]

    def __str__(self) -> str:
        return self.name


# --- enterprises ------------------------------------------------------------------------------
class Enterprise(SoftDeleteModel):
    class Ownership(models.TextChoices):
        STATE = "state", "国有"
        COLLECTIVE = "collective", "集体"
        PRIVATE = "private", "非公（民营）"
        FOREIGN = "foreign", "外资"
        HKMT = "hkmt", "港澳台资"
        JOINT = "joint", "混合所有制"
        PUBLIC_INSTITUTION = "institution", "事业单位"
        SOCIAL = "social", "社会组织"

    class Size(models.TextChoices):
        LARGE = "large", "大型"
        MEDIUM = "medium", "中型"
        SMALL = "small", "小型"
        MICRO = "micro", "微型"

    name = models.CharField("企业名称", max_length=200, db_index=True)
    uscc = models.CharField("统一社会信用代码", max_length=18)
    industry = models.ForeignKey(
        DictItem,
        verbose_name="行业",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to=dict_choices("industry"),
        related_name="+",
    )
    ownership = models.CharField("所有制", max_length=20, choices=Ownership.choices)
    size = models.CharField("规模", max_length=10, choices=Size.choices, blank=True)
    subdistrict = models.ForeignKey(
        Region,
        verbose_name="所在街道",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": 4},  # 乡级（街道、镇）
    )
    address = models.CharField("地址", max_length=200, blank=True)
    org = models.ForeignKey(
        Org,
        verbose_name="所属工会",
        on_delete=models.PROTECT,
        related_name="enterprises",
        help_text="企业工会；尚未建会的企业填所在街道/园区工会",
    )
    employee_count = models.PositiveIntegerField("职工人数", null=True, blank=True)
    is_key_contact = models.BooleanField("重点联系非公企业", default=False, db_index=True)

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "企业"
        verbose_name_plural = "企业"
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["uscc"],
                condition=Q(deleted_at__isnull=True),
                name="enterprise_unique_uscc",
                violation_error_message="该统一社会信用代码已登记",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    picker = True

    def pick_label(self) -> tuple[str, str]:
        return self.name, " · ".join(p for p in (str(self.org) if self.org_id else "", self.uscc or "") if p)

    def clean(self) -> None:
        self.uscc = v.normalize_uscc(self.uscc or "")
        if self.uscc:
            try:
                v.validate_uscc(self.uscc)
            except ValidationError as exc:
                raise ValidationError({"uscc": exc.messages}) from exc


# --- people -----------------------------------------------------------------------------------
class Person(SoftDeleteModel):
    """职工. ID number and phone are encrypted at rest; `*_bidx` are HMAC blind indexes for exact
    look-up and uniqueness; `phone_tail` (last 4 digits, shown in the mask anyway) serves search."""

    class Gender(models.TextChoices):
        MALE = "M", "男"
        FEMALE = "F", "女"

    name = models.CharField("姓名", max_length=50, db_index=True)
    name_pinyin = models.CharField("姓名拼音", max_length=200, blank=True, db_index=True, editable=False)
    name_initials = models.CharField("拼音首字母", max_length=100, blank=True, db_index=True, editable=False)
    # required on every path (page, API, import): the one reliable key of a worker record
    id_number = EncryptedTextField("公民身份号码", help_text="18位，末位可为 X")
    id_number_bidx = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    phone = EncryptedTextField("手机号码", blank=True, help_text="11位中国大陆手机号")
    phone_bidx = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    phone_tail = models.CharField(max_length=4, blank=True, editable=False, db_index=True)
    gender = models.CharField("性别", max_length=1, choices=Gender.choices, blank=True)
    birth_date = models.DateField("出生日期", null=True, blank=True)
    employer = models.ForeignKey(
        Enterprise, verbose_name="工作单位", null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    org = models.ForeignKey(
        Org,
        verbose_name="所属工会",
        on_delete=models.PROTECT,
        related_name="people",
        blank=True,  # taken from the employer when left empty (clean_fields); required after that
        help_text="留空时取工作单位的所属工会",
    )
    job = models.CharField("岗位", max_length=100, blank=True)
    skill_level = models.ForeignKey(
        DictItem,
        verbose_name="职业技能等级",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to=dict_choices("skill_level"),
        related_name="+",
    )
    is_party_member = models.BooleanField("中共党员", default=False)
    is_union_member = models.BooleanField("工会会员", default=True)
    new_form_category = new_form_category_field()
    platform = models.CharField(
        "平台企业", max_length=100, blank=True, help_text="新就业形态劳动者所在的平台，如 某外卖平台"
    )
    joined_union_on = models.DateField("入会日期", null=True, blank=True)

    pii_fields: ClassVar[tuple[str, ...]] = ("id_number", "phone")
    org_from: ClassVar[str] = "employer"
    scope: ClassVar[ScopeSpec] = ScopeSpec(person="pk")  # a worker's "self" scope covers his own record
    # fields clean() derives, written by bulk imports along with the imported ones
    import_derived_fields = (
        "gender",
        "birth_date",
        "id_number_bidx",
        "phone_bidx",
        "phone_tail",
        "name_pinyin",
        "name_initials",
        "org",
    )
    audit_exclude = ("updated_at", "updated_by", "version", "name_pinyin", "name_initials", "phone_tail")

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "职工"
        verbose_name_plural = "职工"
        ordering = ["-id"]
        default_permissions = (*KIT_ACTIONS, "view_pii")  # type: ignore[assignment]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number_bidx"],
                condition=Q(deleted_at__isnull=True) & ~Q(id_number_bidx=""),
                name="person_unique_id_number",
                violation_error_message="该公民身份号码已登记",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    picker = True
    pick_select = ("employer", "org")

    def pick_label(self) -> tuple[str, str]:
        """Name, then what tells namesakes apart: employer (or union) and the masked ID number."""
        where = str(self.employer) if self.employer_id else (str(self.org) if self.org_id else "")
        return self.name, " · ".join(p for p in (where, mask_id_number(str(self.id_number or ""))) if p)

    def clean(self) -> None:
        """Normalise, validate and derive: gender and birth date from the ID number, blind
        indexes, pinyin keys, the org from the employer."""
        errors: dict[str, list[str]] = {}
        self.name = (self.name or "").strip()
        self.id_number = v.normalize_id_number(self.id_number or "")
        if self.id_number:
            try:
                v.validate_id_number(self.id_number)
            except ValidationError as exc:
                errors["id_number"] = exc.messages
            else:
                id_gender = v.id_number_gender(self.id_number)
                id_birth = v.id_number_birth_date(self.id_number)
                if self.gender and self.gender != id_gender:
                    errors["gender"] = ["性别与公民身份号码不一致"]
                if self.birth_date and self.birth_date != id_birth:
                    errors["birth_date"] = ["出生日期与公民身份号码不一致"]
                self.gender, self.birth_date = id_gender, id_birth
        self.id_number_bidx = blind_index(self.id_number, kind="id_number") if self.id_number else ""
        self.phone = v.normalize_mobile(self.phone or "")
        if self.phone:
            try:
                v.validate_mobile(self.phone)
            except ValidationError as exc:
                errors["phone"] = exc.messages
        self.phone_bidx = blind_index(self.phone, kind="phone") if self.phone else ""
        self.phone_tail = self.phone[-4:] if self.phone else ""
        if self.birth_date and "birth_date" not in errors:
            try:
                v.validate_not_future(self.birth_date)
            except ValidationError as exc:
                errors["birth_date"] = exc.messages
        self.name_pinyin, self.name_initials = pinyin_keys(self.name)
        check_not_future(self.joined_union_on, field="joined_union_on", label="入会日期", errors=errors)
        if self.org_id is None:
            errors["org"] = ["请填写工作单位或所属工会"]
        if errors:
            raise ValidationError(errors)


class PersonHonour(BaseModel):
    """荣誉: 劳动模范 / 先进工作者 / 五一劳动奖章 / 工匠 …, with level and year."""

    class Level(models.TextChoices):
        NATIONAL = "national", "全国"
        PROVINCE = "province", "省级"
        CITY = "city", "市级"
        DISTRICT = "district", "区级"
        INDUSTRY = "industry", "行业"
        ENTERPRISE = "enterprise", "企业"

    person = models.ForeignKey(Person, verbose_name="职工", on_delete=models.CASCADE, related_name="honours")
    kind = models.ForeignKey(
        DictItem,
        verbose_name="荣誉类别",
        on_delete=models.PROTECT,
        limit_choices_to=dict_choices("honour"),
        related_name="+",
    )
    level = models.CharField("级别", max_length=12, choices=Level.choices)
    year = models.PositiveSmallIntegerField("年度")
    issuer = models.CharField("授予单位", max_length=100, blank=True)

    scope = ScopeSpec(path="person__org__path", org="person__org_id", person="person_id")

    class Meta(BaseModel.Meta):
        verbose_name = "职工荣誉"
        verbose_name_plural = "职工荣誉"
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "level", "year"], name="honour_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.year}年{self.get_level_display()}{self.kind}"


class PolicyDocument(SoftDeleteModel):
    """政策文件: 实施意见、管理办法、工作意见 … issued by the federation or a member unit. A `series`
    groups the yearly re-issues so that "连续 5 年印发" is computed from the records. In core because
    every programme cites its documents (党工共建、思政教育、创新工作室、集体协商 …)."""

    class Kind(models.TextChoices):
        OPINION = "opinion", "实施意见"
        MEASURES = "measures", "管理办法"
        WORK_OPINION = "work_opinion", "工作意见"
        PLAN = "plan", "工作方案"
        OTHER = "other", "其他"

    title = models.CharField("文件标题", max_length=200)
    kind = models.CharField("文种", max_length=20, choices=Kind.choices)
    series = models.CharField(
        "系列",
        max_length=100,
        blank=True,
        db_index=True,
        help_text="同一文件逐年印发时填写相同的系列名，如“党工共建实施意见”",
    )
    issuer = models.CharField("印发单位", max_length=100)
    doc_number = models.CharField("文号", max_length=60, blank=True)
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    issued_on = models.DateField("印发日期", null=True, blank=True)
    file = models.FileField("文件", upload_to="policy/%Y/", blank=True, validators=[DOCUMENTS()])
    org = models.ForeignKey(Org, verbose_name="登记单位", on_delete=models.PROTECT, related_name="+")

    class Meta(SoftDeleteModel.Meta):
        verbose_name = "政策文件"
        verbose_name_plural = "政策文件"
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.issued_on and self.year and self.issued_on.year != self.year:
            raise ValidationError({"issued_on": "印发日期应在所填年度内"})
        check_not_future(self.issued_on, field="issued_on", label="印发日期")


class LoginSession(models.Model):
    """A signed-in session of an account, so its owner sees where he is signed in and ends the
    ones he does not recognise (我的登录). The session itself lives in Django's session store."""

    user = models.ForeignKey("core.User", on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    ip = models.GenericIPAddressField("IP", null=True, blank=True)
    user_agent = models.CharField("浏览器", max_length=200, blank=True)
    started_at = models.DateTimeField("登录时间", default=timezone.now)

    class Meta:
        verbose_name = "登录会话"
        verbose_name_plural = "登录会话"
        ordering = ["-started_at"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.user_id} {self.started_at:%Y-%m-%d %H:%M}"


class PasswordHistory(models.Model):
    """The hashes of an account's earlier passwords (core.passwords.HistoryValidator)."""

    user = models.ForeignKey("core.User", on_delete=models.CASCADE, related_name="+")
    password = models.CharField(max_length=128)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "历史密码"
        verbose_name_plural = "历史密码"
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.user_id} {self.changed_at:%Y-%m-%d}"


# --- users and roles --------------------------------------------------------------------------
class Holiday(BaseModel):
    """节假日调整: the State Council's yearly notice as data — days off (放假) and the weekend days
    worked instead (调休上班). Statutory limits counted in working days read this table
    (`core.selectors.calendar`)."""

    class Kind(models.TextChoices):
        OFF = "off", "放假"
        WORK = "work", "调休上班"

    day = models.DateField("日期", unique=True, error_messages={"unique": "这一天已登记"})
    kind = models.CharField("类型", max_length=4, choices=Kind.choices, default=Kind.OFF)
    name = models.CharField("节日", max_length=20, help_text="如 春节、国庆节")

    scope: ClassVar[ScopeSpec] = ScopeSpec(path=None)  # reference data: permission only

    class Meta(BaseModel.Meta):
        verbose_name = "节假日"
        verbose_name_plural = "节假日调整"
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{chinese(self.day)} {self.name}{self.get_kind_display()}"


class Role(BaseModel):
    """A role: per-action permissions and a data scope (RuoYi's 数据权限)."""

    class DataScope(models.TextChoices):
        ALL = "all", "全部数据"
        SUBTREE = "subtree", "本组织及以下"
        ORG = "org", "仅本组织"
        SELF = "self", "仅本人"
        CUSTOM = "custom", "自定义组织"
        UNIT = "unit", "本成员单位"

    class Duty(models.TextChoices):
        """三员分立 (等保 2.0): the three administrator duties no one account may combine."""

        SYSTEM = "system", "系统管理员"
        SECURITY = "security", "安全管理员"
        AUDIT = "audit", "审计管理员"

    name = models.CharField("角色名称", max_length=50, unique=True)
    code = models.SlugField("角色编码", max_length=50, unique=True)
    duty = models.CharField(
        "三员职责",
        max_length=10,
        choices=Duty.choices,
        blank=True,
        help_text="系统、安全、审计管理员三种职责互斥：同一账号只能担任其中一种",
    )
    permissions = models.ManyToManyField(Permission, verbose_name="权限", blank=True, related_name="+")
    data_scope = models.CharField("数据范围", max_length=10, choices=DataScope.choices, default=DataScope.SUBTREE)
    require_otp = models.BooleanField(
        "须双因素认证", default=False, help_text="担任此角色的账号登录时须再输入动态验证码（TOTP）"
    )
    custom_orgs = models.ManyToManyField(Org, verbose_name="自定义组织（含下级）", blank=True, related_name="+")
    sort = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    scope = ScopeSpec(path=None)

    class Meta(BaseModel.Meta):
        verbose_name = "角色"
        verbose_name_plural = "角色"
        ordering = ["sort", "id"]

    def __str__(self) -> str:
        return self.name


class ScopedUserManager(UserManager.from_queryset(ScopedQuerySet)):  # type: ignore[misc]
    pass


class User(AbstractUser):
    """An account. Bound to an org (its data scope anchors there), optionally to a member unit
    (joint-meeting staff) and to a Person (a worker using the portal)."""

    name = models.CharField("姓名", max_length=50, blank=True)
    org = models.ForeignKey(
        Org, verbose_name="所属组织", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    member_unit = models.ForeignKey(
        MemberUnit, verbose_name="成员单位", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    person = models.OneToOneField(
        Person, verbose_name="对应职工", null=True, blank=True, on_delete=models.SET_NULL, related_name="user"
    )
    roles = models.ManyToManyField(Role, verbose_name="角色", blank=True, related_name="users")
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True, editable=False)
    must_change_password = models.BooleanField(
        "下次登录须修改密码", default=False, editable=False, help_text="管理员设置密码后，本人首次登录须修改"
    )
    # a worker signs in to the portal with his phone and a one-time code (portal.services); staff
    # receive the portal's reminders on it
    phone = EncryptedTextField("手机号码", blank=True, help_text="11位中国大陆手机号；职工用它登录职工服务")
    phone_bidx = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

    objects = ScopedUserManager()  # type: ignore[misc]
    scope = ScopeSpec(path="org__path", org="org_id", owner="pk")

    class Meta(AbstractUser.Meta):
        verbose_name = "用户"
        verbose_name_plural = "用户"
        ordering = ["id"]
        default_permissions = ("add", "change", "delete", "view", "view_pii")
        permissions = [("secure_user", "安全管理（解锁账号、重置动态验证码）")]
        constraints = [
            models.UniqueConstraint(
                fields=["phone_bidx"],
                condition=~Q(phone_bidx=""),
                name="user_unique_phone",
                violation_error_message="该手机号码已绑定其他账号",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.username

    picker = True

    def pick_label(self) -> tuple[str, str]:
        return self.name or self.username, " · ".join(
            p for p in (self.username, str(self.org) if self.org_id else "") if p
        )

    def clean(self) -> None:
        super().clean()
        if self.phone:
            self.phone = v.normalize_mobile(self.phone)
            try:
                v.validate_mobile(self.phone)
            except ValidationError as exc:
                raise ValidationError({"phone": exc.messages}) from exc

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.phone_bidx = blind_index(self.phone, kind="phone") if self.phone else ""
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.name or self.username

    @cached_property
    def _role_grants(self) -> list[tuple[Role, frozenset[str], frozenset[str]]]:
        """(role, permissions, custom org paths) of the user's active roles, in two queries at most."""
        through = Role.permissions.through
        rows = through.objects.filter(role__users=self, role__is_active=True).values_list(
            "role_id", "role__data_scope", "permission__content_type__app_label", "permission__codename"
        )
        perms: dict[int, set[str]] = {}
        scopes: dict[int, str] = {}
        for role_id, data_scope, app_label, codename in rows:
            perms.setdefault(role_id, set()).add(f"{app_label}.{codename}")
            scopes[role_id] = data_scope
        custom_ids = [rid for rid, ds in scopes.items() if ds == Role.DataScope.CUSTOM]
        paths: dict[int, set[str]] = {}
        if custom_ids:
            for role_id, path in Role.custom_orgs.through.objects.filter(role_id__in=custom_ids).values_list(
                "role_id", "org__path"
            ):
                paths.setdefault(role_id, set()).add(path)
        return [
            (Role(pk=rid, data_scope=scopes[rid]), frozenset(p), frozenset(paths.get(rid, ())))
            for rid, p in perms.items()
        ]

    def role_permissions(self) -> set[str]:
        out: set[str] = set()
        for _role, perms, _orgs in self._role_grants:
            out |= perms
        return out

    def scope_for(self, perm: str) -> Scope:
        """Union of the data scopes of the active roles granting `perm`."""
        if self.is_superuser:
            return ALL_SCOPE
        scope = NO_SCOPE
        for role, perms, custom in self._role_grants:
            if perm not in perms:
                continue
            scope = scope.union(self._role_scope(role, custom))
        return scope

    def _role_scope(self, role: Role, custom_paths: frozenset[str]) -> Scope:
        ds = role.data_scope
        if ds == Role.DataScope.ALL:
            return ALL_SCOPE
        if ds == Role.DataScope.SELF:
            # rows he created, and — for a worker bound to his record — the rows about him
            return Scope(own_rows=True, person_ids=frozenset({self.person_id}) if self.person_id else frozenset())
        if ds == Role.DataScope.CUSTOM:
            return Scope(subtree_paths=custom_paths)
        if ds == Role.DataScope.UNIT:
            # joint-meeting staff: rows their member unit owns, plus rows they created themselves
            units = frozenset({self.member_unit_id}) if self.member_unit_id else frozenset()
            return Scope(unit_ids=units, own_rows=True)
        if self.org_id is None:
            return NO_SCOPE
        if ds == Role.DataScope.ORG:
            return Scope(org_ids=frozenset({self.org_id}))
        return Scope(subtree_paths=frozenset({self.org.path}))  # type: ignore[union-attr]

    def refresh_grants(self) -> None:
        self.__dict__.pop("_role_grants", None)
        for attr in ("_perm_cache", "_role_perm_cache", "_user_perm_cache", "_group_perm_cache"):
            self.__dict__.pop(attr, None)

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state.pop("_role_grants", None)
        return state
