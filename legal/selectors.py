"""Figures of 法律援助 ("畅通维权渠道") and reads of the legal module. Every figure is computed for a
period and an org subtree (`kit.periods`) without reading a case's contents: users who may not open
cases (the federation's general staff) still see the counts and the amounts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from core.selectors import calendar
from kit.dates import today
from kit.numbers import q2
from kit.periods import Period
from kit.periods import in_subtree as _in
from legal.models import Case, Checkup, EducationSession, Referral, Room

OPEN = ("applied", "papers", "accepted", "assigned", "concluded")


def closed_cases_qs(*, period: Period, org: Any = None) -> Any:
    return Case.objects.filter(_in(org), period.events("closed_on"), status=Case.Status.CLOSED)


def applications_qs(*, period: Period, org: Any = None) -> Any:
    return Case.objects.filter(_in(org), period.events("applied_on")).exclude(room=Room.CONSULT)


def consultations_qs(*, period: Period, org: Any = None) -> Any:
    return Case.objects.filter(_in(org), period.events("closed_on"), status=Case.Status.ANSWERED)


def referrals_qs(*, period: Period, org: Any = None) -> Any:
    return Referral.objects.filter(_in(org), period.events("sent_on"))


def checkups_qs(*, period: Period, org: Any = None) -> Any:
    return Checkup.objects.filter(_in(org), period.events("visited_on"))


def education_qs(*, period: Period, org: Any = None) -> Any:
    return EducationSession.objects.filter(_in(org), period.events("held_on"))


def closed_cases(*, period: Period, org: Any = None) -> dict[str, Any]:
    """依法审结案件 N 件，涉案标的 M 元: cases (not consultations) closed within the period, and the
    sum of their amounts in dispute, in yuan. Summed here as Decimals, never by the database: SQLite
    keeps decimals as binary floating point and would add them as such."""
    rows = list(closed_cases_qs(period=period, org=org).values_list("amount", "amount_recovered"))
    return {
        "count": len(rows),
        "amount": q2(sum((a for a, _r in rows), Decimal("0"))),
        "recovered": q2(sum((r or Decimal("0") for _a, r in rows), Decimal("0"))),
    }


def outcomes(*, period: Period, org: Any = None) -> dict[str, int]:
    """Closed cases of the period by outcome."""
    counts = dict(closed_cases_qs(period=period, org=org).values_list("outcome").annotate(n=Count("id")))
    return {str(label): counts.get(code, 0) for code, label in Case.Outcome.choices}


def consultations(*, period: Period, org: Any = None) -> int:
    """咨询: consultations answered within the period (events)."""
    return int(consultations_qs(period=period, org=org).count())


def applications(*, period: Period, org: Any = None) -> dict[str, int]:
    """Applications (not consultations) made within the period, and of those accepted and refused."""
    rows = applications_qs(period=period, org=org)
    return {
        "applied": rows.count(),
        "accepted": rows.filter(decided_on__isnull=False).exclude(status=Case.Status.REJECTED).count(),
        "rejected": rows.filter(status=Case.Status.REJECTED).count(),
        "collective": rows.filter(collective=True).count(),
    }


def referrals(*, period: Period, org: Any = None) -> dict[str, int]:
    """异地协作 referrals sent and received within the period."""
    counts = dict(referrals_qs(period=period, org=org).values_list("direction").annotate(n=Count("id")))
    return {str(label): counts.get(code, 0) for code, label in Referral.Direction.choices}


def checkups(*, period: Period, org: Any = None) -> dict[str, int]:
    """送法律"体检"进企业: enterprises checked within the period (distinct), visits, items found
    不合规."""
    rows = list(checkups_qs(period=period, org=org).values_list("enterprise_id", "answers"))
    return {
        "enterprises": len({e for e, _a in rows}),
        "visits": len(rows),
        "issues": sum(sum(1 for v in (a or {}).values() if v == "fail") for _e, a in rows),
    }


def education(*, period: Period, org: Any = None) -> dict[str, int]:
    agg = education_qs(period=period, org=org).aggregate(n=Count("id"), people=Sum("attendees"))
    return {"sessions": agg["n"] or 0, "attendees": agg["people"] or 0}


def deadline_list(cases: Any, *, on: date | None = None, within: int = 7) -> dict[str, list[tuple[Any, Any]]]:
    """The open cases' limits as of `on`: those passed without the step done ("overdue") and those
    ending within `within` days ("soon"), each as (case, deadline), soonest first. `cases` is the
    caller's visible queryset — the list never shows a case the user may not open."""
    day = on or today()
    cal = calendar()
    overdue, soon = [], []
    for case in (
        cases.filter(status__in=OPEN).select_related("applicant", "dispute_type").prefetch_related("interruptions")
    ):
        for deadline in case.deadlines(cal):
            if deadline.done_on is not None or not deadline.binding:
                continue
            if deadline.overdue(day):
                overdue.append((case, deadline))
            elif deadline.days_left(day) <= within:
                soon.append((case, deadline))
    return {
        "overdue": sorted(overdue, key=lambda r: r[1].due),
        "soon": sorted(soon, key=lambda r: r[1].due),
    }


def cases_of(person: Any) -> Any:
    """The applicant's own cases (the portal shows them to him)."""
    return Case.objects.filter(applicant=person).order_by("-applied_on", "-id")


def open_duplicates(case: Case) -> Any:
    return Case.objects.filter(Q(duplicate_of=case) | Q(pk=case.duplicate_of_id)).exclude(pk=case.pk)
