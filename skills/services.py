"""Writes of the skills module: enrolment (kit.signups), completion and attendance; the selection
workflow — eligibility, expert review, prizes within the quota, publicity, certificates."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kit import audit, scoring, services, signups, workflow
from kit.models import AuditEntry, Criterion, RoundScorer, RoundSubject, ScoreSheet, ScoringRound
from skills.models import Attendance, Enrolment, SelectionRound, Session, Submission, TrainingClass


# --- training -----------------------------------------------------------------------------------
def enrol(*, actor: Any, training_class: TrainingClass, person: Any) -> Enrolment:
    """By the worker in the portal or by his enterprise union (in bulk: once per worker). Beyond the
    class's capacity the worker goes to the waiting list — never over-booked, also concurrently."""
    if training_class.ends_on < date.today():
        raise ValidationError("该班次已结业，不能报名")
    return signups.sign_up(Enrolment, parent=training_class, person=person, actor=actor)  # type: ignore[no-any-return]


def enrol_many(*, actor: Any, training_class: TrainingClass, people: list[Any]) -> dict[str, int]:
    out = {"enrolled": 0, "waiting": 0, "refused": 0}
    for person in people:
        try:
            row = enrol(actor=actor, training_class=training_class, person=person)
        except ValidationError:
            out["refused"] += 1
        else:
            out[row.status] += 1
    return out


def cancel_enrolment(*, actor: Any, enrolment: Enrolment, reason: str = "") -> Enrolment | None:
    return signups.cancel(enrolment, actor=actor, reason=reason)  # type: ignore[no-any-return]


@transaction.atomic
def complete_class(*, actor: Any, training_class: TrainingClass) -> int:
    """结业: every enrolled worker completes (one 人次 each); waiting ones stay waiting."""
    n = Enrolment.objects.filter(training_class=training_class, status=Enrolment.Status.ENROLLED).update(
        status=Enrolment.Status.COMPLETED
    )
    audit.record(AuditEntry.Action.UPDATE, actor=actor, obj=training_class, message=f"结业 {n} 人")
    return n


def record_attendance(*, actor: Any, session: Session, enrolment: Enrolment, present: bool = True) -> Attendance:
    return services.save_object(
        Attendance(session=session, enrolment=enrolment, present=present), actor=actor, action="add"
    )


# --- selections ---------------------------------------------------------------------------------
def check_eligibility(*, actor: Any, submission: Submission, eligible: bool, reason: str = "") -> Submission:
    if submission.round.status not in (SelectionRound.Status.CALL, SelectionRound.Status.REVIEW):
        raise ValidationError("资格审查已结束")
    before = services.snapshot(submission)
    submission.eligibility = Submission.Eligibility.ELIGIBLE if eligible else Submission.Eligibility.INELIGIBLE
    submission.eligibility_reason = reason
    return services.save_object(submission, actor=actor, action="change", before=before, check_perm=False)


@transaction.atomic
def start_review(
    *, actor: Any, selection: SelectionRound, experts: list[Any], sheet: ScoreSheet | None = None
) -> ScoringRound:
    """Close the call, and open the expert round over the eligible entries. Experts never score an
    entry of their own enterprise union (conflict rule own_org); scores stay hidden until sign-off."""
    if selection.submissions.filter(eligibility=Submission.Eligibility.PENDING).exists():
        raise ValidationError("还有申报未完成资格审查")
    if not experts:
        raise ValidationError("请指定评审专家")
    workflow.transition(selection, "review", actor=actor)
    sheet = sheet or _default_sheet(selection, actor)
    round_ = services.save_object(
        ScoringRound(
            sheet=sheet, title=selection.title, purpose="selection", org=selection.org, conflict_rule="own_org"
        ),
        actor=actor,
        action="add",
    )
    RoundScorer.objects.bulk_create(
        [RoundScorer(round=round_, user=e, role="评审专家", created_by=actor) for e in experts]
    )
    for i, sub in enumerate(selection.submissions.filter(eligibility=Submission.Eligibility.ELIGIBLE)):
        RoundSubject.objects.create(
            round=round_,
            object_type=Submission._meta.label_lower,
            object_id=str(sub.pk),
            label=f"{sub.title}（{sub.enterprise}）",
            org=sub.org,
            sort=i,
            created_by=actor,
        )
    SelectionRound.objects.filter(pk=selection.pk).update(scoring_round=round_)
    selection.scoring_round = round_
    return round_


def _default_sheet(selection: SelectionRound, actor: Any) -> ScoreSheet:
    sheet = ScoreSheet.objects.create(
        name=f"{selection.get_kind_display()}评分表（{selection.year}）",
        aggregation="trimmed_mean",
        trim_ratio="0.2",
        tie_break=["effect", "novelty"],
        tie_break_note="总分相同时依次比较“应用成效”“创新性”",
        created_by=actor,
    )
    for sort, (code, name, top) in enumerate(
        [
            ("novelty", "创新性", 30),
            ("effect", "应用成效", 40),
            ("spread", "推广价值", 20),
            ("material", "材料规范", 10),
        ]
    ):
        Criterion.objects.create(sheet=sheet, code=code, name=name, kind="score", min_score=0, max_score=top, sort=sort)
    return sheet


def prize_bands(quota: int) -> list[tuple[str, int]]:
    """Within the quota: 一等奖 the top 20 % (at least 1), 二等奖 the next 30 %, 三等奖 the rest — as
    (prize, last rank). Ties at a boundary share the better prize; the quota counts places, so a tie
    may add a winner."""
    first = max(1, round(quota * 0.2))
    second = max(0, round(quota * 0.3))
    return [("first", first), ("second", first + second), ("third", quota)]


@transaction.atomic
def publicize(*, actor: Any, selection: SelectionRound) -> list[Submission]:
    """Decide the prizes from the signed-off ranking, then start the 公示."""
    round_ = ScoringRound.objects.filter(pk=selection.scoring_round_id).first()
    if round_ is None or round_.status != "closed":
        raise ValidationError("专家评审尚未签字确认")
    bands = prize_bands(selection.quota)
    winners = []
    for row in scoring.results(round_):
        if row.rank is None or row.vetoed:
            continue
        prize = next((p for p, last in bands if row.rank <= last), None)
        if prize is None:
            continue
        Submission.objects.filter(pk=int(row.subject.object_id)).update(prize=prize)
        winners.append(Submission.objects.get(pk=int(row.subject.object_id)))
    selection.refresh_from_db()
    workflow.transition(selection, "publicize", actor=actor, comment=f"拟表彰 {len(winners)} 项")
    return winners
