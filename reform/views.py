"""Pages of 一体化推进 beyond the entities' own (`reform.entities`): the overview and the joint
evaluation by member unit."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from kit.models import ScoringRound
from kit.views.figures import FiguresPage
from reform import figures as reform_figures
from reform import selectors


class OverviewView(LoginRequiredMixin, FiguresPage, TemplateView):
    """一体化推进 at a glance: the section's figures for a chosen date or year, within the user's scope."""

    template_name = "reform/overview.html"
    title = "一体化推进"
    indicators = reform_figures.INDICATORS

    def extra(self, period: Any, org: Any) -> dict[str, Any]:
        user = self.request.user  # type: ignore[attr-defined]
        return {
            "queue": list(selectors.review_queue(user)[:20]),
            "evaluations": list(
                ScoringRound.objects.visible_to(user).filter(purpose="reform_evaluation").order_by("-id")[:10]
            ),
        }


class UnitRankingView(LoginRequiredMixin, TemplateView):
    """工作联评: results by member unit, once the round is signed off."""

    template_name = "reform/evaluation_units.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from django.http import Http404

        from kit import scoring

        ctx = super().get_context_data(**kwargs)
        round_ = ScoringRound.objects.filter(pk=kwargs["pk"], purpose="reform_evaluation").first()
        if round_ is None or not scoring.has_round_access(round_, self.request.user):
            raise Http404("不存在或不在您的数据范围内")
        ctx.update(
            title=f"{round_.title}：按成员单位",
            round=round_,
            rows=selectors.evaluation_by_unit(round_),
            breadcrumbs=[("一体化推进", "/reform/"), ("工作联评", "/reform/evaluation/"), (round_.title, None)],
        )
        return ctx
