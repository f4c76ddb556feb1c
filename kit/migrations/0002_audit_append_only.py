"""Audit rows are append-only below the ORM too: triggers refuse UPDATE and DELETE (and, on
PostgreSQL, TRUNCATE) on both databases. The only permitted update fills the hash columns of an
unsealed row (the sealing task), and never changes its content.

`manage.py flush` (an operator's command that empties every table, used by the test suite) is the
one way through: it puts a row in `kit_audit_purge`, a table outside the ORM, for the duration of
the flush (kit/management/commands/flush.py)."""

from django.db import migrations

SQLITE = [
    "CREATE TABLE kit_audit_purge (reason varchar(100) NOT NULL);",
    """CREATE TRIGGER kit_auditentry_no_delete BEFORE DELETE ON kit_auditentry
       WHEN NOT EXISTS (SELECT 1 FROM kit_audit_purge)
       BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;""",
    """CREATE TRIGGER kit_auditentry_no_update BEFORE UPDATE ON kit_auditentry
       WHEN OLD.hash != '' OR NEW.at IS NOT OLD.at OR NEW.actor_id IS NOT OLD.actor_id
         OR NEW.action IS NOT OLD.action OR NEW.object_type IS NOT OLD.object_type
         OR NEW.object_id IS NOT OLD.object_id OR NEW.changes IS NOT OLD.changes
         OR NEW.message IS NOT OLD.message OR NEW.object_repr IS NOT OLD.object_repr
         OR NEW.actor_name IS NOT OLD.actor_name OR NEW.ip IS NOT OLD.ip OR NEW.request_id IS NOT OLD.request_id
       BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS kit_auditentry_no_delete;",
    "DROP TRIGGER IF EXISTS kit_auditentry_no_update;",
    "DROP TABLE IF EXISTS kit_audit_purge;",
]

POSTGRES = [
    "CREATE TABLE kit_audit_purge (reason varchar(100) NOT NULL);",
    """CREATE OR REPLACE FUNCTION kit_auditentry_guard() RETURNS trigger AS $$
       BEGIN
         IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
           IF EXISTS (SELECT 1 FROM kit_audit_purge) THEN RETURN OLD; END IF;
           RAISE EXCEPTION 'audit entries are append-only';
         END IF;
         IF OLD.hash <> '' OR NEW.at IS DISTINCT FROM OLD.at OR NEW.actor_id IS DISTINCT FROM OLD.actor_id
            OR NEW.action IS DISTINCT FROM OLD.action OR NEW.object_type IS DISTINCT FROM OLD.object_type
            OR NEW.object_id IS DISTINCT FROM OLD.object_id OR NEW.changes::text IS DISTINCT FROM OLD.changes::text
            OR NEW.message IS DISTINCT FROM OLD.message OR NEW.object_repr IS DISTINCT FROM OLD.object_repr
            OR NEW.actor_name IS DISTINCT FROM OLD.actor_name OR NEW.ip IS DISTINCT FROM OLD.ip
            OR NEW.request_id IS DISTINCT FROM OLD.request_id THEN
           RAISE EXCEPTION 'audit entries are append-only';
         END IF;
         RETURN NEW;
       END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER kit_auditentry_guard BEFORE UPDATE OR DELETE ON kit_auditentry
       FOR EACH ROW EXECUTE FUNCTION kit_auditentry_guard();""",
    """CREATE TRIGGER kit_auditentry_guard_truncate BEFORE TRUNCATE ON kit_auditentry
       FOR EACH STATEMENT EXECUTE FUNCTION kit_auditentry_guard();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS kit_auditentry_guard ON kit_auditentry;",
    "DROP TRIGGER IF EXISTS kit_auditentry_guard_truncate ON kit_auditentry;",
    "DROP TABLE IF EXISTS kit_audit_purge;",
    "DROP FUNCTION IF EXISTS kit_auditentry_guard();",
]


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("kit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
