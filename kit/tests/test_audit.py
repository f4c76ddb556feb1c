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
