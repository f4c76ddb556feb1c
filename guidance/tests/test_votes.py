"""Top-ten voting: one vote per person per course per day, also under concurrency; the ranking."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from core.models import Org, User
from guidance import selectors, services
from guidance.models import MicroCourse, Nomination, TopTenSelection, Vote

SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def contest(db):
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="V0"))
    now = datetime.now(SH)
    selection = TopTenSelection.objects.create(
        year=2030,
        title="十佳微党课",
        org=root,
        winners=2,
        vote_opens=now - timedelta(days=3),
        vote_closes=now + timedelta(days=3),
    )
    noms = [
        Nomination.objects.create(
            selection=selection,
            course=MicroCourse.objects.create(title=f"课程{i}", author="某", published_on=date(2022, 1, 1), org=root),
        )
        for i in range(4)
    ]
    return {"root": root, "selection": selection, "noms": noms, "now": now}


def worker(n: int, org: Org) -> User:
    """A worker holding the right to vote (guidance.add_vote, as the demo's 职工 role does)."""
    from django.contrib.auth.models import Permission

    from core.models import Role

    role, created = Role.objects.get_or_create(code="voter", defaults={"name": "投票人", "data_scope": "self"})
    if created:
        role.permissions.set(Permission.objects.filter(content_type__app_label="guidance", codename="add_vote"))
    user = User.objects.create_user(username=f"w{n}", password="Test@12345", org=org)
    user.roles.add(role)
    return user


def test_a_second_vote_the_same_day_is_refused_and_the_count_is_unchanged(contest):
    voter = worker(1, contest["root"])
    services.vote(actor=voter, nomination=contest["noms"][0])
    with pytest.raises(ValidationError, match="每人每天每门课程限投一票"):
        services.vote(actor=voter, nomination=contest["noms"][0])
    assert Vote.objects.count() == 1
    services.vote(actor=voter, nomination=contest["noms"][1])  # another course: fine
    services.vote(actor=voter, nomination=contest["noms"][0], now=contest["now"] + timedelta(days=1))  # next day
    assert Vote.objects.count() == 3


def test_a_vote_outside_the_window_is_refused(contest):
    voter = worker(2, contest["root"])
    selection = contest["selection"]
    with pytest.raises(ValidationError, match="投票已截止"):
        services.vote(actor=voter, nomination=contest["noms"][0], now=selection.vote_closes + timedelta(seconds=1))
    with pytest.raises(ValidationError, match="投票尚未开始"):
        services.vote(actor=voter, nomination=contest["noms"][0], now=selection.vote_opens - timedelta(seconds=1))
    assert Vote.objects.count() == 0


def test_voting_through_the_page(client, contest):
    voter = worker(3, contest["root"])
    client.force_login(voter)
    url = reverse("guidance:topten", args=[contest["selection"].pk])
    client.post(url, {"nomination": contest["noms"][2].pk})
    response = client.post(url, {"nomination": contest["noms"][2].pk}, follow=True)
    assert "限投一票" in response.text
    assert Vote.objects.filter(nomination=contest["noms"][2]).count() == 1


THREADS = 40  # like a pool of web workers: PostgreSQL allows 100 connections here


def _concurrently(n: int, fn) -> list[BaseException]:
    """Run fn(0..n-1) from THREADS threads started together, each with its own connection."""
    errors: list[BaseException] = []
    width = min(n, THREADS)
    barrier = threading.Barrier(width)

    def run(t: int) -> None:
        try:
            barrier.wait(timeout=30)
            for i in range(t, n, width):
                try:
                    fn(i)
                except ValidationError:
                    pass
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(t,)) for t in range(width)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return errors


@pytest.mark.django_db(transaction=True)
def test_200_concurrent_votes_from_different_workers_count_exactly_200(contest):
    role = worker(0, contest["root"]).roles.get()
    voters = User.objects.bulk_create([User(username=f"c{i}", org=contest["root"]) for i in range(200)])
    User.roles.through.objects.bulk_create([User.roles.through(user=v, role=role) for v in voters])
    nomination = contest["noms"][0]
    errors = _concurrently(200, lambda i: services.vote(actor=voters[i], nomination=nomination))
    assert errors == []
    assert Vote.objects.filter(nomination=nomination).count() == 200


@pytest.mark.django_db(transaction=True)
def test_concurrent_double_votes_by_one_worker_count_once(contest):
    voter = worker(4, contest["root"])
    nomination = contest["noms"][1]
    errors = _concurrently(20, lambda i: services.vote(actor=voter, nomination=nomination))
    assert errors == []
    assert Vote.objects.filter(nomination=nomination).count() == 1


def test_the_ranking_combines_votes_and_expert_scores_and_ties_share_a_rank(contest):
    a, b, c, d = contest["noms"]
    for i in range(10):
        Vote.objects.create(nomination=a, voter=worker(100 + i, contest["root"]), voted_on=date(2030, 1, 1))
    for i in range(5):
        Vote.objects.create(nomination=b, voter=worker(200 + i, contest["root"]), voted_on=date(2030, 1, 1))
        Vote.objects.create(nomination=c, voter=worker(300 + i, contest["root"]), voted_on=date(2030, 1, 1))
    experts = {a.pk: Decimal("60"), b.pk: Decimal("90"), c.pk: Decimal("90"), d.pk: Decimal("95")}
    assert not any(r["winner"] for r in selectors.ranking(contest["selection"], expert_scores=experts))
    contest["selection"].published_on = date(2030, 12, 1)  # 十佳 only once published
    rows = selectors.ranking(contest["selection"], expert_scores=experts)
    by = {r["nomination"].pk: r for r in rows}
    # a: 0.3×100 + 0.7×60 = 72.00; b, c: 0.3×50 + 0.7×90 = 78.00; d: 0.3×0 + 0.7×95 = 66.50
    assert by[a.pk]["combined"] == Decimal("72.00")
    assert by[b.pk]["combined"] == by[c.pk]["combined"] == Decimal("78.00")
    assert by[d.pk]["combined"] == Decimal("66.50")
    assert [by[x.pk]["rank"] for x in (b, c, a, d)] == [1, 1, 3, 4]
    assert by[b.pk]["winner"] and by[c.pk]["winner"] and not by[a.pk]["winner"]


def test_the_weights_must_add_up_to_one(contest):
    selection = contest["selection"]
    selection.vote_weight = Decimal("0.5")
    with pytest.raises(ValidationError, match="之和应为 1"):
        selection.full_clean()
