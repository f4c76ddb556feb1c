"""Workers: validation, the import a union chair really does, masking, scope and audit."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
import xlsxwriter
from django.contrib.auth.models import Permission
from django.urls import reverse

from core.models import Enterprise, Org, Person, Role, User
from core.tests import factories as f
from kit.models import AuditEntry, Job
from kit.pii import blind_index

pytestmark = pytest.mark.django_db

HEADERS = ["姓名", "公民身份号码", "手机号码", "工作单位", "岗位", "中共党员"]


@pytest.fixture
def district():
    root = Org.objects.add_root(instance=Org(name="栖霞区总工会", kind="federation", code="Q0"))
    town = Org.objects.add_child(root, instance=Org(name="仙林街道总工会", kind="subdistrict", code="Q1"))
    unit_a = Org.objects.add_child(town, instance=Org(name="甲公司工会", kind="enterprise", code="QA"))
    unit_b = Org.objects.add_child(town, instance=Org(name="乙公司工会", kind="enterprise", code="QB"))
    ent_a = f.enterprise(unit_a, 1, name="甲公司")
    ent_b = f.enterprise(unit_b, 2, name="乙公司")
    chair = Role.objects.create(name="企业工会主席", code="chair", data_scope="org")
    chair.permissions.set(
        Permission.objects.filter(
            content_type__app_label="core",
            codename__in=[f"{a}_person" for a in ("view", "add", "change", "delete", "import", "export")]
            + ["view_enterprise", "view_org"],
        )
    )
    chair_pii = Role.objects.create(name="可查看敏感信息", code="pii", data_scope="org")
    chair_pii.permissions.set(Permission.objects.filter(content_type__app_label="core", codename="view_pii_person"))
    a = User.objects.create_user(username="chair_a", password="Test@12345", org=unit_a)
    a.roles.set([chair])
    b = User.objects.create_user(username="chair_b", password="Test@12345", org=unit_b)
    b.roles.set([chair])
    return {
        "root": root,
        "town": town,
        "unit_a": unit_a,
        "unit_b": unit_b,
        "ent_a": ent_a,
        "ent_b": ent_b,
        "a": a,
        "b": b,
        "pii_role": chair_pii,
    }


def workbook(rows, headers=HEADERS, *, text_id=True) -> io.BytesIO:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"strings_to_numbers": False})
    ws = wb.add_worksheet("职工")
    ws.write_row(0, 0, headers)
    for r, row in enumerate(rows, start=1):
        ws.write_row(r, 0, row)
    wb.close()
    buf.seek(0)
    buf.name = "workers.xlsx"
    return buf


def do_import(client, user, upload, django_capture_on_commit_callbacks) -> Job:
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:person_import"), {"file": upload})
    assert response.status_code == 302
    return Job.objects.filter(owner=user).latest("id")


def good_rows(n, start=0, employer="甲公司"):
    return [[f"职工{i}", f.id_number(start + i), f.mobile(start + i), employer, "钳工", "否"] for i in range(n)]


# --- validation at the field --------------------------------------------------------------------
def test_a_wrong_check_digit_is_refused_with_a_clear_message(client, district):
    client.force_login(district["a"])
    bad = f.id_number(1)[:-1] + ("0" if f.id_number(1)[-1] != "0" else "1")
    response = client.post(reverse("core:person_add"), {"name": "王五", "id_number": bad, "org": district["unit_a"].pk})
    assert "公民身份号码校验位错误" in response.text
    assert not Person.objects.exists()


def test_a_birth_date_after_today_is_refused(client, district):
    from datetime import date, timedelta

    from stdnum.cn import ric

    client.force_login(district["a"])
    future = date.today() + timedelta(days=400)
    body = f"320113{future:%Y%m%d}123"
    response = client.post(
        reverse("core:person_add"),
        {"name": "王五", "id_number": body + ric.calc_check_digit(body + "0"), "org": district["unit_a"].pk},
    )
    assert "晚于今天" in response.text
    assert not Person.objects.exists()


def test_a_phone_that_is_not_a_mainland_mobile_is_refused(client, district):
    client.force_login(district["a"])
    for phone in ("02583331234", "14012345678", "1381234567"):
        response = client.post(
            reverse("core:person_add"),
            {"name": "王五", "id_number": f.id_number(3), "phone": phone, "org": district["unit_a"].pk},
        )
        assert "手机号码无效" in response.text, phone
    assert not Person.objects.exists()


def test_a_duplicate_id_number_is_refused_also_in_another_letter_case(client, district):
    number = None
    for n in range(200):
        if f.id_number(n).endswith("X"):
            number = f.id_number(n)
            break
    assert number
    f.person(district["unit_a"], 0, id_number=number)
    client.force_login(district["a"])
    response = client.post(
        reverse("core:person_add"), {"name": "重复", "id_number": number.lower(), "org": district["unit_a"].pk}
    )
    assert "该公民身份号码已登记" in response.text
    assert Person.objects.count() == 1


def test_gender_and_birth_date_come_from_the_id_number(district):
    p = f.person(district["unit_a"], 5)
    assert p.gender == ("M" if int(p.id_number[16]) % 2 else "F")
    assert p.birth_date.strftime("%Y%m%d") == p.id_number[6:14]
    assert p.id_number_bidx == blind_index(p.id_number, kind="id_number")


def test_id_numbers_and_phones_are_encrypted_at_rest(district):
    from django.db import connection

    p = f.person(district["unit_a"], 6)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone FROM core_person WHERE id = %s", [p.pk])
        stored_id, stored_phone = cursor.fetchone()
    assert p.id_number not in stored_id and stored_id.startswith("v1:")
    assert p.phone not in stored_phone


# --- search -------------------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["张三", "张", "zhangsan", "zs", "ZS", "FULL_ID", "TAIL", "FULL_PHONE"])
def test_a_worker_is_found_by_name_pinyin_initials_phone_tail_or_id(client, district, query):
    p = f.person(district["unit_a"], 0, name="张三", phone="13812345678")
    f.person(district["unit_a"], 1, name="李四", phone="13987654321")
    q = {"FULL_ID": p.id_number, "TAIL": "5678", "FULL_PHONE": "13812345678"}.get(query, query)
    client.force_login(district["a"])
    response = client.get(reverse("core:person_list"), {"q": q})
    assert reverse("core:person_detail", args=[p.pk]) in response.text
    assert "李四" not in response.text


def test_the_surname_reading_is_corrected_for_pinyin_search(district):
    p = f.person(district["unit_a"], 0, name="单雄")
    assert p.name_pinyin.startswith("shan") and p.name_initials == "sx"


# --- the union chair's import -------------------------------------------------------------------
def test_an_import_made_outside_the_project_with_bad_rows_writes_nothing_and_reports_each(
    client, district, django_capture_on_commit_callbacks
):
    rows = good_rows(4)
    rows.insert(2, ["坏号码", "320113198001011234", "13800000000", "甲公司", "焊工", "否"])  # wrong check digit
    rows.append(["外单位", f.id_number(90), f.mobile(90), "乙公司", "焊工", "否"])  # employer outside scope
    rows.append(["手机错", f.id_number(91), "12345", "甲公司", "焊工", "否"])
    job = do_import(client, district["a"], workbook(rows), django_capture_on_commit_callbacks)
    assert job.status == "done" and not job.result["ok"]
    assert Person.objects.count() == 0
    errors = {(r, c) for r, c, _m in job.result["errors"]}
    assert (4, "公民身份号码") in errors  # the header is row 1, the third data row is row 4
    assert (7, "工作单位") in errors
    assert (8, "手机号码") in errors
    assert job.result["error_count"] == 3
    # the annotated workbook downloads and names the same cells
    report = client.get(reverse("kit:job_download", args=[job.pk]))
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(report.streaming_content)))
    assert "错误汇总" in wb.sheetnames


def test_one_bad_row_among_5000_good_ones_writes_nothing_and_is_reported(
    client, district, django_capture_on_commit_callbacks
):
    rows = good_rows(5001)
    rows[4321][1] = rows[4321][1][:-1] + ("1" if rows[4321][1][-1] != "1" else "2")
    job = do_import(client, district["a"], workbook(rows), django_capture_on_commit_callbacks)
    assert not job.result["ok"]
    assert job.result["error_count"] == 1
    assert [e[:2] for e in job.result["errors"]] == [[4323, "公民身份号码"]]
    assert Person.objects.count() == 0


def test_a_good_import_writes_all_rows_audits_and_reimport_updates(
    client, district, django_capture_on_commit_callbacks
):
    job = do_import(client, district["a"], workbook(good_rows(30)), django_capture_on_commit_callbacks)
    assert job.result["ok"] and job.result["created"] == 30
    assert Person.objects.filter(org=district["unit_a"]).count() == 30
    assert AuditEntry.objects.filter(action="create", object_type="core.person").count() == 30
    rows = good_rows(30)
    for row in rows:
        row[4] = "焊工"
        row[1] = row[1].lower()  # the same people, typed with a lower-case x where they have one
    job = do_import(client, district["a"], workbook(rows), django_capture_on_commit_callbacks)
    assert job.result["ok"] and job.result["updated"] == 30 and job.result["created"] == 0
    assert set(Person.objects.values_list("job", flat=True)) == {"焊工"}
    entry = AuditEntry.objects.filter(action="update", object_type="core.person").first()
    assert entry.changes["job"] == ["钳工", "焊工"]


def test_a_duplicate_inside_the_file_is_reported_against_the_first_row(
    client, district, django_capture_on_commit_callbacks
):
    rows = good_rows(3)
    rows.append(["重复", rows[0][1], f.mobile(55), "甲公司", "钳工", "否"])
    job = do_import(client, district["a"], workbook(rows), django_capture_on_commit_callbacks)
    assert not job.result["ok"]
    assert any("与第 2 行重复" in m for _r, _c, m in job.result["errors"])


def test_a_worker_registered_in_another_enterprise_is_not_taken_over_by_import(
    client, district, django_capture_on_commit_callbacks
):
    theirs = f.person(district["unit_b"], 0, employer=district["ent_b"])
    rows = [["抢注", theirs.id_number, f.mobile(1), "甲公司", "钳工", "否"]]
    job = do_import(client, district["a"], workbook(rows), django_capture_on_commit_callbacks)
    assert not job.result["ok"]
    assert Person.objects.get(pk=theirs.pk).org == district["unit_b"]


@pytest.mark.parametrize("kind", ["garbage", "csv", "docx", "empty_file", "wrong_headers", "empty_sheet"])
def test_a_file_that_cannot_be_imported_gets_a_clear_message(
    client, district, kind, django_capture_on_commit_callbacks
):
    if kind == "garbage":
        upload = io.BytesIO(b"\x00\x01not a workbook at all" * 100)
    elif kind == "csv":
        upload = io.BytesIO("姓名,公民身份号码\n张三,320113198001011234\n".encode())
    elif kind == "docx":
        upload = io.BytesIO()
        with zipfile.ZipFile(upload, "w") as z:
            z.writestr("word/document.xml", "<w:document/>")
        upload.seek(0)
    elif kind == "empty_file":
        upload = io.BytesIO(b"")
    elif kind == "wrong_headers":
        upload = workbook([["a", "b"]], headers=["名字", "证件"])
    else:
        upload = workbook([], headers=HEADERS)
    upload.name = "workers.xlsx"
    if kind == "empty_file":
        client.force_login(district["a"])
        response = client.post(reverse("core:person_import"), {"file": upload})
        assert response.status_code == 400
        assert "不是有效的 Excel" in response.text or "请选择" in response.text
        assert not Job.objects.exists()
        return
    else:
        job = do_import(client, district["a"], upload, django_capture_on_commit_callbacks)
    assert not job.result["ok"]
    message = " ".join(job.result["general_errors"])
    expected = {"wrong_headers": "缺少必填列", "empty_sheet": "没有数据"}.get(kind, "不是有效的 Excel")
    assert expected in message
    assert Person.objects.count() == 0


def test_100000_blank_rows_and_a_1mb_cell_are_handled(client, district, django_capture_on_commit_callbacks):
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"constant_memory": True})
    ws = wb.add_worksheet("职工")
    fmt = wb.add_format({"bg_color": "#FFFF00"})
    ws.write_row(0, 0, HEADERS)
    ws.write_row(1, 0, good_rows(1)[0])
    ws.write_row(2, 0, ["长内容", f.id_number(2), f.mobile(2), "甲公司", "x" * 32000, "否"])
    for r in range(3, 100_003):
        ws.write_blank(r, 0, None, fmt)
    wb.close()
    buf.seek(0)
    buf.name = "blank.xlsx"
    job = do_import(client, district["a"], buf, django_capture_on_commit_callbacks)
    assert not job.result["ok"]
    assert job.result["total"] == 2
    assert any("内容过长" in m for _r, _c, m in job.result["errors"])
    assert Person.objects.count() == 0


# --- masking, export, audit ---------------------------------------------------------------------
def test_lists_and_exports_are_masked_without_view_pii(client, district):
    p = f.person(district["unit_a"], 0, employer=district["ent_a"])
    client.force_login(district["a"])
    page = client.get(reverse("core:person_list")).text
    assert p.id_number not in page and p.id_number[:6] + "********" + p.id_number[-4:] in page
    assert p.phone not in page and p.phone[:3] + "****" + p.phone[-4:] in page
    export = client.post(reverse("core:person_export"), {"full": "1", "purpose": "统计上报"})
    assert export.status_code == 403  # no right to full data: asking for it is refused
    text = _text(client.post(reverse("core:person_export")))
    assert p.id_number not in text and "********" in text


def test_a_view_pii_holder_exports_in_full_and_the_export_is_audited(client, district):
    p = f.person(district["unit_a"], 0, employer=district["ent_a"])
    district["a"].roles.add(district["pii_role"])
    client.force_login(district["a"])
    masked = _text(client.post(reverse("core:person_export")))  # masked unless asked for, with a purpose
    assert p.id_number not in masked
    refused = client.post(reverse("core:person_export"), {"full": "1"})
    assert refused.status_code == 400 and "须写明用途" in refused.text
    text = _text(client.post(reverse("core:person_export"), {"full": "1", "purpose": "困难职工帮扶"}))
    assert p.id_number in text
    entry = AuditEntry.objects.filter(action="export", actor=district["a"]).latest("id")
    assert "含完整敏感信息" in entry.message and "用途：困难职工帮扶" in entry.message


def test_revealing_a_workers_full_data_is_audited_and_needs_view_pii(client, district):
    p = f.person(district["unit_a"], 0)
    client.force_login(district["a"])
    assert client.get(reverse("core:person_reveal", args=[p.pk])).status_code == 403
    district["a"].roles.add(district["pii_role"])
    client.force_login(district["a"])
    response = client.get(reverse("core:person_reveal", args=[p.pk]))
    assert p.id_number in response.text
    assert AuditEntry.objects.filter(action="view_pii", object_id=str(p.pk), actor=district["a"]).exists()


def test_audit_rows_never_hold_personal_data_in_clear(client, district):
    client.force_login(district["a"])
    client.post(
        reverse("core:person_add"),
        {"name": "赵六", "id_number": f.id_number(9), "phone": "13812340000", "org": district["unit_a"].pk},
    )
    entry = AuditEntry.objects.get(action="create", object_type="core.person")
    blob = str(entry.changes)
    assert f.id_number(9) not in blob and "13812340000" not in blob
    assert "********" in blob


def test_export_neutralises_formulas(client, district):
    f.person(district["unit_a"], 0, employer=district["ent_a"], job='=HYPERLINK("http://x")')
    client.force_login(district["a"])
    content = b"".join(client.post(reverse("core:person_export")).streaming_content)
    ws = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.value.startswith("'") and c.data_type == "s" for c in cells)


# --- another enterprise sees nothing ------------------------------------------------------------
def test_another_enterprises_chair_gets_404_on_every_page_and_api_route(client, district):
    from rest_framework.test import APIClient

    p = f.person(district["unit_a"], 0, employer=district["ent_a"])
    client.force_login(district["b"])
    for name in ("person_detail", "person_edit", "person_delete", "person_reveal"):
        assert client.get(reverse(f"core:{name}", args=[p.pk])).status_code in (404, 403), name
    assert client.post(reverse("core:person_delete", args=[p.pk])).status_code == 404
    assert client.post(reverse("core:person_edit", args=[p.pk]), {"name": "x", "_version": 1}).status_code == 404
    listing = client.get(reverse("core:person_list"), {"q": p.id_number}).text
    assert reverse("core:person_detail", args=[p.pk]) not in listing
    assert client.get(reverse("core:person_export")).context["count"] == 0
    assert p.name not in _text(client.post(reverse("core:person_export")))
    api = APIClient()
    api.force_authenticate(district["b"])
    assert api.get(f"/api/v1/people/{p.pk}/").status_code == 404
    assert api.patch(f"/api/v1/people/{p.pk}/", {"job": "x", "version": 1}, format="json").status_code == 404
    assert api.delete(f"/api/v1/people/{p.pk}/").status_code == 404
    assert api.get("/api/v1/people/", {"q": p.id_number}).json()["count"] == 0
    assert Person.objects.get(pk=p.pk).job == ""


def test_an_api_write_cannot_link_an_enterprise_outside_the_scope(district):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(district["a"])
    response = api.post(
        "/api/v1/people/",
        {"name": "越权", "id_number": f.id_number(77), "org": district["unit_a"].pk, "employer": district["ent_b"].pk},
        format="json",
    )
    assert response.status_code == 400
    assert not Person.objects.filter(name="越权").exists()


def test_deleted_workers_go_to_the_recycle_bin_and_can_be_restored(client, district):
    p = f.person(district["unit_a"], 0)
    client.force_login(district["a"])
    client.post(reverse("core:person_delete", args=[p.pk]))
    assert not Person.objects.filter(pk=p.pk).exists()
    assert p.name in client.get(reverse("kit:recycle_bin")).text
    client.post(reverse("core:person_restore", args=[p.pk]))
    assert Person.objects.filter(pk=p.pk).exists()
    assert AuditEntry.objects.filter(action="restore", object_id=str(p.pk)).exists()


def test_an_enterprise_with_workers_cannot_be_deleted(district):
    from kit import services

    f.person(district["unit_a"], 0, employer=district["ent_a"])
    admin = User.objects.create_superuser(username="root", password="Test@12345")
    with pytest.raises(services.InUse):
        services.delete_object(district["ent_a"], actor=admin)
    assert Enterprise.objects.filter(pk=district["ent_a"].pk).exists()


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        " ".join(str(v) for v in row if v is not None) for row in wb.worksheets[0].iter_rows(values_only=True)
    )


def test_a_filter_value_outside_the_scope_matches_nothing_instead_of_being_dropped(client, district):
    f.person(district["unit_a"], 0, employer=district["ent_a"])
    client.force_login(district["a"])
    listing = client.get(reverse("core:person_list"), {"employer": district["ent_b"].pk})
    assert listing.context["total"] == 0
    export = client.post(reverse("core:person_export") + f"?employer={district['ent_b'].pk}")
    assert "张" not in _text(export)
    assert client.get(reverse("core:person_export"), {"employer": district["ent_b"].pk}).context["count"] == 0


def test_the_history_panel_speaks_the_users_language(client, district):
    from kit import services

    p = f.person(district["unit_a"], 0, employer=district["ent_a"])
    admin = User.objects.create_superuser(username="root2", password="Test@12345")
    before = services.snapshot(p)
    p.job = "焊工"
    p.is_party_member = True
    services.save_object(p, actor=admin, action="change", before=before)
    client.force_login(admin)
    page = client.get(reverse("core:person_detail", args=[p.pk])).text
    assert "岗位：（空） → 焊工" in page and "中共党员：否 → 是" in page
    assert "is_party_member" not in page


def test_api_not_found_is_said_in_chinese(district):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(district["a"])
    assert api.get("/api/v1/people/987654/").json() == {"detail": "不存在或不在您的数据范围内"}


def test_deleting_an_enterprise_with_workers_shows_why_and_offers_no_button(client, district):
    f.person(district["unit_a"], 0, employer=district["ent_a"])
    admin = User.objects.create_superuser(username="root3", password="Test@12345")
    client.force_login(admin)
    page = client.get(reverse("core:enterprise_delete", args=[district["ent_a"].pk])).text
    assert "不能删除" in page and "职工：1 条" in page and "确认删除" not in page


def test_a_duplicate_outside_the_users_scope_is_refused_without_saying_where_it_is(client, district):
    """An enterprise user cannot learn that an ID number belongs to another enterprise's worker: the
    page, the API and the import say only that it cannot be registered here and whom to ask."""
    from kit.services import NOT_HERE

    elsewhere = f.person(district["unit_b"], 0)
    client.force_login(district["a"])
    page = client.post(
        reverse("core:person_add"), {"name": "另一人", "id_number": elsewhere.id_number, "org": district["unit_a"].pk}
    )
    assert NOT_HERE in page.text and "该公民身份号码已登记" not in page.text
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(district["a"])
    answer = api.post(
        "/api/v1/people/", {"name": "另一人", "id_number": elsewhere.id_number, "org": district["unit_a"].pk}
    )
    assert answer.status_code == 400 and NOT_HERE in answer.content.decode()
    assert "已登记" not in answer.content.decode()
    assert Person.objects.count() == 1


def test_an_import_row_of_a_worker_registered_elsewhere_says_only_that_it_cannot_be_registered_here(
    client, district, django_capture_on_commit_callbacks
):
    from kit.services import NOT_HERE

    elsewhere = f.person(district["unit_b"], 0)
    rows = good_rows(2)
    rows.append(["另一人", elsewhere.id_number, f.mobile(95), "甲公司", "焊工", "否"])
    job = do_import(client, district["a"], workbook(rows), django_capture_on_commit_callbacks)
    messages = [m for _r, c, m in job.result["errors"] if c == "公民身份号码"]
    assert messages == [NOT_HERE]
    assert Person.objects.count() == 1


def test_an_import_whose_worker_died_is_failed_on_sight_and_resubmitted_in_one_click(
    client, district, django_capture_on_commit_callbacks
):
    """The worker process that ran the job is gone (killed, restarted): the job page says so at once
    instead of showing 正在写入 for ten minutes, and one click runs the same file again."""
    import socket
    from datetime import timedelta

    from django.utils import timezone

    from kit.jobs import runner

    job = do_import(client, district["a"], workbook(good_rows(3)), django_capture_on_commit_callbacks)
    Person.objects.all().delete()
    # as the worker left it when it died: running, on this host, under a process that is gone
    Job.objects.filter(pk=job.pk).update(status="running", finished_at=None, worker=f"{socket.gethostname()}:999999")
    page = client.get(reverse("kit:job_detail", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "failed" and "重新提交" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(reverse("kit:job_resubmit", args=[job.pk]))
    retry = Job.objects.latest("id")
    assert again["Location"] == reverse("kit:job_detail", args=[retry.pk])
    assert retry.retry_of_id == job.pk and retry.status == "done" and retry.result["created"] == 3
    assert Person.objects.count() == 3
    # someone else's job cannot be resubmitted; a finished one neither
    assert client.post(reverse("kit:job_resubmit", args=[retry.pk])).status_code == 404
    # a worker on another host: failed once its heartbeat is older than the limit, not before
    other = Job.objects.create(kind="import", title="x", owner=district["a"], status="running", worker="elsewhere:1")
    Job.objects.filter(pk=other.pk).update(heartbeat=timezone.now() - timedelta(minutes=9))
    assert runner.fail_stale() == 0
    Job.objects.filter(pk=other.pk).update(heartbeat=timezone.now() - timedelta(minutes=11))
    assert runner.fail_stale() == 1
    # this process is alive: its running job is left alone
    mine = Job.objects.create(kind="import", title="y", owner=district["a"], status="running", worker=runner.WORKER_ID)
    assert runner.fail_stale(job_ids=[mine.pk]) == 0
