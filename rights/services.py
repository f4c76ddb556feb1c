"""Writes of 维权服务 that carry rules beyond a model's own: enrolling members (one plan, no
overlapping periods, also when two clerks enrol at once), approving a claim (documents, cap),
hardship aid within the caps, volunteer sign-ups, hours recorded by the organising team,
corrections, certificates from recorded hours. Every function is a service (`kit.services.service`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Sum

from core.models import Person
from kit import services, signups, workflow
from kit.dates import chinese, today
from kit.sequences import next_value
from kit.services import service
from rights.models import (
    ActivitySignup,
    AidPlan,
    AidRecord,
    Claim,
    EnrolledMember,
    HardshipFile,
    HoursCertificate,
    HoursCorrection,
    ServiceHours,
    UnitEnrolment,
    Volunteer,
    VolunteerActivity,
)


# --- mutual aid ---------------------------------------------------------------------------------
def _lock_plan(plan_id: Any) -> None:
    """Enrolments into one plan are serialised, so two clerks cannot both enrol the same worker."""
    AidPlan.all_objects.select_for_update().filter(pk=plan_id).first()


@service(EnrolledMember, "add", scope=("enrolment", "person"))
def member_add(*, actor: Any, enrolment: UnitEnrolment, person: Person) -> EnrolledMember:
    """A worker joins his unit's enrolment; refused when he is already covered by the same plan
    for an overlapping period (whichever unit enrolled him)."""
    _lock_plan(enrolment.plan_id)
    return services.save_object(EnrolledMember(enrolment=enrolment, person=person), actor=actor, action="add")


@service(EnrolledMember, "add", scope=("enrolment", "people"))
def members_add(*, actor: Any, enrolment: UnitEnrolment, people: list[Person]) -> dict[str, Any]:
    """Several workers at once (the unit's list): the others are added even when one is refused;
    the refusals come back by name with the rule."""
    added, refused = 0, []
    for person in people:
        try:
            member_add(actor=actor, enrolment=enrolment, person=person)
        except ValidationError as exc:
            refused.append(f"{person}：{'；'.join(exc.messages)}")
        else:
            added += 1
    return {"added": added, "refused": refused}


@service(EnrolledMember, None, scope=("member.enrolment", "member.person"))
def member_save(*, actor: Any, member: EnrolledMember, action: str, **kw: Any) -> EnrolledMember:
    """The page's and the API's way to add or change a member: the same lock and rules."""
    _lock_plan(member.enrolment.plan_id)
    return services.save_object(member, actor=actor, action=action, **kw)


@service(Claim, "review", scope=("claim",))
def claim_approve(*, actor: Any, claim: Claim, amount: Decimal) -> Claim:
    """核准 with an amount: every document the plan requires for the event is there, the amount is
    not more than claimed, and the member's approved total stays within the plan's cap."""
    claim = Claim.objects.select_for_update().select_related("member__enrolment__plan").get(pk=claim.pk)
    if claim.status != Claim.Status.SUBMITTED:
        raise ValidationError(f"当前状态为“{claim.get_status_display()}”，不能核准")
    if amount is None or amount <= 0:
        raise ValidationError({"amount_approved": "核准金额应大于 0"})
    if amount > claim.amount_claimed:
        raise ValidationError({"amount_approved": f"核准金额不能超过申请金额 {claim.amount_claimed} 元"})
    missing = claim.missing_documents()
    if missing:
        raise ValidationError(f"缺少申领材料：{'、'.join(missing)}（计划要求的材料齐全后才能核准）")
    before_total, cap = claim.approved_before(), claim.cap()
    if before_total + amount > cap:
        raise ValidationError(
            {"amount_approved": f"本期已核准 {before_total} 元，再核准 {amount} 元将超过给付上限 {cap} 元"}
        )
    before = services.snapshot(claim)
    claim.amount_approved = amount
    services.save_object(claim, actor=actor, action="change", before=before, message="核准金额", check_perm=False)
    return workflow.transition(Claim.objects.get(pk=claim.pk), "approve", actor=actor, comment=f"核准 {amount} 元")  # type: ignore[no-any-return]


# --- hardship relief ----------------------------------------------------------------------------
@service(AidRecord, None, scope=("record.file",))
def aid_save(*, actor: Any, record: AidRecord, action: str, **kw: Any) -> AidRecord:
    """帮扶记录 within the caps: the household's file is locked, so two aids given at once cannot
    together pass a cap that each alone respects."""
    HardshipFile.all_objects.select_for_update().filter(pk=record.file_id).first()
    return services.save_object(record, actor=actor, action=action, **kw)


# --- volunteers ---------------------------------------------------------------------------------
@service(ActivitySignup, "add", scope=("person",))
def activity_sign_up(*, actor: Any, activity: VolunteerActivity, person: Person) -> ActivitySignup:
    """报名 to a published activity that has not taken place yet (by the worker or his union)."""
    if activity.status != VolunteerActivity.Status.PUBLISHED:
        raise ValidationError("活动尚未发布或已取消，不能报名")
    if activity.held_on < today():
        raise ValidationError("活动已结束，不能报名")
    return signups.sign_up(ActivitySignup, parent=activity, person=person, actor=actor)  # type: ignore[no-any-return]


@service(ActivitySignup, "delete", scope=("signup",))
def activity_signup_cancel(*, actor: Any, signup: ActivitySignup, reason: str = "") -> Any:
    return signups.cancel(signup, actor=actor, reason=reason)


@service(ActivitySignup, "delete", scope=("signup",))
def activity_signup_delete(*, actor: Any, signup: ActivitySignup) -> Any:
    return signups.remove(signup, actor=actor)


@service(ServiceHours, None, scope=("record.activity",))
def hours_save(*, actor: Any, record: ServiceHours, action: str, **kw: Any) -> ServiceHours:
    """时长 recorded by the organising team only ("谁组织谁记录"): the activity must lie in the
    actor's scope for recording hours, and the volunteer's row is checked like any write."""
    return services.save_object(record, actor=actor, action=action, **kw)


@service(HoursCorrection, "review", scope=("correction",))
def correction_apply(*, actor: Any, correction: HoursCorrection) -> HoursCorrection:
    """同意更正: the hours become what was asked; the change and the decision are both logged."""
    record = ServiceHours.objects.select_for_update().get(pk=correction.record_id)
    before = services.snapshot(record)
    record.hours = correction.requested_hours
    services.save_object(
        record,
        actor=actor,
        action="change",
        before=before,
        message=f"依更正申请：{correction.reason}",
        check_perm=False,
    )
    return workflow.transition(correction, "apply", actor=actor)  # type: ignore[no-any-return]


@service(HoursCertificate, "add", scope=("volunteer",))
def certificate_issue(*, actor: Any, volunteer: Volunteer, period_start: date, period_end: date) -> HoursCertificate:
    """志愿服务记录证明 from the hours recorded in the period — free, numbered, dated; refused when
    nothing is recorded."""
    if period_end < period_start:
        raise ValidationError({"period_end": "统计截止不能早于起始"})
    agg = ServiceHours.objects.filter(
        volunteer=volunteer, activity__held_on__gte=period_start, activity__held_on__lte=period_end
    ).aggregate(total=Sum("hours"), n=Count("id"))
    total = agg["total"] or Decimal("0")
    if total <= 0:
        raise ValidationError(
            f"{volunteer.person}在{chinese(period_start)}至{chinese(period_end)}没有记录的服务时长，不能开具证明"
        )
    issued = today()
    prefix = f"ZYZM{issued.year}"
    serial = next_value(f"rights.hourscertificate.{issued.year}")
    certificate = HoursCertificate(
        volunteer=volunteer,
        number=f"{prefix}{serial:05d}",
        issued_on=issued,
        period_start=period_start,
        period_end=period_end,
        total_hours=total,
        activities=agg["n"] or 0,
    )
    return services.save_object(certificate, actor=actor, action="add")
