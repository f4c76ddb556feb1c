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
    ctx = context.current()
    transaction.on_commit(lambda: run_job(job.pk, ctx.request_id, ctx.ip))
    return job
