"""Backup and restore of an instance: the database (SQLite's online backup API, or `pg_dump -Fc`),
the files under MEDIA_ROOT (attachments; job files stay encrypted) and the audit anchors, with a
manifest of SHA-256 checksums. A restore checks every checksum first and goes only into an empty
instance. The keys are never in a backup: keep them apart (docs/operations.md)."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args = [
        "-h",
        str(db.get("HOST") or "localhost"),
        "-p",
        str(db.get("PORT") or 5432),
        "-U",
        str(db.get("USER") or ""),
    ]
    env = {"PGPASSWORD": str(db.get("PASSWORD") or "")}
    return args, env


def backup(target: Path) -> dict[str, Any]:
    """Write a backup into the (new or empty) directory `target`; returns the manifest."""
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise ValueError(f"备份目录不为空：{target}")
    files: dict[str, str] = {}
    vendor = connection.vendor
    if vendor == "sqlite":
        dest = target / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(dest) as out:
            connection.connection.backup(out)  # consistent while the instance runs (WAL)
        out.close()
        files[dest.name] = _sha256(dest)
    elif vendor == "postgresql":
        dest = target / "database.dump"
        args, env = _pg_env()
        name = str(settings.DATABASES["default"]["NAME"])
        subprocess.run(["pg_dump", "-Fc", "-f", str(dest), *args, name], check=True, env={**_base_env(), **env})
        files[dest.name] = _sha256(dest)
    else:
        raise ValueError(f"不支持的数据库：{vendor}")
    media = Path(settings.MEDIA_ROOT)
    archive = target / "media.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        if media.exists():
            tar.add(media, arcname="media")
    files[archive.name] = _sha256(archive)
    anchors = getattr(settings, "AUDIT_ANCHOR_FILE", None)
    if anchors and Path(anchors).exists():
        shutil.copy2(anchors, target / "audit-anchors.jsonl")
        files["audit-anchors.jsonl"] = _sha256(target / "audit-anchors.jsonl")
    manifest = {
        "created_at": timezone.now().isoformat(),
        "database": vendor,
        "migrations": _migrations(),
        "files": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return manifest


def _base_env() -> dict[str, str]:
    import os

    return dict(os.environ)


def _migrations() -> dict[str, str]:
    from django.db.migrations.recorder import MigrationRecorder

    out: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).migration_qs.order_by("id").values_list("app", "name"):
        out[app] = name
    return out


def check(source: Path) -> dict[str, Any]:
    """The manifest, once every file's checksum is right; ValueError naming the first that is not."""
    manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    for name, digest in manifest["files"].items():
        path = source / name
        if not path.exists():
            raise ValueError(f"备份缺少文件：{name}")
        if _sha256(path) != digest:
            raise ValueError(f"备份文件校验失败（已损坏或被改动）：{name}")
    return manifest


def instance_is_empty() -> bool:
    tables = connection.introspection.table_names()
    if "core_user" not in tables:
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM core_user")
        users = cursor.fetchone()[0]
        cursor.execute("SELECT COUNT(*) FROM core_org")
        orgs = cursor.fetchone()[0]
    return users == 0 and orgs == 0


def restore(source: Path) -> dict[str, Any]:
    """Restore a checked backup into this (empty) instance: database, files, anchors."""
    manifest = check(source)
    if manifest["database"] != connection.vendor:
        raise ValueError(f"备份来自 {manifest['database']} 数据库，本实例使用 {connection.vendor}")
    if not instance_is_empty():
        raise ValueError("本实例已有数据：只能恢复到空实例（新建数据库后再恢复）")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(source / "database.sqlite3") as src:
            src.backup(connection.connection)
    else:
        args, env = _pg_env()
        name = str(settings.DATABASES["default"]["NAME"])
        connection.close()
        subprocess.run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "-d", name, *args, str(source / "database.dump")],
            check=True,
            env={**_base_env(), **env},
        )
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / "media.tar.gz", "r:gz") as tar:
        for member in tar.getmembers():
            parts = Path(member.name).parts
            if not parts or parts[0] != "media" or ".." in parts or member.issym() or member.islnk():
                raise ValueError(f"备份中有可疑的文件路径：{member.name}")
            if not member.isfile():
                continue
            dest = media.joinpath(*parts[1:])
            dest.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(member) as handle, dest.open("wb") as out:  # type: ignore[union-attr]
                shutil.copyfileobj(handle, out)
    anchors = getattr(settings, "AUDIT_ANCHOR_FILE", None)
    if anchors and (source / "audit-anchors.jsonl").exists():
        Path(anchors).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / "audit-anchors.jsonl", anchors)
    return manifest
