"""Pages of 法律援助 beyond the entities' own (`legal.entities`): the overview (figures for everyone
who opens the module; the deadline lists only of the cases the user may open), the move from
mediation to arbitration, and the referral packet. Each write calls its service."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.template.loader import render_to_string
from django.views import View
from django.views.generic import TemplateView

from kit import audit
from kit.models import AuditEntry
from kit.pdf import PdfUnavailable, render_pdf
from kit.views.crud import get_object, url_for
from kit.views.figures import FiguresPage
from kit.views.steps import attempt
from legal import entities, selectors, services
from legal import figures as legal_figures
from legal.models import Case


class OverviewView(LoginRequiredMixin, FiguresPage, TemplateView):
    """法律援助 at a glance: the figures for a chosen date or year within the user's org scope —
    counts and amounts only — and, for those who handle cases, the limits passed or near."""

    template_name = "legal/overview.html"
    title = "法律援助"
    indicators = legal_figures.INDICATORS

    def extra(self, period: Any, org: Any) -> dict[str, Any]:
        user = self.request.user  # type: ignore[attr-defined]
        if not user.has_perm("legal.view_case"):
            return {"deadlines": None}
        return {"deadlines": selectors.deadline_list(Case.objects.visible_to(user), on=period.end)}


class ToArbitrationView(LoginRequiredMixin, View):
    """调解不成，转仲裁 from the case's page."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        case = get_object(entities.CaseEntity, request.user, pk, "change")
        try:
            received = date.fromisoformat(request.POST.get("received_on", ""))
        except ValueError:
            messages.error(request, "请填写仲裁申请收到日期")
        else:
            attempt(
                request,
                lambda: services.to_arbitration(actor=request.user, case=case, received_on=received),
                "已转入仲裁庭",
            )
        return HttpResponseRedirect(url_for(entities.CaseEntity, "detail", case))


class ReferralPacketView(LoginRequiredMixin, View):
    """转介材料包 (zip): the cooperation letter (PDF, or HTML when the server lacks the PDF engine),
    the entrusted tasks and updates in it, and the case's documents — what the agreement lets the
    partner receive. Downloading it is logged."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        referral = get_object(entities.ReferralEntity, request.user, pk)
        documents = []
        if referral.case_id and Case.objects.visible_to(request.user).filter(pk=referral.case_id).exists():
            documents = list(referral.case.documents.all())
        context = {
            "referral": referral,
            "case": referral.case,
            "tasks": list(referral.tasks.all()),
            "updates": list(referral.updates.all()),
            "documents": documents,
        }
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as packet:
            try:
                packet.writestr("协作函.pdf", render_pdf("legal/referral_letter.html", context))
            except PdfUnavailable:
                packet.writestr("协作函.html", render_to_string("legal/referral_letter.html", context))
            for n, document in enumerate(documents, start=1):
                name = document.file.name.rsplit("/", 1)[-1]
                with document.file.open("rb") as handle:
                    packet.writestr(f"材料/{n:02d}-{document.get_kind_display()}-{name}", handle.read())
        audit.record(
            AuditEntry.Action.EXPORT,
            actor=request.user,
            obj=referral,
            message=f"导出转介材料包（材料 {len(documents)} 件）",
        )
        response = HttpResponse(buffer.getvalue(), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="referral-{referral.pk}.zip"'
        return response
