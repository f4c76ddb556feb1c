"""Printable documents as PDF (certificates, notices, printable lists): an HTML template set with
CSS and rendered by WeasyPrint, the fonts embedded from the server's fontconfig — free CJK fonts
from Debian (fonts-noto-cjk). GB/T 9704 documents (the 专报) go through Word and LibreOffice
instead (docs/decisions/0005). Without Pango, WeasyPrint's text engine, the caller gets a clear
message instead of a broken file."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

FONT = "Noto Serif CJK SC"


class PdfUnavailable(Exception):
    def __init__(self) -> None:
        super().__init__("服务器缺少 PDF 排版组件（Pango），请联系系统管理员安装后再下载")


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """`template` rendered with `context` (plus `font`, the font the PDF is set in) as PDF bytes."""
    html = render_to_string(template, {"font": FONT, **context})
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: the Pango library is missing
        raise PdfUnavailable() from exc
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]
