"""Figures of section 四 (维权服务, first part) and reads of the rights module. Every figure is
computed for a period and an org subtree (`kit.periods`); each says which kind it is."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from kit.periods import Period
from kit.periods import in_subtree as _in
from rights.models import (
    AidRecord,
    BaseSession,
    Category,
    Claim,
    EnrolledMember,
    GiftDelivery,
    HardshipFile,
    ServiceHours,
    UnitEnrolment,
    VolunteerActivity,
    VolunteerTeam,
)


# --- mutual aid ---------------------------------------------------------------------------------
def _active_enrolments(period: Period, org: Any) -> Any:
    """Enrolments whose cover includes the period's last day (a stock)."""
    return UnitEnrolment.objects.filter(_in(org), starts_on__lte=period.end, ends_on__gte=period.end)


def insured_units(*, period: Period, org: Any = None) -> int:
    """参保单位: distinct enterprises with an enrolment active on the period's last day."""
    return _active_enrolments(period, org).values("enterprise_id").distinct().count()


def insured_people(*, period: Period, org: Any = None) -> int:
    """参保职工: distinct workers covered on the period's last day (a worker in two plans counts once)."""
    return (
        EnrolledMember.objects.filter(enrolment__in=_active_enrolments(period, org).values("pk"))
        .values("person_id")
        .distinct()
        .count()
    )


def premiums(*, period: Period, org: Any = None) -> Decimal:
    """缴费 of the enrolments that started within the period (a sum)."""
    qs = UnitEnrolment.objects.filter(_in(org), period.events("starts_on"))
    return qs.aggregate(s=Sum("amount_paid"))["s"] or Decimal("0")


def claims_paid(*, period: Period, org: Any = None) -> dict[str, Any]:
    """赔付: claims paid within the period — how many and how much."""
    qs = Claim.objects.filter(
        _in(org, "member__enrolment__org__path"),
        status=Claim.Status.PAID,
        paid_on__gte=period.start,
        paid_on__lte=period.end,
    )
    agg = qs.aggregate(n=Count("id"), s=Sum("amount_approved"))
    return {"count": agg["n"] or 0, "amount": agg["s"] or Decimal("0")}


# --- hardship relief ----------------------------------------------------------------------------
def open_files(*, period: Period, org: Any = None) -> dict[str, int]:
    """在档困难职工家庭 by category on the period's last day (a stock)."""
    qs = HardshipFile.objects.filter(_in(org), filed_on__lte=period.end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=period.end)
    )
    counts = dict(qs.values_list("category").annotate(n=Count("id")))
    return {str(label): counts.get(code, 0) for code, label in Category.choices if code != Category.NONE}


def reviews_overdue(*, org: Any = None, on: Any = None) -> list[HardshipFile]:
    """在档 files past their yearly review (the overdue list)."""
    from kit.dates import today

    day = on or today()
    files = HardshipFile.objects.filter(_in(org), status=HardshipFile.Status.FILED).select_related("person", "org")
    return [f for f in files if (due := f.review_due()) is not None and due < day]


def aid_given(*, period: Period, org: Any = None) -> dict[str, dict[str, Any]]:
    """帮扶 within the period by kind: 户次 (records) and amount (a sum)."""
    rows = (
        AidRecord.objects.filter(_in(org, "file__org__path"), period.events("given_on"))
        .values("kind")
        .annotate(n=Count("id"), s=Sum("amount"))
    )
    by_kind = {r["kind"]: r for r in rows}
    return {
        str(label): {
            "count": by_kind.get(code, {}).get("n", 0),
            "amount": by_kind.get(code, {}).get("s") or Decimal("0"),
        }
        for code, label in AidRecord.Kind.choices
    }


# --- volunteers ---------------------------------------------------------------------------------
def volunteer_teams(*, period: Period, org: Any = None) -> int:
    """职工志愿服务队伍: teams active on the period's last day (a stock)."""
    return VolunteerTeam.objects.filter(_in(org), period.stock("founded_on", "dissolved_on")).count()


def volunteer_activities(*, period: Period, org: Any = None) -> int:
    """志愿服务行动 场次: published activities held within the period (events)."""
    return VolunteerActivity.objects.filter(
        _in(org, "team__org__path"), period.events("held_on"), status=VolunteerActivity.Status.PUBLISHED
    ).count()


def volunteer_hours(*, period: Period, org: Any = None) -> Decimal:
    """服务时长: hours recorded for activities held within the period (a sum)."""
    qs = ServiceHours.objects.filter(_in(org, "activity__team__org__path"), period.events("activity__held_on"))
    return qs.aggregate(s=Sum("hours"))["s"] or Decimal("0")


def beneficiaries(*, period: Period, org: Any = None) -> int:
    qs = VolunteerActivity.objects.filter(
        _in(org, "team__org__path"), period.events("held_on"), status=VolunteerActivity.Status.PUBLISHED
    )
    return int(qs.aggregate(s=Sum("beneficiaries"))["s"] or 0)


# --- new-employment-form workers ----------------------------------------------------------------
def new_form_joined(*, period: Period, org: Any = None) -> int:
    """新就业形态劳动者入会: workers of a new-form category who joined the union within the period."""
    from core.models import Person

    return Person.objects.filter(
        _in(org), new_form_category__isnull=False, joined_union_on__gte=period.start, joined_union_on__lte=period.end
    ).count()


def gifts_by_item(*, period: Period, org: Any = None) -> dict[str, int]:
    """赠送 within the period, by item (quantities)."""
    rows = (
        GiftDelivery.objects.filter(_in(org, "item__campaign__org__path"), period.events("given_on"))
        .values("item__name")
        .annotate(n=Sum("quantity"))
        .order_by("item__campaign", "item__sort", "item__name")
    )
    return {r["item__name"]: r["n"] or 0 for r in rows}


def people_served(*, period: Period, org: Any = None) -> int:
    """服务新就业形态劳动者: distinct workers who received anything within the period."""
    return (
        GiftDelivery.objects.filter(_in(org, "item__campaign__org__path"), period.events("given_on"))
        .values("person_id")
        .distinct()
        .count()
    )


def base_sessions(*, period: Period, org: Any = None) -> dict[str, int]:
    """教育基地: sessions held within the period and their attendees (events, person-times)."""
    agg = BaseSession.objects.filter(_in(org, "base__org__path"), period.events("held_on")).aggregate(
        n=Count("id"), s=Sum("attendees")
    )
    return {"sessions": agg["n"] or 0, "attendees": agg["s"] or 0}
