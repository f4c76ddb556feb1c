"""Writes of the skills module: enrolment (kit.signups), completion and attendance; the selection
workflow — eligibility, expert review, prizes within the quota, publicity. Every function is a
service (`kit.services.service`): the permission and the scope of that permission are checked
first, in the same transaction as the writes and their audit entries."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from core.models import Person
from kit import audit, scoring, services, signups, workflow
from kit.dates import today
from kit.models import AuditEntry, Criterion, ScoreSheet, ScoringRound
from kit.numbers import round_int
from kit.services import service
from skills.models import Attendance, Enrolment, SelectionRound, Session, Submission, TrainingClass


# --- training -----------------------------------------------------------------------------------
@service(Enrolment, "add", scope=("person",))
def enrol(*, actor: Any, training_class: TrainingClass, person: Person) -> Enrolment:
    """By the worker in the portal or by his enterprise union (in bulk: `enrol_many`). Beyond the
    class's capacity the worker goes to the waiting list — never over-booked, also concurrently."""
    if training_class.ends_on < today():
        raise ValidationError("该班次已结业，不能报名")
    return signups.sign_up(Enrolment, parent=training_class, person=person, actor=actor)  # type: ignore[no-any-return]


@service(Enrolment, "add", scope=("people",))
def enrol_many(*, actor: Any, training_class: TrainingClass, people: list[Person]) -> dict[str, int]:
    """Enrol several workers (an enterprise union's list); a worker already signed up is counted
    as refused, the others enrolled or waiting in the order given."""
    out = {"enrolled": 0, "waiting": 0, "refused": 0}
    for person in people:
        try:
            row = enrol(actor=actor, training_class=training_class, person=person)
        except ValidationError:
            out["refused"] += 1
        else:
            out[row.status] += 1
    return out


@service(Enrolment, "delete", scope=("enrolment",))
def cancel_enrolment(*, actor: Any, enrolment: Enrolment, reason: str = "") -> Enrolment | None:
    """取消: the row stays (status cancelled); the first waiting worker takes the freed place."""
    return signups.cancel(enrolment, actor=actor, reason=reason)  # type: ignore[no-any-return]


@service(Enrolment, "delete", scope=("enrolment",))
def enrolment_delete(*, actor: Any, enrolment: Enrolment) -> Enrolment | None:
    """删除 (the list page and the API): the row goes; the first waiting worker takes the place."""
    return signups.remove(enrolment, actor=actor)  # type: ignore[no-any-return]


@service(TrainingClass, "change", scope=("training_class",))
def complete_class(*, actor: Any, training_class: TrainingClass) -> int:
    """结业: every enrolled worker completes (one 人次 each); waiting ones stay waiting. One audit
    entry per worker and one for the class."""
    rows = list(Enrolment.objects.filter(training_class=training_class, status=Enrolment.Status.ENROLLED))
    Enrolment.objects.filter(pk__in=[r.pk for r in rows]).update(status=Enrolment.Status.COMPLETED, updated_by=actor)
    audit.record_many(
        audit.build(
            AuditEntry.Action.UPDATE,
            actor=actor,
            obj=r,
            changes={"status": [Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED]},
            message="结业",
        )
        for r in rows
    )
    audit.record(AuditEntry.Action.UPDATE, actor=actor, obj=training_class, message=f"结业 {len(rows)} 人")
    return len(rows)


@service(Attendance, "add", scope=("enrolment",))
def record_attendance(*, actor: Any, session: Session, enrolment: Enrolment, present: bool = True) -> Attendance:
    """考勤 of an enrolled (or completed) worker at one session of his class."""
    return services.save_object(
        Attendance(session=session, enrolment=enrolment, present=present), actor=actor, action="add"
    )


# --- selections ---------------------------------------------------------------------------------
@service(SelectionRound, "change", scope=("submission.round",))
def check_eligibility(*, actor: Any, submission: Submission, eligible: bool, reason: str = "") -> Submission:
    """资格审查 — the organiser's decision (change permission on the round, in its scope), never
    the submitting union's: refused once the review is over; "not eligible" needs a reason."""
    if submission.round.status not in (SelectionRound.Status.CALL, SelectionRound.Status.REVIEW):
        raise ValidationError("资格审查已结束")
    before = services.snapshot(submission)
    submission.eligibility = Submission.Eligibility.ELIGIBLE if eligible else Submission.Eligibility.INELIGIBLE
    submission.eligibility_reason = reason
    return services.save_object(
        submission, actor=actor, action="change", before=before, message="资格审查", check_perm=False
    )


@service(SelectionRound, "change", scope=("selection",))
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
    eligible = selection.submissions.filter(eligibility=Submission.Eligibility.ELIGIBLE).select_related("enterprise")
    round_ = scoring.open_round(  # part of the selection, allowed by its change permission
        actor=actor,
        sheet=sheet,
        title=selection.title,
        purpose="selection",
        org=selection.org,
        subjects=eligible,
        label=lambda sub: f"{sub.title}（{sub.enterprise}）",
        scorers=experts,
        role="评审专家",
        conflict_rule="own_org",
    )
    fresh = SelectionRound.objects.get(pk=selection.pk)
    before = services.snapshot(fresh)
    fresh.scoring_round = round_
    services.save_object(fresh, actor=actor, action="change", before=before, message=f"开始评审：{len(experts)} 名专家")
    selection.scoring_round = round_
    return round_


def _default_sheet(selection: SelectionRound, actor: Any) -> ScoreSheet:
    sheet = services.save_object(
        ScoreSheet(
            name=f"{selection.get_kind_display()}评分表（{selection.year}）",
            aggregation="trimmed_mean",
            trim_ratio="0.2",
            tie_break=["effect", "novelty"],
            tie_break_note="总分相同时依次比较“应用成效”“创新性”",
        ),
        actor=actor,
        action="add",
        check_perm=False,
    )
    for sort, (code, name, top) in enumerate(
        [
            ("novelty", "创新性", 30),
            ("effect", "应用成效", 40),
            ("spread", "推广价值", 20),
            ("material", "材料规范", 10),
        ]
    ):
        services.save_object(
            Criterion(sheet=sheet, code=code, name=name, kind="score", min_score=0, max_score=top, sort=sort),
            actor=actor,
            action="add",
            check_perm=False,
        )
    return sheet


def prize_bands(quota: int) -> list[tuple[str, int]]:
    """Within the quota: 一等奖 the top 20 % (at least 1), 二等奖 the next 30 %, 三等奖 the rest — as
    (prize, last rank), the shares rounded 四舍五入 (quota 15: 3 first, 5 second, 7 third). Ties at a
    boundary share the better prize; the quota counts places, so a tie may add a winner."""
    if quota < 1:
        return []
    first = min(quota, max(1, round_int(quota * 0.2)))
    second = min(quota - first, round_int(quota * 0.3))
    return [("first", first), ("second", first + second), ("third", quota)]


@service(SelectionRound, "change", scope=("selection",))
def publicize(*, actor: Any, selection: SelectionRound) -> list[Submission]:
    """Decide the prizes from the signed-off ranking (`prize_bands`), then start the 公示."""
    round_ = ScoringRound.objects.filter(pk=selection.scoring_round_id).first()
    if round_ is None or round_.status != "closed":
        raise ValidationError("专家评审尚未签字确认")
    bands = prize_bands(selection.quota)
    ranked = [r for r in scoring.results(round_) if r.rank is not None and not r.vetoed]
    subs = Submission.objects.in_bulk([int(r.subject.object_id) for r in ranked])
    winners = []
    for row in ranked:
        prize = next((p for p, last in bands if row.rank <= last), None)  # type: ignore[operator]
        if prize is None:
            continue
        sub = subs[int(row.subject.object_id)]
        before = services.snapshot(sub)
        sub.prize = prize
        services.save_object(sub, actor=actor, action="change", before=before, message="拟表彰", check_perm=False)
        winners.append(sub)
    workflow.transition(
        SelectionRound.objects.get(pk=selection.pk), "publicize", actor=actor, comment=f"拟表彰 {len(winners)} 项"
    )
    return winners
