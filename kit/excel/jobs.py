"""The import as a background job: the uploaded workbook read and imported by the entity's spec,
an error report written when rows were refused, the summary kept on the job."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kit.excel.spec import get_spec
from kit.excel.write import write_error_report
from kit.jobs import runner
from kit.jobs.models import Job


@runner.handler("import")
def _import_job(job: Any, progress: Callable[[int, str], None]) -> None:
    spec = get_spec(job.params["model"])
    with job.input_file.open("rb") as handle:
        data = handle.read()
    result = spec.run_import(data, user=job.owner, progress=progress)
    summary: dict[str, Any] = {
        "ok": result.ok,
        "total": result.total,
        "created": result.created,
        "updated": result.updated,
        "error_count": result.error_count,
        "general_errors": result.general_errors,
        "errors": [list(e) for e in result.errors[:200]],
    }
    if result.error_rows or (result.general_errors and result.total):
        report = write_error_report(spec.import_columns, result.error_rows, general_errors=result.general_errors)
        runner.save_output(job, "导入错误报告.xlsx", report)
        summary["report"] = True
    message = (
        f"导入完成：新增 {result.created} 行，更新 {result.updated} 行"
        if result.ok
        else "未导入任何数据：" + ("；".join(result.general_errors) or f"{result.error_count} 行有错误")
    )
    Job.objects.filter(pk=job.pk).update(result=summary, done=result.total, total=result.total, message=message[:500])
