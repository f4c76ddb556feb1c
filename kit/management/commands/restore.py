"""manage.py restore <dir>: into an empty instance, after checking every checksum; then verifies
the audit log."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kit.files import backup


class Command(BaseCommand):
    help = "从备份恢复到空实例：先校验每个文件，再恢复数据库、文件和操作日志锚点，最后校验操作日志。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("source", help="备份目录")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup.restore(Path(options["source"]))
        except (ValueError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已恢复 {manifest['created_at'][:19]} 的备份（{manifest['database']}）")
        call_command("migrate", verbosity=0)
        call_command("verify_audit", stdout=self.stdout, stderr=self.stderr)
