"""Figures of section 一 (一体化推进) and reads of the reform module. Each figure takes a period and
an org (subtree); the indicators app registers them."""

from __future__ import annotations

from collections import Counter
from typing import Any

from core.models import PolicyDocument
from kit.periods import Period, longest_run_ending
from kit.periods import in_subtree as _in
from reform.models import KeyContact, MicroService, ProgressReport, ReformProject, ServicePosition


def policy_documents_qs(*, series: str, period: Period, org: Any = None) -> Any:
    """The documents of `series` issued in the period's last year or before (a run's records)."""
    return PolicyDocument.objects.filter(_in(org), series=series, year__lte=period.end.year)


def projects_qs(*, period: Period, org: Any = None) -> Any:
    return ReformProject.objects.filter(_in(org), start_date__lte=period.end)


def positions_qs(*, period: Period, org: Any = None) -> Any:
    return ServicePosition.objects.filter(_in(org), period.stock("opened_on", "closed_on"))


def micro_services_qs(*, period: Period, org: Any = None) -> Any:
    return MicroService.objects.filter(_in(org), period.stock("launched_on", "ended_on"))


def key_contacts_qs(*, period: Period, org: Any = None) -> Any:
    return KeyContact.objects.filter(_in(org, "enterprise__org__path"), period.stock("since", "until"))


def policy_run_years(*, series: str, period: Period, org: Any = None) -> int:
    """连续 N 年印发: consecutive years, ending in the period's last year, with a document of `series`."""
    years = set(policy_documents_qs(series=series, period=period, org=org).values_list("year", flat=True))
    return longest_run_ending(years, period.end.year)


def project_count(*, period: Period, org: Any = None) -> int:
    """项目清单 N 项: projects on the list (started on or before the period's end)."""
    return int(projects_qs(period=period, org=org).count())


def project_status_counts(*, period: Period, org: Any = None) -> dict[str, int]:
    """Projects by derived status on the period's last day."""
    projects = list(projects_qs(period=period, org=org).prefetch_related("milestones", "reports"))
    return dict(
        Counter(
            p.status_on(period.end, reports=list(p.reports.all()), milestones=list(p.milestones.all()))
            for p in projects
        )
    )


def position_count(*, period: Period, org: Any = None) -> int:
    """党工服务阵地 N 家: open on the period's last day (a stock)."""
    return int(positions_qs(period=period, org=org).count())


def micro_service_count(*, period: Period, org: Any = None) -> int:
    """党工共建微服务项目 N 个: launched by the period's end and not ended before it (a stock)."""
    return int(micro_services_qs(period=period, org=org).count())


def key_contact_count(*, period: Period, org: Any = None) -> int:
    """重点联系非公企业 N 家: distinct enterprises with a contact active on the period's last day."""
    return int(key_contacts_qs(period=period, org=org).values("enterprise").distinct().count())


def review_queue(user: Any) -> Any:
    """Reports waiting for the user's review."""
    return (
        ProgressReport.objects.visible_to(user, "review")
        .filter(status=ProgressReport.Status.SUBMITTED)
        .select_related("project", "project__owner_unit")
    )


def evaluation_by_unit(round_: Any) -> list[dict[str, Any]]:
    """Joint-evaluation results per member unit: the mean final score of its projects (2 places,
    half up), ranked high to low; equal means share a rank. Only for a closed (signed-off) round."""
    from decimal import Decimal

    from kit import scoring
    from kit.numbers import q2, rank_with_ties

    if round_.status != "closed":
        return []
    finals: dict[int, Decimal] = {}
    for result in scoring.results(round_):
        if result.subject.object_type == ReformProject._meta.label_lower and result.final is not None:
            finals[int(result.subject.object_id)] = result.final
    by_unit: dict[Any, list[Decimal]] = {}
    for project in ReformProject.all_objects.filter(pk__in=finals).select_related("owner_unit"):
        by_unit.setdefault(project.owner_unit, []).append(finals[project.pk])
    rows = [
        {
            "unit": unit,
            "projects": len(values),
            "mean": q2(sum(values, Decimal(0)) / len(values)),
        }
        for unit, values in by_unit.items()
    ]
    ranked = rank_with_ties(rows, key=lambda r: r["mean"])
    for rank, row in ranked:
        row["rank"] = rank
    return [row for _rank, row in ranked]
