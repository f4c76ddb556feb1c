"""Personal data at rest: authenticated encryption, blind indexes and masking.

Settings:
  PII_KEYS    "1:<base64 of 32 bytes>,2:<base64 of 32 bytes>" (key id → key; ids are positive integers)
  PII_KEY_ID  key id for new writes; 0 means the highest id in PII_KEYS
  BIDX_KEY    base64 of at least 32 bytes, the HMAC-SHA256 key of blind indexes
  PII_CIPHER  "aes" (default, AES-256-GCM, tokens "v{id}:…") or "sm4" (SM4-GCM, tokens "s{id}:…")

A token is "{prefix}{key_id}:{nonce_b64}:{ciphertext_and_tag_b64}". `decrypt` reads both prefixes
whatever PII_CIPHER says, so switching cipher is a rotation like any other.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django import forms
from django.conf import settings
from django.core import checks
from django.core.exceptions import FieldDoesNotExist, FieldError, ImproperlyConfigured
from django.db import models
from django.db.models.lookups import Lookup, Transform
from django.dispatch import receiver
from django.test.signals import setting_changed

from kit.validators import normalize_mobile

__all__ = [
    "EncryptedTextField",
    "PiiDecryptError",
    "blind_index",
    "decrypt",
    "encrypt",
    "mask_id_number",
    "mask_phone",
    "mask_value",
    "needs_rotation",
    "pii_accessor",
    "pii_fields_of",
    "reset_key_cache",
    "rotate_token",
]

KEY_BYTES = 32
BIDX_MIN_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
CIPHERS = {"aes": "v", "sm4": "s"}  # PII_CIPHER → token prefix
_SM4_KDF_INFO = b"changai/pii/sm4-gcm/v1"
_TOKEN = re.compile(r"(?P<prefix>[vs])(?P<key_id>[1-9][0-9]*):(?P<nonce>[A-Za-z0-9+/=]+):(?P<body>[A-Za-z0-9+/=]+)")
_KEY_SETTINGS = frozenset({"PII_KEYS", "PII_KEY_ID", "BIDX_KEY", "PII_CIPHER"})


class PiiDecryptError(Exception):
    """A token could not be decrypted: unknown key id, tampering, wrong aad or not a token at all."""


@dataclass(frozen=True)
class _Keys:
    aes: dict[int, bytes]  # key id → 32-byte AES-256 key
    active_id: int
    prefix: str  # token prefix of the active cipher
    bidx: bytes

    @functools.cached_property
    def sm4(self) -> dict[int, bytes]:
        """SM4 takes 128-bit keys: derive one per key id with HKDF-SM3."""
        return {
            key_id: HKDF(algorithm=hashes.SM3(), length=16, salt=None, info=_SM4_KDF_INFO).derive(key)
            for key_id, key in self.aes.items()
        }


def _b64(name: str, text: str) -> bytes:
    try:
        return base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ImproperlyConfigured(f"{name} is not valid base64.") from None


def _parse_pii_keys(raw: object) -> dict[int, bytes]:
    if not isinstance(raw, str) or not raw.strip():
        raise ImproperlyConfigured('PII_KEYS is empty; expected "1:<base64 of 32 bytes>[,2:<base64 of 32 bytes>…]".')
    keys: dict[int, bytes] = {}
    for position, entry in enumerate(raw.split(","), start=1):
        key_id_text, sep, key_text = entry.strip().partition(":")
        if not sep or not key_text.strip():
            raise ImproperlyConfigured(f'PII_KEYS entry #{position} is not of the form "<key id>:<base64 key>".')
        key_id_text = key_id_text.strip()
        if not key_id_text.isascii() or not key_id_text.isdigit() or int(key_id_text) < 1:
            raise ImproperlyConfigured(f"PII_KEYS entry #{position}: key id {key_id_text!r} is not a positive integer.")
        key_id = int(key_id_text)
        if key_id in keys:
            raise ImproperlyConfigured(f"PII_KEYS lists key id {key_id} twice.")
        key = _b64(f"PII_KEYS key {key_id}", key_text)
        if len(key) != KEY_BYTES:
            raise ImproperlyConfigured(f"PII_KEYS key {key_id} is {len(key)} bytes; it must be exactly {KEY_BYTES}.")
        keys[key_id] = key
    return keys


@functools.cache
def _keys() -> _Keys:
    """Parse and check the key settings once; `reset_key_cache` forgets them."""
    aes = _parse_pii_keys(getattr(settings, "PII_KEYS", ""))
    wanted = getattr(settings, "PII_KEY_ID", 0) or 0
    if isinstance(wanted, str) and wanted.strip().isdigit():
        wanted = int(wanted)
    if not isinstance(wanted, int) or isinstance(wanted, bool) or wanted < 0:
        raise ImproperlyConfigured(f"PII_KEY_ID must be a non-negative integer, not {wanted!r}.")
    active_id = wanted or max(aes)
    if active_id not in aes:
        known = ", ".join(str(k) for k in sorted(aes))
        raise ImproperlyConfigured(f"PII_KEY_ID {active_id} is not among the PII_KEYS ids ({known}).")
    cipher = str(getattr(settings, "PII_CIPHER", "aes") or "aes").lower()
    if cipher not in CIPHERS:
        raise ImproperlyConfigured(f'PII_CIPHER must be "aes" or "sm4", not {cipher!r}.')
    bidx_raw = getattr(settings, "BIDX_KEY", "")
    if not isinstance(bidx_raw, str) or not bidx_raw.strip():
        raise ImproperlyConfigured(f"BIDX_KEY is empty; expected base64 of at least {BIDX_MIN_BYTES} bytes.")
    bidx = _b64("BIDX_KEY", bidx_raw)
    if len(bidx) < BIDX_MIN_BYTES:
        raise ImproperlyConfigured(f"BIDX_KEY is {len(bidx)} bytes; it must be at least {BIDX_MIN_BYTES}.")
    if any(hmac.compare_digest(bidx, key) for key in aes.values()):
        raise ImproperlyConfigured("BIDX_KEY must differ from every key in PII_KEYS.")
    return _Keys(aes=aes, active_id=active_id, prefix=CIPHERS[cipher], bidx=bidx)


def reset_key_cache() -> None:
    """Forget the parsed keys (settings changed)."""
    _keys.cache_clear()


@receiver(setting_changed)
def _on_setting_changed(*, setting: str, **kwargs: Any) -> None:
    if setting in _KEY_SETTINGS:
        reset_key_cache()


# --- encryption -------------------------------------------------------------------------------


def _sm4_encrypt(key: bytes, nonce: bytes, data: bytes, aad: bytes) -> bytes:
    encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(aad)
    return encryptor.update(data) + encryptor.finalize() + encryptor.tag


def _sm4_decrypt(key: bytes, nonce: bytes, body: bytes, aad: bytes) -> bytes:
    if len(body) < TAG_BYTES:
        raise InvalidTag
    decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce, body[-TAG_BYTES:])).decryptor()
    decryptor.authenticate_additional_data(aad)
    return decryptor.update(body[:-TAG_BYTES]) + decryptor.finalize()


def encrypt(plaintext: str, *, aad: bytes = b"") -> str:
    """Encrypt with the active key: "v{key_id}:{nonce}:{ciphertext}" (or "s…" under SM4)."""
    if not isinstance(plaintext, str):
        raise TypeError(f"encrypt() takes str, not {type(plaintext).__name__}")
    keys = _keys()
    nonce = os.urandom(NONCE_BYTES)
    data = plaintext.encode("utf-8")
    if keys.prefix == "s":
        body = _sm4_encrypt(keys.sm4[keys.active_id], nonce, data, aad)
    else:
        body = AESGCM(keys.aes[keys.active_id]).encrypt(nonce, data, aad)
    return f"{keys.prefix}{keys.active_id}:{_b64text(nonce)}:{_b64text(body)}"


def _b64text(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _parse_token(token: object) -> tuple[str, int, bytes, bytes]:
    match = _TOKEN.fullmatch(token) if isinstance(token, str) else None
    if match is None:
        raise PiiDecryptError("Not an encrypted PII token.")
    try:
        nonce = base64.b64decode(match["nonce"], validate=True)
        body = base64.b64decode(match["body"], validate=True)
    except (binascii.Error, ValueError):
        raise PiiDecryptError("Not an encrypted PII token: bad base64.") from None
    if len(nonce) != NONCE_BYTES or len(body) < TAG_BYTES:
        raise PiiDecryptError("Not an encrypted PII token: wrong nonce or ciphertext length.")
    return match["prefix"], int(match["key_id"]), nonce, body


def decrypt(token: str, *, aad: bytes = b"") -> str:
    """Decrypt a token of ours; raises PiiDecryptError rather than ever returning ciphertext."""
    prefix, key_id, nonce, body = _parse_token(token)
    keys = _keys()
    if key_id not in keys.aes:
        known = ", ".join(str(k) for k in sorted(keys.aes))
        raise PiiDecryptError(f"Token was written with key id {key_id}, which is not in PII_KEYS ({known}).")
    try:
        if prefix == "s":
            data = _sm4_decrypt(keys.sm4[key_id], nonce, body, aad)
        else:
            data = AESGCM(keys.aes[key_id]).decrypt(nonce, body, aad)
    except InvalidTag:
        raise PiiDecryptError(
            f"Token with key id {key_id} failed authentication: tampered, wrong key or wrong aad."
        ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise PiiDecryptError("Decrypted data is not UTF-8 text.") from None


FILE_MAGIC = b"CHGF1"  # a file of ours, format 1: magic, cipher prefix, key id (4 bytes), nonce, body


def encrypt_bytes(data: bytes, *, aad: bytes = b"") -> bytes:
    """Encrypt a file's bytes with the active key and cipher (`kit.files.storage.PrivateStorage`)."""
    keys = _keys()
    nonce = os.urandom(NONCE_BYTES)
    if keys.prefix == "s":
        body = _sm4_encrypt(keys.sm4[keys.active_id], nonce, data, aad)
    else:
        body = AESGCM(keys.aes[keys.active_id]).encrypt(nonce, data, aad)
    return FILE_MAGIC + keys.prefix.encode() + keys.active_id.to_bytes(4, "big") + nonce + body


def is_encrypted_file(blob: bytes) -> bool:
    return blob.startswith(FILE_MAGIC)


def decrypt_bytes(blob: bytes, *, aad: bytes = b"") -> bytes:
    """The plaintext of `encrypt_bytes`; PiiDecryptError when tampered, truncated or of an unknown key."""
    head = len(FILE_MAGIC)
    if not blob.startswith(FILE_MAGIC) or len(blob) < head + 5 + NONCE_BYTES + TAG_BYTES:
        raise PiiDecryptError("Not an encrypted file of ours.")
    prefix = blob[head : head + 1].decode("ascii", "replace")
    key_id = int.from_bytes(blob[head + 1 : head + 5], "big")
    nonce = blob[head + 5 : head + 5 + NONCE_BYTES]
    body = blob[head + 5 + NONCE_BYTES :]
    keys = _keys()
    if key_id not in keys.aes or prefix not in ("v", "s"):
        raise PiiDecryptError(f"File was written with key id {key_id}, which is not in PII_KEYS.")
    try:
        if prefix == "s":
            return _sm4_decrypt(keys.sm4[key_id], nonce, body, aad)
        return AESGCM(keys.aes[key_id]).decrypt(nonce, body, aad)
    except InvalidTag:
        raise PiiDecryptError("Encrypted file failed authentication: tampered or wrong key.") from None


def needs_rotation(token: str) -> bool:
    """True when the token was not written with the active key id and cipher."""
    prefix, key_id, _, _ = _parse_token(token)
    keys = _keys()
    return key_id != keys.active_id or prefix != keys.prefix


def rotate_token(token: str, *, aad: bytes = b"") -> str:
    """Re-encrypt a token with the active key (and cipher)."""
    return encrypt(decrypt(token, aad=aad), aad=aad)


# --- blind index ------------------------------------------------------------------------------


def blind_index(value: str, *, kind: str) -> str:
    """Hex HMAC-SHA256 of kind + NUL + value, for exact-match search. Normalise `value` first."""
    if not isinstance(value, str):
        raise TypeError(f"blind_index() takes str, not {type(value).__name__}")
    if not kind or "\x00" in kind:
        raise ValueError("blind_index() needs a non-empty kind without NUL characters.")
    message = f"{kind}\x00{value}".encode()
    return hmac.new(_keys().bidx, message, hashlib.sha256).hexdigest()


# --- model field ------------------------------------------------------------------------------


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """A TextField stored as an encryption token; the Python value is the plaintext.

    None and "" are stored as they are. It cannot be filtered on (only `isnull`): search through a
    separate blind-index column, and never make it unique or indexed.
    """

    description = "Encrypted text"

    def from_db_value(self, value: str | None, expression: object, connection: object) -> str | None:
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)

    def get_lookup(self, lookup_name: str) -> type[Lookup] | None:
        if lookup_name != "isnull":
            raise FieldError(self._unsearchable(lookup_name))
        return super().get_lookup(lookup_name)

    def get_transform(self, lookup_name: str) -> type[Transform] | None:
        raise FieldError(self._unsearchable(lookup_name))

    def _unsearchable(self, lookup_name: str) -> str:
        label = f"{self.model._meta.label}.{self.name}" if hasattr(self, "model") else (self.name or "field")
        return (
            f"{label} is encrypted: lookup or transform '{lookup_name}' is not supported, only 'isnull'. "
            "Filter on its blind index instead."
        )

    def formfield(self, **kwargs: Any) -> Any:
        """A one-line input: these hold ID numbers and phones, not prose."""
        return super().formfield(**{"widget": forms.TextInput, **kwargs})

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        if self.unique or self.primary_key or getattr(self, "db_index", False):
            errors.append(
                checks.Error(
                    "EncryptedTextField cannot be unique, a primary key or indexed: every write has a fresh nonce.",
                    hint="Put the constraint or the index on a blind-index field.",
                    obj=self,
                    id="kit.E101",
                )
            )
        return errors


# --- masking ----------------------------------------------------------------------------------


def _mask_middle(text: str, head: int, tail: int) -> str:
    return text[:head] + "*" * (len(text) - head - tail) + text[len(text) - tail :]


def _mask_short(text: str) -> str:
    """Keep at most a quarter at each end, so at least half is hidden."""
    keep = len(text) // 4
    return _mask_middle(text, keep, keep)


def mask_id_number(value: str) -> str:
    """ "320113196501011234" → "320113********1234"; short input keeps at most a quarter each end."""
    text = value.strip()
    if len(text) >= 14:
        return _mask_middle(text, 6, 4)
    return _mask_short(text)


def mask_phone(value: str) -> str:
    """ "13812345678" (also "+86 138-1234-5678") → "138****5678"; short input keeps a quarter each end."""
    text = normalize_mobile(value)
    if len(text) >= 10:
        return _mask_middle(text, 3, 4)
    return _mask_short(text)


def mask_value(field_name: str, value: object) -> str | None:
    """Mask by field name: *id_number* → mask_id_number, *phone*/*mobile* → mask_phone, else "******"."""
    if value is None:
        return None
    text = str(value)
    if text == "":
        return ""
    name = field_name.lower()
    if "id_number" in name:
        return mask_id_number(text)
    if "phone" in name or "mobile" in name:
        return mask_phone(text)
    return "******"


def pii_fields_of(model: type[models.Model]) -> tuple[str, ...]:
    """The fields of `model` holding personal data: what it declares in `pii_fields`, and every
    encrypted field whether declared or not — so a new model's encrypted column is masked in
    lists, detail pages, exports and the API by default, not by remembering."""
    declared = tuple(getattr(model, "pii_fields", ()) or ())
    encrypted = tuple(
        f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField) and f.name not in declared
    )
    return declared + encrypted


def pii_accessor(model: type[models.Model], accessor: str) -> bool:
    """Does `a__b__c` on `model` end in a personal-data field (of whichever model it reaches)?"""
    current: Any = model
    parts = accessor.split("__")
    for part in parts[:-1]:
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        if not field.is_relation or field.related_model is None:
            return False
        current = field.related_model
    return parts[-1] in pii_fields_of(current)
