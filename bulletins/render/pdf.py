"""The PDF of an issue: LibreOffice (headless) converts the render copy of the .docx, with the
official font names mapped to free fonts (gongwen-fonts.conf). Each worker thread has its own
LibreOffice profile (two soffice processes on one profile do not run side by side: the second
exits and writes nothing). Without LibreOffice the PDF is refused with the command that installs
it; the .docx does not need it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from django.conf import settings

CONF = Path(__file__).with_name("gongwen-fonts.conf")
INSTALL = (
    "scripts/install_bulletin_fonts.sh（以 root 运行；Debian：apt-get install libreoffice-writer-nogui fonts-noto-cjk）"
)


class PdfUnavailable(RuntimeError):
    pass


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _fontconfig() -> Path:
    """A fonts.conf: the system's, then our mapping of the official names."""
    target = Path(settings.DATA_DIR) / "fontconfig" / "fonts.conf"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <include>{CONF}</include>\n</fontconfig>\n"
    )
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target


def convert(docx: bytes, *, timeout: int = 180) -> bytes:
    """The render copy (.docx bytes) as PDF bytes."""
    binary = soffice()
    if binary is None:
        raise PdfUnavailable(f"服务器未安装 LibreOffice，无法生成 PDF（Word 文件不受影响）。安装：{INSTALL}")
    profile = Path(settings.DATA_DIR) / "lo-profiles" / f"{os.getpid()}-{threading.get_ident()}"
    profile.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "FONTCONFIG_FILE": str(_fontconfig()), "HOME": str(profile)}
    with tempfile.TemporaryDirectory(prefix="bulletin-") as work:
        source = Path(work) / "bulletin.docx"
        source.write_bytes(docx)
        command = [
            binary,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            work,
            str(source),
        ]
        try:
            done = subprocess.run(command, env=env, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PdfUnavailable("LibreOffice 转换超时") from exc
        result = Path(work) / "bulletin.pdf"
        if done.returncode != 0 or not result.exists():
            message = (done.stderr or done.stdout).decode("utf-8", "replace")[-300:]
            raise PdfUnavailable(f"LibreOffice 未能生成 PDF：{message or done.returncode}")
        return result.read_bytes()


def fonts_in(pdf: bytes) -> list[str]:
    """The fonts embedded in a PDF (pdffonts, when poppler is installed): their names without the
    subset prefix, each once; [] when it cannot tell."""
    tool = shutil.which("pdffonts")
    if tool is None:
        return []
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        done = subprocess.run([tool, handle.name], capture_output=True, timeout=60, check=False)
    names = []
    for line in done.stdout.decode("utf-8", "replace").splitlines()[2:]:
        name = line.split()[0] if line.split() else ""
        names.append(re.sub(r"^[A-Z]{6}\+", "", name))
    return list(dict.fromkeys(n for n in names if n))
