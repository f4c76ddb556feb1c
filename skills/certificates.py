"""获奖证书 as PDF (kit.pdf: WeasyPrint, Noto Serif CJK SC embedded; the certificate's footer names
the font it was set in)."""

from __future__ import annotations

from typing import Any

from kit.pdf import PdfUnavailable, render_pdf

CertificateUnavailable = PdfUnavailable


def render(submissions: list[Any], *, selection: Any) -> bytes:
    return render_pdf("skills/certificate.html", {"items": submissions, "selection": selection})
