#!/usr/bin/env bash
# What the 专报 PDF needs on a Debian server: LibreOffice Writer (headless), the Noto CJK fonts and the
# Fandol fonts (仿宋/楷体; only packaged inside texlive-lang-chinese, so the four OTFs are extracted from
# that .deb instead of installing TeX Live). Run as root; without root it prints the commands.
# The .docx needs none of this. See shared research/bulletin-rendering.md and bulletins/README.md.
set -euo pipefail
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# grep -c reads all its input (with pipefail, grep -q could SIGPIPE fc-list)
[ "$(fc-list 2>/dev/null | grep -ci 'Noto Serif CJK SC' || true)" -gt 0 ] || need+=(fonts-noto-cjk fontconfig)
have_fandol=0
[ "$(fc-list 2>/dev/null | grep -ci 'FandolFang' || true)" -gt 0 ] && have_fandol=1
if [ ${#need[@]} -eq 0 ] && [ $have_fandol -eq 1 ]; then
  echo "专报 PDF：LibreOffice 与字体已就绪"
  exit 0
fi
commands="apt-get update && apt-get install -y --no-install-recommends ${need[*]:-}
cd \"\$(mktemp -d)\" && apt-get download texlive-lang-chinese && dpkg-deb -x texlive-lang-chinese_*_all.deb tlc \\
  && install -d /usr/local/share/fonts/fandol \\
  && install -m644 tlc/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/Fandol{Fang,Kai,Hei,Song}-*.otf /usr/local/share/fonts/fandol/ \\
  && fc-cache -f"
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "专报 PDF 需要 LibreOffice 和公文字体（Word 文件不需要）。请以 root 在 Debian 上执行："
  echo "$commands"
  exit 0
fi
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ $have_fandol -eq 0 ]; then
  dir=$(mktemp -d)
  (cd "$dir" && apt-get download -qq texlive-lang-chinese >/dev/null && dpkg-deb -x texlive-lang-chinese_*_all.deb tlc \
    && install -d /usr/local/share/fonts/fandol \
    && install -m644 tlc/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/Fandol{Fang,Kai,Hei,Song}-*.otf /usr/local/share/fonts/fandol/) \
    || echo "未能下载 Fandol 字体（仿宋/楷体将由 Noto 代替）"
  rm -rf "$dir"
  fc-cache -f >/dev/null
fi
echo "专报 PDF：LibreOffice 与字体已安装"
