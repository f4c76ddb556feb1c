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
    """宣讲日历: a month of lectures within the user's scope — planned ones ahead, held ones
    behind — with month and year pickers; without a month asked for, the current one, or the
    latest month with lectures when the current one has none."""

    def get(self, request: HttpRequest) -> Any:
        if not request.user.has_perm("guidance.view_lecture"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        today = timezone.localdate()
        visible = Lecture.objects.visible_to(request.user)
        picked = f"{request.GET.get('y', '')}-{request.GET.get('m', '')}"  # the year and month pickers
        first = _month(picked) or _month(request.GET.get("month", ""))
        if first is None:
            first = today.replace(day=1)
            if not visible.filter(held_on__year=first.year, held_on__month=first.month).exists():
                latest = (
                    visible.filter(held_on__lte=today).order_by("-held_on").values_list("held_on", flat=True).first()
                )
                first = latest.replace(day=1) if latest else first
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        by_day: dict[date, list[Lecture]] = defaultdict(list)
        for lecture in visible.filter(held_on__range=(first, last)).order_by("held_on", "id"):
            by_day[lecture.held_on].append(lecture)
        weeks = [
            [(d, by_day.get(d, [])) if d.month == first.month else (None, []) for d in week]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
        ]
        years = sorted({d.year for d in visible.dates("held_on", "year")} | {today.year, today.year + 1, first.year})
        month_lectures = [item for items in by_day.values() for item in items]
        return render(
            request,
            "guidance/calendar.html",
            {
                "title": f"宣讲日历（{first.year}年{first.month}月）",
                "weeks": weeks,
                "first": first,
                "today": today,
                "prev_month": (first - timedelta(days=1)).strftime("%Y-%m"),
                "next_month": (last + timedelta(days=1)).strftime("%Y-%m"),
                "this_month": today.strftime("%Y-%m"),
                "years": years,
                "months": range(1, 13),
                "counts": {
                    "held": sum(1 for x in month_lectures if x.status == Lecture.Status.HELD),
                    "planned": sum(1 for x in month_lectures if x.status == Lecture.Status.PLANNED),
                },
                "can_add": request.user.has_perm("guidance.add_lecture"),
                "breadcrumbs": [("思想引领", "/guidance/"), ("宣讲日历", None)],
                "weekdays": ["一", "二", "三", "四", "五", "六", "日"],
            },
        )


def _month(text: str) -> date | None:
    """2023-04 → 2023-04-01; None for anything else."""
    try:
        year, month = (int(x) for x in text.split("-"))
        return date(year, month, 1) if 1900 <= year <= 2999 else None
    except ValueError:
        return None


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
