"""A district competition from registration to honours; studios counted by level on a date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import Org, PersonHonour, User
from core.tests import factories as f
from kit import scoring
from kit.models import AuditEntry
from kit.periods import Period
from merit import selectors, services
from merit.models import Competition, Event, Registration, Studio, StudioLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="M0"))
    units = [
        Org.objects.add_child(root, instance=Org(name=f"企业{i}工会", kind="enterprise", code=f"M{i}"))
        for i in range(1, 5)
    ]
    enterprises = [f.enterprise(u, i) for i, u in enumerate(units)]
    people = [f.person(units[i % 4], i, employer=enterprises[i % 4]) for i in range(20)]
    admin = User.objects.create_superuser(username="organiser", password="Test@12345", org=root)
    judges = [User.objects.create_user(username=f"j{i}", password="Test@12345", org=root) for i in range(3)]
    comp = Competition.objects.create(
        name="区职工技能竞赛",
        tier="district",
        organisers="区总工会",
        starts_on=date(2023, 3, 1),
        ends_on=date(2023, 3, 2),
        org=root,
        status="registration",
    )
    return {
        "root": root,
        "units": units,
        "enterprises": enterprises,
        "people": people,
        "admin": admin,
        "judges": judges,
        "comp": comp,
    }


def scores_for(round_, judge, subject, theory, practical):
    leaves = {c.code: c.pk for c in round_.sheet.criteria.all()}
    scoring.enter_scores(
        round=round_, actor=judge, subject=subject, values={leaves["theory"]: theory, leaves["practical"]: practical}
    )


def test_a_district_competition_with_two_events_three_judges_twenty_contestants_and_a_tie(district):
    d = district
    welding = Event.objects.create(
        competition=d["comp"], name="焊工", theory_weight=Decimal("0.3"), practical_weight=Decimal("0.7")
    )
    lathe = Event.objects.create(
        competition=d["comp"],
        name="车工",
        theory_weight=Decimal("0.4"),
        practical_weight=Decimal("0.6"),
        drop_high_low=True,
    )
    for i, person in enumerate(d["people"]):
        services.register(actor=d["admin"], event=welding if i < 10 else lathe, person=person)
    with pytest.raises(ValidationError, match="已报名"):
        services.register(actor=d["admin"], event=welding, person=d["people"][0])
    rounds = {e.pk: services.event_setup(actor=d["admin"], event=e, judges=d["judges"]) for e in (welding, lathe)}

    # welding: contestant k gets theory 60+3k, practical 50+4k from every judge; #3 and #4 are made equal
    r = rounds[welding.pk]
    subjects = list(r.subjects.order_by("id"))
    for k, subject in enumerate(subjects):
        theory, practical = (70, 70) if k in (3, 4) else (60 + 3 * k, 50 + 4 * k)
        for judge in d["judges"]:
            scores_for(r, judge, subject, theory, practical)
    # lathe: three judges disagree; the highest and the lowest are dropped
    r2 = rounds[lathe.pk]
    for k, subject in enumerate(r2.subjects.order_by("id")):
        for judge, bump in zip(d["judges"], (0, 10, -10), strict=True):
            scores_for(r2, judge, subject, 70 + k + bump, 70 + k + bump)

    with pytest.raises(ValidationError):  # awards only after sign-off
        services.award(actor=d["admin"], event=welding, granted_on=date(2023, 3, 9))
    for rr in rounds.values():
        scoring.close_round(round=rr, actor=d["admin"])

    rows = scoring.results(rounds[welding.pk])
    finals = {row.subject.label.split("（")[0]: (row.final, row.rank) for row in rows}
    # 0.3×(60+3k) + 0.7×(50+4k) = 53 + 3.7k; k=9 → 86.30 first
    top = rows[0]
    assert top.final == Decimal("86.30") and top.rank == 1
    tied = [row for row in rows if row.final == Decimal("70.00")]
    assert len(tied) == 2 and tied[0].rank == tied[1].rank  # a tie shares its rank
    ranks = [row.rank for row in rows]
    assert ranks == sorted(ranks) and len(finals) == 10
    lathe_rows = scoring.results(rounds[lathe.pk])
    assert lathe_rows[0].final == Decimal("79.00")  # 70+9, the judges' ±10 dropped

    awards = services.award(actor=d["admin"], event=welding, granted_on=date(2023, 3, 9))
    prizes = [(a.rank, a.prize) for a in awards]
    # 86.30, 82.60, 78.90, 75.20, 71.50, then the tie 70.00 / 70.00 at rank 6: the tie shares the third prize
    assert prizes == [
        (1, "first"),
        (2, "second"),
        (3, "second"),
        (4, "third"),
        (5, "third"),
        (6, "third"),
        (6, "third"),
    ]
    winner = awards[0].registration.person
    assert PersonHonour.objects.filter(person=winner, kind__value="competition_award", year=2023).exists()
    Competition.objects.filter(pk=d["comp"].pk).update(status="contest")
    services.award(actor=d["admin"], event=lathe, granted_on=date(2023, 3, 9))
    from kit.workflow import transition

    transition(Competition.objects.get(pk=d["comp"].pk), "award", actor=d["admin"])
    assert Competition.objects.get(pk=d["comp"].pk).status == "awarded"


def test_a_judge_cannot_score_out_of_range_unassigned_or_after_sign_off(district):
    d = district
    event = Event.objects.create(competition=d["comp"], name="电工")
    services.register(actor=d["admin"], event=event, person=d["people"][0])
    r = services.event_setup(actor=d["admin"], event=event, judges=d["judges"][:2])
    subject = r.subjects.get()
    with pytest.raises(ValidationError):
        scores_for(r, d["judges"][0], subject, 101, 50)
    outsider = d["judges"][2]
    with pytest.raises(PermissionDenied):
        scores_for(r, outsider, subject, 80, 80)
    scores_for(r, d["judges"][0], subject, 80, 80)
    scores_for(r, d["judges"][1], subject, 90, 90)
    scoring.close_round(round=r, actor=d["admin"])
    with pytest.raises(ValidationError, match="已锁定"):
        scores_for(r, d["judges"][0], subject, 95, 95)
    scoring.reopen_round(round=r, actor=d["admin"], reason="裁判1录入有误")
    scores_for(r, d["judges"][0], subject, 95, 95)
    assert AuditEntry.objects.filter(action="transition", message__contains="裁判1录入有误").exists()


def test_a_judge_from_the_contestants_own_union_is_refused(district):
    d = district
    event = Event.objects.create(competition=d["comp"], name="钳工")
    services.register(actor=d["admin"], event=event, person=d["people"][1])
    insider = User.objects.create_user(username="insider", password="Test@12345", org=d["people"][1].org)
    r = services.event_setup(actor=d["admin"], event=event, judges=[insider])
    with pytest.raises(ValidationError, match="本单位"):
        scores_for(r, insider, r.subjects.get(), 80, 80)


def test_weights_must_add_up_and_registration_closes(district):
    d = district
    with pytest.raises(ValidationError, match="之和应为 1"):
        Event(
            competition=d["comp"], name="x", theory_weight=Decimal("0.5"), practical_weight=Decimal("0.6")
        ).full_clean()
    event = Event.objects.create(competition=d["comp"], name="电焊")
    Competition.objects.filter(pk=d["comp"].pk).update(status="contest")
    event.refresh_from_db()
    with pytest.raises(ValidationError, match="报名已截止"):
        services.register(actor=d["admin"], event=event, person=d["people"][2])
    assert not Registration.objects.filter(event=event).exists()


def test_studios_are_counted_by_the_level_they_held_on_the_day(district):
    d = district
    host = d["enterprises"][0]
    leader = d["people"][0]
    studio = Studio.objects.create(
        name="张三工作室",
        kind="model_worker",
        level="enterprise",
        host=host,
        leader=leader,
        founded_on=date(2019, 1, 1),
        org=host.org,
    )
    services.studio_recognise(actor=d["admin"], studio=studio, level="enterprise", since=date(2019, 1, 1))
    services.studio_recognise(actor=d["admin"], studio=studio, level="city", since=date(2021, 6, 1))
    closed = Studio.objects.create(
        name="已撤销工作室",
        kind="worker",
        level="district",
        host=host,
        leader=leader,
        founded_on=date(2018, 1, 1),
        closed_on=date(2020, 12, 31),
        org=host.org,
    )
    StudioLevel.objects.create(studio=closed, level="district", since=date(2018, 1, 1))
    on = lambda y, m, dd: selectors.studios_by_level(period=Period.to_date(date(y, m, dd)))  # noqa: E731
    assert on(2020, 6, 1)["企业级"] == 1 and on(2020, 6, 1)["区级"] == 1
    assert on(2021, 12, 31)["市级"] == 1 and on(2021, 12, 31)["企业级"] == 0 and on(2021, 12, 31)["区级"] == 0
    assert Studio.objects.get(pk=studio.pk).level == "city"
    with pytest.raises(ValidationError):
        services.studio_recognise(actor=d["admin"], studio=studio, level="province", since=date(2020, 1, 1))


def test_a_studio_leader_from_another_enterprise_needs_a_reason(district):
    d = district
    other = d["people"][1]  # works for enterprise 1, not 0
    studio = Studio(
        name="外聘工作室",
        kind="worker",
        level="enterprise",
        host=d["enterprises"][0],
        leader=other,
        founded_on=date(2022, 1, 1),
        org=d["units"][0],
    )
    with pytest.raises(ValidationError, match="请说明原因"):
        studio.full_clean()
    studio.leader_reason = "外聘市劳模领衔"
    studio.full_clean()


def test_the_demo_reproduces_the_bulletins_merit_figures(demo_district):
    p = Period.to_date(date(2023, 4, 6))
    assert selectors.studio_count(period=p) == 106  # 全区共创建各级创新工作室 106 家
    assert selectors.work_group_count(period=p) == 5  # 成立 5 个劳模创新工作组
    assert selectors.households_helped(period=p, area="山西壶关") == 48  # 帮助山西壶关 48 户困难家庭
    from merit.models import GroupProject

    grape = GroupProject.objects.get(name="一棵葡萄·一个梦想")
    assert grape.income_increase >= 9000 and "一等奖" in grape.honours
    tiers = selectors.competitions_by_tier(period=Period.year(2022))
    assert tiers["行业"] == 3
    assert len(selectors.participation(period=Period.year(2022))) == 3
