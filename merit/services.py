"""Writes of the merit module: competition events scored by judges (a kit scoring round each),
registrations, awards from the signed-off ranking, studio levels."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from core.models import DictItem, DictType, PersonHonour
from kit import audit, scoring, services
from kit.models import AuditEntry, Criterion, RoundScorer, RoundSubject, ScoreSheet, ScoringRound
from merit.models import Award, Event, Registration, Studio, StudioLevel

PURPOSE = "competition"


@transaction.atomic
def event_setup(*, actor: Any, event: Event, judges: list[Any]) -> ScoringRound:
    """Give an event its scoring: a sheet with 理论 and 实操 (0–100, weighted by the event's rule),
    the aggregation the rules say (mean, or mean without the highest and lowest), and the judges.
    A judge may not score a contestant of his own union org (conflict rule own_org: district judges
    do score enterprises below the district, never their own enterprise)."""
    if event.scoring_round_id:
        raise ValidationError("该项目已设置评分")
    if not judges:
        raise ValidationError("请指定至少一名裁判")
    sheet = ScoreSheet.objects.create(
        name=f"{event}评分表",
        aggregation="drop_high_low" if event.drop_high_low else "mean",
        tie_break=["practical", "theory"],
        tie_break_note="总成绩相同时，实操成绩高者在前；仍相同则比较理论成绩，再相同则名次并列",
        created_by=actor,
    )
    Criterion.objects.create(
        sheet=sheet,
        code="theory",
        name="理论",
        kind="score",
        min_score=0,
        max_score=100,
        weight=event.theory_weight,
        sort=1,
    )
    Criterion.objects.create(
        sheet=sheet,
        code="practical",
        name="实操",
        kind="score",
        min_score=0,
        max_score=100,
        weight=event.practical_weight,
        sort=2,
    )
    round_ = services.save_object(
        ScoringRound(
            sheet=sheet, title=f"{event}", purpose=PURPOSE, org=event.competition.org, conflict_rule="own_org"
        ),
        actor=actor,
        action="add",
    )
    RoundScorer.objects.bulk_create([RoundScorer(round=round_, user=j, role="裁判", created_by=actor) for j in judges])
    for reg in event.registrations.filter(qualified=True).select_related("person"):
        _subject(round_, reg)
    Event.objects.filter(pk=event.pk).update(scoring_round=round_)
    event.scoring_round = round_
    audit.record(AuditEntry.Action.UPDATE, actor=actor, obj=event, message=f"设置评分：{len(judges)} 名裁判")
    return round_


def _subject(round_: ScoringRound, reg: Registration) -> RoundSubject:
    return RoundSubject.objects.get_or_create(
        round=round_,
        object_type=Registration._meta.label_lower,
        object_id=str(reg.pk),
        defaults={"label": f"{reg.person.name}（{reg.enterprise or reg.org}）", "org": reg.org},
    )[0]


def register(*, actor: Any, event: Event, person: Any) -> Registration:
    """报名 (also in bulk by an enterprise union: call once per worker). Once per event."""
    if event.competition.status not in ("planned", "registration"):
        raise ValidationError("报名已截止")
    reg = services.save_object(Registration(event=event, person=person), actor=actor, action="add")
    if event.scoring_round_id:
        _subject(event.scoring_round, reg)  # type: ignore[arg-type]
    return reg


PRIZES = [("first", 1), ("second", 2), ("third", 3)]  # prize, how many places (ties share a prize)


@transaction.atomic
def award(*, actor: Any, event: Event, places: dict[str, int] | None = None, granted_on: date) -> list[Award]:
    """Awards from the signed-off ranking: by default 1 first, 2 second and 3 third prizes, by
    rank — contestants tied at a rank share the prize of that rank. Each award is also recorded in
    the worker's honours (竞赛获奖), which later feed 劳模 nominations."""
    round_ = ScoringRound.objects.filter(pk=event.scoring_round_id).first()  # fresh: it may just have closed
    if round_ is None or round_.status != "closed":
        raise ValidationError("成绩签字确认后才能评定奖项")
    if event.awards.exists():
        raise ValidationError("该项目已评定奖项")
    places = places or {"first": 1, "second": 2, "third": 3}
    bands: list[tuple[str, int]] = []
    start = 1
    for band_prize, n in [(p, places.get(p, 0)) for p, _ in PRIZES]:
        if n:
            bands.append((band_prize, start + n - 1))
            start += n
    kind = _honour_kind()
    made = []
    for row in scoring.results(round_):
        if row.rank is None or row.vetoed:
            continue
        prize = next((p for p, last in bands if row.rank <= last), None)
        if prize is None:
            continue
        reg = Registration.objects.select_related("person").get(pk=int(row.subject.object_id))
        made.append(
            Award.objects.create(
                event=event,
                registration=reg,
                rank=row.rank,
                final_score=row.final or Decimal(0),
                prize=prize,
                granted_on=granted_on,
                created_by=actor,
            )
        )
        level = {"district": "district", "industry": "industry", "enterprise": "enterprise"}[event.competition.tier]
        PersonHonour.objects.get_or_create(
            person=reg.person,
            kind=kind,
            level=level,
            year=granted_on.year,
            defaults={"issuer": event.competition.organisers, "remark": f"{event} {dict(Award.Prize.choices)[prize]}"},
        )
    audit.record(AuditEntry.Action.UPDATE, actor=actor, obj=event, message=f"评定奖项 {len(made)} 人")
    return made


def _honour_kind() -> DictItem:
    dtype, _ = DictType.objects.get_or_create(code="honour", defaults={"name": "荣誉类别", "is_system": True})
    return DictItem.objects.get_or_create(
        dict_type=dtype, value="competition_award", defaults={"label": "竞赛获奖", "sort": 9}
    )[0]


@transaction.atomic
def studio_recognise(*, actor: Any, studio: Studio, level: str, since: date, document: str = "") -> StudioLevel:
    """命名 or 晋级: a new level from a date; the studio's current level follows its latest one."""
    last = studio.levels.order_by("-since", "-id").first()
    if last is not None and since < last.since:
        raise ValidationError({"since": f"命名日期不能早于上一次命名（{last.since:%Y年%m月%d日}）"})
    change = services.save_object(
        StudioLevel(studio=studio, level=level, since=since, document=document), actor=actor, action="add"
    )
    Studio.all_objects.filter(pk=studio.pk).update(level=level)
    return change
