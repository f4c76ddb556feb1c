"""The audit log's table: one row per write, per display or export of personal data, per log-in."""

from __future__ import annotations

import hashlib
import json
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone

from kit.db import ScopedManager
from kit.scope import ScopeSpec


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
        VIEW = "view", "查看记录"  # an opening of a confidential record (Entity.audit_views)

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
    # keyed MAC of the content, written with the row: a row inserted outside the product has none
    mac = models.CharField(max_length=64, blank=True, editable=False)
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
        if self.pk is None and not self.mac:
            self.mac = self.content_mac()
        super().save(*args, **kwargs)

    def _fields(self) -> dict[str, Any]:
        """Every column a row is written with (the id and the chain columns aside)."""
        return {
            "at": self.at.isoformat(),
            "actor": self.actor_id,
            "actor_name": self.actor_name,
            "actor_org_path": self.actor_org_path,
            "ip": self.ip,
            "request_id": self.request_id,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "changes": self.changes,
            "message": self.message,
        }

    def content(self) -> str:
        """The row's columns, canonical: what its MAC covers."""
        return _canonical(self._fields())

    def content_mac(self) -> str:
        from kit.audit.keys import mac

        return mac("row", self.content())

    def chain_digest(self, prev_hash: str) -> str:
        """The keyed link of a row written with a MAC: its id, its MAC (covering its content) and
        the previous link."""
        from kit.audit.keys import mac

        return mac("link", f"{self.pk}\x00{self.mac}\x00{prev_hash}")

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionDenied("操作日志不可删除")

    def content_digest(self, prev_hash: str) -> str:
        """The unkeyed SHA-256 link of rows sealed before the chain was keyed (kept verifiable: the
        same payload as then — without the org path, with the id and the previous link)."""
        fields = {k: v for k, v in self._fields().items() if k != "actor_org_path"}
        payload = _canonical({**fields, "id": self.pk, "prev": prev_hash})
        return hashlib.sha256(payload.encode()).hexdigest()


def _canonical(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
