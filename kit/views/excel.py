"""Excel pages of an entity: the template, the import (a background job) and the export of exactly
what the user filtered and may see."""

from __future__ import annotations

import tempfile

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse

from kit.jobs import queue
from kit.jobs.models import Job
from kit.views.crud import EntityView, ListView, crumbs


# --- Excel --------------------------------------------------------------------------------------
class TemplateView(EntityView):
    action = "import"

    def get(self, request: HttpRequest) -> HttpResponseBase:
        assert self.entity.excel_spec is not None
        data = self.entity.excel_spec.template()
        response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        attachment(response, f"{self.entity.model._meta.verbose_name}导入模板.xlsx")
        return response


class ImportView(EntityView):
    action = "import"
    max_bytes = 50 * 1024 * 1024

    def get(self, request: HttpRequest) -> HttpResponseBase:
        return self.page()

    def page(self, error: str = "", status: int = 200) -> HttpResponseBase:
        recent = Job.objects.filter(  # type: ignore[misc]
            owner=self.request.user, kind="import", params__model=self.entity.model._meta.label_lower
        )[:5]
        return self.render(
            "kit/object_import.html",
            {
                "title": f"导入{self.entity.model._meta.verbose_name}",
                "error": error,
                "recent": recent,
                "breadcrumbs": crumbs(self.entity, ("导入", None)),
                "max_mb": self.max_bytes // 1024 // 1024,
                "columns": self.entity.excel_spec.import_columns if self.entity.excel_spec else [],
            },
            status=status,
        )

    def post(self, request: HttpRequest) -> HttpResponseBase:
        upload = request.FILES.get("file")
        if upload is None:
            return self.page("请选择要导入的 Excel 文件（.xlsx）", status=400)
        if not upload.size:
            return self.page("文件是空的，不是有效的 Excel 工作簿（.xlsx）", status=400)
        if (upload.size or 0) > self.max_bytes:
            return self.page(f"文件过大：上限 {self.max_bytes // 1024 // 1024} MB", status=400)
        job = queue.start(
            kind="import",
            title=f"导入{self.entity.model._meta.verbose_name}：{upload.name}"[:200],
            owner=request.user,
            params={"model": self.entity.model._meta.label_lower},
            upload=upload,
        )
        return HttpResponseRedirect(reverse("kit:job_detail", args=[job.pk]))


class ExportView(ListView):
    action = "export"

    def get(self, request: HttpRequest) -> HttpResponseBase:  # type: ignore[override]
        assert self.entity.excel_spec is not None
        qs, _fs, _q = self.filtered()
        qs, _sort = self.entity.table().apply_sort(qs, request.GET.get("sort"))
        reveal = self.entity.reveal_allowed(request.user)
        handle = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes it after streaming
        filters = "&".join(f"{k}={v}" for k, v in request.GET.items() if v)
        self.entity.excel_spec.export(qs, user=request.user, target=handle, reveal_pii=reveal, filters=filters)
        handle.seek(0)
        response = FileResponse(
            handle, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        attachment(response, f"{self.entity.model._meta.verbose_name}.xlsx")
        return response


def attachment(response: HttpResponseBase, filename: str) -> None:
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename=\"export.xlsx\"; filename*=UTF-8''{quote(filename)}"
