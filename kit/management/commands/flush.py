"""`flush` empties every table, audit entries included: it opens the append-only guard (a row in
kit_audit_purge, a table outside the ORM) for the duration of the flush, and closes it again."""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush
from django.db import connections


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO kit_audit_purge (reason) VALUES ('flush')")
        try:
            super().handle(**options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM kit_audit_purge")
