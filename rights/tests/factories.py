"""Sample records of the rights module inside a given org (fictitious people and numbers)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

from core.models import DictItem, Enterprise, Org, Person, User
from core.tests import factories as f
from kit.models import Criterion, ScoreSheet
from rights.models import (
    STATION_AMENITIES,
    ActivitySignup,
    AidPlan,
    AidRecord,
    BaseSession,
    CampaignItem,
    Claim,
    CollectiveContract,
    EducationBase,
    EnrolledMember,
    FileReview,
    GiftDelivery,
    HardshipFile,
    HoursCertificate,
    HoursCorrection,
    HouseholdMember,
    IncomeCheck,
    Instructor,
    InstructorRecord,
    Negotiation,
    NegotiationMeeting,
    Negotiator,
    OfferCampaign,
    ReliefPolicy,
    RequiredDocument,
    ServiceCampaign,
    ServiceHours,
    StarRating,
    Station,
    StationReview,
    StationTitle,
    StationVisit,
    UnitEnrolment,
    Volunteer,
    VolunteerActivity,
    VolunteerRecord,
    VolunteerTeam,
)

_serial = itertools.count(1)
START = date(2022, 1, 1)


def plan(org: Org, n: int = 0, **extra: object) -> AidPlan:
    fields = {
        "name": f"住院互助保障{org.code}-{n}-{next(_serial)}",
        "kind": "hospital",
        "year": 2022,
        "premium": Decimal("60"),
        "cap": Decimal("15000"),
        "org": org,
        **extra,
    }
    return AidPlan.objects.create(**fields)


def enrolment(org: Org, n: int = 0, **extra: object) -> UnitEnrolment:
    obj = UnitEnrolment(
        plan=extra.pop("plan", None) or plan(org, n),
        enterprise=extra.pop("enterprise", None) or f.enterprise(org, 1000 + next(_serial)),
        starts_on=extra.pop("starts_on", START),
        amount_paid=Decimal("600"),
        **extra,
    )
    obj.full_clean()
    obj.save()
    return obj


def member(org: Org, n: int = 0, **extra: object) -> EnrolledMember:
    row = EnrolledMember(
        enrolment=extra.pop("enrolment", None) or enrolment(org, n),
        person=extra.pop("person", None) or f.person(org, 2000 + next(_serial)),
        **extra,
    )
    row.full_clean()
    row.save()
    return row


def claim(org: Org, n: int = 0, **extra: object) -> Claim:
    row = Claim(
        member=extra.pop("member", None) or member(org, n),
        event_type="hospital",
        event_date=extra.pop("event_date", START + timedelta(days=100)),
        filed_on=extra.pop("filed_on", START + timedelta(days=110)),
        amount_claimed=Decimal("3000"),
        **extra,
    )
    row.full_clean()
    row.save()
    return row


def policy(org: Org, **extra: object) -> ReliefPolicy:
    return ReliefPolicy.objects.get_or_create(
        org=org,
        effective_from=extra.pop("effective_from", date(2020, 1, 1)),
        defaults={"subsistence_line": Decimal("1000"), **extra},
    )[0]


def hardship_file(org: Org, n: int = 0, **extra: object) -> HardshipFile:
    policy(org)
    row = HardshipFile(
        person=extra.pop("person", None) or f.person(org, 3000 + next(_serial)),
        household_size=3,
        annual_income=Decimal("30000"),
        rigid_expense=Decimal("6000"),
        cause=extra.pop("cause", "illness"),
        assessed_on=extra.pop("assessed_on", date(2022, 6, 1)),
        **extra,
    )
    row.full_clean()
    row.save()
    return row


def filed(org: Org, n: int = 0) -> HardshipFile:
    """A file in 在档 (the steps taken directly: tests of the steps are in test_services)."""
    row = hardship_file(org, n)
    HardshipFile.objects.filter(pk=row.pk).update(status="filed", filed_on=date(2022, 8, 1))
    return HardshipFile.objects.get(pk=row.pk)


def household(org: Org, n: int = 0) -> HouseholdMember:
    return HouseholdMember.objects.create(file=hardship_file(org, n), name=f"家属{n}", relation="child")


def income_check(org: Org, n: int = 0) -> IncomeCheck:
    return IncomeCheck.objects.create(
        file=filed(org, n), month=date(2022, 9 + n % 3, 1), per_capita_income=Decimal("900")
    )


def review(org: Org, n: int = 0) -> FileReview:
    return FileReview.objects.create(file=filed(org, n), reviewed_on=date(2023, 1, 10), result="continue")


def aid(org: Org, n: int = 0) -> AidRecord:
    return AidRecord.objects.create(
        file=filed(org, n), kind="warmth", amount=Decimal("500"), given_on=date(2023, 1, 15), approver="区总工会"
    )


def team(org: Org, n: int = 0) -> VolunteerTeam:
    return VolunteerTeam.objects.create(
        name=f"志愿服务队{org.code}-{n}-{next(_serial)}", speciality="care", founded_on=date(2021, 3, 1), org=org
    )


def volunteer(org: Org, n: int = 0, **extra: object) -> Volunteer:
    return Volunteer.objects.create(
        team=extra.pop("team", None) or team(org, n),
        person=extra.pop("person", None) or f.person(org, 4000 + next(_serial)),
        joined_on=date(2021, 3, 1),
        **extra,
    )


def activity(org: Org, n: int = 0, **extra: object) -> VolunteerActivity:
    fields = {
        "team": team(org, n),
        "title": f"志愿服务活动{org.code}-{n}-{next(_serial)}",
        "held_on": date(2022, 5, 1),
        "place": "社区",
        "status": "published",
        **extra,
    }
    return VolunteerActivity.objects.create(**fields)


def signup(org: Org, n: int = 0) -> ActivitySignup:
    return ActivitySignup.objects.create(
        activity=activity(org, n), person=f.person(org, 5000 + next(_serial)), status="enrolled"
    )


def hours(org: Org, n: int = 0, **extra: object) -> ServiceHours:
    act = extra.pop("activity", None) or activity(org, n)
    vol = extra.pop("volunteer", None) or volunteer(org, n, team=act.team)
    return ServiceHours.objects.create(activity=act, volunteer=vol, hours=Decimal("3.5"), **extra)


def volunteer_record(org: Org, n: int = 0) -> VolunteerRecord:
    return VolunteerRecord.objects.create(
        volunteer=volunteer(org, n), kind="training", on=date(2022, 4, 1), content="急救培训"
    )


def correction(org: Org, n: int = 0) -> HoursCorrection:
    return HoursCorrection.objects.create(record=hours(org, n), requested_hours=Decimal("4"), reason="漏记半小时")


def certificate(org: Org, n: int = 0) -> HoursCertificate:
    h = hours(org, n)
    return HoursCertificate.objects.create(
        volunteer=h.volunteer,
        number=f"ZYZM-T{org.code}{next(_serial):05d}",
        issued_on=date(2023, 1, 1),
        period_start=date(2022, 1, 1),
        period_end=date(2022, 12, 31),
        total_hours=h.hours,
        activities=1,
    )


def campaign(org: Org, n: int = 0) -> ServiceCampaign:
    return ServiceCampaign.objects.create(name=f"四赠送一建设{org.code}-{n}", starts_on=date(2022, 3, 1), org=org)


def item(org: Org, n: int = 0) -> CampaignItem:
    return CampaignItem.objects.create(campaign=campaign(org, n), name=f"意外伤害保险{n}")


def gift(org: Org, n: int = 0) -> GiftDelivery:
    return GiftDelivery.objects.create(
        item=item(org, n), person=f.person(org, 6000 + next(_serial)), given_on=date(2022, 6, 1)
    )


def education_base(org: Org, n: int = 0) -> EducationBase:
    return EducationBase.objects.create(
        name=f"交通安全警示教育基地{org.code}-{n}", theme="交通安全警示教育", opened_on=date(2021, 9, 1), org=org
    )


def session(org: Org, n: int = 0) -> BaseSession:
    return BaseSession.objects.create(
        base=education_base(org, n), held_on=date(2022, 7, 1), topic=f"头盔与路口{n}", attendees=40
    )


def required_document(org: Org, n: int = 0) -> RequiredDocument:
    return RequiredDocument.objects.create(plan=plan(org, n), event_type="hospital", name=f"出院记录{n}")


# --- collective bargaining ------------------------------------------------------------------------
def instructor(org: Org, n: int = 0, **extra: object) -> Instructor:
    fields = {
        "name": f"指导员{n}-{next(_serial)}",
        "kind": "part",
        "appointed_on": date(2022, 1, 1),
        "term_ends_on": date(2024, 12, 31),
        "org": org,
        **extra,
    }
    return Instructor.objects.create(**fields)


def instructor_record(org: Org, n: int = 0) -> InstructorRecord:
    return InstructorRecord.objects.create(
        instructor=instructor(org, n), kind="training", on=date(2022, 3, 1), content=f"实务培训{n}"
    )


def offer_campaign(org: Org, n: int = 0) -> OfferCampaign:
    return OfferCampaign.objects.create(
        name=f"春季要约行动{n}-{next(_serial)}",
        year=2022,
        season="spring",
        starts_on=date(2022, 3, 1),
        ends_on=date(2022, 5, 31),
        org=org,
    )


def negotiation(org: Org, n: int = 0, **extra: object) -> Negotiation:
    obj = Negotiation(
        enterprise=extra.pop("enterprise", None) or f.enterprise(org, 3000 + next(_serial)),
        topics="工资调整",
        offer_on=extra.pop("offer_on", date(2023, 3, 1)),
        received_on=extra.pop("received_on", date(2023, 3, 2)),
        **extra,
    )
    obj.full_clean()
    obj.save()
    return obj


def team_of(negotiation_: Negotiation, size: int = 3) -> None:
    """`size` negotiators a side, the first of each the chief."""
    Negotiator.objects.bulk_create(
        [
            Negotiator(negotiation=negotiation_, side=side, name=f"{side}{i}", chief=i == 0)
            for side in ("workers", "employer")
            for i in range(size)
        ]
    )


def negotiator(org: Org, n: int = 0) -> Negotiator:
    return Negotiator.objects.create(negotiation=negotiation(org, n), side="workers", name=f"代表{n}", chief=True)


def meeting(org: Org, n: int = 0) -> NegotiationMeeting:
    obj = NegotiationMeeting(
        negotiation=negotiation(org, n), held_on=date(2023, 3, 10), recorder="记录员", minutes="议定"
    )
    obj.full_clean()
    obj.save()
    return obj


def contract(org: Org, n: int = 0, **extra: object) -> CollectiveContract:
    fields = {
        "kind": "wage",
        "enterprise": extra.pop("enterprise", None) or f.enterprise(org, 3500 + next(_serial)),
        "starts_on": date(2022, 5, 1),
        "ends_on": date(2023, 4, 30),
        "employees_covered": 100,
        "org": org,
        **extra,
    }
    obj = CollectiveContract(**fields)
    obj.full_clean()
    obj.save()
    return obj


def rating(org: Org, n: int = 0, **extra: object) -> StarRating:
    obj = StarRating(
        enterprise=extra.pop("enterprise", None) or f.enterprise(org, 3800 + next(_serial)),
        year=extra.pop("year", 2022),
        score=extra.pop("score", Decimal("85")),
        **extra,
    )
    obj.full_clean()
    obj.save()
    return obj


# --- stations -------------------------------------------------------------------------------------
def amenities() -> list[DictItem]:
    """The checklist as the migration seeds it (again, for tests that flushed the database)."""
    return [f.dict_item("station_amenity", value, label) for value, label in STATION_AMENITIES]


def checklist(**answers: bool) -> dict[str, bool]:
    return {item.value: answers.get(item.value, True) for item in amenities()}


def station(org: Org, n: int = 0, **extra: object) -> Station:
    k = next(_serial)
    fields = {
        "code": f"T{k:05d}",
        "name": f"爱心驿站{org.code}-{n}-{k}",
        "address": "栖霞区某路1号",
        "longitude": Decimal("118.910000") + Decimal(n) / 1000,
        "latitude": Decimal("32.100000"),
        "opened_on": date(2022, 1, 1),
        "hours": "8:00-20:00",
        "org": org,
        **extra,
    }
    obj = Station(**fields)
    obj.full_clean()
    obj.save()
    return obj


def visit(org: Org, n: int = 0) -> StationVisit:
    return StationVisit.objects.create(station=station(org, n), month=date(2022, 5, 1), visits=100 + n)


def station_review(org: Org, n: int = 0, **extra: object) -> StationReview:
    obj = StationReview(
        station=extra.pop("station", None) or station(org, n),
        reviewed_on=extra.pop("reviewed_on", date(2022, 6, 1)),
        checklist=checklist(),
        score=Decimal("85"),
        stars=extra.pop("stars", 3),
        **extra,
    )
    obj.full_clean()
    obj.save()
    return obj


def station_title(org: Org, n: int = 0) -> StationTitle:
    return StationTitle.objects.create(station=station(org, n), title="city_best", year=2022)


def checklist_sheet(*, leave_out: str = "") -> ScoreSheet:
    """A star-review sheet with one criterion per amenity (coded by its dictionary value, 10 marks)."""
    sheet = ScoreSheet.objects.create(name=f"驿站星级评定表{next(_serial)}", aggregation="mean")
    for i, item in enumerate(amenities(), start=1):
        if item.value != leave_out:
            Criterion.objects.create(sheet=sheet, code=item.value, name=item.label, kind="score", max_score=10, sort=i)
    return sheet


def scorer() -> User:
    return User.objects.create_user(username=f"scorer{next(_serial)}", password="Test@12345")


# --- records dated as a test asks (the indicators' tests) -----------------------------------------
def paid_claim(member_: EnrolledMember, paid_on: date, amount: Decimal, **extra: object) -> Claim:
    """A claim of `member_` paid on `paid_on` (the review steps set directly: they are tested in
    test_services); `status` may say it stopped earlier (then nothing is paid)."""
    start = member_.enrolment.starts_on
    row = claim(
        member_.enrolment.org,
        member=member_,
        event_date=start + timedelta(days=40),
        filed_on=start + timedelta(days=50),
    )
    status = extra.pop("status", Claim.Status.PAID)
    paid = status == Claim.Status.PAID
    Claim.objects.filter(pk=row.pk).update(
        status=status,
        amount_approved=amount if status in (Claim.Status.APPROVED, Claim.Status.PAID) else None,
        decided_on=paid_on,
        paid_on=paid_on if paid else None,
        **extra,
    )
    return Claim.objects.get(pk=row.pk)


def file_on(org: Org, filed_on: date | None, closed_on: date | None = None, **extra: object) -> HardshipFile:
    """A hardship file of `org` filed (在档) on `filed_on`, left on `closed_on` (its status then
    says how: 脱困 unless given); `category` overrides the derived one."""
    row = hardship_file(org)
    fields: dict[str, object] = {
        "filed_on": filed_on,
        "closed_on": closed_on,
        "status": "filed" if closed_on is None else "exited",
        **extra,
    }
    HardshipFile.all_objects.filter(pk=row.pk).update(**fields)
    return HardshipFile.all_objects.get(pk=row.pk)


def team_between(org: Org, founded_on: date, dissolved_on: date | None = None, **extra: object) -> VolunteerTeam:
    return VolunteerTeam.objects.create(
        name=f"志愿服务队{org.code}-{next(_serial)}",
        speciality="care",
        founded_on=founded_on,
        dissolved_on=dissolved_on,
        org=org,
        **extra,
    )


def hours_at(act: VolunteerActivity, hours_: Decimal) -> ServiceHours:
    """`hours_` of a new volunteer of the activity's team at `act`."""
    vol = volunteer(act.team.org, team=act.team)
    return ServiceHours.objects.create(activity=act, volunteer=vol, hours=hours_)


def campaign_item(campaign_: ServiceCampaign, name: str, sort: int = 0) -> CampaignItem:
    return CampaignItem.objects.create(campaign=campaign_, name=name, sort=sort)


def delivery(item_: CampaignItem, person: Person, given_on: date, quantity: int = 1) -> GiftDelivery:
    row = GiftDelivery(item=item_, person=person, given_on=given_on, quantity=quantity)
    row.full_clean()
    row.save()
    return row


def base_session(base: EducationBase, held_on: date, attendees: int = 40) -> BaseSession:
    row = BaseSession(base=base, held_on=held_on, topic=f"头盔与路口{next(_serial)}", attendees=attendees)
    row.full_clean()
    row.save()
    return row


def confirmed_rating(
    org: Org, stars: int, year: int, confirmed_on: date | None, *, enterprise: Enterprise | None = None, **extra: object
) -> StarRating:
    """A rating of `year` with `stars` confirmed on `confirmed_on` (the stars set directly: how they
    are derived is tested in test_bargaining); `status` "draft" for one not (or no longer) confirmed."""
    row = rating(org, enterprise=enterprise, year=year)  # a new enterprise of `org` when none is given
    StarRating.objects.filter(pk=row.pk).update(
        stars=stars, status=extra.pop("status", "confirmed"), confirmed_on=confirmed_on, **extra
    )
    return StarRating.objects.get(pk=row.pk)


def title_of(station_: Station, title: str, year: int) -> StationTitle:
    return StationTitle.objects.create(station=station_, title=title, year=year)
