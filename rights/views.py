"""Pages of 维权服务 beyond the entities' own (`rights.entities`): the overview, and the steps taken
from a record's page — members added to an enrolment, a claim approved, workers signed up, hours
recorded, a correction applied, a certificate issued and downloaded. Each calls its service."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.views import View
from django.views.generic import TemplateView

from core.models import Person
from core.selectors import people_from_lines
from kit.figures import FiguresPage
from kit.pdf import PdfUnavailable, render_pdf
from kit.views.crud import get_object, url_for
from kit.views.steps import attempt
from rights import entities, selectors, services
from rights import figures as rights_figures
from rights.models import Volunteer


class OverviewView(LoginRequiredMixin, FiguresPage, TemplateView):
    """维权服务 at a glance: the section's figures for a chosen date or year, within the user's scope."""

    template_name = "rights/overview.html"
    title = "维权服务"
    section = staticmethod(rights_figures.section)

    def extra(self, period: Any, org: Any) -> dict[str, Any]:
        user = self.request.user  # type: ignore[attr-defined]
        overdue = selectors.reviews_overdue(org=org) if user.has_perm("rights.view_hardshipfile") else []
        return {
            "aid": selectors.aid_given(period=period, org=org),
            "gifts": selectors.gifts_by_item(period=period, org=org),
            "overdue": overdue[:20],
            "overdue_count": len(overdue),
        }


def _people(request: HttpRequest) -> tuple[list[Person], list[str]]:
    people, unknown = people_from_lines(Person.objects.visible_to(request.user), request.POST.get("people", ""))
    if unknown:
        messages.error(request, "未找到或不唯一（请用公民身份号码）：" + "、".join(unknown[:20]))
    return people, unknown


class EnrolmentMembersView(LoginRequiredMixin, View):
    """Add workers to a unit enrolment, one per line (ID number, phone or name)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        enrolment = get_object(entities.UnitEnrolmentEntity, request.user, pk)
        people, _unknown = _people(request)
        result = attempt(
            request,
            lambda: services.members_add(actor=request.user, enrolment=enrolment, people=people),
            lambda r: f"已添加参保职工 {r['added']} 人",
        )
        for refused in (result or {}).get("refused", [])[:20]:
            messages.error(request, refused)
        return HttpResponseRedirect(url_for(entities.UnitEnrolmentEntity, "detail", enrolment))


class ClaimApproveView(LoginRequiredMixin, View):
    """核准 a claim with an amount (the other decisions are plain transitions on the claim's page)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        claim = get_object(entities.ClaimEntity, request.user, pk, "review")
        try:
            amount = Decimal(request.POST.get("amount", "").strip())
        except InvalidOperation:
            messages.error(request, "请填写核准金额（元）")
        else:
            attempt(
                request,
                lambda: services.claim_approve(actor=request.user, claim=claim, amount=amount),
                f"已核准 {amount} 元",
            )
        return HttpResponseRedirect(url_for(entities.ClaimEntity, "detail", claim))


class ActivitySignupView(LoginRequiredMixin, View):
    """Sign workers up for an activity, one per line; beyond the capacity they wait in order."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        activity = get_object(entities.ActivityEntity, request.user, pk)
        people, _unknown = _people(request)
        for person in people:

            def sign_up(p: Person = person) -> Any:
                return services.activity_sign_up(actor=request.user, activity=activity, person=p)

            attempt(request, sign_up, lambda r: f"{r.person}：{r.get_status_display()}")
        return HttpResponseRedirect(url_for(entities.ActivityEntity, "detail", activity))


class HoursRecordView(LoginRequiredMixin, View):
    """Record a volunteer's hours at an activity — by the organising team (the service's scope)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        from rights.models import ServiceHours

        activity = get_object(entities.ActivityEntity, request.user, pk)
        volunteer = Volunteer.objects.filter(pk=request.POST.get("volunteer") or 0).first()
        try:
            hours = Decimal(request.POST.get("hours", "").strip())
        except InvalidOperation:
            hours = None
        if volunteer is None or hours is None:
            messages.error(request, "请选择志愿者并填写服务时长（小时）")
        else:
            record = ServiceHours(
                activity=activity, volunteer=volunteer, hours=hours, note=request.POST.get("note", "")
            )
            attempt(
                request,
                lambda: services.hours_save(actor=request.user, record=record, action="add"),
                f"已记录{volunteer.person} {hours} 小时",
            )
        return HttpResponseRedirect(url_for(entities.ActivityEntity, "detail", activity))


class CorrectionApplyView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        correction = get_object(entities.CorrectionEntity, request.user, pk, "review")
        attempt(
            request,
            lambda: services.correction_apply(actor=request.user, correction=correction),
            f"已按申请更正为 {correction.requested_hours} 小时",
        )
        return HttpResponseRedirect(url_for(entities.CorrectionEntity, "detail", correction))


class CertificateIssueView(LoginRequiredMixin, View):
    """开具志愿服务证明 from the hours recorded in the chosen period."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        volunteer = get_object(entities.VolunteerEntity, request.user, pk)
        try:
            start = date.fromisoformat(request.POST.get("period_start", ""))
            end = date.fromisoformat(request.POST.get("period_end", ""))
        except ValueError:
            messages.error(request, "请填写统计起止日期")
            return HttpResponseRedirect(url_for(entities.VolunteerEntity, "detail", volunteer))
        certificate = attempt(
            request,
            lambda: services.certificate_issue(
                actor=request.user, volunteer=volunteer, period_start=start, period_end=end
            ),
            lambda c: f"已开具证明 {c.number}",
        )
        if certificate is None:
            return HttpResponseRedirect(url_for(entities.VolunteerEntity, "detail", volunteer))
        return HttpResponseRedirect(url_for(entities.CertificateEntity, "detail", certificate))


class CertificatePdfView(LoginRequiredMixin, View):
    """The certificate as a PDF (numbered, dated, the hours as recorded when it was issued)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        certificate = get_object(entities.CertificateEntity, request.user, pk)
        volunteer = certificate.volunteer
        hours = (
            volunteer.hours.filter(
                activity__held_on__gte=certificate.period_start, activity__held_on__lte=certificate.period_end
            )
            .select_related("activity")
            .order_by("activity__held_on")
        )
        try:
            pdf = render_pdf(
                "rights/certificate.html",
                {"certificate": certificate, "volunteer": volunteer, "person": volunteer.person, "hours": hours},
            )
        except PdfUnavailable as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(url_for(entities.CertificateEntity, "detail", certificate))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{certificate.number}.pdf"'
        return response
