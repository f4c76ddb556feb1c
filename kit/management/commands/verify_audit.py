"""Verify the audit log's hash chain; exits non-zero when any entry was changed or removed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kit.audit import chain


class Command(BaseCommand):
    help = "校验操作日志的哈希链：发现被修改、删除或替换的记录时以非零状态退出。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--seal", action="store_true", help="先封存尚未封存的记录")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["seal"]:
            self.stdout.write(f"封存 {chain.seal()} 条")
        checked, problems = chain.verify()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"操作日志校验失败：{len(problems)} 处问题（共检查 {checked} 条）")
        self.stdout.write(self.style.SUCCESS(f"操作日志完整：已校验 {checked} 条"))
