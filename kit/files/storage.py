"""Files that hold personal data — uploaded workbooks, error reports, generated files of jobs —
stored encrypted at rest with the PII keys (AES-256-GCM or SM4-GCM, `kit.pii.encrypt_bytes`):
what lies in `var/media/jobs/` is ciphertext, readable only through the application, which
decrypts on open. They are also kept no longer than `FILE_RETENTION_DAYS` (`kit.jobs.runner.sweep_files`).

A file written before this storage existed (plaintext) is still read as it is."""

from __future__ import annotations

from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage

from kit.pii import decrypt_bytes, encrypt_bytes, is_encrypted_file

AAD = b"changai/private-file/v1"


class PrivateStorage(FileSystemStorage):
    """Under MEDIA_ROOT like before (so the files of older jobs are still found), never served by
    URL; contents encrypted."""

    def _save(self, name: str, content: File) -> str:
        if hasattr(content, "seek"):
            content.seek(0)
        data = content.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        return super()._save(name, ContentFile(encrypt_bytes(data, aad=AAD)))  # type: ignore[misc]

    def _open(self, name: str, mode: str = "rb") -> File:
        with super()._open(name, "rb") as handle:  # type: ignore[misc]
            raw = handle.read()
        data = decrypt_bytes(raw, aad=AAD) if is_encrypted_file(raw) else raw
        return ContentFile(data, name=name)

    def url(self, name: str | None) -> str:
        raise ValueError("private files are not served by URL; open them through the application")


def private_storage() -> PrivateStorage:
    """The storage of job files (a callable, so migrations do not freeze a path)."""
    return PrivateStorage()
