"""manage.py backup <dir>: the database, the files and the audit anchors, with a checksum manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kit.files import backup


class Command(BaseCommand):
    help = "备份：数据库、附件等文件和操作日志锚点，附校验清单（密钥不在备份中，请另行保管）。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("target", help="备份目录（新建或为空）")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup.backup(Path(options["target"]))
        except (ValueError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"已备份 {len(manifest['files'])} 个文件到 {options['target']}"))
