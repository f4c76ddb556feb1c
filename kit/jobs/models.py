"""A long piece of work run by the task queue, with the progress the page polls."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from kit.files.storage import private_storage


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
    # encrypted at rest and swept after FILE_RETENTION_DAYS (kit.files.storage, kit.jobs.runner.sweep_files)
    input_file = models.FileField("输入文件", upload_to="jobs/in/%Y/%m/", blank=True, storage=private_storage)
    output_file = models.FileField("结果文件", upload_to="jobs/out/%Y/%m/", blank=True, storage=private_storage)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    heartbeat = models.DateTimeField("心跳", null=True, blank=True)
    worker = models.CharField("处理进程", max_length=120, blank=True, help_text="主机名:进程号")
    retry_of = models.ForeignKey(
        "self", verbose_name="重新提交自", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

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
