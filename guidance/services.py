"""Writes of the guidance module beyond the generic ones: voting in the top-ten selection."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from guidance.models import Nomination, Vote


def vote(*, nomination: Nomination, voter: Any, now: datetime | None = None) -> Vote:
    """One vote per person per course per day. The database's unique constraint decides, so two
    concurrent votes by the same person for the same course on the same day count once."""
    if voter is None or not voter.is_authenticated:
        raise ValidationError("请先登录再投票")
    now = now or timezone.now()
    selection = nomination.selection
    if now < selection.vote_opens:
        raise ValidationError(f"投票尚未开始（{timezone.localtime(selection.vote_opens):%Y年%m月%d日 %H:%M} 开始）")
    if now > selection.vote_closes:
        raise ValidationError("投票已截止")
    try:
        with transaction.atomic():
            return Vote.objects.create(nomination=nomination, voter=voter, voted_on=timezone.localdate(now), at=now)
    except IntegrityError:
        raise ValidationError("您今天已为这门课程投过票，每人每天每门课程限投一票") from None
