"""Tasks of the kit: the health round trip, jobs, stale-job recovery."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, task

from kit import context
from kit.audit import chain
from kit.jobs import runner


@task()
def ping(token: str) -> str:
    return token


@db_task()
def run_job(job_id: int, request_id: str = "", ip: str | None = None) -> None:
    with context.bound(context.RequestContext(request_id=request_id, ip=ip)):
        runner.execute(job_id)


@db_periodic_task(crontab(minute="*"))
def recover_stale_jobs() -> None:
    runner.fail_stale()


@db_periodic_task(crontab(hour="3", minute="17"))
def sweep_job_files() -> None:
    runner.sweep_files()


@db_periodic_task(crontab(minute="*"))
def seal_audit_log() -> None:
    chain.seal()
