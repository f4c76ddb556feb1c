"""Writes of 维权服务 that carry rules beyond a model's own: enrolling members (one plan, no
overlapping periods, also when two clerks enrol at once), approving a claim (documents, cap),
hardship aid within the caps, volunteer sign-ups, hours recorded by the organising team,
corrections, certificates from recorded hours; collective contracts, the yearly 质效评估 and the
驿站 star reviews on the shared scoring sheet. Every function is a service (`kit.services.service`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum

from core.models import DictItem, Enterprise, Person
from kit import scoring, services, signups, workflow
from kit.dates import chinese, today
from kit.models import Score, ScoreSheet, ScoringRound
from kit.sequences import next_value
from kit.services import service
from rights.models import (
    STATION_STARS_DEFAULT,
    ActivitySignup,
    AidPlan,
    AidRecord,
    Claim,
    CollectiveContract,
    ContractKind,
    EnrolledMember,
    HardshipFile,
    HoursCertificate,
    HoursCorrection,
    Negotiation,
    ServiceHours,
    StarRating,
    Station,
    StationReview,
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


# --- collective bargaining ------------------------------------------------------------------------
@service(CollectiveContract, None, scope=("contract.enterprise",))
def contract_save(
    *, actor: Any, contract: CollectiveContract, action: str, m2m: dict[str, Any] | None = None, **kw: Any
) -> CollectiveContract:
    """A collective contract; a trade or area contract lists the enterprises it covers."""
    if contract.kind in (ContractKind.TRADE, ContractKind.AREA):
        covered = (m2m or {}).get("covered")
        if covered is None and contract.pk:
            covered = list(contract.covered.all())
        if not covered:
            raise ValidationError({"covered": "行业性、区域性集体合同须列明覆盖的企业"})
    return services.save_object(contract, actor=actor, action=action, m2m=m2m, **kw)


EVALUATION = "bargaining_evaluation"
STATION_REVIEW = "station_review"


def _open_round(
    *, actor: Any, sheet: ScoreSheet, org: Any, title: str, purpose: str, subjects: list[Any], scorers: list[Any]
) -> ScoringRound:
    if ScoringRound.objects.filter(purpose=purpose, title=title, org=org).exists():
        raise ValidationError(f"“{title}”已经开启")
    if not subjects:
        raise ValidationError("没有可参评的对象")
    if not scorers:
        raise ValidationError("请指定评分人")
    return scoring.open_round(  # the round is the evaluation itself, allowed by the caller's permission
        actor=actor,
        sheet=sheet,
        title=title,
        purpose=purpose,
        org=org,
        subjects=subjects,
        label=str,
        scorers=scorers,
        role="评审组",
        message=f"开启{title}：{len(subjects)} 个参评对象、{len(scorers)} 名评分人",
    )


@service(StarRating, "add", scope=("org",))
def evaluation_start(*, actor: Any, year: int, sheet: ScoreSheet, org: Any, scorers: list[Any]) -> ScoringRound:
    """开启 the year's 集体协商质效评估 under `org` (inside the actor's scope for adding ratings):
    every enterprise of its subtree that bargained that year (a 要约 made, or a contract in force
    some day of the year) is scored on `sheet`."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    bargained = Negotiation.objects.filter(offer_on__range=(start, end)).values("enterprise_id")
    contracted = CollectiveContract.objects.filter(starts_on__lte=end, ends_on__gte=start).values("enterprise_id")
    enterprises = list(
        Enterprise.objects.filter(Q(pk__in=bargained) | Q(pk__in=contracted), org__path__startswith=org.path).order_by(
            "name"
        )
    )
    return _open_round(
        actor=actor,
        sheet=sheet,
        org=org,
        title=f"{year}年集体协商质效评估",
        purpose=EVALUATION,
        subjects=enterprises,
        scorers=scorers,
    )


@service(StarRating, "add", scope=("round",))
def ratings_from_round(*, actor: Any, round: ScoringRound, year: int) -> list[StarRating]:
    """质效评估 from a signed-off round of the shared scoring sheet whose subjects are enterprises:
    each enterprise's final score becomes its rating for the year (a draft for the district to
    confirm), the star level derived under the rules."""
    if round.status != ScoringRound.Status.CLOSED:
        raise ValidationError("评估尚未签字确认")
    out = []
    for row in scoring.results(round):
        if row.subject.object_type != Enterprise._meta.label_lower or row.final is None:
            continue
        enterprise = Enterprise.all_objects.get(pk=int(row.subject.object_id))
        rating = StarRating.objects.filter(enterprise=enterprise, year=year).first() or StarRating(
            enterprise=enterprise, year=year
        )
        if rating.pk and rating.status == StarRating.Status.CONFIRMED:
            continue
        before = services.snapshot(rating) if rating.pk else None
        rating.score = row.final
        rating.scoring_round = round
        out.append(
            services.save_object(
                rating,
                actor=actor,
                action="change" if rating.pk else "add",
                before=before,
                message=f"评估轮次：{round}",
            )
        )
    return out


# --- stations -------------------------------------------------------------------------------------
def station_stars(score: Decimal) -> int:
    from django.conf import settings

    thresholds = getattr(settings, "RIGHTS_STATION_STARS", STATION_STARS_DEFAULT)
    return sum(1 for t in thresholds if score >= t)


def _check_checklist_sheet(sheet: ScoreSheet) -> set[str]:
    amenities = dict(
        DictItem.objects.filter(dict_type__code="station_amenity", is_active=True).values_list("value", "label")
    )
    codes = {c.code for c in scoring.leaf_criteria(sheet)}
    missing = [label for value, label in amenities.items() if value not in codes]
    if missing:
        raise ValidationError(f"评分表须逐项列出服务设施（评分项编码即设施编码），缺少：{'、'.join(missing)}")
    return set(amenities)


@service(StationReview, "add", scope=("org",))
def station_review_start(
    *, actor: Any, sheet: ScoreSheet, org: Any, level: str, on: date, scorers: list[Any]
) -> ScoringRound:
    """开启 a star review of the stations in use under `org` on `on`, on a sheet that lists the
    amenity checklist item by item (so every review answers all of it)."""
    _check_checklist_sheet(sheet)
    stations = list(
        Station.objects.filter(
            Q(closed_on__isnull=True) | Q(closed_on__gte=on), opened_on__lte=on, org__path__startswith=org.path
        ).order_by("code")
    )
    label = dict(StationReview.Level.choices)[level]
    return _open_round(
        actor=actor,
        sheet=sheet,
        org=org,
        title=f"{on.year}年{label}驿站星级评定",
        purpose=STATION_REVIEW,
        subjects=stations,
        scorers=scorers,
    )


@service(StationReview, "add", scope=("round",))
def station_reviews_from_round(
    *, actor: Any, round: ScoringRound, level: str, reviewed_on: date
) -> list[StationReview]:
    """星级评定 from a signed-off round whose criteria are the amenity checklist (one criterion per
    amenity, coded by its dictionary value): a station counts only when every criterion was
    answered (the engine's complete sheets); an amenity is there when the scorers gave it points."""
    if round.status != ScoringRound.Status.CLOSED:
        raise ValidationError("评定尚未签字确认")
    amenities = _check_checklist_sheet(round.sheet)
    made = []
    for row in scoring.results(round):
        if row.subject.object_type != Station._meta.label_lower or row.final is None:
            continue
        points: dict[str, Decimal] = {}
        for code, value in Score.objects.filter(round=round, subject=row.subject).values_list(
            "criterion__code", "value"
        ):
            points[code] = points.get(code, Decimal("0")) + value
        stars = station_stars(row.final)
        if stars == 0:
            continue
        review = StationReview(
            station=Station.all_objects.get(pk=int(row.subject.object_id)),
            level=level,
            reviewed_on=reviewed_on,
            checklist={code: points.get(code, Decimal("0")) > 0 for code in sorted(amenities)},
            score=row.final,
            stars=stars,
            scoring_round=round,
        )
        made.append(services.save_object(review, actor=actor, action="add", message=f"评定轮次：{round}"))
    return made
