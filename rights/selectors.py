"""Figures of section 四 (维权服务) and reads of the rights module. Every figure is
computed for a period and an org subtree (`kit.periods`); each says which kind it is."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Min, Q, Sum

from kit.dates import add_months
from kit.db import exact_sum
from kit.maps import geo
from kit.periods import Period
from kit.periods import in_subtree as _in
from rights.models import (
    AidRecord,
    BaseSession,
    Category,
    Claim,
    CollectiveContract,
    ContractKind,
    EnrolledMember,
    GiftDelivery,
    HardshipFile,
    Instructor,
    Negotiation,
    ServiceHours,
    StarRating,
    Station,
    StationReview,
    StationTitle,
    StationVisit,
    UnitEnrolment,
    VolunteerActivity,
    VolunteerTeam,
)


# --- mutual aid ---------------------------------------------------------------------------------
def _active_enrolments(period: Period, org: Any) -> Any:
    """Enrolments whose cover includes the period's last day (a stock)."""
    return UnitEnrolment.objects.filter(_in(org), starts_on__lte=period.end, ends_on__gte=period.end)


def insured_units_qs(*, period: Period, org: Any = None) -> Any:
    return _active_enrolments(period, org)


def insured_people_qs(*, period: Period, org: Any = None) -> Any:
    return EnrolledMember.objects.filter(enrolment__in=_active_enrolments(period, org).values("pk"))


def insured_units(*, period: Period, org: Any = None) -> int:
    """参保单位: distinct enterprises with an enrolment active on the period's last day."""
    return _active_enrolments(period, org).values("enterprise_id").distinct().count()


def insured_people(*, period: Period, org: Any = None) -> int:
    """参保职工: distinct workers covered on the period's last day (a worker in two plans counts once)."""
    return insured_people_qs(period=period, org=org).values("person_id").distinct().count()


def premiums(*, period: Period, org: Any = None) -> Decimal:
    """缴费 of the enrolments that started within the period (a sum)."""
    return exact_sum(UnitEnrolment.objects.filter(_in(org), period.events("starts_on")), "amount_paid")


def claims_paid_qs(*, period: Period, org: Any = None) -> Any:
    return Claim.objects.filter(
        _in(org, "member__enrolment__org__path"), period.events("paid_on"), status=Claim.Status.PAID
    )


def claims_paid(*, period: Period, org: Any = None) -> dict[str, Any]:
    """赔付: claims paid within the period — how many and how much."""
    qs = claims_paid_qs(period=period, org=org)
    return {"count": qs.count(), "amount": exact_sum(qs, "amount_approved")}


# --- hardship relief ----------------------------------------------------------------------------
def open_files_qs(*, period: Period, org: Any = None) -> Any:
    return (
        HardshipFile.objects.filter(_in(org), filed_on__lte=period.end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=period.end))
        .exclude(category=Category.NONE)
    )


def open_files(*, period: Period, org: Any = None) -> dict[str, int]:
    """在档困难职工家庭 by category on the period's last day (a stock)."""
    qs = open_files_qs(period=period, org=org)
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
def volunteer_teams_qs(*, period: Period, org: Any = None) -> Any:
    return VolunteerTeam.objects.filter(_in(org), period.stock("founded_on", "dissolved_on"))


def volunteer_teams(*, period: Period, org: Any = None) -> int:
    """职工志愿服务队伍: teams active on the period's last day (a stock)."""
    return int(volunteer_teams_qs(period=period, org=org).count())


def volunteer_activities_qs(*, period: Period, org: Any = None) -> Any:
    return VolunteerActivity.objects.filter(
        _in(org, "team__org__path"), period.events("held_on"), status=VolunteerActivity.Status.PUBLISHED
    )


def volunteer_activities(*, period: Period, org: Any = None) -> int:
    """志愿服务行动 场次: published activities held within the period (events)."""
    return int(volunteer_activities_qs(period=period, org=org).count())


def volunteer_hours_qs(*, period: Period, org: Any = None) -> Any:
    return ServiceHours.objects.filter(  # the hours of the activities counted (published ones)
        _in(org, "activity__team__org__path"),
        period.events("activity__held_on"),
        activity__status=VolunteerActivity.Status.PUBLISHED,
    )


def volunteer_hours(*, period: Period, org: Any = None) -> Decimal:
    """服务时长: hours recorded for activities held within the period (a sum)."""
    return exact_sum(volunteer_hours_qs(period=period, org=org), "hours")


def beneficiaries(*, period: Period, org: Any = None) -> int:
    return int(volunteer_activities_qs(period=period, org=org).aggregate(s=Sum("beneficiaries"))["s"] or 0)


# --- new-employment-form workers ----------------------------------------------------------------
def new_form_joined_qs(*, period: Period, org: Any = None) -> Any:
    from core.models import Person

    return Person.objects.filter(_in(org), period.events("joined_union_on"), new_form_category__isnull=False)


def new_form_joined(*, period: Period, org: Any = None) -> int:
    """新就业形态劳动者入会: workers of a new-form category who joined the union within the period."""
    return int(new_form_joined_qs(period=period, org=org).count())


def gifts_by_item(*, period: Period, org: Any = None) -> dict[str, int]:
    """赠送 within the period, by item (quantities)."""
    rows = (
        gifts_qs(period=period, org=org)
        .values("item__name")
        .annotate(
            n=Sum("quantity"),
            latest=Max("item__campaign__starts_on"),
            campaign=Max("item__campaign"),
            sort=Min("item__sort"),
        )
        .order_by("-latest", "-campaign", "sort", "item__name")  # the latest campaign's items first
    )
    return {r["item__name"]: r["n"] or 0 for r in rows}  # one line per item name, whatever the campaign


def gifts_qs(*, period: Period, org: Any = None) -> Any:
    return GiftDelivery.objects.filter(_in(org, "item__campaign__org__path"), period.events("given_on"))


def people_served(*, period: Period, org: Any = None) -> int:
    """服务新就业形态劳动者: distinct workers who received anything within the period."""
    return int(gifts_qs(period=period, org=org).values("person_id").distinct().count())


def base_sessions_qs(*, period: Period, org: Any = None) -> Any:
    return BaseSession.objects.filter(_in(org, "base__org__path"), period.events("held_on"))


def base_sessions(*, period: Period, org: Any = None) -> dict[str, int]:
    """教育基地: sessions held within the period and their attendees (events, person-times)."""
    agg = base_sessions_qs(period=period, org=org).aggregate(n=Count("id"), s=Sum("attendees"))
    return {"sessions": agg["n"] or 0, "attendees": agg["s"] or 0}


# --- collective bargaining ------------------------------------------------------------------------
def _latest_ratings(period: Period, org: Any) -> dict[int, tuple[int, int]]:
    """Each enterprise's latest rating confirmed by the period's end: {enterprise: (rating, stars)}."""
    rows = (
        StarRating.objects.filter(_in(org), status=StarRating.Status.CONFIRMED, confirmed_on__lte=period.end)
        .order_by("enterprise_id", "-year", "-id")
        .values_list("enterprise_id", "pk", "stars")
    )
    latest: dict[int, tuple[int, int]] = {}
    for enterprise_id, pk, stars in rows:
        latest.setdefault(enterprise_id, (pk, stars))
    return latest


def three_star_qs(*, period: Period, org: Any = None) -> Any:
    ids = [pk for pk, stars in _latest_ratings(period, org).values() if stars == 3]
    return StarRating.objects.filter(pk__in=ids)


def three_star_enterprises(*, period: Period, org: Any = None) -> int:
    """南京市集体协商质效评估三星级企业: enterprises whose latest confirmed rating by the period's end
    (confirmed on or before it) is three stars."""
    return stars_by_level(period=period, org=org)["三星"]


def stars_by_level(*, period: Period, org: Any = None) -> dict[str, int]:
    """Enterprises by the star level of their latest rating confirmed by the period's end (a stock)."""
    latest = [stars for _pk, stars in _latest_ratings(period, org).values()]
    return {label: sum(1 for s in latest if s == n) for n, label in ((3, "三星"), (2, "二星"), (1, "一星"))}


def contracts_in_force_qs(*, period: Period, org: Any = None) -> Any:
    return CollectiveContract.objects.filter(_in(org), starts_on__lte=period.end, ends_on__gte=period.end)


def contracts_in_force(*, period: Period, org: Any = None) -> dict[str, int]:
    """Contracts in force on the period's last day, by type (a stock)."""
    counts = dict(contracts_in_force_qs(period=period, org=org).values_list("kind").annotate(n=Count("id")))
    return {str(label): counts.get(code, 0) for code, label in ContractKind.choices}


def offers_qs(*, period: Period, org: Any = None) -> Any:
    return Negotiation.objects.filter(_in(org), period.events("offer_on"))


def offers(*, period: Period, org: Any = None) -> dict[str, int]:
    """要约 issued within the period: answered, refused, overdue (no answer past the due day)."""
    rows = list(offers_qs(period=period, org=org))
    answered = sum(1 for n in rows if n.reply_on is not None and n.reply_on <= period.end)  # as of the end
    return {
        "issued": len(rows),
        "answered": answered,
        "refused": sum(1 for n in rows if n.status == Negotiation.Status.REFUSED),
        "overdue": sum(1 for n in rows if n.reply_overdue(on=period.end)),
    }


def overdue_replies(*, org: Any = None, on: Any = None) -> list[Any]:
    """要约 without an answer past the due day, as things stood on `on` (the overdue list)."""
    from kit.dates import today

    day = on or today()
    rows = (
        Negotiation.objects.filter(_in(org), Q(reply_on__isnull=True) | Q(reply_on__gt=day), offer_on__lte=day)
        .select_related("enterprise")
        .order_by("received_on", "id")
    )
    return [n for n in rows if n.reply_overdue(on=day)]


def instructors_qs(*, period: Period, org: Any = None) -> Any:
    return Instructor.objects.filter(_in(org), appointed_on__lte=period.end, term_ends_on__gte=period.end)


def instructors(*, period: Period, org: Any = None) -> dict[str, int]:
    """指导员 in post on the period's last day (a stock), by kind."""
    counts = dict(instructors_qs(period=period, org=org).values_list("kind").annotate(n=Count("id")))
    return {str(label): counts.get(code, 0) for code, label in Instructor.Kind.choices}


# --- stations -------------------------------------------------------------------------------------
def stations_in_use_qs(*, period: Period, org: Any = None) -> Any:
    return Station.objects.filter(_in(org), period.stock("opened_on", "closed_on"))


def stations_in_use(*, period: Period, org: Any = None) -> int:
    """建成并投入使用的驿站: stations open on the period's last day (a stock)."""
    return int(stations_in_use_qs(period=period, org=org).count())


def starred_stations_qs(*, period: Period, org: Any = None, level: str = "district") -> Any:
    since = add_months(period.end, -12) + timedelta(days=1)
    reviewed = StationReview.objects.filter(level=level, reviewed_on__gte=since, reviewed_on__lte=period.end)
    return stations_in_use_qs(period=period, org=org).filter(pk__in=reviewed.values("station_id"))


def starred_stations(*, period: Period, org: Any = None, level: str = "district") -> int:
    """区级星级驿站: stations in use holding a star review of the level made within the year before
    the period's end (a star lapses after a year without review)."""
    return int(starred_stations_qs(period=period, org=org, level=level).count())


def station_titles_qs(*, period: Period, org: Any = None) -> Any:
    return StationTitle.objects.filter(
        _in(org, "station__org__path"), year__lte=period.end.year, station__deleted_at__isnull=True
    )


def station_titles(*, period: Period, org: Any = None) -> dict[str, int]:
    """Titles held by the period's end, by title (distinct stations)."""
    rows = station_titles_qs(period=period, org=org).values("title").annotate(n=Count("station_id", distinct=True))
    counts = {r["title"]: r["n"] for r in rows}
    return {str(label): counts.get(code, 0) for code, label in StationTitle.Title.choices}


def station_visits(*, period: Period, org: Any = None) -> int:
    qs = StationVisit.objects.filter(
        _in(org, "station__org__path"), month__gte=period.start.replace(day=1), month__lte=period.end
    )
    return int(qs.aggregate(s=Sum("visits"))["s"] or 0)


def current_stars(stations: list[Any], on: Any) -> dict[int, int]:
    """Each station's stars in force on `on` (its latest review within the year), 0 for none."""
    since = add_months(on, -12) + timedelta(days=1)
    out: dict[int, int] = {}
    for station_id, stars in (
        StationReview.objects.filter(station__in=stations, reviewed_on__gte=since, reviewed_on__lte=on)
        .order_by("station_id", "-reviewed_on", "-id")
        .values_list("station_id", "stars")
    ):
        out.setdefault(station_id, stars)
    return out


def station_map(
    qs: Any,
    *,
    when: datetime,
    amenity: str = "",
    min_stars: int = 0,
    opening: str = "",
    near: tuple[float, float] | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """The stations of `qs` in use on `when`'s day, as points for the map (WGS-84), each with its
    stars in force, amenities and titles; filtered by an amenity (its dictionary value), a least
    number of stars and opening ("24h" round the clock, "now" open at `when`); nearest first with
    the distance in metres when `near` (a WGS-84 point) is given."""
    day = when.date()
    qs = qs.filter(Q(closed_on__isnull=True) | Q(closed_on__gte=day), opened_on__lte=day)
    if amenity:
        qs = qs.filter(amenities__dict_type__code="station_amenity", amenities__value=amenity)
    if opening == "24h":
        qs = qs.filter(open_24h=True)
    stations = list(qs.distinct().prefetch_related("amenities", "titles").order_by("code"))
    stars = current_stars(stations, day)
    rows = []
    for station in stations:
        n = stars.get(station.pk, 0)
        if n < min_stars or (opening == "now" and not station.open_at(when)):
            continue
        lng, lat = float(station.longitude), float(station.latitude)
        row: dict[str, Any] = {
            "id": station.pk,
            "code": station.code,
            "name": station.name,
            "address": station.address,
            "hours": "24小时" if station.open_24h else station.hours,
            "open_now": station.open_at(when),
            "phone": station.phone,
            "stars": n,
            "amenities": [a.label for a in sorted(station.amenities.all(), key=lambda a: (a.sort, a.pk))],
            "titles": [f"{t.year}年{t.get_title_display()}" for t in station.titles.all()],
            "lng": lng,
            "lat": lat,
        }
        if near is not None:
            row["distance_m"] = round(geo.distance_m(near[0], near[1], lng, lat))
        rows.append(row)
    if near is not None:
        rows.sort(key=lambda r: (r["distance_m"], r["code"]))
    return rows[:limit] if limit else rows


def renewals_due(*, org: Any = None, on: Any = None) -> list[Any]:
    """Contracts whose renewal window is open on `on` (within the months before expiry) and that
    have no later contract of the same kind for the enterprise."""
    from kit.dates import today

    day = on or today()
    rows = (
        CollectiveContract.objects.filter(_in(org), starts_on__lte=day, ends_on__gte=day)
        .select_related("enterprise")
        .order_by("ends_on")
    )
    later = set(CollectiveContract.objects.filter(_in(org), starts_on__gt=day).values_list("enterprise_id", "kind"))
    return [c for c in rows if c.renewal_opens <= day and (c.enterprise_id, c.kind) not in later]
