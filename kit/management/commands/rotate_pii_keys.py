"""Re-encrypt personal data written with an old key (or the other cipher) under the active key.

Run after adding a new key to CHANGAI_PII_KEYS and restarting; safe to interrupt and re-run (each
batch is its own transaction; rows already on the active key are skipped)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from kit.pii import EncryptedTextField, needs_rotation, rotate_token


def encrypted_columns() -> list[tuple[Any, str]]:
    out = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                out.append((model, str(field.column)))
    return out


def rotate(batch: int = 1000) -> int:
    rotated = 0
    qn = connection.ops.quote_name
    for model, column in encrypted_columns():
        table, pk = qn(model._meta.db_table), qn(model._meta.pk.column)
        last = 0
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {pk}, {qn(column)} FROM {table} WHERE {pk} > %s ORDER BY {pk} LIMIT %s",
                    [last, batch],
                )
                rows = cursor.fetchall()
                if not rows:
                    break
                last = rows[-1][0]
                for row_pk, token in rows:
                    if token and needs_rotation(token):
                        cursor.execute(
                            f"UPDATE {table} SET {qn(column)} = %s WHERE {pk} = %s",
                            [rotate_token(token), row_pk],
                        )
                        rotated += 1
    return rotated


class Command(BaseCommand):
    help = "用当前密钥重新加密以旧密钥加密的公民身份号码、手机号码等敏感信息（可中断后重跑）。"

    def handle(self, *args: Any, **options: Any) -> None:
        n = rotate()
        self.stdout.write(self.style.SUCCESS(f"已重新加密 {n} 个字段值"))
