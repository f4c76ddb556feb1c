"""Test data for modules judged through kit.scoring: a signed-off round whose subjects already
carry their scores (one scorer; by default one criterion, so the score is the final result)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model

from kit.scoring.models import Criterion, RoundScorer, RoundSubject, Score, ScoreSheet, ScoringRound

_serial = itertools.count(1)


def closed_round(
    *,
    org: Any,
    purpose: str,
    subjects: list[tuple[Any, Any]],
    title: str = "评审",
    criteria: Sequence[tuple[str, int]] = (("total", 100),),
) -> ScoringRound:
    """`subjects`: (the record judged, its score) in order — a number for the one criterion
    "total", or {criterion code: points} when `criteria` (code, full marks) lists several (a code
    left out of the dict is not scored). The round is closed (签字确认)."""
    n = next(_serial)
    sheet = ScoreSheet.objects.create(name=f"{title}评分表{n}", aggregation="mean")
    made = {
        code: Criterion.objects.create(
            sheet=sheet, code=code, name=code, kind="score", min_score=0, max_score=top, sort=i
        )
        for i, (code, top) in enumerate(criteria, start=1)
    }
    rnd = ScoringRound.objects.create(sheet=sheet, title=title, purpose=purpose, org=org, conflict_rule="none")
    judge = get_user_model().objects.create_user(username=f"judge-{n}", password="Test@12345")
    scorer = RoundScorer.objects.create(round=rnd, user=judge, role="评委")
    for i, (obj, value) in enumerate(subjects):
        subject = RoundSubject.objects.create(
            round=rnd,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            label=f"{obj}-{i}",
            org=getattr(obj, "org", None) or org,
            sort=i,
        )
        points = value if isinstance(value, dict) else {"total": value}
        Score.objects.bulk_create(
            [
                Score(round=rnd, scorer=scorer, subject=subject, criterion=made[code], value=Decimal(v))
                for code, v in points.items()
            ]
        )
    ScoringRound.objects.filter(pk=rnd.pk).update(status=ScoringRound.Status.CLOSED)
    rnd.refresh_from_db()
    return rnd
