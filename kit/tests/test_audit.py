"""The audit log: append-only in the product and in the database, sealed in a hash chain."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from kit.audit import chain
from kit.models import AuditEntry

pytestmark = pytest.mark.django_db


def _entries(n: int) -> list[AuditEntry]:
    old = timezone.now() - timedelta(minutes=5)
    return [
        AuditEntry.objects.create(
            action="update",
            object_type="core.person",
            object_id=str(i),
            object_repr=f"对象{i}",
            changes={"job": ["钳工", f"焊工{i}"]},
            at=old,
        )
        for i in range(n)
    ]


def test_the_product_cannot_edit_or_delete_an_entry():
    entry = _entries(1)[0]
    entry.message = "改写"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()


def test_the_database_refuses_updates_and_deletes_below_the_orm():
    entry = _entries(1)[0]
    for sql in ("UPDATE kit_auditentry SET message = 'x' WHERE id = %s", "DELETE FROM kit_auditentry WHERE id = %s"):
        with pytest.raises(DatabaseError), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).message == ""


def test_sealing_chains_the_entries_and_verify_passes():
    _entries(5)
    assert chain.seal() == 5
    checked, problems = chain.verify()
    assert checked == 5 and problems == []
    first, second = AuditEntry.objects.order_by("id")[:2]
    assert second.prev_hash == first.hash != ""
    call_command("verify_audit")


def test_a_sealed_entry_cannot_be_resealed_or_changed():
    entry = _entries(1)[0]
    chain.seal()
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE kit_auditentry SET hash = 'forged' WHERE id = %s", [entry.pk])


def test_verify_detects_an_entry_changed_by_someone_who_dropped_the_triggers():
    entries = _entries(3)
    chain.seal()
    with connection.cursor() as cursor:  # a DBA bypassing the product
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER kit_auditentry_no_update")
        else:
            cursor.execute("ALTER TABLE kit_auditentry DISABLE TRIGGER kit_auditentry_guard")
        cursor.execute("UPDATE kit_auditentry SET message = '篡改' WHERE id = %s", [entries[1].pk])
    _checked, problems = chain.verify()
    assert problems and f"#{entries[1].pk}" in problems[0]
    with pytest.raises(CommandError):
        call_command("verify_audit")


def test_recent_entries_wait_for_the_lag_before_sealing():
    AuditEntry.objects.create(action="update", object_type="x")
    assert chain.seal() == 0


# --- the keyed chain and its anchors: tampering as someone with database access would ------------
def _bypass(cursor: object) -> None:
    """What a DBA can do: switch the triggers off and open the purge path."""
    if connection.vendor == "sqlite":
        cursor.execute("DROP TRIGGER kit_auditentry_no_update")  # type: ignore[attr-defined]
        cursor.execute("DROP TRIGGER kit_auditentry_no_delete")  # type: ignore[attr-defined]
    else:
        cursor.execute("ALTER TABLE kit_auditentry DISABLE TRIGGER USER")  # type: ignore[attr-defined]


@pytest.fixture
def anchored(tmp_path, settings):  # type: ignore[no-untyped-def]
    settings.AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    return settings.AUDIT_ANCHOR_FILE


def test_every_row_carries_a_keyed_mac_of_all_its_columns():
    entry = _entries(1)[0]
    assert entry.mac and entry.mac == entry.content_mac()
    entry.actor_org_path = "0001"
    assert entry.content_mac() != entry.mac  # the org path is covered (it was not before)


def test_verify_names_a_changed_org_path():
    entries = _entries(3)
    chain.seal()
    with connection.cursor() as cursor:
        _bypass(cursor)
        cursor.execute("UPDATE kit_auditentry SET actor_org_path = '00019999' WHERE id = %s", [entries[1].pk])
    _checked, problems = chain.verify()
    assert [p for p in problems if p.startswith(f"#{entries[1].pk}:")], problems


def test_verify_catches_a_row_inserted_directly_and_then_sealed():
    _entries(2)
    chain.seal()
    with connection.cursor() as cursor:  # as the product's own columns, but without the key
        cursor.execute(
            "INSERT INTO kit_auditentry (at, actor_name, actor_org_path, request_id, action, object_type, object_id,"
            " object_repr, changes, message, mac, prev_hash, hash) VALUES (%s, '伪造', '', '', 'login', '', '', '',"
            " '{}', '', '', '', '')",
            [timezone.now() - timedelta(minutes=1)],
        )
        cursor.execute("SELECT max(id) FROM kit_auditentry")
        forged = cursor.fetchone()[0]
    assert chain.seal() == 1  # the periodic task seals it like any other …
    _checked, problems = chain.verify()
    assert any(p.startswith(f"#{forged}:") and "没有签名" in p for p in problems), problems


def test_verify_catches_a_change_whose_later_links_were_recomputed_without_the_key(settings):
    entries = _entries(4)
    chain.seal()
    with connection.cursor() as cursor:
        _bypass(cursor)
        cursor.execute("UPDATE kit_auditentry SET message = '篡改' WHERE id = %s", [entries[1].pk])
    # the forger runs the product's own code with a key of his own to recompute every link
    settings.AUDIT_KEY = "Zm9yZ2VkLWtleS1mb3JnZWQta2V5LWZvcmdlZC1rZXktMTIzNA=="
    prev = AuditEntry.objects.get(pk=entries[0].pk).hash
    with connection.cursor() as cursor:
        for entry in AuditEntry.objects.filter(pk__gte=entries[1].pk).order_by("id"):
            forged_mac = entry.content_mac()
            entry.mac = forged_mac
            link = entry.chain_digest(prev)
            cursor.execute(
                "UPDATE kit_auditentry SET mac = %s, prev_hash = %s, hash = %s WHERE id = %s",
                [forged_mac, prev, link, entry.pk],
            )
            prev = link
    settings.AUDIT_KEY = ""
    _checked, problems = chain.verify()
    assert problems and problems[0].startswith(f"#{entries[1].pk}:"), problems


def test_the_anchor_catches_the_newest_rows_deleted_through_the_purge_path(anchored):
    entries = _entries(5)
    chain.seal()
    assert chain.anchors()[-1]["id"] == entries[-1].pk
    with connection.cursor() as cursor:  # the purge path, opened from a database session
        cursor.execute("INSERT INTO kit_audit_purge (reason) VALUES ('x')")
        cursor.execute("DELETE FROM kit_auditentry WHERE id >= %s", [entries[3].pk])
        cursor.execute("DELETE FROM kit_audit_purge")
    _checked, problems = chain.verify()
    assert any("截断" in p and f"#{entries[-1].pk}" in p for p in problems), problems
    with pytest.raises(CommandError):
        call_command("verify_audit")


def test_an_emptied_log_and_a_forged_anchor_are_caught(anchored):
    _entries(3)
    chain.seal()
    lines = anchored.read_text(encoding="utf-8").splitlines()
    anchored.write_text(lines[0].replace('"count": 3', '"count": 2') + "\n", encoding="utf-8")
    _checked, problems = chain.verify()
    assert any("签名不符" in p for p in problems), problems


def test_anchors_are_written_when_the_head_moves_at_most_every_interval_and_daily(anchored):
    now = timezone.now()
    _entries(2)
    chain.seal(now=now)
    assert len(chain.anchors()) == 1
    AuditEntry.objects.create(action="update", object_type="x", at=now - timedelta(minutes=1))
    chain.seal(now=now + timedelta(minutes=1))  # sealed, but the last anchor is a minute old
    assert len(chain.anchors()) == 1
    chain.seal(now=now + timedelta(minutes=11))
    assert len(chain.anchors()) == 2
    chain.seal(now=now + timedelta(hours=5))  # nothing new: no anchor before a day has passed
    assert len(chain.anchors()) == 2
    chain.seal(now=now + timedelta(days=1, minutes=12))
    assert len(chain.anchors()) == 3
    assert chain.verify()[1] == []


def test_rows_from_before_the_key_stay_verifiable_and_none_may_follow_a_keyed_row():
    old = timezone.now() - timedelta(minutes=5)
    legacy = [AuditEntry(action="update", object_type="x", object_id=str(i), at=old) for i in range(3)]
    AuditEntry.objects.bulk_create(legacy)  # as written by the previous version: no MAC
    assert chain.seal() == 3
    assert chain.verify()[1] == []
    keyed = _entries(1)[0]
    assert chain.seal() == 1 and keyed.mac
    assert chain.verify()[1] == []
    AuditEntry.objects.bulk_create([AuditEntry(action="login", object_type="x", at=old)])  # unsigned, after
    chain.seal()
    assert any("没有签名" in p for p in chain.verify()[1])
