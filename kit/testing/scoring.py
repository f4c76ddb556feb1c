"""Test data for modules judged through kit.scoring: a signed-off round whose subjects already
carry their scores (one scorer, one criterion: the score is the final result)."""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model

from kit.scoring.models import Criterion, RoundScorer, RoundSubject, Score, ScoreSheet, ScoringRound

_serial = itertools.count(1)


def closed_round(
    *, org: Any, purpose: str, subjects: list[tuple[Any, Decimal | int]], title: str = "评审"
) -> ScoringRound:
    """`subjects`: (the record judged, its score 0–100) in order. The round is closed (签字确认)."""
    n = next(_serial)
    sheet = ScoreSheet.objects.create(name=f"{title}评分表{n}", aggregation="mean")
    criterion = Criterion.objects.create(
        sheet=sheet, code="total", name="总分", kind="score", min_score=0, max_score=100, sort=1
    )
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
        Score.objects.create(round=rnd, scorer=scorer, subject=subject, criterion=criterion, value=Decimal(value))
    ScoringRound.objects.filter(pk=rnd.pk).update(status=ScoringRound.Status.CLOSED)
    rnd.refresh_from_db()
    return rnd
