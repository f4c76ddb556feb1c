"""The worker import at scale: work that does not grow per row (queries counted, not seconds —
timing belongs to `make bench`), re-import through the update path, chunks spooled encrypted."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.entities import PersonEntity
from core.models import Person
from core.tests import factories as f
from core.tests.test_people import HEADERS, district, good_rows, workbook  # noqa: F401 — the fixture
from kit.excel import spec as excel_spec
from kit.models import AuditEntry
from kit.pii import blind_index

pytestmark = pytest.mark.django_db

SPEC = PersonEntity.excel_spec


def rows_over_two_employers(n: int, start: int = 0) -> list[list[str]]:
    rows = good_rows(n, start=start)
    for i, row in enumerate(rows):
        row[3] = "甲公司" if i % 2 else f.credit_code(1)  # by name and by credit code alike
    return rows


def run(rows: list[list[str]], user) -> tuple[excel_spec.ImportResult, list[str]]:
    data = workbook(rows).getvalue()
    with CaptureQueriesContext(connection) as queries:
        result = SPEC.run_import(data, user=user)
    return result, [q["sql"] for q in queries.captured_queries]


def reads(sqls: list[str]) -> int:
    return sum(1 for sql in sqls if sql.lstrip().upper().startswith("SELECT"))


@pytest.fixture
def two_employers(district):  # noqa: F811 — the fixture imported above
    ent = district["ent_a"]
    ent.uscc = f.credit_code(1)
    ent.save()
    f.enterprise(district["unit_a"], 9, name="丙公司")  # a second employer in the same scope
    return district


def test_validation_reads_the_database_the_same_number_of_times_for_40_rows_as_for_400(two_employers):
    warm, _ = run(rows_over_two_employers(1, start=5000), two_employers["a"])  # the user's roles, read once
    assert warm.ok
    small, small_sql = run(rows_over_two_employers(40), two_employers["a"])
    assert small.ok and small.created == 40
    large, large_sql = run(rows_over_two_employers(400, start=1000), two_employers["a"])
    assert large.ok and large.created == 400
    # Django's ForeignKey.validate used to SELECT the employer and the org for every row (and the
    # employer's org once more): now every look-up is read once per import, whatever its length
    assert reads(large_sql) == reads(small_sql)
    # writes come in batches: far fewer statements than rows (SQLite takes ~36 rows an INSERT)
    assert len(large_sql) < 400 * 0.15
    assert Person.objects.count() == 441
    assert AuditEntry.objects.filter(action="create", object_type="core.person").count() == 441


def test_a_reimport_updates_through_one_statement_per_row_audits_each_and_keeps_identity(two_employers):
    user = two_employers["a"]
    first, _ = run(rows_over_two_employers(40), user)
    assert first.ok
    before = {p.id_number_bidx: p for p in Person.objects.all()}
    rows = rows_over_two_employers(40)
    for i, row in enumerate(rows):
        row[4] = "焊工"
        if i % 10 == 0:
            row[2] = f.mobile(9000 + i)  # a new phone for some
    again, sqls = run(rows, user)
    assert again.ok and again.updated == 40 and again.created == 0
    updates = [sql for sql in sqls if sql.lstrip().upper().startswith("UPDATE")]
    assert len(updates) <= 40  # one parameterised UPDATE a row (executemany), no CASE over a batch
    assert not any("CASE" in sql for sql in updates)
    assert Person.objects.count() == 40
    for person in Person.objects.all():
        old = before[person.id_number_bidx]
        assert person.pk == old.pk and person.created_at == old.created_at
        assert person.version == old.version + 1
        assert person.job == "焊工" and person.updated_by == user
        assert person.id_number == old.id_number  # still decrypts, the blind index still finds it
        assert person.id_number_bidx == blind_index(person.id_number, kind="id_number")
        assert person.phone_bidx == blind_index(person.phone, kind="phone")
    changed = Person.objects.get(id_number_bidx=blind_index(rows[0][1], kind="id_number"))
    assert changed.phone == f.mobile(9000) and changed.phone_tail == f.mobile(9000)[-4:]
    entries = AuditEntry.objects.filter(action="update", object_type="core.person")
    assert entries.count() == 40
    entry = entries.get(object_id=str(changed.pk))
    assert entry.changes["job"] == ["钳工", "焊工"]
    assert entry.changes["phone"][1] == f.mobile(9000)[:3] + "****" + f.mobile(9000)[-4:]  # masked
    assert AuditEntry.objects.filter(action="import").count() == 2
    # what the bulk writes stored (COPY on PostgreSQL) is exactly what each entry's MAC covers
    for entry in AuditEntry.objects.filter(object_type="core.person"):
        assert entry.mac == entry.content_mac()


def test_an_error_in_a_late_chunk_writes_nothing_and_a_clean_file_is_written_over_many_chunks(
    two_employers, monkeypatch
):
    monkeypatch.setattr(SPEC, "chunk_size", 7)
    rows = rows_over_two_employers(30)
    rows[27][1] = rows[27][1][:-1] + ("1" if rows[27][1][-1] != "1" else "2")  # a wrong check digit
    result, _ = run(rows, two_employers["a"])
    assert not result.ok and result.error_count == 1
    assert [e[:2] for e in result.errors] == [(29, "公民身份号码")]
    assert not Person.objects.exists() and not AuditEntry.objects.filter(object_type="core.person").exists()
    result, _ = run(rows_over_two_employers(30), two_employers["a"])
    assert result.ok and result.created == 30
    assert sorted(Person.objects.values_list("name", flat=True)) == sorted(f"职工{i}" for i in range(30))
    assert AuditEntry.objects.filter(action="create", object_type="core.person").count() == 30


def test_a_duplicate_across_chunks_is_reported_against_the_first_row(two_employers, monkeypatch):
    monkeypatch.setattr(SPEC, "chunk_size", 5)
    rows = rows_over_two_employers(12)
    rows.append(["重复", rows[1][1], f.mobile(77), "甲公司", "钳工", "否"])
    result, _ = run(rows, two_employers["a"])
    assert not result.ok
    assert [(r, m) for r, _c, m in result.errors] == [(14, "与第 3 行重复")]
    assert not Person.objects.exists()


def test_spooled_rows_reach_the_disk_only_encrypted(two_employers):
    person = Person(name="张三", id_number=f.id_number(5), phone=f.mobile(5), org=two_employers["unit_a"])
    spool = excel_spec._Spool()
    try:
        spool.write([(person, None)])
        spool._file.seek(0)
        raw = spool._file.read()
        assert person.id_number.encode() not in raw and person.phone.encode() not in raw
        ((back, before),) = next(spool.batches())
        assert back.id_number == person.id_number and before is None
    finally:
        spool.close()


def test_a_row_outside_the_scope_is_still_refused_when_its_employer_was_verified_by_another_row(two_employers):
    theirs = two_employers["ent_b"]  # 乙公司, outside chair_a's scope: not in his look-up table
    rows = rows_over_two_employers(3)
    rows[2][3] = theirs.name
    result, _ = run(rows, two_employers["a"])
    assert not result.ok
    assert [(r, c) for r, c, _m in result.errors] == [(4, "工作单位")]
    assert not Person.objects.exists()
