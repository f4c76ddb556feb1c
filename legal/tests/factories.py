"""Sample records of the legal module inside a given org (fictitious people and numbers)."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import DictItem, Org
from core.tests import factories as f
from legal.models import (
    CHECKUP_ITEMS,
    DISPUTE_TYPES,
    Case,
    CaseDocument,
    CaseInterruption,
    CaseSession,
    CentreCriterion,
    Checkup,
    EducationSession,
    Lawyer,
    MinimumWage,
    Partner,
    Referral,
    ReferralTask,
    ReferralUpdate,
)

_serial = itertools.count(1)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf(name: str = "材料.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def dispute(value: str = "wages") -> DictItem:
    """The dictionary as migration 0002 seeds it (again, for tests that flushed the database)."""
    for v, label in DISPUTE_TYPES:
        f.dict_item("dispute_type", v, label)
    return DictItem.objects.get(dict_type__code="dispute_type", value=value)


def checkup_items() -> list[DictItem]:
    out = []
    for value, label, anchor in CHECKUP_ITEMS:
        item = f.dict_item("checkup_item", value, label)
        if not item.remark:
            item.remark = anchor
            item.save(update_fields=["remark"])
        out.append(item)
    return out


def minimum_wage(org: Org | None = None, n: int = 0) -> MinimumWage:
    return MinimumWage.objects.create(
        region=f"一类地区{next(_serial)}", monthly=Decimal("2280"), effective_from=date(2022, 10, 1)
    )


def lawyer(org: Org, n: int = 0, **extra: Any) -> Lawyer:
    fields = {"name": f"律师{n}-{next(_serial)}", "kind": "staff", "org": org, **extra}
    return Lawyer.objects.create(**fields)


def case(org: Org, n: int = 0, **extra: Any) -> Case:
    person = extra.pop("applicant", None) or f.person(org, 6000 + next(_serial))
    fields = {
        "applicant": person,
        "employer": extra.pop("employer", None) or person.employer,
        "employer_name": extra.pop("employer_name", "") or "某单位",
        "dispute_type": extra.pop("dispute_type", None) or dispute(extra.pop("kind", "wages")),
        "facts": "拖欠工资",
        "claims": "支付工资",
        "amount": extra.pop("amount", Decimal("10000.00")),
        "applied_on": extra.pop("applied_on", date(2023, 3, 1)),
        "org": org,
        **extra,
    }
    obj = Case(**fields)
    obj.full_clean()
    obj.number = f"T{next(_serial)}"
    obj.save()
    return obj


def session(org: Org, n: int = 0) -> CaseSession:
    return CaseSession.objects.create(case=case(org, n), kind="mediation", held_on=date(2023, 3, 10), handler="调解员")


def interruption(org: Org, n: int = 0) -> CaseInterruption:
    return CaseInterruption.objects.create(case=case(org, n), kind="claim", on=date(2023, 2, 1))


def document(org: Org, n: int = 0, **extra: Any) -> CaseDocument:
    fields = {"case": extra.pop("case", None) or case(org, n), "kind": "evidence", "title": f"证据{n}", **extra}
    obj = CaseDocument(**fields)
    obj.file.save(f"evidence-{next(_serial)}.pdf", pdf(), save=False)
    obj.save()
    return obj


def partner(org: Org, n: int = 0) -> Partner:
    return Partner.objects.create(
        name=f"协作工会{n}-{next(_serial)}",
        region="江阴",
        agreement_on=date(2021, 9, 23),
        agreement_scope="相互委托",
        their_liaison="联络员",
        org=org,
    )


def referral(org: Org, n: int = 0, **extra: Any) -> Referral:
    fields = {
        "partner": extra.pop("partner", None) or partner(org, n),
        "direction": "in",
        "worker_name": f"职工{n}",
        "summary": "案情摘要",
        "sent_on": date(2023, 1, 10),
        "org": org,
        **extra,
    }
    obj = Referral(**fields)
    obj.full_clean()
    obj.save()
    return obj


def task(org: Org, n: int = 0) -> ReferralTask:
    return ReferralTask.objects.create(referral=referral(org, n), kind="evidence", description=f"取证{n}")


def update(org: Org, n: int = 0) -> ReferralUpdate:
    return ReferralUpdate.objects.create(
        referral=referral(org, n), source="theirs", on=date(2023, 1, 20), text="已收到"
    )


def answers(**given: str) -> dict[str, str]:
    return {item.value: given.get(item.value, "pass") for item in checkup_items()}


def checkup(org: Org, n: int = 0, **extra: Any) -> Checkup:
    fields = {
        "enterprise": extra.pop("enterprise", None) or f.enterprise(org, 7000 + next(_serial)),
        "visited_on": date(2022, 6, 1),
        "lawyer": extra.pop("lawyer", None) or lawyer(org, n),
        "answers": extra.pop("answers", None) or answers(),
        "risk": "low",
        **extra,
    }
    obj = Checkup(**fields)
    obj.full_clean()
    obj.save()
    return obj


def education(org: Org, n: int = 0) -> EducationSession:
    return EducationSession.objects.create(title=f"普法{n}-{next(_serial)}", held_on=date(2022, 5, 1), org=org)


def criterion(org: Org, n: int = 0) -> CentreCriterion:
    return CentreCriterion.objects.create(standard="三化", code=f"{n}-{next(_serial)}", criterion="有场所", org=org)


# --- records dated as a test asks (the indicators' tests) -----------------------------------------
def case_at(
    org: Org, status: str, *, closed_on: date | None = None, decided_on: date | None = None, **extra: Any
) -> Case:
    """A case of `org` already at `status` (the steps set directly: they are tested in
    test_services), closed (审结, 解答, 终止) on `closed_on`; `outcome` and `amount_recovered` as
    given."""
    stamped = {k: extra.pop(k) for k in ("outcome", "outcome_on", "amount_recovered") if k in extra}
    row = case(org, **extra)
    Case.objects.filter(pk=row.pk).update(status=status, closed_on=closed_on, decided_on=decided_on, **stamped)
    return Case.objects.get(pk=row.pk)


def education_on(org: Org, held_on: date, attendees: int = 0) -> EducationSession:
    row = EducationSession(title=f"普法{next(_serial)}", held_on=held_on, attendees=attendees, org=org)
    row.full_clean()
    row.save()
    return row
