"""职工服务: what the workers' own pages need beyond the modules' records.

- `OneTimeCode` and `PhoneLock`: sign-in by phone and a one-time code (hashed, 5 minutes, used
  once; five wrong codes lock the number for a while). Infrastructure, not business records.
- `TextMessage`: the text messages the platform sent, through the configured backend
  (`portal.sms`); with the local default this outbox is where staff read a code.
- `SelfRegistration`: a worker the platform does not know registers himself; his union confirms
  (creating or matching his `Person`) or returns it with a reason.
- `MembershipApplication`: 网上入会 and 会员转接, routed by the org tree to the union that
  receives him, answered within a set number of working days; the approved ones are his
  membership history, the first gives his member card number.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from core.models import Enterprise, Org, Person, new_form_category_field
from kit.db import KIT_ACTIONS, BaseModel
from kit.pii import EncryptedTextField, blind_index
from kit.scope import ScopeSpec
from kit.validators import normalize_id_number, validate_id_number


# --- sign-in ------------------------------------------------------------------------------------
class OneTimeCode(models.Model):
    """A code sent to a phone: stored as a keyed hash, valid for a few minutes, used once."""

    phone_bidx = models.CharField(max_length=64, db_index=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(db_index=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    client_ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = "验证码"
        verbose_name_plural = "验证码"
        default_permissions = ()

    def __str__(self) -> str:
        return f"验证码（{self.created_at:%Y-%m-%d %H:%M}）"


class PhoneLock(models.Model):
    """Wrong codes per number: after the limit the number is locked until `locked_until`."""

    phone_bidx = models.CharField(max_length=64, unique=True)
    failures = models.PositiveSmallIntegerField(default=0)
    first_failure_at = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "手机号锁定"
        verbose_name_plural = "手机号锁定"
        default_permissions = ()

    def __str__(self) -> str:
        return f"错误 {self.failures} 次"


class TextMessage(models.Model):
    """短信发送记录 (the outbox). The number is encrypted like any phone; the body of a sign-in
    message holds the code, which is why only staff with `portal.view_textmessage` read it."""

    phone = EncryptedTextField("手机号码")
    phone_tail = models.CharField("尾号", max_length=4)
    body = models.CharField("内容", max_length=300)
    backend = models.CharField("发送方式", max_length=100)
    sent_at = models.DateTimeField("发送时间", db_index=True)
    ok = models.BooleanField("发送成功", default=True)
    error = models.CharField("失败原因", max_length=200, blank=True)

    pii_fields: ClassVar[tuple[str, ...]] = ("phone",)

    class Meta:
        verbose_name = "短信"
        verbose_name_plural = "短信发送记录"
        ordering = ["-sent_at", "-id"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"尾号{self.phone_tail} {self.sent_at:%Y-%m-%d %H:%M}"


# --- a worker the platform does not know --------------------------------------------------------
class Status(models.TextChoices):
    SUBMITTED = "submitted", "待确认"
    APPROVED = "approved", "已确认"
    RETURNED = "returned", "已退回"
    WITHDRAWN = "withdrawn", "已撤回"


class SelfRegistration(BaseModel):
    """职工自助登记: name, ID number and where he works; his union confirms it (the `Person` is
    created then — or, when the ID number is already registered, matched and bound — without the
    applicant ever learning whether the platform knew him) or returns it with a reason."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="账号", on_delete=models.CASCADE, related_name="self_registrations"
    )
    name = models.CharField("姓名", max_length=50)
    id_number = EncryptedTextField("公民身份号码", help_text="18位，末位可为 X")
    id_number_bidx = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    employer = models.ForeignKey(
        Enterprise, verbose_name="工作单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    new_form_category = new_form_category_field()
    platform = models.CharField(
        "平台企业或单位名称", max_length=100, blank=True, help_text="平台中没有的单位，直接填写名称"
    )
    job = models.CharField("岗位", max_length=100, blank=True)
    org = models.ForeignKey(Org, verbose_name="确认单位", on_delete=models.PROTECT, related_name="+")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.SUBMITTED, editable=False)
    person = models.ForeignKey(
        Person,
        verbose_name="职工档案",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    decided_on = models.DateField("处理日期", null=True, blank=True, editable=False)
    reason = models.CharField("退回理由", max_length=200, blank=True)

    pii_fields: ClassVar[tuple[str, ...]] = ("id_number",)
    scope: ClassVar[ScopeSpec] = ScopeSpec(owner="user_id")

    class Meta(BaseModel.Meta):
        verbose_name = "职工自助登记"
        verbose_name_plural = "职工自助登记"
        ordering = ["-created_at", "-id"]
        default_permissions = (*KIT_ACTIONS, "review")  # type: ignore[assignment]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_status_display()}）"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        self.id_number = normalize_id_number(self.id_number or "")
        try:
            validate_id_number(self.id_number)
        except ValidationError as exc:
            errors["id_number"] = exc.messages
        self.id_number_bidx = blind_index(self.id_number, kind="id_number") if self.id_number else ""
        if not self.employer_id and not self.platform.strip():
            errors["platform"] = ["请选择工作单位；平台中没有的，请填写所在平台企业或单位名称"]
        if errors:
            raise ValidationError(errors)


# --- membership ---------------------------------------------------------------------------------
class MembershipApplication(BaseModel):
    """网上入会 (join) or 会员转接 (transfer to the union of a new employer). `org` is the union
    that answers — routed by `portal.routing` — and `due_on` the last working day to answer."""

    class Kind(models.TextChoices):
        JOIN = "join", "入会申请"
        TRANSFER = "transfer", "会员转接"

    class Route(models.TextChoices):
        ENTERPRISE = "enterprise", "本单位工会"
        INDUSTRY = "industry", "行业工会"
        AREA = "area", "街道（园区）联合工会"
        DISTRICT = "district", "区总工会"

    Status = Status

    person = models.ForeignKey(Person, verbose_name="职工", on_delete=models.PROTECT, related_name="memberships")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.JOIN)
    employer = models.ForeignKey(
        Enterprise, verbose_name="工作单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    platform = models.CharField("平台企业", max_length=100, blank=True)
    route = models.CharField("转入", max_length=12, choices=Route.choices, editable=False)
    org = models.ForeignKey(Org, verbose_name="接收工会", on_delete=models.PROTECT, related_name="+")
    from_org = models.ForeignKey(
        Org, verbose_name="原所属工会", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_on = models.DateField("申请日期", editable=False)
    due_on = models.DateField("答复期限", editable=False)
    reminded_on = models.DateField("提醒日期", null=True, blank=True, editable=False)
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.SUBMITTED, editable=False, db_index=True
    )
    decided_on = models.DateField("处理日期", null=True, blank=True, editable=False)
    reason = models.CharField("退回理由", max_length=200, blank=True)
    card_no = models.CharField("会员证号", max_length=30, blank=True, editable=False, db_index=True)

    str_select: ClassVar[tuple[str, ...]] = ("person",)
    scope: ClassVar[ScopeSpec] = ScopeSpec(path="org__path", org="org_id", person="person_id")

    class Meta(BaseModel.Meta):
        verbose_name = "入会申请"
        verbose_name_plural = "网上入会"
        ordering = ["-submitted_on", "-id"]
        default_permissions = (*KIT_ACTIONS, "review")  # type: ignore[assignment]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="submitted"),
                name="membership_one_open",
                violation_error_message="您已有一份待确认的申请，请等待工会答复",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}{self.get_kind_display()}（{self.get_status_display()}）"

    def overdue(self, day: Any) -> bool:
        return self.status == Status.SUBMITTED and day > self.due_on
