"""Figures of section 一 (思想引领) and reads of the guidance module."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum

from core.models import PolicyDocument
from guidance.models import Lecture, MediaReport, MicroCourse, Nomination, TopTenSelection, UnionHonour
from kit.numbers import q2, rank_with_ties
from kit.periods import Period, longest_run_ending
from kit.periods import in_subtree as _in

IDEOLOGY_SERIES = "职工思想政治教育和文化建设工作实施意见"
PROVINCIAL_LEVELS = ("national", "province")  # 省级以上媒体


def lectures_qs(*, period: Period, org: Any = None) -> Any:
    """The sessions held in the period (planned and cancelled ones never count)."""
    return Lecture.objects.filter(_in(org), period.events("held_on"), status=Lecture.Status.HELD)


def ideology_policies_qs(*, period: Period, org: Any = None) -> Any:
    """The documents of the 思政教育实施意见 series issued in the period's last year or before."""
    return PolicyDocument.objects.filter(_in(org), series=IDEOLOGY_SERIES, year__lte=period.end.year)


def media_reports_qs(*, period: Period, org: Any = None, levels: tuple[str, ...] = ()) -> Any:
    qs = MediaReport.objects.filter(_in(org), period.events("published_on"))
    return qs.filter(level__in=levels) if levels else qs


def provincial_media_reports_qs(*, period: Period, org: Any = None) -> Any:
    return media_reports_qs(period=period, org=org, levels=PROVINCIAL_LEVELS)


def micro_courses_qs(*, period: Period, org: Any = None) -> Any:
    return MicroCourse.objects.filter(_in(org), period.events("published_on"))


def selections_qs(*, period: Period, org: Any = None) -> Any:
    return TopTenSelection.objects.filter(_in(org), period.events("published_on"))


def union_honours_qs(*, period: Period, org: Any = None) -> Any:
    return UnionHonour.objects.filter(_in(org), period.events("awarded_on"))


def lecture_count(*, period: Period, org: Any = None) -> int:
    """累计开展宣讲 N 场: sessions held within the period (events)."""
    return int(lectures_qs(period=period, org=org).count())


def lecture_audience(*, period: Period, org: Any = None) -> int:
    """M 名职工、师生参与: the sum of each session's workers and teachers/students (person-times)."""
    agg = lectures_qs(period=period, org=org).aggregate(w=Sum("audience_workers"), s=Sum("audience_students"))
    return int((agg["w"] or 0) + (agg["s"] or 0))


def lecture_breakdown(*, period: Period, org: Any = None) -> dict[str, int]:
    """Sessions by campaign (劳模工匠进校园 / 思政教师进企业 …)."""
    rows = lectures_qs(period=period, org=org).values("campaign__label").annotate(n=Count("id")).order_by("-n")
    return {r["campaign__label"] or "其他": r["n"] for r in rows}


def ideology_policy_years(*, period: Period, org: Any = None) -> int:
    """连续 N 年出台《职工思想政治教育和文化建设工作实施意见》."""
    years = set(ideology_policies_qs(period=period, org=org).values_list("year", flat=True))
    return longest_run_ending(years, period.end.year)


def media_report_count(*, period: Period, org: Any = None, levels: tuple[str, ...] = ()) -> int:
    return int(media_reports_qs(period=period, org=org, levels=levels).count())


def course_count(*, period: Period, org: Any = None) -> int:
    return int(micro_courses_qs(period=period, org=org).count())


def course_views(*, period: Period, org: Any = None) -> int:
    return int(micro_courses_qs(period=period, org=org).aggregate(v=Sum("views"))["v"] or 0)


def selection_count(*, period: Period, org: Any = None) -> int:
    return int(selections_qs(period=period, org=org).count())


def union_honours(*, period: Period, org: Any = None) -> list[UnionHonour]:
    return list(union_honours_qs(period=period, org=org))


def ranking(selection: TopTenSelection, *, expert_scores: dict[int, Decimal] | None = None) -> list[dict[str, Any]]:
    """The combined ranking of a top-ten selection.

    vote score   = votes ÷ the most votes any nominee got × 100
    expert score = the nominee's final score in the expert round, scaled to 100
    combined     = vote_weight × vote score + expert_weight × expert score (2 decimals, half up)
    Tie-break, in order: higher expert score, more votes; still equal → the same rank (1, 2, 2, 4)."""
    expert_scores = expert_scores if expert_scores is not None else expert_scores_of(selection)
    noms = list(selection.nominations.select_related("course").annotate(n_votes=Count("votes")))
    top_votes = max((n.n_votes for n in noms), default=0)
    rows: list[dict[str, Any]] = []
    for n in noms:
        vote_score = Decimal(n.n_votes * 100) / top_votes if top_votes else Decimal(0)
        expert = expert_scores.get(n.pk, Decimal(0))
        combined = q2(selection.vote_weight * vote_score + selection.expert_weight * expert)
        rows.append(
            {
                "nomination": n,
                "course": n.course,
                "votes": n.n_votes,
                "vote_score": q2(vote_score),
                "expert_score": expert,
                "combined": combined,
            }
        )
    ranked = rank_with_ties(rows, key=lambda r: (r["combined"], r["expert_score"], r["votes"]))
    for rank, row in ranked:
        row["rank"] = rank
        # 十佳 only once the result is published; before that the ranking is provisional
        row["winner"] = bool(selection.published_on) and rank <= selection.winners
    return [row for _rank, row in ranked]


def expert_scores_of(selection: TopTenSelection) -> dict[int, Decimal]:
    """Each nominee's expert score on a 100 scale, from the selection's closed scoring round
    (kit.scoring); nothing while the round is open (scores are hidden until sign-off)."""
    from kit import scoring

    round_ = selection.scoring_round
    if round_ is None or round_.status != "closed":
        return {}
    full = scoring.full_mark(round_.sheet) or Decimal(100)
    label = Nomination._meta.label_lower
    out: dict[int, Decimal] = {}
    for row in scoring.results(round_):
        if row.subject.object_type == label and row.final is not None:
            out[int(row.subject.object_id)] = q2(row.final * 100 / full)
    return out
