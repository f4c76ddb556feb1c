"""Gapless numbering (证明编号, 期号 …): one counter row per key, taken under a row lock inside the
caller's transaction, so two numbers issued at the same moment never collide and a rolled-back
issue leaves no gap."""

from __future__ import annotations

import contextlib

from django.db import IntegrityError, models, transaction


class Sequence(models.Model):
    key = models.CharField("编号序列", max_length=100, unique=True)
    last = models.PositiveIntegerField("当前值", default=0)

    class Meta:
        verbose_name = "编号序列"
        verbose_name_plural = "编号序列"
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.key}：{self.last}"


def next_value(key: str) -> int:
    """The next number of `key` (1, 2, 3 …). Call inside the transaction that uses the number."""
    with transaction.atomic():
        row = Sequence.objects.select_for_update().filter(key=key).first()
        if row is None:
            # a concurrent caller may create the row first; then we lock theirs
            with contextlib.suppress(IntegrityError), transaction.atomic():
                Sequence.objects.create(key=key, last=0)
            row = Sequence.objects.select_for_update().get(key=key)
        row.last += 1
        row.save(update_fields=["last"])
        return row.last
