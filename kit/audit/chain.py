"""Tamper evidence: a hash chain over the audit entries, sealed in id order by a periodic task and
checked by `manage.py verify_audit`."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from kit.audit.models import AuditEntry

# --- tamper evidence: a hash chain over the entries, sealed in id order --------------------------
SEAL_LAG_SECONDS = 5  # leave rows of transactions that may still commit with lower ids


def seal(batch: int = 5000) -> int:
    """Chain every unsealed entry (older than the lag) to its predecessor: hash = SHA-256 of the
    entry's content and the previous hash. Returns the number sealed. Run by a periodic task."""
    cutoff = timezone.now() - timedelta(seconds=SEAL_LAG_SECONDS)
    sealed = 0
    with transaction.atomic():
        last = AuditEntry.objects.exclude(hash="").order_by("-id").values_list("id", "hash").first()
        last_id, prev = last if last else (0, "")
        pending = AuditEntry.objects.filter(id__gt=last_id, hash="", at__lt=cutoff).order_by("id")[:batch]
        for entry in pending:
            entry.prev_hash = prev
            entry.hash = entry.content_digest(prev)
            entry.save(update_fields=["prev_hash", "hash"], _sealing=True)
            prev = entry.hash
            sealed += 1
    return sealed


def verify() -> tuple[int, list[str]]:
    """Recompute the chain. Returns (entries checked, problems)."""
    problems: list[str] = []
    prev = ""
    checked = 0
    for entry in AuditEntry.objects.exclude(hash="").order_by("id").iterator(chunk_size=2000):
        checked += 1
        if entry.prev_hash != prev:
            problems.append(f"#{entry.pk}: 链接断开（前一条记录被删除或替换）")
        elif entry.content_digest(prev) != entry.hash:
            problems.append(f"#{entry.pk}: 内容与封存时不一致（被修改）")
        prev = entry.hash
    unsealed_before = (
        AuditEntry.objects.filter(hash="")
        .filter(id__lt=AuditEntry.objects.exclude(hash="").order_by("-id").values("id")[:1])
        .values_list("id", flat=True)[:10]
    )
    for pk in unsealed_before:
        problems.append(f"#{pk}: 未封存却夹在已封存的记录之间")
    return checked, problems
