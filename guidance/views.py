"""Pages of 思想引领 beyond the entities' own (`guidance.entities`): the overview, the lecture
calendar and voting."""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from guidance import figures as guidance_figures
from guidance import selectors, services
from guidance.models import Lecture, TopTenSelection
from kit.views.figures import FiguresPage


class OverviewView(LoginRequiredMixin, FiguresPage, TemplateView):
    """思想引领 at a glance: the section's figures for a chosen date or year, within the user's scope."""

    template_name = "guidance/overview.html"
    title = "思想引领"
    indicators = guidance_figures.INDICATORS

    def extra(self, period: Any, org: Any) -> dict[str, Any]:
        return {"campaigns": selectors.lecture_breakdown(period=period, org=org)}


class CalendarView(LoginRequiredMixin, View):
    """宣讲日历: a month of lectures within the user's scope."""

    def get(self, request: HttpRequest) -> Any:
        if not request.user.has_perm("guidance.view_lecture"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        today = timezone.localdate()
        try:
            year, month = (int(x) for x in request.GET.get("month", f"{today:%Y-%m}").split("-"))
            first = date(year, month, 1)
        except ValueError:
            first = today.replace(day=1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        by_day: dict[date, list[Lecture]] = defaultdict(list)
        for lecture in Lecture.objects.visible_to(request.user).filter(held_on__range=(first, last)):
            by_day[lecture.held_on].append(lecture)
        weeks = [
            [(d, by_day.get(d, [])) if d.month == first.month else (None, []) for d in week]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
        ]
        prev_month = (first - timedelta(days=1)).strftime("%Y-%m")
        next_month = (last + timedelta(days=1)).strftime("%Y-%m")
        return render(
            request,
            "guidance/calendar.html",
            {
                "title": f"宣讲日历（{first.year}年{first.month}月）",
                "weeks": weeks,
                "first": first,
                "prev_month": prev_month,
                "next_month": next_month,
                "breadcrumbs": [("思想引领", "/guidance/"), ("宣讲日历", None)],
                "weekdays": ["一", "二", "三", "四", "五", "六", "日"],
            },
        )


class TopTenView(LoginRequiredMixin, View):
    """A selection's voting page and combined ranking."""

    def get(self, request: HttpRequest, pk: int) -> Any:
        selection = self._selection(request, pk)
        now = timezone.now()
        return render(
            request,
            "guidance/topten.html",
            {
                "title": selection.title,
                "selection": selection,
                "rows": selectors.ranking(selection),
                "voting_open": selection.vote_opens <= now <= selection.vote_closes,
                "breadcrumbs": [("思想引领", "/guidance/"), ("十佳微党课评选", None)],
            },
        )

    def post(self, request: HttpRequest, pk: int) -> Any:
        selection = self._selection(request, pk)
        nomination = selection.nominations.filter(pk=request.POST.get("nomination")).first()  # type: ignore[misc]
        if nomination is None:
            raise Http404
        try:
            services.vote(actor=request.user, nomination=nomination)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, f"已为《{nomination.course}》投票")
        return HttpResponseRedirect(reverse("guidance:topten", args=[selection.pk]))

    @staticmethod
    def _selection(request: HttpRequest, pk: int) -> TopTenSelection:
        # voting is open to every signed-in worker: the selection is public, not scoped
        selection = TopTenSelection.objects.filter(pk=pk).first()
        if selection is None:
            raise Http404
        return selection
