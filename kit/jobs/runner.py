"""Running a job: the handler registered for its kind, progress written as it goes, failures
recorded (with the trace for the operators, a plain message for the user)."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from kit.jobs.models import Job

log = logging.getLogger(__name__)

Handler = Callable[[Job, Callable[[int, str], None]], None]
_handlers: dict[str, Handler] = {}


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
        status=Job.Status.RUNNING, started_at=timezone.now(), heartbeat=timezone.now(), message="开始处理"
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


def save_output(job: Job, name: str, data: bytes) -> None:
    job.output_file.save(name, ContentFile(data), save=False)
    Job.objects.filter(pk=job.pk).update(output_file=job.output_file.name)


def fail_stale(max_age: timedelta = timedelta(minutes=10)) -> int:
    """On worker start: a RUNNING job whose heartbeat stopped was cut off by a restart."""
    cutoff = timezone.now() - max_age
    return Job.objects.filter(status=Job.Status.RUNNING, heartbeat__lt=cutoff).update(
        status=Job.Status.FAILED, finished_at=timezone.now(), message="处理被中断（服务重启），请重新提交"
    )
