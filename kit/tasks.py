"""Tasks of the kit: the health round trip, jobs, stale-job recovery."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, task

from kit import context


@task()
def ping(token: str) -> str:
    return token


@db_task()
def run_job(job_id: int, request_id: str = "", ip: str | None = None) -> None:
    from kit import jobs

    with context.bound(context.RequestContext(request_id=request_id, ip=ip)):
        jobs.execute(job_id)


@db_periodic_task(crontab(minute="*/5"))
def recover_stale_jobs() -> None:
    from kit import jobs

    jobs.fail_stale()


@db_periodic_task(crontab(minute="*"))
def seal_audit_log() -> None:
    from kit import audit

    audit.seal()
