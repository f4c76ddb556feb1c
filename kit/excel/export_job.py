"""A large export as a background job: the rows the user's list showed (`kit.views.crud.filtered`
under the conditions kept on the job, in his scope *when the job runs*), written to an encrypted
private file he downloads from the job's page; audited with the conditions in words."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.http import QueryDict

from kit.jobs import runner
from kit.jobs.models import Job


@runner.handler("export")
def _export_job(job: Any, progress: Callable[[int, str], None]) -> None:
    from kit.entity import entity_for
    from kit.views.crud import filtered

    params = job.params
    entity = entity_for(apps.get_model(params["model"]))
    if entity is None or entity.excel_spec is None or not entity.can(job.owner, "export"):
        raise PermissionError("没有导出该数据的权限")
    reveal = bool(params.get("reveal")) and entity.reveal_allowed(job.owner)
    query = QueryDict(params.get("query", ""))
    qs, _fs, _q = filtered(entity, job.owner, query)
    qs, _sort = entity.table().apply_sort(qs, query.get("sort"))
    total = qs.order_by().count()
    Job.objects.filter(pk=job.pk).update(total=total)
    progress(0, f"正在导出 {total} 行")
    name = str(entity.model._meta.verbose_name)
    with tempfile.TemporaryFile() as handle:
        n = entity.excel_spec.export(
            qs, user=job.owner, target=handle, reveal_pii=reveal, filters=params.get("conditions", "")
        )
        handle.seek(0)
        runner.save_output(job, f"{name}{'（完整信息）' if reveal else ''}.xlsx", handle.read())
    Job.objects.filter(pk=job.pk).update(
        done=n, result={"ok": True, "exported": n, "file": True}, message=f"导出完成：共 {n} 行"
    )
