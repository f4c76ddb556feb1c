"""导出 is what the list shows: the page says how many rows under which conditions in words; full
personal data only with the right and a purpose; beyond the limit a background job writes the file;
every export audited with its conditions."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from core.models import Org, Role, User
from core.tests import factories as f
from kit.jobs import runner
from kit.jobs.models import Job
from kit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="X0"))
    unit = Org.objects.add_child(root, instance=Org(name="仙林街道工会", kind="subdistrict", code="X1"))
    people = [f.person(unit, i, name=f"周{i}") for i in range(6)] + [f.person(unit, 10 + i) for i in range(4)]
    role = Role.objects.create(name="干事", code="x_staff", data_scope="subtree")
    role.permissions.set(Permission.objects.filter(codename__in=["view_person", "export_person", "view_org"]))
    user = User.objects.create_user(username="x_staff", password="Test@12345", org=root)
    user.roles.set([role])
    return {"root": root, "unit": unit, "people": people, "user": user, "role": role}


def rows(content: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [r for r in sheet.iter_rows(values_only=True) if any(v is not None for v in r)]


def test_the_page_says_how_many_rows_under_which_conditions_and_the_file_holds_exactly_those(client, staff):
    client.force_login(staff["user"])
    url = reverse("core:person_export") + f"?q=周&org={staff['unit'].pk}&sort=-name"
    page = client.get(url)
    assert page.context["count"] == 6
    assert page.context["conditions"] == ["关键词“周”", "所属组织（含下级）：仙林街道工会", "按姓名降序"]
    assert "导出完整个人信息" not in page.text  # no right to it: not offered
    response = client.post(url)
    content = b"".join(response.streaming_content)
    names = [r[0] for r in rows(content)[1:]]
    assert sorted(names, reverse=True) == names and set(names) == {f"周{i}" for i in range(6)}
    entry = AuditEntry.objects.get(action="export", actor=staff["user"])
    assert "导出 6 行" in entry.message and "关键词“周”" in entry.message and "q=" not in entry.message


def test_a_large_export_runs_as_a_job_whose_file_only_its_owner_downloads(client, staff, settings):
    settings.EXPORT_SYNC_LIMIT = 5
    staff["role"].permissions.add(Permission.objects.get(codename="view_pii_person"))
    client.force_login(staff["user"])
    response = client.post(
        reverse("core:person_export"), {"full": "1", "purpose": "其他", "purpose_detail": "核对参保"}
    )
    job = Job.objects.get(kind="export")
    assert response.status_code == 302 and response["Location"] == reverse("kit:job_detail", args=[job.pk])
    assert "用途：核对参保" in job.params["conditions"] and job.params["reveal"] is True
    runner.execute(job.pk)  # what the worker does (the test settings run tasks in-process too)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.result["exported"] == 10
    page = client.get(reverse("kit:job_detail", args=[job.pk])).text
    assert "导出完成：共 10 行" in page and reverse("kit:job_download", args=[job.pk]) in page
    download = client.get(reverse("kit:job_download", args=[job.pk]))
    content = b"".join(download.streaming_content)
    assert staff["people"][0].id_number in {str(v) for r in rows(content) for v in r}
    stranger = User.objects.create_user(username="stranger", password="Test@12345", org=staff["root"])
    client.force_login(stranger)
    assert client.get(reverse("kit:job_download", args=[job.pk])).status_code == 404
    assert AuditEntry.objects.filter(action="export", message__contains="核对参保").exists()
