"""Starting a job: the `Job` row is written now, the task is queued when the transaction commits
(so the worker never looks for a row that is not there yet)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kit import context
from kit.jobs.models import Job
from kit.tasks import run_job


def start(*, kind: str, title: str, owner: Any, params: dict[str, Any], upload: Any = None) -> Job:
    job = Job(kind=kind, title=title, owner=owner, params=params)
    if upload is not None:
        job.input_file.save(f"{kind}.xlsx", upload, save=False)
    job.save()
    _enqueue(job)
    return job


def resubmit(job: Job) -> Job:
    """A failed job again, as a new job with the same kind, parameters and uploaded file (the
    importer validates everything again: nothing of the failed run was written)."""
    again = Job(kind=job.kind, title=job.title, owner=job.owner, params=job.params, retry_of=job)
    again.input_file.name = job.input_file.name
    again.save()
    _enqueue(again)
    return again


def _enqueue(job: Job) -> None:
    ctx = context.current()
    transaction.on_commit(lambda: run_job(job.pk, ctx.request_id, ctx.ip))
