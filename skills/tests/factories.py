"""Sample records of the skills module inside a given org (fictitious names)."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

from core.models import Org, Person
from core.tests import factories as f
from skills.models import (
    Enrolment,
    EnterpriseResult,
    InnovationProject,
    Mentorship,
    MentorshipPilot,
    Outcome,
    SelectionRound,
    Submission,
    TrainingBase,
    TrainingClass,
)

_serial = itertools.count(1)


def _saved(obj: Any) -> Any:
    obj.full_clean()
    obj.save()
    return obj


def pilot(org: Org, **extra: Any) -> MentorshipPilot:
    n = next(_serial)
    fields = {
        "name": f"传帮带试点{org.code}-{n}",
        "enterprise": extra.pop("enterprise", None) or f.enterprise(org, 7000 + n),
        "started_on": date(2020, 1, 1),
        "org": org,
        **extra,
    }
    return _saved(MentorshipPilot(**fields))


def mentorship(of: MentorshipPilot, **extra: Any) -> Mentorship:
    n = next(_serial)
    fields = {
        "pilot": of,
        "mentor": extra.pop("mentor", None) or f.person(of.org, 2 * n),
        "apprentice": extra.pop("apprentice", None) or f.person(of.org, 2 * n + 1),
        "chain": Mentorship.Chain.PARTY,
        "goals": "三年内带出一名技师",
        "starts_on": date(2020, 1, 1),
        "ends_on": date(2022, 12, 31),
        **extra,
    }
    return _saved(Mentorship(**fields))


def outcome(pair: Mentorship, kind: str, obtained_on: date, person: Person | None = None, **extra: Any) -> Outcome:
    fields = {
        "mentorship": pair,
        "kind": kind,
        "title": f"成果{next(_serial)}",
        "person": person or pair.apprentice,
        "obtained_on": obtained_on,
        **extra,
    }
    return _saved(Outcome(**fields))


def result(of: MentorshipPilot, year: int, profit: str, income: str) -> EnterpriseResult:
    return _saved(
        EnterpriseResult(
            pilot=of, year=year, profit_growth=Decimal(profit), income_growth=Decimal(income), source="企业年报"
        )
    )


def selection(org: Org, kind: str, year: int, status: str = SelectionRound.Status.AWARDED) -> SelectionRound:
    """A selection round already in `status` (the workflow's own steps are tested in test_selection)."""
    return _saved(
        SelectionRound(
            kind=kind,
            year=year,
            title=f"{year}年评选{org.code}-{next(_serial)}",
            quota=3,
            submission_closes=date(year, 5, 31),
            status=status,
            org=org,
        )
    )


def submission(of: SelectionRound, prize: str = "", org: Org | None = None) -> Submission:
    """An entry with its prize as the review left it (saved directly: the round is past its call)."""
    org = org or of.org
    return Submission.objects.create(
        round=of,
        enterprise=f.enterprise(org, 6000 + next(_serial)),
        title=f"操作法{next(_serial)}",
        summary="提高效率",
        prize=prize,
        org=org,
    )


def training_base(org: Org) -> TrainingBase:
    return _saved(
        TrainingBase(
            name=f"实训基地{org.code}-{next(_serial)}", partner="某职业技术学院", plaque_on=date(2020, 5, 20), org=org
        )
    )


def training_class(org: Org, starts_on: date, ends_on: date | None = None, **extra: Any) -> TrainingClass:
    fields = {
        "base": extra.pop("base", None) or training_base(org),
        "name": f"班次{org.code}-{next(_serial)}",
        "starts_on": starts_on,
        "ends_on": ends_on or starts_on,
        "capacity": 30,
        "org": org,
        **extra,
    }
    return _saved(TrainingClass(**fields))


def enrolment(of: TrainingClass, status: str = Enrolment.Status.COMPLETED, person: Person | None = None) -> Enrolment:
    """An enrolment in `status` (status is set by the services; saved directly here)."""
    return Enrolment.objects.create(training_class=of, person=person or f.person(of.org, next(_serial)), status=status)


def innovation_project(org: Org, started_on: date, **extra: Any) -> InnovationProject:
    fields = {
        "name": f"创新项目{org.code}-{next(_serial)}",
        "enterprise": extra.pop("enterprise", None) or f.enterprise(org, 5000 + next(_serial)),
        "started_on": started_on,
        "org": org,
        **extra,
    }
    if "training_class" not in fields:
        fields["training_class"] = training_class(org, started_on)
    return _saved(InnovationProject(**fields))
