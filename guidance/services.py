"""Writes of the guidance module beyond the generic ones: voting in the top-ten selection."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from guidance.models import Nomination, Vote
from kit import audit
from kit.models import AuditEntry
from kit.services import service


@service(Vote, "add")
def vote(*, actor: Any, nomination: Nomination, now: datetime | None = None) -> Vote:
    """One vote per person per course per day, while voting is open. The selection is public (any
    worker holding the right to vote may vote, whatever his org); the database's unique constraint
    decides, so two concurrent votes by the same person for the same course on the same day count
    once. Each vote is audited."""
    now = now or timezone.now()
    selection = nomination.selection
    if now < selection.vote_opens:
        raise ValidationError(f"投票尚未开始（{timezone.localtime(selection.vote_opens):%Y年%m月%d日 %H:%M} 开始）")
    if now > selection.vote_closes:
        raise ValidationError("投票已截止")
    try:
        with transaction.atomic():
            row = Vote.objects.create(nomination=nomination, voter=actor, voted_on=timezone.localdate(now), at=now)
    except IntegrityError:
        raise ValidationError("您今天已为这门课程投过票，每人每天每门课程限投一票") from None
    audit.record(AuditEntry.Action.CREATE, actor=actor, obj=row, message=f"投票：{nomination.course}")
    return row
