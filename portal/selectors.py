"""Reads of the workers' portal. What a worker sees of his own records goes through the data
scope like any list (`visible_to(user)`: the 职工 role's "仅本人" scope covers the rows about
his `Person`, see `kit.scope.ScopeSpec.person`); what is open to him to sign up for comes from the
parents' `open_to(person)`; stations are public service points."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Avg, Count, Q
from django.utils import timezone

from core.models import Org, PersonHonour, Region
from guidance.models import Nomination, TopTenSelection, Vote
from kit import maps
from kit.dates import today
from legal.models import Case
from merit.models import Award, Event, Registration
from portal.models import MembershipApplication, SelfRegistration, Status
from rights import selectors as rights_selectors
from rights.models import (
    ActivitySignup,
    Claim,
    EnrolledMember,
    ServiceHours,
    Station,
    VolunteerActivity,
)
from skills.models import Appraisal, Enrolment, TrainingClass


@dataclass
class Offer:
    """Something open to sign up for, with the worker's own sign-up if any."""

    kind: str  # "class", "event", "activity"
    obj: Any
    title: str
    when: str
    where: str
    taken: int
    capacity: int | None
    mine: Any = None

    @property
    def full(self) -> bool:
        return self.capacity is not None and self.taken >= self.capacity


def offers(user: Any, day: Any = None) -> list[Offer]:
    person = user.person
    if person is None:
        return []
    day = day or today()
    out: list[Offer] = []
    classes = (
        TrainingClass.open_to(person, day)
        .select_related("base")
        .annotate(taken=Count("enrolments", filter=Q(enrolments__status__in=Enrolment.places_held_by)))
        .order_by("starts_on", "id")
    )
    mine_e = {e.training_class_id: e for e in Enrolment.objects.visible_to(user).filter(person=person)}
    for c in classes:
        out.append(
            Offer(
                "class",
                c,
                c.name,
                f"{c.starts_on:%Y年%-m月%-d日}开班",
                c.base.name,
                c.taken,
                c.capacity,
                mine_e.get(c.pk),
            )
        )
    events = Event.open_to(person).select_related("competition").order_by("competition__starts_on", "id")
    mine_r = {r.event_id: r for r in Registration.objects.visible_to(user).filter(person=person)}
    for ev in events:
        comp = ev.competition
        out.append(
            Offer(
                "event",
                ev,
                f"{comp.name} · {ev.name}",
                f"{comp.starts_on:%Y年%-m月%-d日}比赛",
                comp.organisers,
                ev.registrations.count(),
                None,
                mine_r.get(ev.pk),
            )
        )
    activities = (
        VolunteerActivity.open_to(person, day)
        .select_related("team")
        .annotate(taken=Count("signups", filter=Q(signups__status="enrolled")))
        .order_by("held_on", "id")
    )
    mine_a = {s.activity_id: s for s in ActivitySignup.objects.visible_to(user).filter(person=person)}
    for a in activities:
        out.append(
            Offer("activity", a, a.title, f"{a.held_on:%Y年%-m月%-d日}", a.place, a.taken, a.capacity, mine_a.get(a.pk))
        )
    return out


def my_records(user: Any) -> dict[str, Any]:
    """Everything under 我的, each list through the worker's own data scope."""
    person = user.person
    if person is None:
        return {}
    return {
        "enrolments": Enrolment.objects.visible_to(user)
        .filter(person=person)
        .select_related("training_class")
        .order_by("-signed_up_at"),
        "appraisals": Appraisal.objects.visible_to(user)
        .filter(enrolment__person=person)
        .select_related("level", "enrolment__training_class"),
        "registrations": Registration.objects.visible_to(user)
        .filter(person=person)
        .select_related("event__competition"),
        "awards": Award.objects.visible_to(user)
        .filter(registration__person=person)
        .select_related("event__competition"),
        "honours": PersonHonour.objects.visible_to(user).filter(person=person).select_related("kind"),
        "signups": ActivitySignup.objects.visible_to(user).filter(person=person).select_related("activity"),
        "hours": ServiceHours.objects.visible_to(user)
        .filter(volunteer__person=person)
        .select_related("activity")
        .order_by("-activity__held_on"),
        "coverage": EnrolledMember.objects.visible_to(user)
        .filter(person=person)
        .select_related("enrolment__plan", "enrolment"),
        "claims": Claim.objects.visible_to(user).filter(member__person=person).order_by("-filed_on"),
        "cases": my_cases(user),
        "memberships": MembershipApplication.objects.visible_to(user).filter(person=person).select_related("org"),
    }


def total_hours(records: dict[str, Any]) -> Any:
    return sum((h.hours for h in records.get("hours", [])), 0)


def my_cases(user: Any) -> Any:
    if user.person_id is None:
        return Case.objects.none()
    return (
        Case.objects.visible_to(user).filter(applicant_id=user.person_id).select_related("dispute_type").order_by("-id")
    )


def member_card(user: Any) -> MembershipApplication | None:
    """The latest confirmed application: his union and card number."""
    if user.person_id is None:
        return None
    return (
        MembershipApplication.objects.visible_to(user)
        .filter(person_id=user.person_id, status=Status.APPROVED)
        .select_related("org")
        .order_by("-decided_on", "-id")
        .first()
    )


def open_application(user: Any) -> MembershipApplication | None:
    if user.person_id is None:
        return None
    return (
        MembershipApplication.objects.visible_to(user)
        .filter(person_id=user.person_id, status=Status.SUBMITTED)
        .select_related("org")
        .first()
    )


def my_registration(user: Any) -> SelfRegistration | None:
    return SelfRegistration.objects.visible_to(user).filter(user=user).order_by("-id").first()


def places() -> Any:
    """The sub-district and park unions a worker without an employer on the platform picks from."""
    return Org.objects.filter(kind__in=(Org.Kind.SUBDISTRICT, Org.Kind.PARK), is_active=True).order_by("path")


# --- stations -----------------------------------------------------------------------------------
def station_areas() -> list[dict[str, Any]]:
    """Sub-districts with stations in use, each with the centre of its stations (a typed place
    without a geocoder: the worker picks his sub-district)."""
    day = today()
    rows = (
        Station.objects.filter(Q(closed_on__isnull=True) | Q(closed_on__gte=day), opened_on__lte=day)
        .exclude(subdistrict=None)
        .values("subdistrict_id")
        .annotate(lng=Avg("longitude"), lat=Avg("latitude"), n=Count("id"))
    )
    names = dict(Region.objects.filter(pk__in=[r["subdistrict_id"] for r in rows]).values_list("pk", "name"))
    out = [
        {
            "id": r["subdistrict_id"],
            "name": names.get(r["subdistrict_id"], ""),
            "lng": r["lng"],
            "lat": r["lat"],
            "n": r["n"],
        }
        for r in rows
    ]
    return sorted(out, key=lambda r: r["name"])


def distance_text(metres: int | None) -> str:
    """800 米, 1.2 公里 (四舍五入 to 100 m)."""
    if metres is None:
        return ""
    if metres < 1000:
        return f"{metres} 米"
    tenths = (metres + 50) // 100
    return f"{tenths // 10}.{tenths % 10} 公里"


def _public(row: dict[str, Any]) -> dict[str, Any]:
    row["navigate"] = maps.navigate_url(row["name"], row["lng"], row["lat"])
    row["distance_text"] = distance_text(row.get("distance_m"))
    return row


def nearest_stations(
    point: tuple[float, float], *, when: datetime | None = None, limit: int = 10
) -> list[dict[str, Any]]:
    rows = rights_selectors.station_map(
        Station.objects.all(), when=when or timezone.localtime(), near=point, limit=limit
    )
    return [_public(row) for row in rows]


def station(pk: int, *, near: tuple[float, float] | None = None) -> dict[str, Any] | None:
    rows = rights_selectors.station_map(Station.objects.filter(pk=pk), when=timezone.localtime(), near=near)
    if not rows:
        return None
    return _public(rows[0])


# --- voting -------------------------------------------------------------------------------------
def open_votes(user: Any, now: datetime | None = None) -> list[dict[str, Any]]:
    now = now or timezone.now()
    selections = TopTenSelection.objects.filter(vote_opens__lte=now, vote_closes__gte=now).order_by("-year")
    out = []
    voted_today = set(
        Vote.objects.filter(voter=user, voted_on=timezone.localdate(now)).values_list("nomination_id", flat=True)
    )
    for sel in selections:
        noms = (
            Nomination.objects.filter(selection=sel)
            .select_related("course")
            .annotate(n=Count("votes"))
            .order_by("-n", "id")
        )
        out.append({"selection": sel, "nominations": noms, "voted": voted_today})
    return out
