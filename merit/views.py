"""Pages of 建功立业 beyond the entities' own (`merit.entities`): the overview and the event's
scoring and awards."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from core.selectors import users_from_names
from kit.dates import today
from kit.views.crud import get_object
from kit.views.figures import FiguresPage
from kit.views.steps import refusal
from merit import entities, selectors, services
from merit import figures as merit_figures


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
                services.award(actor=request.user, event=event, granted_on=today())
                messages.success(request, "已评定奖项并记入获奖职工的荣誉")
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
        return HttpResponseRedirect(reverse("merit:event_detail", args=[event.pk]))
