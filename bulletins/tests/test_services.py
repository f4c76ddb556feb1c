"""bulletins.services at the gate (kit.testing.ServiceGateCase), and the rules of an issue: written
from a template with its figures computed for the period and org, refreshed when the records change,
a figure turned into text; published only once approved, numbered per year and in total without
gaps or duplicates (also when two are published at the same moment), frozen; a correction keeps the
numbers and its date stays in the number's year."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from bulletins import services
from bulletins.models import Issue
from bulletins.tests import factories as bf
from core.models import Org, User
from guidance.tests import factories as gf
from kit import testing
from kit.periods import Period
from kit.workflow import transition


class BulletinsGate(testing.ServiceGateCase):
    module = services

    def case_issue_from_template(self, org: Org) -> dict[str, Any]:
        return {
            "template": bf.template(org, 1),
            "period": Period.year(2022),
            "org": org,
            "issue_date": date(2023, 1, 5),
        }

    def case_issue_save(self, org: Org) -> dict[str, Any]:
        return {"issue": bf.issue(org, 2), "action": "change"}

    def case_issue_refresh(self, org: Org) -> dict[str, Any]:
        return {"issue": bf.issue(org, 3, body="宣讲{{ 宣讲场次 }}场。")}

    def case_issue_fix(self, org: Org) -> dict[str, Any]:
        return {"issue": bf.issue(org, 4, body="宣讲{{ 宣讲场次 }}场。")}

    def case_issue_publish(self, org: Org) -> dict[str, Any]:
        return {"issue": bf.issue(org, 5, status="approved")}

    def case_issue_correct(self, org: Org) -> dict[str, Any]:
        published = bf.issue(org, 6, status="published", year=2023, year_no=1, total_no=1)
        return {"issue": published}

    def case_preview_start(self, org: Org) -> dict[str, Any]:
        return {"issue": bf.issue(org, 7)}


pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(db: Any) -> dict[str, Any]:
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="B0"))
    admin = User.objects.create_superuser(username="editor", password="Test@12345", org=root)
    return {"root": root, "admin": admin}


def _approved(admin: User, issue: Issue) -> Issue:
    issue = transition(issue, "submit", actor=admin)
    return transition(issue, "approve", actor=admin)


def test_a_draft_written_from_a_template_binds_its_figures_and_refreshes_them(setting: dict) -> None:
    root, admin = setting["root"], setting["admin"]
    for day in (date(2022, 3, 1), date(2022, 9, 1), date(2023, 1, 1)):
        gf.lecture(root, held_on=day)
    template = bf.template(root, body="累计开展宣讲{{ 宣讲场次 }}场，{{ 宣讲场次|多 }}场。")
    issue = services.issue_from_template(
        actor=admin, template=template, period=Period.year(2022), org=root, issue_date=date(2023, 1, 5)
    )
    assert issue.figures["宣讲场次"]["value"] == "2" and issue.figures["宣讲场次"]["code"] == "guidance.lectures"
    gf.lecture(root, held_on=date(2022, 12, 31))
    assert Issue.objects.get(pk=issue.pk).figures["宣讲场次"]["text"] == "2"  # linked, not live
    issue = services.issue_refresh(actor=admin, issue=issue)
    assert issue.figures["宣讲场次"]["text"] == "3"
    issue = services.issue_fix(actor=admin, issue=issue, key="宣讲场次")
    assert issue.body == "累计开展宣讲3场，{{ 宣讲场次|多 }}场。"


def test_publishing_needs_approval_and_numbers_per_year_and_in_total(setting: dict) -> None:
    root, admin = setting["root"], setting["admin"]
    series = bf.series(root, prior_total=21)
    first = bf.issue(root, 1, series=series)
    with pytest.raises(ValidationError, match="须审核通过后才能印发"):
        services.issue_publish(actor=admin, issue=first)
    first = services.issue_publish(actor=admin, issue=_approved(admin, first))
    assert (first.year, first.year_no, first.total_no, first.number) == (2023, 1, 22, "2023年第1期（总第22期）")
    second = services.issue_publish(actor=admin, issue=_approved(admin, bf.issue(root, 2, series=series)))
    assert second.number == "2023年第2期（总第23期）"
    next_year = bf.issue(root, 3, series=series, issue_date=date(2024, 1, 8))
    assert services.issue_publish(actor=admin, issue=_approved(admin, next_year)).number == "2024年第1期（总第24期）"
    with pytest.raises(ValidationError, match="不能修改"):
        services.issue_save(actor=admin, issue=Issue.objects.get(pk=first.pk), action="change")


def test_a_correction_keeps_the_numbers_and_the_year(setting: dict) -> None:
    root, admin = setting["root"], setting["admin"]
    published = services.issue_publish(actor=admin, issue=_approved(admin, bf.issue(root, 1)))
    correction = services.issue_correct(actor=admin, issue=published)
    assert correction.edition == 2 and correction.number == ""  # numbered when published
    with pytest.raises(ValidationError, match="已有更正版本"):
        services.issue_correct(actor=admin, issue=published)
    correction.issue_date = date(2024, 1, 2)
    with pytest.raises(ValidationError) as err:
        services.issue_save(actor=admin, issue=correction, action="change")
    assert "成文日期须在期号所属的2023年内" in str(err.value.message_dict["issue_date"])
    correction = Issue.objects.get(pk=correction.pk)
    correction.title = "更正后的标题"
    correction = services.issue_save(actor=admin, issue=correction, action="change")
    done = services.issue_publish(actor=admin, issue=_approved(admin, correction))
    assert done.number == published.number and done.edition == 2
    assert Issue.objects.get(pk=published.pk).status == "superseded"


@pytest.mark.django_db(transaction=True)
def test_two_issues_published_at_the_same_moment_get_two_numbers() -> None:
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="B1"))
    admin = User.objects.create_superuser(username="editor2", password="Test@12345", org=root)
    series = bf.series(root)
    issues = [_approved(admin, bf.issue(root, n, series=series)) for n in range(4)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(issues))

    def publish(issue: Issue) -> None:
        try:
            barrier.wait(timeout=30)
            services.issue_publish(actor=admin, issue=issue)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(i,)) for i in issues]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    numbers = sorted(Issue.objects.filter(series=series).values_list("year_no", flat=True))
    totals = sorted(Issue.objects.filter(series=series).values_list("total_no", flat=True))
    assert numbers == [1, 2, 3, 4] and totals == [1, 2, 3, 4]
