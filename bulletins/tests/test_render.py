"""The 专报 files: the .docx in the GB/T 9704 layout — A4, the margins, the 22 × 28 grid, the official
font names, odd/even page numbers, the 版记 at the foot, every pPr/rPr child in schema order — and
its PDF from LibreOffice: A4 pages, 22 lines on a full page, only embedded free fonts (no fallback
font, so no missing glyph), every character of the text there, nothing outside the margins. The PDF
tests are skipped, saying why, on a machine without LibreOffice or poppler."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from bulletins.render import docx as render
from bulletins.render import pdf
from bulletins.writing import runs

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MM = 72 / 25.4
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "qixia-bulletin-2023-02.md"
TEXT = Path(__file__).resolve().parents[1] / "data" / "qixia-2023-02.txt"
FIGURES = {
    "项目清单": "21", "连续印发党工共建实施意见": "5", "党工服务阵地": "100", "党工共建微服务项目": "100",
    "重点联系非公企业": "100", "连续出台思政教育实施意见": "3", "宣讲场次": "237", "参与职工、师生|万余": "2万余",
    "帮带产生发明专利": "5", "获市职工发明专利奖": "2", "评为劳动模范": "1", "职工收入年均增长|以上": "8%以上",
    "连续开展评选": "2", "优秀科技创新成果": "12", "先进操作法": "9", "培训班次": "36", "培训人次": "5200",
    "技术创新项目": "9", "各级创新工作室": "106", "劳模创新工作组": "5", "帮扶项目户均年增收": "9000",
    "帮扶困难家庭": "48", "互助保障参保单位|多": "300多", "互助保障参保职工|近": "近2.5万",
    "职工志愿服务队伍": "117", "集体协商质效评估三星级企业": "44", "建成并投入使用的爱心驿站": "101",
    "区级星级驿站": "11", "依法审结案件": "230", "涉案标的": "847.7",
}  # fmt: skip


def content() -> render.Content:
    from bulletins.writing import fill, paragraphs

    title, body = TEXT.read_text(encoding="utf-8").split("\n\n", 1)
    figures = {k: {"text": v} for k, v in FIGURES.items()}
    return render.Content(
        masthead="新时代江苏产业工人队伍建设改革联席会",
        masthead_title="专　报",
        number="2023年第2期（总第23期）",
        office="新时代江苏产业工人队伍建设改革联席会议办公室",
        date="2023年4月6日",
        title=title.strip(),
        paragraphs=[runs(p) for p in paragraphs(fill(body, figures))],
        report_to=[
            "推进产业工人队伍建设改革协调小组办公室，省委全面深化改革委员会办公室。",
            "新时代江苏产业工人队伍建设改革联席会议召集人、副召集人。",
        ],
        copy_to=["省产改联席会议成员单位、省有关单位，各设区市产改领导机构。"],
    )


def _part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def test_the_docx_is_an_official_page() -> None:
    data = render.build(content())
    document = _part(data, "word/document.xml")
    sect = document.find(f".//{W}sectPr")
    size, margins, grid = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar"), sect.find(f"{W}docGrid")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")  # A4
    assert [margins.get(f"{W}{side}") for side in ("top", "bottom", "left", "right")] == [
        "2098",
        "1984",
        "1587",
        "1474",
    ]
    assert (grid.get(f"{W}type"), grid.get(f"{W}linePitch"), grid.get(f"{W}charSpace")) == (
        "linesAndChars",
        "579",
        "-849",
    )
    fonts = {f.get(f"{W}eastAsia") for f in document.iter(f"{W}rFonts")}
    assert {"仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"} <= fonts
    for f in document.iter(f"{W}rFonts"):  # every slot named, no theme font winning
        assert f.get(f"{W}ascii") == f.get(f"{W}eastAsia") and f.get(f"{W}asciiTheme") is None
    red = [r for r in document.iter(f"{W}r") if r.find(f"{W}rPr/{W}color") is not None]
    assert "".join(r.findtext(f"{W}t") or "" for r in red) == "新时代江苏产业工人队伍建设改革联席会专　报"
    assert document.find(f".//{W}pBdr/{W}bottom").get(f"{W}color") == "FF0000"  # the red rule
    floating = document.find(f".//{W}tblpPr")
    assert floating.get(f"{W}tblpYSpec") == "bottom" and floating.get(f"{W}horzAnchor") == "page"  # 版记 at the foot
    settings = _part(data, "word/settings.xml")
    assert settings.find(f"{W}evenAndOddHeaders") is not None
    assert settings.find(f"{W}characterSpacingControl").get(f"{W}val") == "doNotCompress"
    styles = _part(data, "word/styles.xml")
    assert styles.find(f".//{W}docDefaults//{W}sz").get(f"{W}val") == "32"  # 三号 16 pt
    assert styles.find(f".//{W}docDefaults//{W}lang").get(f"{W}eastAsia") == "zh-CN"
    footers = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("word/footer")]
    jcs = {_part(data, n).find(f".//{W}jc").get(f"{W}val") for n in footers}
    assert len(footers) >= 2 and {"left", "right"} <= jcs  # odd right, even left
    assert all(
        " PAGE " in "".join(_part(data, n).itertext()) for n in footers if _part(data, n).find(f".//{W}jc") is not None
    )


@pytest.mark.parametrize("target", ["word", "lo"])
def test_every_property_element_is_in_schema_order(target: str) -> None:
    data = render.build(content(), target=target)
    for part in ("word/document.xml", "word/styles.xml", "word/footer1.xml", "word/footer2.xml"):
        try:
            root = _part(data, part)
        except KeyError:
            continue
        for tag, order in (("pPr", render.PPR_ORDER), ("rPr", render.RPR_ORDER)):
            for element in root.iter(f"{W}{tag}"):
                names = [c.tag.split("}")[-1] for c in element]
                ranks = [order.index(n) for n in names]
                assert ranks == sorted(ranks), (part, tag, names)


def test_the_render_copy_has_the_line_grid_and_condensed_runs() -> None:
    document = _part(render.build(content(), target="lo"), "word/document.xml")
    grid = document.find(f".//{W}docGrid")
    assert grid.get(f"{W}type") == "lines" and grid.get(f"{W}charSpace") is None
    spacings = {s.get(f"{W}val") for s in document.iter(f"{W}spacing") if s.getparent().tag == f"{W}rPr"}
    assert spacings == {"-5"}


# --- the PDF ----------------------------------------------------------------------------------------
def _need(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} 未安装（scripts/install_bulletin_fonts.sh、poppler-utils），无法检查 PDF")


@pytest.fixture(scope="module")
def made() -> bytes:
    if pdf.soffice() is None:
        pytest.skip("LibreOffice 未安装（scripts/install_bulletin_fonts.sh），无法生成 PDF")
    for tool in ("pdfinfo", "pdffonts", "pdftotext"):
        _need(tool)
    from django.conf import settings  # noqa: F401 — DATA_DIR for the LibreOffice profile

    return pdf.convert(render.build(content(), target="lo"))


def _run(*args: str, data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        return subprocess.run(
            [*args, handle.name, *(["-"] if args[0] == "pdftotext" else [])], capture_output=True, check=True
        ).stdout.decode()


def test_the_pdf_pages_are_a4_with_22_lines_on_a_full_page(made: bytes) -> None:
    info = _run("pdfinfo", data=made)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 4 <= pages <= 6 and "595.3" in info and "841.89" in info  # A4 in points
    for page in range(2, pages):  # the full pages between the masthead and the last
        text = _run("pdftotext", "-layout", "-f", str(page), "-l", str(page), data=made)
        lines = [line for line in text.splitlines() if line.strip() and not re.fullmatch(r"\s*—\s*\d+\s*—\s*", line)]
        assert len(lines) == 22, (page, len(lines))


def test_the_pdf_embeds_only_the_free_fonts_and_misses_no_glyph(made: bytes) -> None:
    table = _run("pdffonts", data=made).splitlines()[2:]
    assert table and all(line.split()[-5] == "yes" for line in table)  # the "emb" column
    names = pdf.fonts_in(made)
    assert names and all(re.match(r"(Fandol|NotoSerifCJK|NotoSansCJK)", n) for n in names), names
    text = re.sub(r"\s", "", _run("pdftotext", data=made))
    body = "".join(t for p in content().paragraphs for t, _s in p)
    missing = {ch for ch in body if not ch.isspace() and ch not in text}
    assert not missing, missing


def test_nothing_lies_outside_the_margins(made: bytes) -> None:
    html = _run("pdftotext", "-bbox", data=made)
    for page in html.split("<page ")[1:]:
        for x0, y0, x1, y1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page
        ):
            if float(y0) / MM > 262.5:  # the page number sits 7 mm below the block
                assert word in ("—",) or word.isdigit(), word
                continue
            assert 28 - 0.5 <= float(x0) / MM and float(x1) / MM <= 184 + 0.5, word
            assert float(y0) / MM >= 37 - 0.5, word
