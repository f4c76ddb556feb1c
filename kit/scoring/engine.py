"""Scoring sheets (评分表): scores entered per criterion per scorer, locked at sign-off, aggregated
and ranked — shared by every module that runs an evaluation (工作联评, 十佳微党课, 创新工作法评选,
竞赛评委打分, 工作室年度考评, 驿站星级评定, 集体协商质量评估 …).

Models: `kit.scoring.models` (ScoreSheet, Criterion, ScoringRound, RoundSubject, RoundScorer, Score).
Pages: `kit.scoring.views` (`scoring_urls()`) and `kit.scoring.entities` (maintenance).

Who may do what
- Only a scorer of the round (`RoundScorer`) enters scores, only for himself, only while the
  round is open, never for a subject the round's conflict rule (回避规则) forbids him.
- The organiser (a user who may change the round within his data scope) closes it (签字确认) and
  re-opens it; a re-open needs a reason, which the audit log keeps (`kit.workflow`).
- Before the round is closed a scorer sees only his own scores; organisers see completion
  counts and a provisional ranking of final scores, but no scorer's individual values.
  After it is closed everyone with access to the round (view permission within the data scope,
  or being one of its scorers) sees all scores and the full results.

The formula (all arithmetic in Decimal; every shown figure rounded to 2 places, ROUND_HALF_UP)
- A scorer's total for a subject:  T = max(0, Σ score-leaf value × weight − Σ deduction-leaf value),
  rounded. Deductions are not weighted (their 标准分值 is the cap of points taken off the total).
- A scorer counts for a subject only when he has entered every 计分项 leaf for it ("complete");
  减分项 and 一票否决 leaves not entered count as 0.
- The final score aggregates the counted scorers' rounded totals by the sheet's rule:
  `weighted_mean` Σ wᵢTᵢ / Σ wᵢ (scorer weights; if all weights are 0, the plain mean);
  `mean` the arithmetic mean; `drop_high_low` the mean after dropping one highest and one lowest
  total when there are at least 3 scorers (else the plain mean); `trimmed_mean` the mean after
  dropping k = ⌊n × trim_ratio⌋ totals at each end (k at most (n−1)//2, so one always remains).
- Veto: a subject for which any scorer marks any 一票否决 item (value 1) is vetoed: final 0, ranked
  after every subject that is not vetoed (all vetoed subjects share that rank).
- Ranking: by final score descending, then by the sheet's tie-break codes in order — for each code
  the per-scorer subtotal of that criterion's subtree (Σ score-leaf value × weight − Σ deduction
  values, rounded) aggregated by the same rule over the same scorers — higher first; subjects
  still equal share a rank (competition ranking 1, 2, 2, 4). Subjects without any complete sheet
  have no final score and no rank and are listed last.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, QuerySet

from kit import audit, services, workflow
from kit.audit.models import AuditEntry
from kit.db import perm_name
from kit.numbers import TWO_PLACES, q2, rank_with_ties
from kit.scoring.models import (
    LOCKED_MESSAGE,
    Criterion,
    RoundScorer,
    RoundSubject,
    Score,
    ScoreSheet,
    ScoringRound,
)
from kit.scoring.rules import CONFLICT_RULES, ConflictRule, conflict_of, conflict_rule_choices, register_conflict_rule

__all__ = [
    "CONFLICT_RULES",
    "LOCKED_MESSAGE",
    "NOT_A_SCORER",
    "Completion",
    "ConflictRule",
    "CriterionNode",
    "ResultRow",
    "ScorerTotal",
    "add_scorers",
    "add_subjects",
    "aggregate",
    "can_organise",
    "close_round",
    "completion",
    "conflict_of",
    "conflict_rule_choices",
    "criteria_tree",
    "enter_scores",
    "full_mark",
    "has_round_access",
    "leaf_criteria",
    "open_round",
    "q2",
    "register_conflict_rule",
    "reopen_round",
    "results",
    "scorer_of",
    "scorer_total",
    "scores_visible_to",
    "takes_part",
]

NOT_A_SCORER = "您不是本轮评审的评分人，不能评分"


# --- criteria -------------------------------------------------------------------------------------
@dataclass
class CriterionNode:
    criterion: Criterion
    depth: int
    is_leaf: bool
    children: list[CriterionNode] = field(default_factory=list)

    @property
    def full(self) -> Decimal:
        """The node's full mark: its own max × weight for a score leaf, the sum of its children's."""
        c = self.criterion
        if self.is_leaf:
            return q2(c.max_score * c.weight) if c.kind == Criterion.Kind.SCORE else Decimal("0.00")
        return q2(sum((child.full for child in self.children), Decimal("0")))


def criteria_tree(sheet: ScoreSheet) -> list[CriterionNode]:
    """The sheet's criteria depth-first in display order (sort, code), each with its depth."""
    rows = list(Criterion.objects.filter(sheet=sheet).order_by("sort", "code", "id"))
    by_parent: dict[Any, list[Criterion]] = defaultdict(list)
    for c in rows:
        by_parent[c.parent_id].append(c)

    out: list[CriterionNode] = []

    def walk(parent_id: Any, depth: int) -> list[CriterionNode]:
        nodes = []
        for c in by_parent.get(parent_id, []):
            node = CriterionNode(c, depth, is_leaf=not by_parent.get(c.pk))
            out.append(node)
            node.children = walk(c.pk, depth + 1)
            nodes.append(node)
        return nodes

    walk(None, 0)
    return out


def leaf_criteria(sheet: ScoreSheet) -> list[Criterion]:
    return [n.criterion for n in criteria_tree(sheet) if n.is_leaf]


def full_mark(sheet: ScoreSheet) -> Decimal:
    """Σ score-leaf max × weight."""
    return q2(
        sum((c.max_score * c.weight for c in leaf_criteria(sheet) if c.kind == Criterion.Kind.SCORE), Decimal("0"))
    )


def scorer_total(leaves: Iterable[Criterion], values: Mapping[Any, Decimal]) -> Decimal:
    """T = max(0, Σ score value × weight − Σ deductions), rounded; `values` by criterion id."""
    total = Decimal("0")
    for c in leaves:
        v = values.get(c.pk)
        if v is None:
            continue
        if c.kind == Criterion.Kind.SCORE:
            total += v * c.weight
        elif c.kind == Criterion.Kind.DEDUCTION:
            total -= v
    return q2(max(total, Decimal("0")))


def _subtree_leaves(sheet_nodes: list[CriterionNode], code: str) -> list[Criterion]:
    for node in sheet_nodes:
        if node.criterion.code == code:
            found: list[Criterion] = []
            stack = [node]
            while stack:
                n = stack.pop()
                if n.is_leaf:
                    found.append(n.criterion)
                stack.extend(n.children)
            return found
    return []


def _subtotal(leaves: Iterable[Criterion], values: Mapping[Any, Decimal]) -> Decimal:
    """A criterion subtree's contribution for one scorer (not clamped): for tie-breaks."""
    total = Decimal("0")
    for c in leaves:
        v = values.get(c.pk)
        if v is None:
            continue
        if c.kind == Criterion.Kind.SCORE:
            total += v * c.weight
        elif c.kind == Criterion.Kind.DEDUCTION:
            total -= v
    return q2(total)


# --- aggregation ----------------------------------------------------------------------------------
def aggregate(
    values: Sequence[tuple[Decimal, Decimal]], rule: str, trim_ratio: Decimal = Decimal("0")
) -> Decimal | None:
    """Aggregate (value, scorer weight) pairs by a sheet's rule; None when there are none."""
    if not values:
        return None
    if rule == ScoreSheet.Aggregation.WEIGHTED_MEAN:
        weight_sum = sum((w for _, w in values), Decimal("0"))
        if weight_sum > 0:
            return q2(sum((v * w for v, w in values), Decimal("0")) / weight_sum)
    ordered = sorted(v for v, _ in values)
    n = len(ordered)
    if rule == ScoreSheet.Aggregation.DROP_HIGH_LOW and n >= 3:
        ordered = ordered[1:-1]
    elif rule == ScoreSheet.Aggregation.TRIMMED_MEAN:
        k = min(math.floor(n * Decimal(trim_ratio or 0)), (n - 1) // 2)
        ordered = ordered[k : n - k]
    return q2(sum(ordered, Decimal("0")) / len(ordered))


# --- services -------------------------------------------------------------------------------------
def scorer_of(rnd: ScoringRound, user: Any) -> RoundScorer | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return RoundScorer.objects.select_related("user").filter(round=rnd, user=user).first()


def _parse(raw: Any) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, float):
        raw = str(raw)
    try:
        value = Decimal(str(raw).strip()) if not isinstance(raw, Decimal) else raw
    except (InvalidOperation, ValueError):
        raise ValueError("not a number") from None
    if not value.is_finite():
        raise ValueError("not a number")
    return value


def _fmt(value: Decimal) -> str:
    """20.00 → "20", 7.50 → "7.5" for messages."""
    text = format(value.normalize(), "f")
    return text


def _check_value(c: Criterion, value: Decimal) -> str | None:
    if value != value.quantize(TWO_PLACES):
        return f"“{c.name}”的分值最多保留两位小数"
    if c.kind == Criterion.Kind.VETO:
        return None if value in (0, 1) else f"“{c.name}”是一票否决项，只能填 0（否）或 1（否决）"
    low = Decimal("0") if c.kind == Criterion.Kind.DEDUCTION else c.min_score
    if not low <= value <= c.max_score:
        what = "扣分" if c.kind == Criterion.Kind.DEDUCTION else "分值"
        return f"“{c.name}”的{what}应在 {_fmt(low)}～{_fmt(c.max_score)} 之间"
    return None


@transaction.atomic
def enter_scores(
    *,
    round: ScoringRound,
    actor: Any,
    subject: RoundSubject,
    values: Mapping[Any, Decimal | int | str | None],
    comments: Mapping[Any, str] | None = None,
) -> list[Score]:
    """Record the actor's scores for one subject (upsert), all or nothing.

    `values` maps leaf criterion ids to values; None or "" removes an entered value. Refused with
    PermissionDenied when the actor is not a scorer of the round; with ValidationError when the round
    is closed, the subject is not in the round, the conflict rule forbids it, or any value is out
    of range or not a leaf of the round's sheet (a dict keyed by criterion id, Chinese messages).
    One audit entry on the subject: changes {criterion code: [old, new]}."""
    rnd = ScoringRound._base_manager.select_for_update().select_related("sheet").get(pk=round.pk)
    scorer = scorer_of(rnd, actor)
    if scorer is None:
        raise PermissionDenied(NOT_A_SCORER)
    if rnd.status != ScoringRound.Status.OPEN:
        raise ValidationError(LOCKED_MESSAGE)
    subject = RoundSubject.objects.select_related("org").get(pk=subject.pk)
    if subject.round_id != rnd.pk:
        raise ValidationError("该参评对象不属于本轮评审")
    problem = conflict_of(rnd, actor, subject)
    if problem:
        raise ValidationError(problem)

    leaves = {c.pk: c for c in leaf_criteria(rnd.sheet)}
    errors: dict[str, str] = {}
    new_values: dict[int, Decimal | None] = {}
    new_comments: dict[int, str] = {}
    for source, is_value in ((values, True), (comments or {}, False)):
        for key, raw in source.items():
            try:
                c = leaves.get(int(key))
            except (TypeError, ValueError):
                c = None
            if c is None:
                errors[str(key)] = "不是本评分表的末级指标，不能评分"
                continue
            if not is_value:
                new_comments[c.pk] = str(raw or "").strip()[:500]
                continue
            try:
                value = _parse(raw)
            except ValueError:
                errors[str(c.pk)] = f"“{c.name}”的分值应为数字"
                continue
            message = _check_value(c, value) if value is not None else None
            if message:
                errors[str(c.pk)] = message
                continue
            new_values[c.pk] = None if value is None else value.quantize(TWO_PLACES)
    if errors:
        raise ValidationError(errors)

    existing = {s.criterion_id: s for s in Score.objects.filter(scorer=scorer, subject=subject)}
    changes: dict[str, list[Any]] = {}
    saved: list[Score] = []
    for cid in sorted(set(new_values) | set(new_comments)):
        c, old = leaves[cid], existing.get(cid)
        comment = new_comments.get(cid)
        if cid in new_values and new_values[cid] is None:  # cleared
            if old is not None:
                changes[c.code] = [str(old.value), None]
                old.delete()
            continue
        value = new_values.get(cid, old.value if old is not None else None)
        if value is None:  # a comment on a criterion not scored yet: nothing to attach it to
            continue
        if old is None:
            saved.append(
                Score.objects.create(
                    round=rnd,
                    scorer=scorer,
                    subject=subject,
                    criterion=c,
                    value=value,
                    comment=comment or "",
                    created_by=actor,
                    updated_by=actor,
                )
            )
            changes[c.code] = [None, str(value)]
            continue
        updates: dict[str, Any] = {}
        if old.value != value:
            changes[c.code] = [str(old.value), str(value)]
            updates["value"] = value
        if comment is not None and comment != old.comment:
            changes[f"{c.code}（评语）"] = [old.comment, comment]
            updates["comment"] = comment
        if updates:
            Score.objects.filter(pk=old.pk).update(**updates, updated_by=actor, version=F("version") + 1)
            old.refresh_from_db()
        saved.append(old)
    if changes:
        audit.record(
            AuditEntry.Action.UPDATE if existing else AuditEntry.Action.CREATE,
            actor=actor,
            obj=subject,
            changes=changes,
            message=f"评分：{rnd.title}（{scorer}）",
        )
    return saved


def open_round(
    *,
    actor: Any,
    sheet: ScoreSheet,
    title: str,
    purpose: str,
    org: Any,
    subjects: Iterable[Any],
    label: Callable[[Any], str],
    scorers: Iterable[Any],
    role: str,
    conflict_rule: str = "none",
    description: str = "",
    message: str = "",
) -> ScoringRound:
    """A module's round: the sheet applied to `subjects` (records of any model, labelled) by
    `scorers`. Part of the module's service that opened it, which checked the actor's right to
    (the selection's change, the evaluation's add …): the round is saved without a permission of
    its own, audited with `message`."""
    rnd = services.save_object(
        ScoringRound(
            sheet=sheet, title=title, purpose=purpose, org=org, conflict_rule=conflict_rule, description=description
        ),
        actor=actor,
        action="add",
        check_perm=False,
        message=message,
    )
    add_scorers(rnd, scorers, actor=actor, role=role)
    add_subjects(rnd, subjects, actor=actor, label=label)
    return rnd


def add_subjects(
    rnd: ScoringRound, records: Iterable[Any], *, actor: Any, label: Callable[[Any], str]
) -> list[RoundSubject]:
    """Make records of any module subjects of a round (their type and id, a label, their org), in
    order, skipping those already in it. Part of the service that opens or feeds the round (which
    checked the actor's right to do so): the subjects are the round's own rows."""
    records = list(records)
    if not records:
        return []
    object_type = records[0]._meta.label_lower
    present = set(RoundSubject.objects.filter(round=rnd, object_type=object_type).values_list("object_id", flat=True))
    start = RoundSubject.objects.filter(round=rnd).count()
    new = [
        RoundSubject(
            round=rnd,
            object_type=object_type,
            object_id=str(r.pk),
            label=label(r)[:200],
            org=getattr(r, "org", None),
            sort=start + i,
            created_by=actor,
        )
        for i, r in enumerate(r for r in records if str(r.pk) not in present)
    ]
    return RoundSubject.objects.bulk_create(new)


def add_scorers(rnd: ScoringRound, users: Iterable[Any], *, actor: Any, role: str) -> list[RoundScorer]:
    """The users who score the round (专家、裁判、评审组 …), each once."""
    present = set(RoundScorer.objects.filter(round=rnd).values_list("user_id", flat=True))
    new = [RoundScorer(round=rnd, user=u, role=role, created_by=actor) for u in users if u.pk not in present]
    return RoundScorer.objects.bulk_create(new)


def close_round(*, round: ScoringRound, actor: Any, comment: str = "") -> ScoringRound:
    """签字确认: lock every score of the round (kit.workflow transition "close", audited)."""
    return workflow.transition(round, "close", actor=actor, comment=comment)  # type: ignore[no-any-return]


def reopen_round(*, round: ScoringRound, actor: Any, reason: str) -> ScoringRound:
    """重新开启 a closed round so scores can be corrected; the reason is required and audited."""
    return workflow.transition(round, "reopen", actor=actor, comment=reason)  # type: ignore[no-any-return]


# --- selectors ------------------------------------------------------------------------------------
def can_organise(rnd: ScoringRound, user: Any) -> bool:
    """The organiser: may change the round (permission + data scope)."""
    return ScoringRound.objects.visible_to(user, "change").filter(pk=rnd.pk).exists()


def takes_part(purpose: str | None = None) -> Callable[[Any], bool]:
    """For the menu: does the user score in, or may he see, rounds of `purpose` (any when None)?
    One query per request: the purposes he scores in are kept on the user object."""

    def check(user: Any) -> bool:
        if user.has_perm(perm_name(ScoringRound, "view")):
            return True
        purposes = getattr(user, "_scoring_purposes", None)
        if purposes is None:
            purposes = set(RoundScorer.objects.filter(user=user).values_list("round__purpose", flat=True).distinct())
            user._scoring_purposes = purposes
        return bool(purposes) if purpose is None else purpose in purposes

    return check


def has_round_access(rnd: ScoringRound, user: Any) -> bool:
    """View permission on the round within the data scope, or being one of its scorers."""
    if ScoringRound.objects.visible_to(user, "view").filter(pk=rnd.pk).exists():
        return True
    return scorer_of(rnd, user) is not None


def scores_visible_to(rnd: ScoringRound, user: Any) -> QuerySet[Score]:
    """Before the round is closed: the user's own scores only (organisers included — they get
    `completion()` instead). After: every score of the round for users with access to it."""
    base = Score.objects.filter(round=rnd).select_related("criterion", "subject", "scorer__user")
    if user is None or not getattr(user, "is_authenticated", False):
        return base.none()
    if rnd.status == ScoringRound.Status.CLOSED and has_round_access(rnd, user):
        return base
    return base.filter(scorer__user=user)


@dataclass
class Completion:
    scorer: RoundScorer
    done: int  # subjects with every 计分项 leaf entered
    total: int  # subjects the scorer may score (conflicts excluded)

    @property
    def percent(self) -> int:
        return int(self.done * 100 / self.total) if self.total else 100


def completion(rnd: ScoringRound) -> list[Completion]:
    """Per scorer: how many subjects he has fully scored, of those he may score."""
    required = {c.pk for c in leaf_criteria(rnd.sheet) if c.kind == Criterion.Kind.SCORE}
    subjects = list(RoundSubject.objects.filter(round=rnd).select_related("org"))
    scorers = list(RoundScorer.objects.filter(round=rnd).select_related("user", "user__org"))
    entered: dict[tuple[int, int], set[int]] = defaultdict(set)
    for scorer_id, subject_id, criterion_id in Score.objects.filter(round=rnd).values_list(
        "scorer_id", "subject_id", "criterion_id"
    ):
        entered[(scorer_id, subject_id)].add(criterion_id)
    out = []
    for s in scorers:
        allowed = [subj for subj in subjects if conflict_of(rnd, s.user, subj) is None]
        done = sum(1 for subj in allowed if required <= entered.get((s.pk, subj.pk), set()))
        out.append(Completion(s, done, len(allowed)))
    return out


@dataclass
class ScorerTotal:
    scorer: RoundScorer
    total: Decimal | None  # None: the scorer has not completed this subject (or may not score it)
    complete: bool


@dataclass
class ResultRow:
    subject: RoundSubject
    totals: list[ScorerTotal]
    final: Decimal | None
    vetoed: bool
    veto_items: list[str]
    tie_values: list[Decimal | None]
    counted: int  # scorers whose totals were aggregated
    rank: int | None = None


def results(rnd: ScoringRound) -> list[ResultRow]:
    """The ranking of a round (no permission check — see `kit.scoring.views` for who sees it).

    Per scorer per subject T = max(0, Σ score value × weight − Σ deductions), 2 places half up;
    only complete sheets count. final = the sheet's rule over the counted scorers' T (weighted
    mean by scorer weight / mean / mean without one highest and one lowest when ≥ 3 / trimmed mean
    dropping ⌊n × trim_ratio⌋ at each end), 2 places half up. Vetoed subjects: final 0, ranked after
    all others. Order: final desc, then each tie-break code's aggregated subtotal desc; equal keys
    share a rank (1, 2, 2, 4); subjects without a complete sheet get no rank and come last."""
    sheet = ScoreSheet.objects.get(pk=rnd.sheet_id)  # fresh: the tie-break may just have changed
    nodes = criteria_tree(sheet)
    leaves = [n.criterion for n in nodes if n.is_leaf]
    required = {c.pk for c in leaves if c.kind == Criterion.Kind.SCORE}
    veto_ids = {c.pk: c for c in leaves if c.kind == Criterion.Kind.VETO}
    tie_leaves = [_subtree_leaves(nodes, code) for code in (sheet.tie_break or [])]

    subjects = list(RoundSubject.objects.filter(round=rnd).select_related("org").order_by("sort", "id"))
    scorers = list(RoundScorer.objects.filter(round=rnd).select_related("user").order_by("sort", "id"))
    values: dict[tuple[int, int], dict[int, Decimal]] = defaultdict(dict)
    for scorer_id, subject_id, criterion_id, value in Score.objects.filter(round=rnd).values_list(
        "scorer_id", "subject_id", "criterion_id", "value"
    ):
        values[(scorer_id, subject_id)][criterion_id] = value

    rows: list[ResultRow] = []
    for subj in subjects:
        totals: list[ScorerTotal] = []
        counted: list[tuple[RoundScorer, dict[int, Decimal]]] = []
        veto_items: list[str] = []
        for s in scorers:
            mine = values.get((s.pk, subj.pk), {})
            for cid, c in veto_ids.items():
                if mine.get(cid) == 1 and c.name not in veto_items:
                    veto_items.append(c.name)
            complete = bool(required) and required <= set(mine)
            totals.append(ScorerTotal(s, scorer_total(leaves, mine) if complete else None, complete))
            if complete:
                counted.append((s, mine))
        final = aggregate(
            [(scorer_total(leaves, mine), s.weight) for s, mine in counted], sheet.aggregation, sheet.trim_ratio
        )
        tie_values = [
            aggregate([(_subtotal(tl, mine), s.weight) for s, mine in counted], sheet.aggregation, sheet.trim_ratio)
            for tl in tie_leaves
        ]
        vetoed = bool(veto_items)
        if vetoed:
            final = Decimal("0.00")
        rows.append(ResultRow(subj, totals, final, vetoed, veto_items, tie_values, len(counted)))

    lowest = Decimal("-Infinity")

    def key(row: ResultRow) -> tuple[Decimal, ...]:
        return (
            row.final if row.final is not None else lowest,
            *(v if v is not None else lowest for v in row.tie_values),
        )

    by_label = sorted(
        (r for r in rows if not r.vetoed and r.final is not None), key=lambda r: (r.subject.label, r.subject.pk)
    )
    ranked = [row for _rank, row in rank_with_ties(by_label, key, assign=lambda row, rank: setattr(row, "rank", rank))]
    vetoed_rows = sorted((r for r in rows if r.vetoed), key=lambda r: (r.subject.label, r.subject.pk))
    for row in vetoed_rows:
        row.rank = len(ranked) + 1
    unscored = [r for r in rows if not r.vetoed and r.final is None]
    return ranked + vetoed_rows + unscored
