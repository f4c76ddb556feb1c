"""Member units report progress on their projects; the district reviews; status is derived."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import MemberUnit, Org, Role, User
from kit import services
from kit.models import AuditEntry
from kit.workflow import transition
from reform.models import Initiative, Milestone, ProgressReport, ProjectStatus, ReformProject

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="Z0"))
    rsj = MemberUnit.objects.create(name="区人社局", org=root)
    kjj = MemberUnit.objects.create(name="区科技局", org=root)
    initiative = Initiative.objects.create(name="一体化推进机制", org=root)
    today = timezone.localdate()

    def project(unit, name):
        return ReformProject.objects.create(
            initiative=initiative,
            name=name,
            owner_unit=unit,
            target="完成",
            target_value=100,
            start_date=today - timedelta(days=90),
            due_date=today + timedelta(days=200),
            org=root,
        )

    unit_role = Role.objects.create(name="成员单位", code="unit", data_scope="unit")
    unit_role.permissions.set(
        Permission.objects.filter(
            content_type__app_label="reform",
            codename__in=["view_reformproject", "view_progressreport", "add_progressreport", "change_progressreport"],
        )
    )
    district_role = Role.objects.create(name="区总工会", code="district", data_scope="subtree")
    district_role.permissions.set(Permission.objects.filter(content_type__app_label="reform"))
    a = User.objects.create_user(username="rsj", password="Test@12345", org=root, member_unit=rsj)
    a.roles.set([unit_role])
    b = User.objects.create_user(username="kjj", password="Test@12345", org=root, member_unit=kjj)
    b.roles.set([unit_role])
    d = User.objects.create_user(username="district", password="Test@12345", org=root)
    d.roles.set([district_role])
    return {
        "root": root,
        "p_a": project(rsj, "技能等级认定扩面"),
        "p_b": project(kjj, "科技创新成果转化"),
        "a": a,
        "b": b,
        "d": d,
        "today": today,
    }


def report_data(project, **extra):
    today = timezone.localdate()
    return {
        "project": project.pk,
        "period_start": (today - timedelta(days=60)).isoformat(),
        "period_end": (today - timedelta(days=1)).isoformat(),
        "value_reached": "40",
        "narrative": "完成方案制定",
        **extra,
    }


def test_a_member_unit_reports_on_its_project_and_the_district_accepts(client, meeting):
    client.force_login(meeting["a"])
    response = client.post(reverse("reform:progressreport_add"), report_data(meeting["p_a"]))
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert report.status == "draft"
    client.post(reverse("reform:progressreport_transition", args=[report.pk, "submit"]))
    report.refresh_from_db()
    assert report.status == "submitted"
    # after submitting, the unit can no longer change it
    response = client.post(
        reverse("reform:progressreport_edit", args=[report.pk]),
        {**report_data(meeting["p_a"], value_reached="99"), "_version": report.version},
    )
    assert "不能修改" in response.text
    assert ProgressReport.objects.get().value_reached == 40
    # the unit cannot review its own report
    client.post(reverse("reform:progressreport_transition", args=[report.pk, "accept"]))
    assert ProgressReport.objects.get().status == "submitted"
    client.force_login(meeting["d"])
    client.post(reverse("reform:progressreport_transition", args=[report.pk, "accept"]), {"comment": "同意"})
    assert ProgressReport.objects.get().status == "accepted"
    log = AuditEntry.objects.filter(action="transition", object_id=str(report.pk)).order_by("id")
    assert [e.changes["status"][1] for e in log] == ["submitted", "accepted"]
    assert log.last().actor == meeting["d"]


def test_returning_a_report_needs_a_comment_and_lets_the_unit_edit_again(client, meeting):
    today = meeting["today"]
    report = ProgressReport.objects.create(
        project=meeting["p_a"],
        period_start=today - timedelta(days=30),
        period_end=today - timedelta(days=1),
        narrative="x",
        status="submitted",
    )
    with pytest.raises(ValidationError):
        transition(report, "return", actor=meeting["d"], comment="  ")
    transition(report, "return", actor=meeting["d"], comment="请补充佐证材料")
    report.refresh_from_db()
    assert report.status == "returned"
    report.narrative = "已补充"
    services.save_object(report, actor=meeting["a"], action="change", expected_version=report.version)
    assert ProgressReport.objects.get().narrative == "已补充"


def test_a_member_unit_sees_neither_the_other_units_projects_nor_their_reports(client, meeting):
    theirs = ProgressReport.objects.create(
        project=meeting["p_b"], period_start=date(2023, 1, 1), period_end=date(2023, 3, 31), narrative="草稿"
    )
    client.force_login(meeting["a"])
    assert client.get(reverse("reform:progressreport_detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("reform:reformproject_detail", args=[meeting["p_b"].pk])).status_code == 404
    listing = client.get(reverse("reform:reformproject_list")).text
    assert meeting["p_a"].name in listing and meeting["p_b"].name not in listing
    # nor can it file a report against them
    response = client.post(reverse("reform:progressreport_add"), report_data(meeting["p_b"]))
    assert response.status_code == 200
    assert ProgressReport.objects.count() == 1


def test_a_report_for_a_future_period_or_before_the_start_is_refused(client, meeting):
    client.force_login(meeting["a"])
    future = report_data(meeting["p_a"], period_end=(meeting["today"] + timedelta(days=30)).isoformat())
    assert "不能报告未来期间的进度" in client.post(reverse("reform:progressreport_add"), future).text
    early = report_data(meeting["p_a"], period_start=(meeting["today"] - timedelta(days=400)).isoformat())
    assert "报告期不能早于项目开始日期" in client.post(reverse("reform:progressreport_add"), early).text
    assert not ProgressReport.objects.exists()


def test_a_milestone_after_the_due_date_needs_a_reason(meeting):
    project = meeting["p_a"]
    late = Milestone(project=project, name="验收", due_date=project.due_date + timedelta(days=30))
    with pytest.raises(ValidationError) as exc:
        late.full_clean()
    assert "请说明理由" in str(exc.value)
    late.late_reason = "上级验收时间推迟"
    late.full_clean()


def test_the_status_is_derived_from_dates_milestones_and_accepted_reports(meeting):
    project = meeting["p_a"]
    today = meeting["today"]
    assert project.status_on(project.start_date - timedelta(days=1)) == ProjectStatus.NOT_STARTED
    assert project.status_on(today) == ProjectStatus.NOT_STARTED  # started, nothing reported or done yet
    Milestone.objects.create(project=project, name="方案", due_date=today - timedelta(days=10))
    assert ReformProject.objects.get(pk=project.pk).status_on(today) == ProjectStatus.LATE
    Milestone.objects.filter(project=project).update(done_on=today - timedelta(days=12))
    assert ReformProject.objects.get(pk=project.pk).status_on(today) == ProjectStatus.IN_PROGRESS
    ProgressReport.objects.create(
        project=project,
        period_start=project.start_date,
        period_end=today,
        value_reached=100,
        narrative="完成",
        status="submitted",
    )
    assert ReformProject.objects.get(pk=project.pk).status_on(today) == ProjectStatus.IN_PROGRESS  # not accepted
    ProgressReport.objects.update(status="accepted")
    assert ReformProject.objects.get(pk=project.pk).status_on(today) == ProjectStatus.DONE
    assert (
        ReformProject.objects.get(pk=project.pk).status_on(project.due_date + timedelta(days=1)) == ProjectStatus.DONE
    )


def test_the_status_cannot_be_typed(client, meeting):
    client.force_login(meeting["d"])
    page = client.get(reverse("reform:reformproject_edit", args=[meeting["p_a"].pk])).text
    assert 'name="status"' not in page
    report = ProgressReport.objects.create(
        project=meeting["p_a"], period_start=date(2023, 1, 1), period_end=date(2023, 3, 31), narrative="x"
    )
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(meeting["d"])
    api.patch(f"/api/v1/reform/reports/{report.pk}/", {"status": "accepted", "version": report.version}, format="json")
    assert ProgressReport.objects.get().status == "draft"


def test_two_reports_for_the_same_period_are_refused(client, meeting):
    client.force_login(meeting["a"])
    assert client.post(reverse("reform:progressreport_add"), report_data(meeting["p_a"])).status_code == 302
    again = client.post(reverse("reform:progressreport_add"), report_data(meeting["p_a"]))
    assert "同一报告期" in again.text
    assert ProgressReport.objects.count() == 1


def test_the_project_page_shows_its_derived_status_and_locks_editing_after_submission(client, meeting):
    client.force_login(meeting["d"])
    page = client.get(reverse("reform:reformproject_detail", args=[meeting["p_a"].pk])).text
    assert "状态" in page and "未启动" in page
    report = ProgressReport.objects.create(
        project=meeting["p_a"],
        period_start=meeting["today"] - timedelta(days=9),
        period_end=meeting["today"] - timedelta(days=1),
        narrative="x",
        status="submitted",
    )
    page = client.get(reverse("reform:progressreport_detail", args=[report.pk])).text
    assert reverse("reform:progressreport_edit", args=[report.pk]) not in page
    response = client.post(reverse("reform:progressreport_transition", args=[report.pk, "accept"]), follow=True)
    assert "已审核通过" in response.text


def test_the_workbench_lists_what_waits_for_each_user_and_links_to_exactly_those_reports(client, meeting):
    today = meeting["today"]
    report = ProgressReport.objects.create(
        project=meeting["p_a"],
        period_start=today - timedelta(days=30),
        period_end=today - timedelta(days=1),
        narrative="x",
        status="submitted",
    )
    client.force_login(meeting["d"])
    home = client.get(reverse("home")).text
    assert "待审核的进度报告" in home
    url = reverse("reform:progressreport_list") + "?status=submitted"
    assert url in home
    listed = client.get(url)
    assert listed.context["total"] == 1
    client.force_login(meeting["a"])  # the unit waits for the district: nothing to do yet
    assert "待审核的进度报告" not in client.get(reverse("home")).text
    transition(report, "return", actor=meeting["d"], comment="请补充佐证材料")
    home = client.get(reverse("home")).text
    assert "被退回、待修改的进度报告" in home
    client.force_login(meeting["b"])  # another unit's returned report is not his to fix
    home = client.get(reverse("home")).text
    assert "被退回、待修改的进度报告" not in home
    assert "没有待办事项" in home


def test_an_accepted_report_is_kept_and_its_steps_say_which_needs_a_comment(client, meeting):
    today = meeting["today"]
    report = ProgressReport.objects.create(
        project=meeting["p_a"],
        period_start=today - timedelta(days=30),
        period_end=today - timedelta(days=1),
        narrative="x",
        status="submitted",
    )
    client.force_login(meeting["d"])
    page = client.get(reverse("reform:progressreport_detail", args=[report.pk]))
    assert page.context["comment_hint"] == "“退回修改”须填写意见，其他操作可不填"
    transition(report, "accept", actor=meeting["d"])
    page = client.get(reverse("reform:progressreport_detail", args=[report.pk]))
    assert page.context["delete_url"] == ""
    with pytest.raises(ValidationError, match="已通过的进度报告不能删除"):
        services.delete_object(ProgressReport.objects.get(pk=report.pk), actor=meeting["d"])
    client.post(reverse("reform:progressreport_delete", args=[report.pk]))
    assert ProgressReport.objects.filter(pk=report.pk).exists()


def test_a_projects_progress_is_its_accepted_value_against_the_target_drawn_as_a_bar(client, meeting):
    today = meeting["today"]
    project = meeting["p_a"]  # target 100
    assert project.progress_on() is None  # nothing accepted yet: no bar, a dash
    for n, (value, status) in enumerate((("40", "accepted"), ("95", "submitted"))):
        ProgressReport.objects.create(
            project=project,
            period_start=today - timedelta(days=60 - 30 * n),
            period_end=today - timedelta(days=31 - 30 * n),
            narrative="x",
            value_reached=value,
            status=status,
        )
    project = ReformProject.objects.get(pk=project.pk)
    assert project.progress_on() == 40  # the submitted 95 is not yet accepted
    ReformProject.objects.filter(pk=project.pk).update(target_value=Decimal("30"))
    assert ReformProject.objects.get(pk=project.pk).progress_on() == 100  # never beyond 100
    ReformProject.objects.filter(pk=project.pk).update(target_value=Decimal("70"))
    assert ReformProject.objects.get(pk=project.pk).progress_on() == 57  # 40/70 = 57.14 → 57
    ReformProject.objects.filter(pk=project.pk).update(target_value=Decimal("80"))
    assert ReformProject.objects.get(pk=project.pk).progress_on() == 50
    ReformProject.objects.filter(pk=project.pk).update(target_value=Decimal("32"))
    assert ReformProject.objects.get(pk=project.pk).progress_on() == 100
    ReformProject.objects.filter(pk=project.pk).update(target_value=Decimal("160"))
    assert ReformProject.objects.get(pk=project.pk).progress_on() == 25
    ReformProject.objects.filter(pk=project.pk).update(target_value=Decimal("320"))
    assert ReformProject.objects.get(pk=project.pk).progress_on() == 13  # 12.5 → 13 (四舍五入)
    client.force_login(meeting["d"])
    html = client.get(reverse("reform:reformproject_list")).text
    assert 'style="width: 13%"' in html and 'aria-label="完成进度"' in html
    assert "bg-azure-lt" in html  # 推进中 as a tag


def test_the_overview_opens_on_the_latest_day_with_records_not_on_today(client, meeting):
    """A district whose records stop earlier (the demo's end in 2023) sees its figures as of then:
    projects 推进中, not all 滞后 as of today."""
    client.force_login(meeting["d"])
    page = client.get(reverse("reform:overview"))
    assert page.context["period"].end == meeting["today"] - timedelta(days=90)  # the latest project start
    chosen = client.get(reverse("reform:overview"), {"date": meeting["today"].isoformat()})
    assert chosen.context["period"].end == meeting["today"]  # a date asked for is kept
