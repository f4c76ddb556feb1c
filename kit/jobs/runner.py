"""Running a job: the handler registered for its kind, progress written as it goes, failures
recorded (with the trace for the operators, a plain message for the user)."""

from __future__ import annotations

import logging
import os
import socket
import traceback
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone

from kit.jobs.models import Job

log = logging.getLogger(__name__)

Handler = Callable[[Job, Callable[[int, str], None]], None]
_handlers: dict[str, Handler] = {}
WORKER_ID = f"{socket.gethostname()}:{os.getpid()}"


def handler(kind: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        _handlers[kind] = fn
        return fn

    return register


def execute(job_id: int) -> None:
    job = Job.objects.get(pk=job_id)
    if job.finished:
        return
    fn = _handlers.get(job.kind)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING,
        started_at=timezone.now(),
        heartbeat=timezone.now(),
        message="开始处理",
        worker=WORKER_ID,
    )

    def progress(done: int, message: str) -> None:
        Job.objects.filter(pk=job.pk).update(done=done, message=message[:500], heartbeat=timezone.now())

    try:
        if fn is None:
            raise RuntimeError(f"unknown job kind {job.kind}")
        fn(job, progress)
    except Exception as exc:
        log.exception("job %s failed", job.pk)
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED,
            finished_at=timezone.now(),
            message="处理失败，请联系系统管理员",
            result={"error": type(exc).__name__, "trace": traceback.format_exc()[-4000:]},
        )
        return
    job.refresh_from_db()
    if job.status != Job.Status.FAILED:
        Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE, finished_at=timezone.now())


def sweep_files(now: Any = None) -> int:
    """Delete the files of jobs finished more than `FILE_RETENTION_DAYS` ago (uploaded workbooks and
    error reports hold full ID numbers and phones); the job and its summary stay. Returns the
    number of files removed."""
    from django.conf import settings

    now = now or timezone.now()
    cutoff = now - timedelta(days=int(getattr(settings, "FILE_RETENTION_DAYS", 7)))
    removed = 0
    old = Job.objects.filter(finished_at__lt=cutoff).exclude(input_file="", output_file="")
    for job in old.iterator():
        for field in (job.input_file, job.output_file):
            if field and field.name:
                # a resubmitted job shares its input with the job it retried: keep it while one is young
                shared = Job.objects.filter(input_file=field.name).exclude(pk=job.pk)
                if (
                    field.field.name == "input_file"
                    and shared.filter(Q(finished_at__isnull=True) | Q(finished_at__gte=cutoff)).exists()
                ):
                    continue
                field.storage.delete(field.name)
                removed += 1
        Job.objects.filter(pk=job.pk).update(input_file="", output_file="")
    return removed


def save_output(job: Job, name: str, data: bytes) -> None:
    job.output_file.save(name, ContentFile(data), save=False)
    Job.objects.filter(pk=job.pk).update(output_file=job.output_file.name)


INTERRUPTED = "处理被中断（任务进程已停止），可点击“重新提交”再次处理"


def _alive(worker: str) -> bool | None:
    """Is the process `host:pid` running? None when it runs on another host (we cannot tell)."""
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


def fail_stale(max_age: timedelta = timedelta(minutes=10), job_ids: list[int] | None = None) -> int:
    """RUNNING jobs whose worker is gone are failed: at once when the worker ran on this host and
    its process no longer exists (checked every minute, and whenever someone looks at the job);
    after `max_age` without a heartbeat when it ran elsewhere (a worker on another host that died)."""
    now = timezone.now()
    running = Job.objects.filter(status=Job.Status.RUNNING)
    if job_ids is not None:
        running = running.filter(pk__in=job_ids)
    dead = [
        pk
        for pk, worker, beat in running.values_list("pk", "worker", "heartbeat")
        if _alive(worker) is False or (_alive(worker) is None and (beat is None or beat < now - max_age))
    ]
    if not dead:
        return 0
    return Job.objects.filter(pk__in=dead, status=Job.Status.RUNNING).update(
        status=Job.Status.FAILED, finished_at=now, message=INTERRUPTED
    )
