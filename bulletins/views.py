"""Pages of 专报 beyond the entities' own (`bulletins.entities`): the overview, writing an issue
from a template, the steps on an issue's page (refresh the figures, turn one into text, publish,
correct, preview the PDF) and its files. Each write calls its service."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from bulletins import entities, selectors, services
from bulletins.models import Issue, Series, Template
from bulletins.render import docx
from kit.figures import org_for
from kit.periods import Period
from kit.views.crud import get_object, url_for
from kit.views.steps import attempt


class OverviewView(LoginRequiredMixin, TemplateView):
    template_name = "bulletins/overview.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx.update(
            title="专报",
            breadcrumbs=[("专报", None)],
            issues=list(Issue.objects.visible_to(user).select_related("series").order_by("-issue_date", "-id")[:20]),
            templates=list(Template.objects.visible_to(user).select_related("series")),
            series=list(Series.objects.visible_to(user)),
        )
        return ctx


class GenerateView(LoginRequiredMixin, View):
    """Write a draft from a template for a period and an org (the figures computed now)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        template = get_object(entities.TemplateEntity, request.user, pk)
        org_model = apps.get_model(settings.KIT_ORG_MODEL)
        org = org_for(request.user, request.POST.get("org"), org_model)
        try:
            period = Period.parse(request.POST.get("period"))
            issue_date = date.fromisoformat(request.POST.get("issue_date", ""))
        except ValueError as exc:
            messages.error(request, str(exc) if "期间" in str(exc) else "请填写成文日期")
            return HttpResponseRedirect(url_for(entities.TemplateEntity, "detail", template))
        issue = attempt(
            request,
            lambda: services.issue_from_template(
                actor=request.user,
                template=template,
                period=period,
                org=org or org_model.objects.first(),
                issue_date=issue_date,
            ),
            "已生成草稿，数字已按所选期间计算",
        )
        if issue is None:
            return HttpResponseRedirect(url_for(entities.TemplateEntity, "detail", template))
        return HttpResponseRedirect(url_for(entities.IssueEntity, "detail", issue))


class IssueStepView(LoginRequiredMixin, View):
    STEPS = {
        "refresh": ("change", "已按最新记录刷新数字"),
        "fix": ("change", "已转为文字"),
        "publish": ("view", "已印发，正在生成 Word 与 PDF"),
        "correct": ("view", "已建立更正版本"),
        "preview": ("export", "正在生成 PDF 预览"),
    }

    def post(self, request: HttpRequest, pk: int, step: str) -> HttpResponseBase:
        if step not in self.STEPS:
            raise Http404("没有这个操作")
        action, done = self.STEPS[step]
        issue = get_object(entities.IssueEntity, request.user, pk, action)
        user = request.user
        calls = {
            "refresh": lambda: services.issue_refresh(actor=user, issue=issue),
            "fix": lambda: services.issue_fix(actor=user, issue=issue, key=request.POST.get("key") or None),
            "publish": lambda: services.issue_publish(actor=user, issue=issue),
            "correct": lambda: services.issue_correct(actor=user, issue=issue),
            "preview": lambda: services.preview_start(actor=user, issue=issue),
        }
        result = attempt(request, calls[step], done)
        if step == "correct" and result is not None:
            return HttpResponseRedirect(url_for(entities.IssueEntity, "detail", result))
        if step == "preview" and result is not None:
            return HttpResponseRedirect(reverse("kit:job_detail", args=[result.pk]))
        return HttpResponseRedirect(url_for(entities.IssueEntity, "detail", issue))


class IssueFileView(LoginRequiredMixin, View):
    """The issue's Word or PDF file: a published issue's as stored at publication; a draft's Word
    file made now (its PDF comes from the preview step)."""

    def get(self, request: HttpRequest, pk: int, kind: str) -> HttpResponseBase:
        issue = get_object(entities.IssueEntity, request.user, pk)
        name = f"{issue.series.name}{issue.number or '（草稿）'}"
        stored = issue.docx if kind == "docx" else issue.pdf if kind == "pdf" else None
        if stored is None:
            raise Http404("没有这种文件")
        if stored:
            return FileResponse(stored.open("rb"), as_attachment=True, filename=f"{name}.{kind}")
        if kind == "docx" and not issue.frozen:
            data = docx.build(selectors.content_of(issue))
            response = HttpResponse(
                data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            )
            response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}.docx"
            return response
        messages.error(
            request,
            "文件尚未生成（印发后在任务队列中生成，请稍后刷新）" if issue.frozen else "草稿的 PDF 请用“预览 PDF”生成",
        )
        return HttpResponseRedirect(url_for(entities.IssueEntity, "detail", issue))


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text)
