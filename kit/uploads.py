"""Uploaded files: type and size checked by content, never by the file name."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

LABELS = {
    "pdf": "PDF",
    "png": "PNG 图片",
    "jpeg": "JPEG 图片",
    "docx": "Word（.docx）",
    "xlsx": "Excel（.xlsx）",
    "doc": "Word 97-2003（.doc）",
}


def sniff(head: bytes, handle: Any = None) -> str | None:
    """The kind of a file from its first bytes (and, for zip containers, its members)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith(b"PK\x03\x04") and handle is not None:
        try:
            handle.seek(0)
            names = set(zipfile.ZipFile(handle).namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            handle.seek(0)
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


@deconstructible
class FileCheck:
    """A model-field validator: `FileCheck(("pdf", "docx"), max_mb=20)`."""

    def __init__(self, kinds: Sequence[str], max_mb: int | None = 20) -> None:
        self.kinds = tuple(kinds)
        self.max_mb = max_mb  # None: settings.UPLOAD_MAX_MB, read when a file is checked

    def limit_mb(self) -> int:
        from django.conf import settings

        return self.max_mb if self.max_mb is not None else int(getattr(settings, "UPLOAD_MAX_MB", 20))

    def __call__(self, value: Any) -> None:
        if not value:
            return
        size = getattr(value, "size", 0) or 0
        limit = self.limit_mb()
        if size > limit * 1024 * 1024:
            raise ValidationError(f"文件过大：上限 {limit} MB")
        handle = getattr(value, "file", value)
        try:
            handle.seek(0)
            head = handle.read(16)
            kind = sniff(head, handle)
        except (OSError, ValueError):  # a stored file that is no longer readable
            return
        if kind not in self.kinds:
            allowed = "、".join(LABELS.get(k, k) for k in self.kinds)
            raise ValidationError(f"文件类型不符：只接受 {allowed}（按文件内容判断，不看扩展名）")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FileCheck) and (self.kinds, self.max_mb) == (other.kinds, other.max_mb)

    def __hash__(self) -> int:
        return hash((self.kinds, self.max_mb))


DOCUMENTS: Callable[[], FileCheck] = lambda: FileCheck(("pdf", "docx", "doc"), max_mb=20)  # noqa: E731
PHOTOS: Callable[[], FileCheck] = lambda: FileCheck(("jpeg", "png"), max_mb=10)  # noqa: E731
# case files and the like: papers, scans, photos, Office files; the size limit a setting (UPLOAD_MAX_MB)
ATTACHMENTS: Callable[[], FileCheck] = lambda: FileCheck(("pdf", "png", "jpeg", "docx", "doc", "xlsx"), max_mb=None)  # noqa: E731
