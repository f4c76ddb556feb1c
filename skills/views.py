"""Pages of 技能提升 beyond the entities' own (`skills.entities`): the overview, enrolment, the
selection steps (eligibility, review, publicity) and certificates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from core.selectors import users_from_names
from kit.pdf import PdfUnavailable
from kit.views.crud import get_object
from kit.views.excel import attachment
from kit.views.figures import FiguresPage
from kit.views.steps import attempt, refusal
from skills import certificates, entities, services
from skills import figures as skills_figures
from skills.models import SelectionRound, Submission


class OverviewView(LoginRequiredMixin, FiguresPage, TemplateView):
    """技能提升 at a glance: the section's figures for a chosen date or year, within the user's scope."""

    template_name = "skills/overview.html"
    title = "技能提升"
    indicators = skills_figures.INDICATORS


class EnrolView(LoginRequiredMixin, View):
    """Enrol workers into a class: by ID number or name of workers the user may see, one per line."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        from core.models import Person
        from core.selectors import people_from_lines

        training_class = get_object(entities.ClassEntity, request.user, pk)
        people, unknown = people_from_lines(Person.objects.visible_to(request.user), request.POST.get("people", ""))
        attempt(
            request,
            lambda: services.enrol_many(actor=request.user, training_class=training_class, people=people),
            lambda r: (
                f"报名 {r['enrolled']} 人，候补 {r['waiting']} 人"
                + (f"，{r['refused']} 人已报过名" if r["refused"] else "")
            ),
        )
        if unknown:
            messages.error(request, "未找到或不唯一（请用身份证号）：" + "、".join(unknown[:20]))
        return HttpResponseRedirect(reverse("skills:trainingclass_detail", args=[training_class.pk]))


class CancelEnrolmentView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        enrolment = get_object(entities.EnrolmentEntity, request.user, pk, "delete")
        try:
            promoted = services.cancel_enrolment(
                actor=request.user, enrolment=enrolment, reason=request.POST.get("reason", "")
            )
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "已取消" + (f"，候补的 {promoted.person} 转为正式报名" if promoted else ""))
        return HttpResponseRedirect(reverse("skills:trainingclass_detail", args=[enrolment.training_class_id]))


class SelectionStepView(LoginRequiredMixin, View):
    """The organiser's steps: start the review (experts), publicize (prizes from the ranking)."""

    def post(self, request: HttpRequest, pk: int, step: str) -> HttpResponseBase:
        selection = get_object(entities.SelectionEntity, request.user, pk, "change")
        try:
            if step == "review":
                experts = users_from_names(request.POST.get("experts", ""), what="专家账号")
                services.start_review(actor=request.user, selection=selection, experts=experts)
                messages.success(request, "已开始评审，专家可在“我的评审”中打分")
            elif step == "publicize":
                winners = services.publicize(actor=request.user, selection=selection)
                messages.success(request, f"已发布公示：拟表彰 {len(winners)} 项")
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
        return HttpResponseRedirect(reverse("skills:selectionround_detail", args=[selection.pk]))


class EligibilityView(LoginRequiredMixin, View):
    """资格审查 of one entry, by the organiser (the service checks his permission on the round)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        submission = get_object(entities.SubmissionEntity, request.user, pk)
        try:
            services.check_eligibility(
                actor=request.user,
                submission=submission,
                eligible=request.POST.get("eligible") == "1",
                reason=request.POST.get("reason", "").strip(),
            )
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
        else:
            messages.success(request, "已记录资格审查结果")
        return HttpResponseRedirect(reverse("skills:submission_detail", args=[submission.pk]))


class CertificatesView(LoginRequiredMixin, View):
    """The award certificates of a selection (PDF), once it is awarded."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        selection = get_object(entities.SelectionEntity, request.user, pk)
        if selection.status != SelectionRound.Status.AWARDED:
            messages.error(request, "正式表彰后才能下载证书")
            return HttpResponseRedirect(reverse("skills:selectionround_detail", args=[selection.pk]))
        winners = list(
            Submission.objects.visible_to(request.user)
            .filter(round=selection)
            .exclude(prize="")
            .select_related("enterprise")
            .prefetch_related("authors")
        )
        try:
            pdf = certificates.render(winners, selection=selection)
        except PdfUnavailable as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(reverse("skills:selectionround_detail", args=[selection.pk]))
        response = HttpResponse(pdf, content_type="application/pdf")
        attachment(response, f"{selection.year}年{selection.get_kind_display()}获奖证书.pdf")
        return response
