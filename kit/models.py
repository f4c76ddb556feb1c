"""Base model, scoped querysets, soft delete, audit entries and jobs."""

from __future__ import annotations

import hashlib
import json
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone

from kit.scope import ScopeSpec, scope_q


def perm_name(model: type[models.Model], action: str) -> str:
    """'view' on core.Person → 'core.view_person' (Django's codename form)."""
    meta = model._meta
    return f"{meta.app_label}.{action}_{meta.model_name}"


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user: Any, action: str = "view") -> ScopedQuerySet:
        """Rows `user` may take `action` on: permission first, then the data scope.
        Anonymous or inactive users, and users without the permission, get nothing."""
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        perm = perm_name(self.model, action)
        if not user.has_perm(perm):
            return self.none()
        spec: ScopeSpec = getattr(self.model, "scope", ScopeSpec())
        q = scope_q(spec, user.scope_for(perm), user.pk)
        return self if q is None else self.filter(q)


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):  # type: ignore[misc]
    pass


class LiveManager(ScopedManager):
    """Hides soft-deleted rows."""

    def get_queryset(self) -> ScopedQuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)


KIT_ACTIONS = ("add", "change", "delete", "view", "import", "export")


class BaseModel(models.Model):
    """created/updated at and by, remark, optimistic-lock version. Every domain model extends it."""

    created_at = models.DateTimeField("创建时间", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="更新人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    remark = models.TextField("备注", blank=True, max_length=2000)
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    objects = ScopedManager()

    scope: ClassVar[ScopeSpec] = ScopeSpec()
    # fields holding personal data: masked in audit rows and for users without view_pii
    pii_fields: ClassVar[tuple[str, ...]] = ()
    # fields left out of audit diffs (derived or noisy)
    audit_exclude: ClassVar[tuple[str, ...]] = ("updated_at", "updated_by", "version")

    class Meta:
        abstract = True
        default_permissions = KIT_ACTIONS

    def audit_snapshot(self) -> dict[str, Any]:
        """Field values for audit diffs, PII masked."""
        from kit.pii import mask_value

        data: dict[str, Any] = {}
        for f in self._meta.concrete_fields:
            if f.name in self.audit_exclude or f.name.endswith("_bidx"):
                continue
            value = getattr(self, f.attname)
            if f.name in self.pii_fields:
                value = mask_value(f.name, value)
            data[f.name] = _jsonable(value)
        return data


class SoftDeleteModel(BaseModel):
    """Rows users expect to restore go to the recycle bin (回收站) instead of disappearing."""

    deleted_at = models.DateTimeField("删除时间", null=True, blank=True, editable=False, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="删除人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = LiveManager()  # type: ignore[misc]
    all_objects = ScopedManager()

    class Meta:
        abstract = True
        default_permissions = KIT_ACTIONS


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


class AuditEntry(models.Model):
    """One row per write, per display or export of unmasked personal data, per log-in.
    Append-only: the model refuses updates and deletes, and database triggers (migration 0002)
    refuse them below the ORM too. Each row carries the SHA-256 of its content chained to the
    previous row's, so `manage.py verify_audit` detects edits made outside the product."""

    class Action(models.TextChoices):
        CREATE = "create", "新增"
        UPDATE = "update", "修改"
        DELETE = "delete", "删除"
        RESTORE = "restore", "恢复"
        PURGE = "purge", "彻底删除"
        VIEW_PII = "view_pii", "查看敏感信息"
        EXPORT = "export", "导出"
        IMPORT = "import", "导入"
        LOGIN = "login", "登录"
        LOGIN_FAILED = "login_failed", "登录失败"
        LOGOUT = "logout", "退出"
        PERMISSION = "permission", "权限变更"
        TRANSITION = "transition", "流转"

    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    actor_name = models.CharField("操作人姓名", max_length=150, blank=True)
    actor_org_path = models.CharField("操作人组织路径", max_length=255, blank=True, db_index=True)
    ip = models.GenericIPAddressField("IP", null=True, blank=True)
    request_id = models.CharField("请求号", max_length=64, blank=True, db_index=True)
    action = models.CharField("操作", max_length=20, choices=Action.choices, db_index=True)
    object_type = models.CharField("对象类型", max_length=100, blank=True, db_index=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=255, blank=True)
    changes = models.JSONField("变更", default=dict, blank=True)
    message = models.CharField("说明", max_length=500, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = ScopedManager()
    # an auditor sees the entries of actors within his scope
    scope: ClassVar[ScopeSpec] = ScopeSpec(path="actor_org_path", org="actor__org_id", owner="actor_id")

    class Meta:
        verbose_name = "操作日志"
        verbose_name_plural = "操作日志"
        ordering = ["-id"]
        default_permissions = ("view", "export")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_action_display()} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.pop("_sealing", False):
            raise PermissionDenied("操作日志不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionDenied("操作日志不可删除")

    def content_digest(self, prev_hash: str) -> str:
        payload = json.dumps(
            {
                "id": self.pk,
                "at": self.at.isoformat(),
                "actor": self.actor_id,
                "actor_name": self.actor_name,
                "ip": self.ip,
                "request_id": self.request_id,
                "action": self.action,
                "object_type": self.object_type,
                "object_id": self.object_id,
                "object_repr": self.object_repr,
                "changes": self.changes,
                "message": self.message,
                "prev": prev_hash,
            },
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        return hashlib.sha256(payload.encode()).hexdigest()


class Job(models.Model):
    """A long piece of work run by the task queue (import, export, rendering), polled by the page."""

    class Status(models.TextChoices):
        PENDING = "pending", "排队中"
        RUNNING = "running", "进行中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    kind = models.CharField("类型", max_length=50)
    title = models.CharField("名称", max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发起人", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    total = models.PositiveIntegerField("总数", default=0)
    done = models.PositiveIntegerField("已处理", default=0)
    message = models.CharField("进度说明", max_length=500, blank=True)
    params = models.JSONField("参数", default=dict, blank=True)
    result = models.JSONField("结果", default=dict, blank=True)
    input_file = models.FileField("输入文件", upload_to="jobs/in/%Y/%m/", blank=True)
    output_file = models.FileField("结果文件", upload_to="jobs/out/%Y/%m/", blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    heartbeat = models.DateTimeField("心跳", null=True, blank=True)

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ["-id"]
        default_permissions = ()

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


from kit.models_scoring import *  # noqa: E402,F403
