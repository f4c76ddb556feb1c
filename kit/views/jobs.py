"""A job's progress page (polled with htmx) and its result file."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.views import View

from kit.jobs.models import Job
from kit.views.excel import attachment


# --- jobs ---------------------------------------------------------------------------------------
class JobView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        job = Job.objects.filter(pk=pk, owner=request.user).first()  # type: ignore[misc]
        if job is None:
            raise Http404("任务不存在")
        ctx = {"job": job, "title": job.title, "breadcrumbs": [("后台任务", None), (job.title, None)]}
        if getattr(request, "htmx", False):
            response = render(request, "kit/_job_status.html", ctx)
            if job.finished:
                response.status_code = 286  # htmx: stop polling
            return response
        return render(request, "kit/job_detail.html", ctx)


class JobDownloadView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        job = Job.objects.filter(pk=pk, owner=request.user).first()  # type: ignore[misc]
        if job is None or not job.output_file:
            raise Http404("文件不存在")
        response = FileResponse(
            job.output_file.open("rb"), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        attachment(response, (job.output_file.name or "result.xlsx").rsplit("/", 1)[-1])
        return response
