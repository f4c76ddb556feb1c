"""工作联评: the year-end evaluation of the project list, ranked by member unit."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from django.urls import reverse

from core.models import User
from kit.models import ScoringRound
from reform import selectors

pytestmark = pytest.mark.django_db


def test_the_demo_evaluation_ranks_every_member_unit(demo_district):
    round_ = ScoringRound.objects.get(purpose="reform_evaluation")
    assert round_.status == "closed"
    rows = selectors.evaluation_by_unit(round_)
    assert sum(r["projects"] for r in rows) == 21
    assert rows[0]["rank"] == 1
    means = [r["mean"] for r in rows]
    assert means == sorted(means, reverse=True)
    for a, b in itertools.pairwise(rows):
        assert (a["rank"] == b["rank"]) == (a["mean"] == b["mean"])
    assert all(Decimal(0) < m <= Decimal(100) for m in means)


def test_the_unit_ranking_page_shows_the_results_to_the_district(client, demo_district):
    round_ = ScoringRound.objects.get(purpose="reform_evaluation")
    client.force_login(User.objects.get(username="qzgh"))
    page = client.get(reverse("reform:evaluation_units", args=[round_.pk]))
    assert page.status_code == 200 and "区总工会" in page.text and "平均得分" in page.text


def test_an_enterprise_chair_cannot_open_the_evaluation(client, demo_district):
    round_ = ScoringRound.objects.get(purpose="reform_evaluation")
    client.force_login(User.objects.get(username="yinmao"))
    assert client.get(reverse("reform:evaluation_units", args=[round_.pk])).status_code == 404


def test_the_top_ten_ranking_uses_the_signed_off_expert_scores(client, demo_district):
    from guidance.models import TopTenSelection

    selection = TopTenSelection.objects.get(year=2022)
    client.force_login(User.objects.get(username="qzgh"))
    page = client.get(reverse("guidance:topten", args=[selection.pk]))
    assert page.status_code == 200
    rows = page.context["rows"]
    assert len(rows) == 12 and sum(r["winner"] for r in rows) >= 10
    assert all(r["expert_score"] > 0 for r in rows)


def test_the_demo_member_unit_liaison_sees_exactly_its_units_projects(client, demo_district):
    from reform.models import ReformProject

    rsj = User.objects.get(username="rsj")
    mine = ReformProject.objects.filter(owner_unit=rsj.member_unit)
    assert mine.count() == 2
    assert set(ReformProject.objects.visible_to(rsj)) == set(mine)
    client.force_login(rsj)
    page = client.get(reverse("reform:reformproject_list")).text
    assert all(p.name in page for p in mine)
