"""reform.services at the gate, and the rule the review outside the report's own scope broke: a
user who may *view* every unit's reports but *review* only his own unit's cannot accept another
unit's report — not in the service, not on the page, not through the API."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import MemberUnit, Org, Role, User
from kit import testing
from kit.models import ScoreSheet, ScoringRound
from kit.workflow import transition
from reform import services
from reform.models import Initiative, ProgressReport, ReformProject
from reform.tests.test_entities import project


class ReformServicesGate(testing.ServiceGateCase):
    module = services

    def case_evaluation_start(self, org: Org) -> dict[str, Any]:
        project(org, 1)
        return {"year": 2030, "sheet": ScoreSheet.objects.create(name="联评表"), "org": org, "scorers": []}


# --- the rules ------------------------------------------------------------------------------------
pytestmark = pytest.mark.django_db


@pytest.fixture
def two_units(db: Any) -> dict[str, Any]:
    """区人社局 and 区科技局 each own a project with a submitted report; the reviewer sees every
    project and report (view: all) but reviews only his own unit's (review: 本成员单位)."""
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="W0"))
    rsj = MemberUnit.objects.create(name="区人社局", org=root)
    kjj = MemberUnit.objects.create(name="区科技局", org=root)
    initiative = Initiative.objects.create(name="一体化推进机制", org=root)
    today = timezone.localdate()
    reports = {}
    for unit in (rsj, kjj):
        p = ReformProject.objects.create(
            initiative=initiative,
            name=f"{unit.name}项目",
            owner_unit=unit,
            target="完成",
            target_value=100,
            start_date=today - timedelta(days=90),
            due_date=today + timedelta(days=200),
            org=root,
        )
        reports[unit.name] = ProgressReport.objects.create(
            project=p,
            period_start=today - timedelta(days=60),
            period_end=today - timedelta(days=30),
            value_reached=10,
            narrative="按计划推进",
            status=ProgressReport.Status.SUBMITTED,
        )
    view_all = Role.objects.create(name="查看全部", code="viewall", data_scope="all")
    view_all.permissions.set(
        Permission.objects.filter(
            content_type__app_label="reform", codename__in=["view_reformproject", "view_progressreport"]
        )
    )
    review_own = Role.objects.create(name="审核本单位", code="reviewown", data_scope="unit")
    review_own.permissions.set(
        Permission.objects.filter(content_type__app_label="reform", codename__in=["review_progressreport"])
    )
    reviewer = User.objects.create_user(username="reviewer", password="Test@12345", org=root, member_unit=rsj)
    reviewer.roles.set([view_all, review_own])
    return {"reviewer": reviewer, "own": reports["区人社局"], "other": reports["区科技局"]}


def test_viewing_everything_does_not_let_a_unit_review_another_units_report(two_units: dict[str, Any]) -> None:
    reviewer, other = two_units["reviewer"], two_units["other"]
    with pytest.raises(PermissionDenied):
        transition(other, "accept", actor=reviewer)
    assert ProgressReport.objects.get(pk=other.pk).status == ProgressReport.Status.SUBMITTED
    accepted = transition(two_units["own"], "accept", actor=reviewer)
    assert accepted.status == ProgressReport.Status.ACCEPTED


def test_the_page_offers_and_takes_the_review_only_within_the_review_scope(
    client: Any, two_units: dict[str, Any]
) -> None:
    client.force_login(two_units["reviewer"])
    other, own = two_units["other"], two_units["own"]
    page = client.get(reverse("reform:progressreport_detail", args=[other.pk]))
    assert page.status_code == 200 and "审核通过" not in page.text  # he may see it, not review it
    assert "审核通过" in client.get(reverse("reform:progressreport_detail", args=[own.pk])).text
    url = reverse("reform:progressreport_transition", args=[other.pk, "accept"])
    assert client.post(url).status_code == 404
    assert ProgressReport.objects.get(pk=other.pk).status == ProgressReport.Status.SUBMITTED


def test_the_review_scope_holds_through_the_api_too(two_units: dict[str, Any]) -> None:
    """The API has no transition route; a status written through PATCH is ignored (read-only)."""
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(two_units["reviewer"])
    other = two_units["other"]
    response = api.patch(
        f"/api/v1/reform/reports/{other.pk}/", {"status": "accepted", "version": other.version}, format="json"
    )
    assert response.status_code in (403, 404)
    assert ProgressReport.objects.get(pk=other.pk).status == ProgressReport.Status.SUBMITTED


def test_a_year_is_evaluated_once() -> None:
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="E0"))
    admin = User.objects.create_superuser(username="root", password="Test@12345")
    project(root, 1)
    sheet = ScoreSheet.objects.create(name="联评表")
    services.evaluation_start(actor=admin, year=date.today().year, sheet=sheet, org=root, scorers=[])
    with pytest.raises(ValidationError, match="已经开启"):
        services.evaluation_start(actor=admin, year=date.today().year, sheet=sheet, org=root, scorers=[])
    assert ScoringRound.objects.count() == 1
