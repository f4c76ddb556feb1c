"""Backup and restore end to end, as an operator runs them (separate processes, real data
directories): back up an instance with a worker, an encrypted job file and a sealed, anchored audit
log; restore into a fresh instance and find every record and file identical and `verify_audit`
clean; a damaged backup and a non-empty target are refused. The instances run on SQLite in their own
data directories whatever DATABASE_URL the suite has (the PostgreSQL path, pg_dump/pg_restore, is
not exercised here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")

SETUP = r"""
from django.core.files.base import ContentFile
from core.models import Org, Person, User
from kit.audit import chain
from kit.audit.models import AuditEntry
from kit.jobs.models import Job
from datetime import timedelta
from django.utils import timezone
from django.db import connection
root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="R"))
p = Person(name="张三", id_number="110101199003074477", phone="13912345678", org=root); p.full_clean(); p.save()
u = User.objects.create_user(username="op", password="Op@2024xyz", org=root)
j = Job.objects.create(kind="import", title="导入", owner=u)
j.input_file.save("in.xlsx", ContentFile(b"320113198001011234"))
for i in range(3):
    AuditEntry.objects.create(action="update", object_type="x", object_id=str(i),
                              at=timezone.now() - timedelta(minutes=5))
chain.seal(); chain.anchor(force=True)
print("OK", p.pk, j.input_file.name)
"""

CHECK = r"""
from core.models import Person
from kit.jobs.models import Job
from kit.audit.models import AuditEntry
p = Person.objects.get(); j = Job.objects.get()
sealed = AuditEntry.objects.exclude(hash="").count()
print("CHECK", p.id_number, p.phone, j.input_file.open("rb").read().decode(), sealed)
"""


def _run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CHANGAI_", "DJANGO_")) and k != "DATABASE_URL"}
    env.update({"CHANGAI_DEBUG": "1", "CHANGAI_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "changai.settings"})
    return subprocess.run([sys.executable, MANAGE, *args], env=env, capture_output=True, text=True, timeout=300)


def test_back_up_destroy_and_restore_into_a_fresh_instance(tmp_path: Path) -> None:
    first, second, copy = tmp_path / "first", tmp_path / "second", tmp_path / "backup"
    for d in (first, second):
        d.mkdir()
    assert _run(first, "migrate", "-v0").returncode == 0  # the second stays empty: a fresh install
    made = _run(first, "shell", "-c", SETUP)
    assert "OK" in made.stdout, made.stderr[-2000:]
    done = _run(first, "backup", str(copy))
    assert done.returncode == 0, done.stderr[-2000:]
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {"database.sqlite3", "media.tar.gz", "audit-anchors.jsonl"}
    # the job file in the backup is still ciphertext
    assert b"320113198001011234" not in (copy / "media.tar.gz").read_bytes()

    restored = _run(second, "restore", str(copy))
    assert restored.returncode == 0, restored.stderr[-2000:]
    assert "操作日志完整" in restored.stdout
    seen = _run(second, "shell", "-c", CHECK)
    assert "CHECK 110101199003074477 13912345678 320113198001011234 3" in seen.stdout, seen.stderr[-2000:]

    # into a non-empty instance: refused
    again = _run(second, "restore", str(copy))
    assert again.returncode != 0 and "只能恢复到空实例" in again.stderr
    # a damaged backup: refused before anything is touched
    third = tmp_path / "third"
    third.mkdir()
    with (copy / "media.tar.gz").open("ab") as handle:
        handle.write(b"x")
    broken = _run(third, "restore", str(copy))
    assert broken.returncode != 0 and "校验失败" in broken.stderr
