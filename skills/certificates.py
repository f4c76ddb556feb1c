"""获奖证书 as PDF (WeasyPrint: HTML + CSS → PDF, fonts embedded from the server's fontconfig).

The fonts are free CJK fonts from Debian (fonts-noto-cjk: Noto Serif CJK SC / Noto Sans CJK SC);
the certificate's footer names the font it was set in. Without Pango (WeasyPrint's text engine)
the server answers with a clear message instead of a broken file."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

FONT = "Noto Serif CJK SC"


class CertificateUnavailable(Exception):
    pass


def render(submissions: list[Any], *, selection: Any) -> bytes:
    html = render_to_string("skills/certificate.html", {"items": submissions, "selection": selection, "font": FONT})
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: the Pango library is missing
        raise CertificateUnavailable("服务器缺少 PDF 排版组件（Pango），请联系系统管理员安装后再下载证书") from exc
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]
