"""Sample records of the rights module inside a given org (fictitious people and numbers)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

from core.models import Org
from core.tests import factories as f
from rights.models import (
    ActivitySignup,
    AidPlan,
    AidRecord,
    BaseSession,
    CampaignItem,
    Claim,
    EducationBase,
    EnrolledMember,
    FileReview,
    GiftDelivery,
    HardshipFile,
    HoursCertificate,
    HoursCorrection,
    HouseholdMember,
    IncomeCheck,
    ReliefPolicy,
    RequiredDocument,
    ServiceCampaign,
    ServiceHours,
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
