"""The .docx of an issue in the layout of GB/T 9704-2012, built with python-docx and the few raw OOXML
settings that give a true 公文 page (shared research: bulletin-rendering.md §3):

- A4, margins 37 / 35 / 28 / 26 mm (a 156 × 225 mm text block), 22 lines × 28 characters through the
  document grid (`linesAndChars`, linePitch 579, charSpace −849 for Word and WPS);
- 仿宋_GB2312 三号 body, 黑体 for "一、…。", 楷体_GB2312 for "一是…。", 方正小标宋简体 二号 title, the red
  masthead, the 期号 line, the issuing office and date over a red rule, page numbers "— 1 —" at the
  outside corners in 宋体 四号, the 报：/ 送： block at the foot of the last page between rules;
- the official font names in all four rFonts slots (Word and WPS on an office PC render them;
  the server maps them to free fonts for the PDF), zh-CN East-Asian language, no compression of
  punctuation; every pPr / rPr child written in schema order (checked by a test).

`build(content, target="word")` is the file users download. `target="lo"` is the render copy
LibreOffice turns into the PDF: it cannot lay out Word's character grid, so that copy has a line
grid only, 16 pt runs condensed by 0.25 pt, and LibreOffice's inverted overflowPunct."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Twips

BODY = "仿宋_GB2312"
FONTS = {"body": BODY, "h1": "黑体", "h2": "楷体_GB2312", "title": "方正小标宋简体", "page": "宋体"}
ALT_NAMES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "黑体": "SimHei", "方正小标宋简体": "宋体", "宋体": "SimSun"}
RED = "FF0000"
PITCH = 579  # twips: 28.95 pt, 22 lines in the 225 mm block
BLOCK_WIDTH = 8845  # twips: 156 mm
LEFT = 1587

PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
]  # fmt: skip
RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
    "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
    "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
]  # fmt: skip


@dataclass
class Content:
    masthead: str
    masthead_title: str
    number: str  # 2023年第2期（总第23期）
    office: str
    date: str  # 2023年4月6日
    title: str
    paragraphs: Sequence[Sequence[tuple[str, str]]]  # runs (text, style) per paragraph
    report_to: Sequence[str] = field(default_factory=list)
    copy_to: Sequence[str] = field(default_factory=list)


# --- raw OOXML helpers -------------------------------------------------------------------------------
def _el(tag: str, **attrs: Any) -> Any:
    element = OxmlElement(f"w:{tag}")
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


def _sort(parent: Any, order: Sequence[str]) -> None:
    """Put a pPr / rPr's children in schema order (Word refuses out-of-order children)."""
    rank = {name: n for n, name in enumerate(order)}
    children = list(parent)
    children.sort(key=lambda c: rank.get(c.tag.split("}")[-1], len(order)))
    for child in children:
        parent.remove(child)
        parent.append(child)


def _set(parent: Any, tag: str, order: Sequence[str], **attrs: Any) -> Any:
    existing = parent.find(qn(f"w:{tag}"))
    if existing is not None:
        parent.remove(existing)
    element = _el(tag, **attrs)
    parent.append(element)
    _sort(parent, order)
    return element


def _fonts(rpr: Any, name: str) -> None:
    _set(rpr, "rFonts", RPR_ORDER, ascii=name, hAnsi=name, eastAsia=name, cs=name, hint="eastAsia")


def _run(paragraph: Any, text: str, *, font: str, size_pt: float, color: str = "", condense: bool = False) -> Any:
    run = paragraph.add_run(text)
    rpr = run._r.get_or_add_rPr()
    _fonts(rpr, font)
    if color:
        _set(rpr, "color", RPR_ORDER, val=color)
    if condense:  # the render copy: 28 × 15.75 pt fits the 442.25 pt line
        _set(rpr, "spacing", RPR_ORDER, val=-5)
    half_points = int(size_pt * 2)
    _set(rpr, "sz", RPR_ORDER, val=half_points)
    _set(rpr, "szCs", RPR_ORDER, val=half_points)
    return run


def _paragraph(
    doc: Any,
    *,
    jc: str = "both",
    line: int = PITCH,
    indent_chars: bool = False,
    grid: bool = True,
    ind: dict[str, Any] | None = None,
) -> Any:
    paragraph = doc.add_paragraph()
    ppr = paragraph._p.get_or_add_pPr()
    if not grid:
        _set(ppr, "snapToGrid", PPR_ORDER, val=0)
    _set(ppr, "spacing", PPR_ORDER, before=0, after=0, line=line, lineRule="exact")
    if indent_chars:
        _set(ppr, "ind", PPR_ORDER, firstLineChars=200, firstLine=632)
    elif ind:
        _set(ppr, "ind", PPR_ORDER, **ind)
    _set(ppr, "jc", PPR_ORDER, val=jc)
    return paragraph


def _field(paragraph: Any, instruction: str, *, font: str, size_pt: float) -> None:
    for kind in ("begin", None, "separate", "1", "end"):
        run = _run(paragraph, "", font=font, size_pt=size_pt)
        if kind in ("begin", "separate", "end"):
            run._r.append(_el("fldChar", fldCharType=kind))
        elif kind is None:
            text = _el("instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = f" {instruction} "
            run._r.append(text)
        else:
            run.text = kind


# --- the document ----------------------------------------------------------------------------------------
def _defaults(doc: Any, target: str) -> None:
    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr, BODY)
    _set(rpr, "sz", RPR_ORDER, val=32)
    _set(rpr, "szCs", RPR_ORDER, val=32)
    _set(rpr, "lang", RPR_ORDER, val="zh-CN", eastAsia="zh-CN", bidi="ar-SA")
    ppr_default = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = _el("pPrDefault")
        styles.find(qn("w:docDefaults")).append(ppr_default)
    ppr = ppr_default.find(qn("w:pPr"))
    if ppr is None:
        ppr = _el("pPr")
        ppr_default.append(ppr)
    _set(ppr, "widowControl", PPR_ORDER, val=0)
    _set(ppr, "overflowPunct", PPR_ORDER, val=1 if target == "lo" else 0)
    normal = doc.styles["Normal"]
    nrpr = normal.element.get_or_add_rPr()
    _fonts(nrpr, BODY)
    _set(nrpr, "sz", RPR_ORDER, val=32)
    _set(nrpr, "szCs", RPR_ORDER, val=32)
    nppr = normal.element.get_or_add_pPr()
    _set(nppr, "widowControl", PPR_ORDER, val=0)
    _set(nppr, "overflowPunct", PPR_ORDER, val=1 if target == "lo" else 0)
    settings = doc.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "zh-CN")
        lang.set(qn("w:eastAsia"), "zh-CN")
    control = settings.find(qn("w:characterSpacingControl"))
    if control is not None:
        control.set(qn("w:val"), "doNotCompress")
    doc.settings.odd_and_even_pages_header_footer = True


def _section(doc: Any, target: str) -> Any:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    section.top_margin, section.bottom_margin = Twips(2098), Twips(1984)
    section.left_margin, section.right_margin = Twips(LEFT), Twips(1474)
    section.footer_distance = Mm(22)
    section.header_distance = Mm(15)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = _el("docGrid")
        section._sectPr.append(grid)
    for name in list(grid.attrib):
        del grid.attrib[name]
    if target == "lo":
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(PITCH))
    else:
        grid.set(qn("w:type"), "linesAndChars")
        grid.set(qn("w:linePitch"), str(PITCH))
        grid.set(qn("w:charSpace"), "-849")
    return section


def _page_numbers(section: Any) -> None:
    for footer, jc, ind in (
        (section.footer, "right", {"right": 280}),
        (section.even_page_footer, "left", {"left": 280}),
    ):
        paragraph = footer.paragraphs[0]
        ppr = paragraph._p.get_or_add_pPr()
        _set(ppr, "snapToGrid", PPR_ORDER, val=0)
        _set(ppr, "ind", PPR_ORDER, **ind)
        _set(ppr, "jc", PPR_ORDER, val=jc)
        _run(paragraph, "— ", font=FONTS["page"], size_pt=14)
        _field(paragraph, "PAGE", font=FONTS["page"], size_pt=14)
        _run(paragraph, " —", font=FONTS["page"], size_pt=14)


def _office_lines(office: str, date: str) -> list[str]:
    """The issuing office over as many lines as it needs beside the date (28 characters a line)."""
    if len(office) + len(date) + 2 <= 28:
        return [office]
    half = (len(office) + 1) // 2
    return [office[:half], office[half:]]


def _masthead(doc: Any, content: Content) -> None:
    top = _paragraph(doc, jc="center", line=720, grid=False)
    _run(top, content.masthead, font=FONTS["title"], size_pt=24, color=RED)
    name = _paragraph(doc, jc="center", line=1300, grid=False)
    _run(name, content.masthead_title, font=FONTS["title"], size_pt=48, color=RED)
    number = _paragraph(doc, jc="center")
    _run(number, content.number, font=BODY, size_pt=16)
    lines = _office_lines(content.office, content.date)
    for n, line in enumerate(lines):
        paragraph = _paragraph(doc, jc="left")
        ppr = paragraph._p.get_or_add_pPr()
        if n == len(lines) - 1:
            borders = _el("pBdr")
            borders.append(_el("bottom", val="single", sz=18, space=4, color=RED))
            ppr.append(borders)
            tabs = _el("tabs")
            tabs.append(_el("tab", val="right", pos=BLOCK_WIDTH))
            ppr.append(tabs)
            _sort(ppr, PPR_ORDER)
            _run(paragraph, f"{line}\t{content.date}", font=BODY, size_pt=16)
        else:
            _run(paragraph, line, font=BODY, size_pt=16)


def _body(doc: Any, content: Content, target: str) -> None:
    _paragraph(doc)
    title = _paragraph(doc, jc="center", grid=False)
    for n, line in enumerate(content.title.split()):  # a space in the title is where its line breaks
        run = _run(title, line, font=FONTS["title"], size_pt=22)
        if n:
            run._r.insert(run._r.index(run._r.find(qn("w:t"))), _el("br"))
    _paragraph(doc)
    for runs in content.paragraphs:
        paragraph = _paragraph(doc, indent_chars=True)
        for text, style in runs:
            _run(paragraph, text, font=FONTS.get(style, BODY), size_pt=16, condense=target == "lo")


def _distribution(doc: Any, content: Content) -> None:
    """版记: 报： / 送： in 4号仿宋 between a top and bottom rule, floating at the foot of the last page."""
    rows = []
    if content.report_to:
        rows.append(("报：", list(content.report_to)))
    if content.copy_to:
        rows.append(("送：", list(content.copy_to)))
    if not rows:
        return
    table = doc.add_table(rows=len(rows), cols=1)
    tbl = table._tbl
    tblpr = tbl.tblPr
    for name in ("tblStyle", "tblW", "tblLook"):
        for existing in tblpr.findall(qn(f"w:{name}")):
            tblpr.remove(existing)
    position = _el(
        "tblpPr",
        leftFromText=0,
        rightFromText=0,
        vertAnchor="margin",
        horzAnchor="page",
        tblpX=LEFT,
        tblpYSpec="bottom",
    )
    borders = _el("tblBorders")
    borders.append(_el("top", val="single", sz=8, space=0, color="000000"))
    borders.append(_el("bottom", val="single", sz=8, space=0, color="000000"))
    borders.append(_el("insideH", val="single", sz=6, space=0, color="000000"))
    margins = _el("tblCellMar")
    for side in ("left", "right"):
        margins.append(_el(side, w=0, type="dxa"))
    # CT_TblPr order: tblStyle, tblpPr, tblOverlap, bidiVisual, tblStyleRowBandSize, tblStyleColBandSize,
    # tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout, tblCellMar, tblLook
    for child in list(tblpr):
        tblpr.remove(child)
    for element in (
        position,
        _el("tblOverlap", val="never"),
        _el("tblW", w=BLOCK_WIDTH, type="dxa"),
        borders,
        _el("tblLayout", type="fixed"),
        margins,
    ):
        tblpr.append(element)
    grid = tbl.tblGrid
    for col in grid.findall(qn("w:gridCol")):
        col.set(qn("w:w"), str(BLOCK_WIDTH))
    for row, (label, lines) in zip(table.rows, rows, strict=True):
        cell = row.cells[0]
        cell.width = Twips(BLOCK_WIDTH)
        first = cell.paragraphs[0]
        for n, line in enumerate(lines):
            paragraph = first if n == 0 else cell.add_paragraph()
            ppr = paragraph._p.get_or_add_pPr()
            _set(ppr, "snapToGrid", PPR_ORDER, val=0)
            _set(ppr, "spacing", PPR_ORDER, before=0, after=0, line=560, lineRule="exact")
            _set(ppr, "ind", PPR_ORDER, left=840, hanging=560, right=280)
            _set(ppr, "jc", PPR_ORDER, val="both")
            _run(paragraph, (label if n == 0 else "") + line, font=BODY, size_pt=14)
            if n > 0:  # continuation lines align after "报："
                _set(ppr, "ind", PPR_ORDER, left=840, right=280)
    tail = doc.add_paragraph()  # a table may not end the body
    ppr = tail._p.get_or_add_pPr()
    _set(ppr, "snapToGrid", PPR_ORDER, val=0)
    _set(ppr, "spacing", PPR_ORDER, before=0, after=0, line=20, lineRule="exact")


def _font_table(doc: Any) -> None:
    """Entries for the official names (charset 86, GB2312) with the names Windows falls back to."""
    part = None
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            part = rel.target_part
    if part is None:
        return
    from lxml import etree

    root = etree.fromstring(part.blob)
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    present = {f.get(f"{{{ns}}}name") for f in root.findall(f"{{{ns}}}font")}
    for name in dict.fromkeys(FONTS.values()):
        if name in present:
            continue
        font = etree.SubElement(root, f"{{{ns}}}font", {f"{{{ns}}}name": name})
        etree.SubElement(font, f"{{{ns}}}altName", {f"{{{ns}}}val": ALT_NAMES[name]})
        etree.SubElement(font, f"{{{ns}}}charset", {f"{{{ns}}}val": "86"})
        etree.SubElement(font, f"{{{ns}}}family", {f"{{{ns}}}val": "modern" if name != "黑体" else "swiss"})
        etree.SubElement(font, f"{{{ns}}}pitch", {f"{{{ns}}}val": "fixed"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def build(content: Content, *, target: str = "word") -> bytes:
    """The issue as .docx bytes: `target="word"` for users, `"lo"` for LibreOffice's PDF."""
    doc = Document()
    _defaults(doc, target)
    section = _section(doc, target)
    body = doc.element.body
    for paragraph in list(body.findall(qn("w:p"))):  # the template's empty first paragraph
        body.remove(paragraph)
    _masthead(doc, content)
    _body(doc, content, target)
    _distribution(doc, content)
    _page_numbers(section)
    _font_table(doc)
    core = doc.core_properties
    core.title = content.title
    core.author = content.office
    core.subject = content.number
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
