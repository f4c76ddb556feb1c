"""Pages of 建功立业 beyond the entities' own (`merit.entities`): the overview and the event's
scoring and awards."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.views import View
from django.views.generic import TemplateView

from core.selectors import users_from_names
from kit import scoring
from kit.pdf import PdfUnavailable, render_pdf
from kit.views.crud import get_object
from kit.views.excel import attachment
from kit.views.figures import FiguresPage
from kit.views.steps import refusal
from merit import entities, selectors, services
from merit import figures as merit_figures
from merit.models import Award


class OverviewView(LoginRequiredMixin, FiguresPage, TemplateView):
    """建功立业 at a glance: the section's figures for a chosen date or year, within the user's scope."""

    template_name = "merit/overview.html"
    title = "建功立业"
    indicators = merit_figures.INDICATORS

    def extra(self, period: Any, org: Any) -> dict[str, Any]:
        return {
            "levels": selectors.studios_by_level(period=period, org=org),
            "participation": selectors.participation(period=period, org=org),
        }


class EventActionView(LoginRequiredMixin, View):
    """设置评分 (judges) and 评定奖项 from an event's page."""

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponseRedirect:
        event = get_object(entities.EventEntity, request.user, pk, "change")
        try:
            if action == "setup":
                judges = users_from_names(request.POST.get("judges", ""), what="裁判账号")
                services.event_setup(actor=request.user, event=event, judges=judges)
                messages.success(request, "已设置评分，裁判可在“我的评审”中打分")
            elif action == "award":
                try:
                    granted_on = parse_date(request.POST.get("granted_on", "") or "")
                except ValueError:  # a well-formed but impossible date, such as 2023-02-30
                    granted_on = None
                if granted_on is None:
                    raise ValidationError("请填写表彰日期（年-月-日）")
                made = services.award(actor=request.user, event=event, granted_on=granted_on)
                messages.success(request, f"已评定奖项 {len(made)} 人，并记入获奖职工的荣誉")
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
        return HttpResponseRedirect(reverse("merit:event_detail", args=[event.pk]))


class EventAwardsPdfView(LoginRequiredMixin, View):
    """获奖名单 of an event as a printable PDF, by prize (its awards as the user may see them)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        event = get_object(entities.EventEntity, request.user, pk)
        awards = list(
            entities.AwardEntity.queryset(request.user)
            .filter(event=event)
            .select_related("registration__person", "registration__enterprise", "registration__org")
            .order_by("rank", "id")
        )
        if not awards:
            messages.error(request, "该项目还没有评定奖项")
            return HttpResponseRedirect(reverse("merit:event_detail", args=[event.pk]))
        labels = dict(Award.Prize.choices)
        by_prize = [
            (labels[p], [a for a in awards if a.prize == p]) for p in labels if any(a.prize == p for a in awards)
        ]
        entrants = 0
        if event.scoring_round_id:
            entrants = sum(1 for r in scoring.results(event.scoring_round) if r.rank is not None and not r.vetoed)
        try:
            pdf = render_pdf(
                "merit/awards_pdf.html", {"event": event, "awards": awards, "by_prize": by_prize, "entrants": entrants}
            )
        except PdfUnavailable as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(reverse("merit:event_detail", args=[event.pk]))
        response = HttpResponse(pdf, content_type="application/pdf")
        attachment(response, f"{event.competition.name}-{event.name}-获奖名单.pdf")
        return response
