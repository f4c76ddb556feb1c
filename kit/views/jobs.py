"""A job's progress page (polled with htmx; a job whose worker is gone is failed on sight), its
result file, and resubmitting a failed job."""

from __future__ import annotations

import mimetypes

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from kit.display import status_tone
from kit.jobs import queue, runner
from kit.jobs.models import Job
from kit.views.excel import attachment


# --- jobs ---------------------------------------------------------------------------------------
class JobListView(LoginRequiredMixin, View):
    """我的后台任务: the user's own imports, exports and renderings, newest first, by status."""

    per_page = 50

    def get(self, request: HttpRequest) -> HttpResponseBase:
        jobs = Job.objects.filter(owner=request.user)  # type: ignore[misc]
        status = request.GET.get("status", "")
        if status in Job.Status.values:
            jobs = jobs.filter(status=status)
        else:
            status = ""
        return render(
            request,
            "kit/job_list.html",
            {
                "title": "我的后台任务",
                "breadcrumbs": [("我的后台任务", None)],
                "jobs": [
                    {"job": job, "tone": status_tone(Job, job.status)}
                    for job in jobs.order_by("-created_at", "-pk")[: self.per_page]
                ],
                "statuses": Job.Status.choices,
                "status": status,
            },
        )


def back_to(job: Job) -> dict[str, str]:
    """The list a job's records belong to (an import's entity list) and its import page: the ways
    on from a finished job."""
    from django.apps import apps

    from kit.entity import entity_for
    from kit.views.crud import url_for

    label = (job.params or {}).get("model")
    if not label:
        return {}
    try:
        entity = entity_for(apps.get_model(label))
    except LookupError:
        return {}
    if entity is None:
        return {}
    out = {"list": url_for(entity, "list")}
    if "import" in entity.actions and entity.excel_spec is not None:
        out["import"] = url_for(entity, "import")
    return out


class JobView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        job = Job.objects.filter(pk=pk, owner=request.user).first()  # type: ignore[misc]
        if job is None:
            raise Http404("任务不存在")
        if job.status == Job.Status.RUNNING and runner.fail_stale(job_ids=[job.pk]):
            job.refresh_from_db()  # its worker is gone: say so now, not in ten minutes
        ctx = {
            "job": job,
            "title": job.title,
            "breadcrumbs": [("我的后台任务", reverse("kit:job_list")), (job.title, None)],
            "next_urls": back_to(job),
        }
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
        name = job.output_file.name or "result.xlsx"
        response = FileResponse(
            job.output_file.open("rb"), content_type=mimetypes.guess_type(name)[0] or "application/octet-stream"
        )
        attachment(response, name.rsplit("/", 1)[-1])
        return response


class JobResubmitView(LoginRequiredMixin, View):
    """重新提交 (POST): a failed job of one's own, again — one click from its page."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        job = Job.objects.filter(pk=pk, owner=request.user, status=Job.Status.FAILED).first()  # type: ignore[misc]
        if job is None:
            raise Http404("任务不存在或不能重新提交")
        again = queue.resubmit(job)
        return HttpResponseRedirect(reverse("kit:job_detail", args=[again.pk]))
