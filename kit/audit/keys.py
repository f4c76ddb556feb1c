"""The audit chain's key: HMAC-SHA256 with `AUDIT_KEY` (CHANGAI_AUDIT_KEY, base64 of 32+ bytes) or,
when not set, a key derived from the blind-index key (HKDF) — either way held outside the database,
like the PII keys, so that someone with only database access cannot forge a row or recompute the
chain."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver


@functools.cache
def _key() -> bytes:
    raw = str(getattr(settings, "AUDIT_KEY", "") or "").strip()
    if raw:
        key = base64.b64decode(raw)
        if len(key) < 32:
            raise ImproperlyConfigured("CHANGAI_AUDIT_KEY must be base64 of at least 32 bytes.")
        return key
    bidx = base64.b64decode(str(settings.BIDX_KEY))
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"changai/audit-chain/v1").derive(bidx)


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs: object) -> None:
    if setting in ("AUDIT_KEY", "BIDX_KEY"):
        _key.cache_clear()


def mac(purpose: str, message: str) -> str:
    return hmac.new(_key(), f"{purpose}\x00{message}".encode(), hashlib.sha256).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a, b)
