"""Excel pages of an entity: the template, the import (a background job) and the export of exactly
what the user filtered and may see."""

from __future__ import annotations

import tempfile
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse

from kit.jobs import queue
from kit.jobs.models import Job
from kit.views.crud import COUNT_CAP, EntityView, ListView, conditions_in_words, crumbs, url_for


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


PURPOSES = ["信访维权核实", "困难职工帮扶", "会员发展与转接", "统计上报", "法律援助办案"]


class ExportView(ListView):
    """导出 exactly what the list shows — its search, filters and sort — after a page that says how
    many rows and under which conditions, in words. Full personal data only for a user with that
    right who names the purpose; audited with the conditions. Beyond `sync_limit` rows the file is
    written by a background job with progress."""

    action = "export"

    def rows(self) -> tuple[Any, Any, str, str]:
        qs, fs, q = self.filtered()
        qs, sort = self.entity.table().apply_sort(qs, self.request.GET.get("sort"))
        return qs, fs, q, sort

    def get(self, request: HttpRequest) -> HttpResponseBase:  # type: ignore[override]
        return self.page()

    def page(self, error: str = "", status: int = 200) -> HttpResponseBase:
        qs, fs, q, sort = self.rows()
        count = qs.order_by()[: COUNT_CAP + 1].count()
        name = str(self.entity.model._meta.verbose_name)
        return self.render(
            "kit/object_export.html",
            {
                "title": f"导出{name}",
                "breadcrumbs": crumbs(self.entity, ("导出", None)),
                "count": min(count, COUNT_CAP),
                "capped": count > COUNT_CAP,
                "conditions": conditions_in_words(self.entity, fs, q, sort),
                "query": self.request.GET.urlencode(),
                "list_url": url_for(self.entity, "list")
                + (f"?{self.request.GET.urlencode()}" if self.request.GET else ""),
                "can_reveal": self.entity.reveal_allowed(self.request.user),
                "pii_labels": [
                    str(getattr(self.entity.model._meta.get_field(f), "verbose_name", f)) for f in self.entity.pii()
                ],
                "purposes": PURPOSES,
                "error": error,
                "sync_limit": sync_limit(),
            },
            status=status,
        )

    def post(self, request: HttpRequest) -> HttpResponseBase:
        assert self.entity.excel_spec is not None
        reveal = request.POST.get("full") == "1"
        purpose = (request.POST.get("purpose") or "").strip()
        detail = (request.POST.get("purpose_detail") or "").strip()[:100]
        if purpose == "其他":
            purpose = detail
        if reveal:
            if not self.entity.reveal_allowed(request.user):
                raise PermissionDenied("您没有导出完整个人信息的权限")
            if not purpose:
                return self.page("导出完整个人信息须写明用途", status=400)
        qs, fs, q, sort = self.rows()
        words = "；".join(conditions_in_words(self.entity, fs, q, sort)) or "全部"
        if reveal:
            words += f"；用途：{purpose}"
        name = str(self.entity.model._meta.verbose_name)
        if qs.order_by()[: sync_limit() + 1].count() > sync_limit():
            job = queue.start(
                kind="export",
                title=f"导出{name}（{words}）"[:200],
                owner=request.user,
                params={
                    "model": self.entity.model._meta.label_lower,
                    "query": request.GET.urlencode(),
                    "reveal": reveal,
                    "conditions": words,
                },
            )
            return HttpResponseRedirect(reverse("kit:job_detail", args=[job.pk]))
        handle = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes it after streaming
        self.entity.excel_spec.export(qs, user=request.user, target=handle, reveal_pii=reveal, filters=words)
        handle.seek(0)
        response = FileResponse(
            handle, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        attachment(response, f"{name}{'（完整信息）' if reveal else ''}.xlsx")
        return response


def sync_limit() -> int:
    """Rows an export writes while the user waits; more go to a background job."""
    from django.conf import settings

    return int(getattr(settings, "EXPORT_SYNC_LIMIT", 5000))


def attachment(response: HttpResponseBase, filename: str) -> None:
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename=\"export.xlsx\"; filename*=UTF-8''{quote(filename)}"
