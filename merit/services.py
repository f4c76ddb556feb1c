"""Writes of the merit module: competition events scored by judges (a kit scoring round each),
registrations, awards from the signed-off ranking (recorded in the workers' honours), studio
levels. Every function is a service (`kit.services.service`): permission and the scope of that
permission first, in the same transaction as the writes and their audit entries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from core.models import DictItem, DictType, Person
from core.services import honour_add
from kit import scoring, services, signups
from kit.dates import check_not_future
from kit.models import Criterion, ScoreSheet, ScoringRound
from kit.services import service
from merit.models import Award, Event, Registration, Studio, StudioLevel

PURPOSE = "competition"
TIER_TO_HONOUR_LEVEL = {"district": "district", "industry": "industry", "enterprise": "enterprise"}


@service(Event, "change", scope=("event",))
def event_setup(*, actor: Any, event: Event, judges: list[Any]) -> ScoringRound:
    """Give an event its scoring: a sheet with 理论 and 实操 (0–100, weighted by the event's rule),
    the aggregation the rules say (mean, or mean without the highest and lowest), and the judges.
    A judge may not score a contestant of his own union org (conflict rule own_org: district judges
    do score enterprises below the district, never their own enterprise)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.scoring_round_id:
        raise ValidationError("该项目已设置评分")
    if not judges:
        raise ValidationError("请指定至少一名裁判")
    sheet = services.save_object(
        ScoreSheet(
            name=f"{event}评分表",
            aggregation="drop_high_low" if event.drop_high_low else "mean",
            tie_break=["practical", "theory"],
            tie_break_note="总成绩相同时，实操成绩高者在前；仍相同则比较理论成绩，再相同则名次并列",
        ),
        actor=actor,
        action="add",
        check_perm=False,  # the sheet is part of the event's setup, allowed by change_event
    )
    for sort, (code, name, weight) in enumerate(
        [("theory", "理论", event.theory_weight), ("practical", "实操", event.practical_weight)], start=1
    ):
        services.save_object(
            Criterion(
                sheet=sheet, code=code, name=name, kind="score", min_score=0, max_score=100, weight=weight, sort=sort
            ),
            actor=actor,
            action="add",
            check_perm=False,
        )
    round_ = scoring.open_round(
        actor=actor,
        sheet=sheet,
        title=f"{event}",
        purpose=PURPOSE,
        org=event.competition.org,
        subjects=event.registrations.filter(qualified=True).select_related("person", "enterprise", "org"),
        label=_label,
        scorers=judges,
        role="裁判",
        conflict_rule="own_org",
    )
    before = services.snapshot(event)
    event.scoring_round = round_
    services.save_object(event, actor=actor, action="change", before=before, message=f"设置评分：{len(judges)} 名裁判")
    return round_


def _label(reg: Registration) -> str:
    return f"{reg.person.name}（{reg.enterprise or reg.org}）"


@service(Registration, "add", scope=("person",))
def register(*, actor: Any, event: Event, person: Person, qualified: bool = True, remark: str = "") -> Registration:
    """报名 (also in bulk by an enterprise union: call once per worker): a worker the actor may
    register, into an event he may see, while the competition takes registrations. Once per event."""
    if not Event.objects.visible_to(actor, "view").filter(pk=event.pk).exists() and not signups.open_to(event, person):
        raise services.OutOfScope("找不到该竞赛项目，或它不对该职工开放报名")
    if event.competition.status not in ("planned", "registration"):
        raise ValidationError("报名已截止")
    reg = services.save_object(
        Registration(event=event, person=person, qualified=qualified, remark=remark), actor=actor, action="add"
    )
    if event.scoring_round_id and reg.qualified:
        scoring.add_subjects(event.scoring_round, [reg], actor=actor, label=_label)  # type: ignore[arg-type]
    return reg


def prize_bands(places: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """(prize, last rank) from how many places each prize has, best prize first."""
    bands: list[tuple[str, int]] = []
    start = 1
    for prize, n in places:
        if n:
            bands.append((prize, start + n - 1))
            start += n
    return bands


@service(Event, "change", scope=("event",))
def award(*, actor: Any, event: Event, granted_on: date) -> list[Award]:
    """Awards from the signed-off ranking by the event's quotas (`Event.prize_places`: counts, or
    percentages of the contestants with a valid score, 四舍五入), by rank — contestants tied at a
    rank share the prize of that rank (so a tie may add a winner). The quotas must leave someone
    without a prize. Each award is also recorded in the worker's honours (竞赛获奖, through
    `core.services.honour_add`), which later feed 劳模 nominations."""
    event = Event.objects.select_for_update().select_related("competition").get(pk=event.pk)
    round_ = ScoringRound.objects.filter(pk=event.scoring_round_id).first()  # fresh: it may just have closed
    if round_ is None or round_.status != "closed":
        raise ValidationError("成绩签字确认后才能评定奖项")
    if event.awards.exists():
        raise ValidationError("该项目已评定奖项")
    check_not_future(granted_on, field="granted_on", label="表彰日期")
    if granted_on < event.competition.starts_on:
        raise ValidationError({"granted_on": "表彰日期不能早于比赛开始日期"})
    results = [r for r in scoring.results(round_) if r.rank is not None and not r.vetoed]
    if not results:
        raise ValidationError("没有有效成绩，不能评定奖项")
    places = event.prize_places(len(results))
    total = sum(n for _, n in places)
    if total == 0:
        raise ValidationError(f"按现在的设奖（{event.prize_rule()}），{len(results)} 名选手中没有人获奖，请调整设奖")
    if total >= len(results):
        raise ValidationError(
            f"获奖名额共 {total} 名，不少于有效成绩的选手（{len(results)} 名）：请按比例设奖或减少名额"
        )
    bands = prize_bands(places)
    regs = Registration.objects.select_related("person").in_bulk([int(r.subject.object_id) for r in results])
    kind = _honour_kind(actor)
    level = TIER_TO_HONOUR_LEVEL[event.competition.tier]
    made = []
    for row in results:
        prize = next((p for p, last in bands if row.rank <= last), None)  # type: ignore[operator]
        if prize is None:
            continue
        reg = regs[int(row.subject.object_id)]
        made.append(
            services.save_object(
                Award(
                    event=event,
                    registration=reg,
                    rank=row.rank or 0,
                    final_score=row.final or Decimal(0),
                    prize=prize,
                    granted_on=granted_on,
                ),
                actor=actor,
                action="add",
                check_perm=False,  # awarding is the event's change permission, checked at the gate
            )
        )
        honour_add(
            actor=actor,
            person=reg.person,
            kind=kind,
            level=level,
            year=granted_on.year,
            issuer=event.competition.organisers,
            remark=f"{event} {dict(Award.Prize.choices)[prize]}",
        )
    before = services.snapshot(event)
    event.awarded_on = granted_on
    services.save_object(
        event, actor=actor, action="change", before=before, message=f"评定奖项 {len(made)} 人（{event.prize_rule()}）"
    )
    return made


def _honour_kind(actor: Any) -> DictItem:
    """The dictionary item 竞赛获奖 of the honour kinds (a system item, created on first use)."""
    dtype = DictType.objects.filter(code="honour").first()
    if dtype is None:
        dtype = services.save_object(
            DictType(code="honour", name="荣誉类别", is_system=True), actor=actor, action="add", check_perm=False
        )
    item = DictItem.objects.filter(dict_type=dtype, value="competition_award").first()
    if item is None:
        item = services.save_object(
            DictItem(dict_type=dtype, value="competition_award", label="竞赛获奖", sort=9),
            actor=actor,
            action="add",
            check_perm=False,
        )
    return item


@service(StudioLevel, "add", scope=("studio",))
def studio_recognise(*, actor: Any, studio: Studio, level: str, since: date, document: str = "") -> StudioLevel:
    """命名 or 晋级: a new level from a date; the studio's current level follows its latest one."""
    studio = Studio.all_objects.select_for_update().get(pk=studio.pk)
    last = studio.levels.order_by("-since", "-id").first()
    if last is not None and since < last.since:
        raise ValidationError({"since": f"命名日期不能早于上一次命名（{last.since:%Y年%m月%d日}）"})
    change = services.save_object(
        StudioLevel(studio=studio, level=level, since=since, document=document), actor=actor, action="add"
    )
    latest = studio.levels.order_by("-since", "-id").first()
    if latest is not None and studio.level != latest.level:
        before = services.snapshot(studio)
        studio.level = latest.level
        services.save_object(
            studio, actor=actor, action="change", before=before, message="级别随命名更新", check_perm=False
        )
    return change
