"""Tamper evidence for the audit log.

- Each row carries a keyed MAC of every column it was written with (`AuditEntry.mac`, HMAC-SHA256
  with the audit key held outside the database, `kit.audit.keys`): a row inserted or changed
  with database access alone has no valid MAC.
- A periodic task seals the rows in id order into a keyed chain: link = HMAC(id, MAC, previous
  link). Nobody without the key can recompute the chain after removing or changing a row.
- The head of the chain (last id, link, number of rows) is anchored outside the database: a signed
  line appended to `AUDIT_ANCHOR_FILE` (in the data directory, and in its backup) and logged to
  "changai.audit.anchor" (route it to a remote syslog) — at most every AUDIT_ANCHOR_MINUTES and at
  least once a day — so deleting the newest rows (or emptying the table through the purge path,
  which a database session can open) is caught too.
- `verify()` says which row was changed, inserted, removed, and whether the newest were cut off.

Rows sealed before the chain was keyed (no MAC) keep their unkeyed SHA-256 links and are verified as
such; none may follow a keyed row."""

from __future__ import annotations

import bisect
import json
import logging
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kit.audit.keys import mac, same
from kit.audit.models import AuditEntry

log = logging.getLogger("changai.audit.anchor")
SEAL_LAG_SECONDS = 5  # leave rows of transactions that may still commit with lower ids


def _link(entry: AuditEntry, prev: str) -> str:
    return entry.chain_digest(prev) if entry.mac else entry.content_digest(prev)


def seal(batch: int = 5000, now: Any = None) -> int:
    """Chain every unsealed entry (older than the lag) to its predecessor; anchor the head when
    the last anchor is old enough. Returns the number sealed. Run by a periodic task."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=SEAL_LAG_SECONDS)
    sealed = 0
    with transaction.atomic():
        last = AuditEntry.objects.exclude(hash="").order_by("-id").values_list("id", "hash").first()
        last_id, prev = last if last else (0, "")
        pending = AuditEntry.objects.filter(id__gt=last_id, hash="", at__lt=cutoff).order_by("id")[:batch]
        for entry in pending:
            entry.prev_hash = prev
            entry.hash = _link(entry, prev)
            entry.save(update_fields=["prev_hash", "hash"], _sealing=True)
            prev = entry.hash
            sealed += 1
    anchor(now=now)
    return sealed


# --- anchors --------------------------------------------------------------------------------------
def _anchor_file() -> Path | None:
    path = getattr(settings, "AUDIT_ANCHOR_FILE", None)
    return Path(path) if path else None


def _signature(row: dict[str, Any]) -> str:
    return mac("anchor", f"{row['id']}\x00{row['hash']}\x00{row['count']}\x00{row['at']}")


def anchors() -> list[dict[str, Any]]:
    path = _anchor_file()
    if path is None or not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            out.append({"bad": line[:80]})
    return out


def anchor(*, now: Any = None, force: bool = False) -> dict[str, Any] | None:
    """Append the chain's head to the anchor file (signed), unless the last anchor is younger than
    AUDIT_ANCHOR_MINUTES and the head has not moved — or there is no file configured."""
    path = _anchor_file()
    if path is None:
        return None
    now = now or timezone.now()
    head = AuditEntry.objects.exclude(hash="").order_by("-id").values_list("id", "hash").first()
    if head is None:
        return None
    previous = anchors()
    last = previous[-1] if previous else None
    interval = timedelta(minutes=int(getattr(settings, "AUDIT_ANCHOR_MINUTES", 10)))
    if not force and last and "at" in last:
        moved = last.get("id") != head[0]
        age = now - datetime.fromisoformat(last["at"])
        if age < (interval if moved else timedelta(days=1)):
            return None
    row: dict[str, Any] = {
        "id": head[0],
        "hash": head[1],
        "count": AuditEntry.objects.filter(id__lte=head[0]).exclude(hash="").count(),
        "at": now.isoformat(),
    }
    row["sig"] = _signature(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    log.info("audit anchor %s", json.dumps(row, sort_keys=True))
    return row


# --- verification ---------------------------------------------------------------------------------
def verify() -> tuple[int, list[str]]:
    """Recompute the MACs and the chain and compare the head with the anchors. Returns (entries
    checked, problems), each problem naming the row and what happened to it."""
    problems: list[str] = []
    prev = ""
    checked = 0
    keyed = False
    links: dict[int, str] = {}
    for entry in AuditEntry.objects.exclude(hash="").order_by("id").iterator(chunk_size=2000):
        checked += 1
        if entry.mac:
            keyed = True
            if not same(entry.mac, entry.content_mac()):
                problems.append(f"#{entry.pk}: 内容被修改，或记录不是由本系统写入（签名不符）")
        elif keyed:
            problems.append(f"#{entry.pk}: 没有签名却排在已签名的记录之后（在库中直接插入或被降级）")
        if entry.prev_hash != prev:
            problems.append(f"#{entry.pk}: 链接断开（它之前的记录被删除或替换）")
        elif not same(_link(entry, prev), entry.hash):
            problems.append(f"#{entry.pk}: 哈希链被改写（与封存时不一致）")
        prev = entry.hash
        links[entry.pk] = entry.hash
    unsealed_before = (
        AuditEntry.objects.filter(hash="")
        .filter(id__lt=AuditEntry.objects.exclude(hash="").order_by("-id").values("id")[:1])
        .values_list("id", flat=True)[:10]
    )
    for pk in unsealed_before:
        problems.append(f"#{pk}: 未封存却夹在已封存的记录之间")
    problems += _check_anchors(links, checked)
    return checked, problems


def _check_anchors(links: dict[int, str], checked: int) -> list[str]:
    out: list[str] = []
    ids = sorted(links)
    for n, row in enumerate(anchors(), start=1):
        if "bad" in row or not all(k in row for k in ("id", "hash", "count", "at", "sig")):
            out.append(f"锚点第 {n} 行无法读取（锚点文件被改动）")
            continue
        if not same(str(row["sig"]), _signature(row)):
            out.append(f"锚点第 {n} 行签名不符（锚点文件被伪造或改动）")
            continue
        anchored_id = int(row["id"])
        if anchored_id not in links:
            newest = max(links) if links else 0
            out.append(
                f"锚点记录到 #{anchored_id}（{row['at'][:16]}，共 {row['count']} 条），库中已封存的记录只到 #{newest}："
                "最新的记录被删除（截断）或日志被清空"
            )
        elif not same(links[anchored_id], str(row["hash"])):
            out.append(f"#{anchored_id}: 与 {row['at'][:16]} 的锚点不一致（此前的记录被改写后重新计算了哈希链）")
        elif bisect.bisect_right(ids, anchored_id) != int(row["count"]):
            out.append(f"#{anchored_id} 之前的记录数与锚点不一致（有记录被删除或插入）")
    return out
