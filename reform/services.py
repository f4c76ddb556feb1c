"""Writes of the reform module beyond the generic ones: the year-end joint evaluation (工作联评).
Every function is a service (`kit.services.service`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from kit import scoring
from kit.models import ScoreSheet, ScoringRound
from kit.services import service
from reform.models import ReformProject

PURPOSE = "reform_evaluation"


@service(ReformProject, "review", scope=("org",))
def evaluation_start(
    *, actor: Any, year: int, sheet: ScoreSheet, org: Any, scorers: list[Any], conflict_rule: str = "none"
) -> ScoringRound:
    """Open the year's joint evaluation under `org` (which must lie in the actor's scope for
    reviewing projects): every project on the list within that scope, started by the year's end,
    becomes a subject; the given users score them against `sheet`."""
    if ScoringRound.objects.filter(purpose=PURPOSE, title__startswith=f"{year}年", org=org).exists():
        raise ValidationError(f"{year}年的工作联评已经开启")
    projects = list(
        ReformProject.objects.visible_to(actor, "review")
        .filter(start_date__year__lte=year, org__path__startswith=org.path)
        .select_related("owner_unit")
    )
    if not projects:
        raise ValidationError("没有可参评的项目（或您没有审核项目的权限）")
    return scoring.open_round(
        actor=actor,
        sheet=sheet,
        title=f"{year}年产改项目工作联评",
        purpose=PURPOSE,
        org=org,
        subjects=projects,
        label=lambda p: f"{p.name}（{p.owner_unit}）",
        scorers=scorers,
        role="评审组",
        conflict_rule=conflict_rule,
        description="按评分表对项目清单逐项评分，结果按牵头成员单位汇总排名。",
        message=f"开启工作联评：{len(projects)} 个项目、{len(scorers)} 名评分人",
    )
