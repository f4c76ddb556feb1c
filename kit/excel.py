"""Low-level Excel engine shared by every import and export of 产改通.

Plain Python on top of xlsxwriter (writing), python-calamine and openpyxl (reading); no Django models.
The per-entity orchestration (form validation, database writes) lives elsewhere and builds on this API:

* :class:`Column` describes one column (key, Chinese header, kind, choices...).
* :func:`write_template` makes the blank import template (.xlsx bytes).
* :func:`read_workbook` reads an uploaded workbook into :class:`Row` objects, one per non-blank data row.
* :func:`write_error_report` makes the "fix these rows and upload again" workbook.
* :func:`write_export` streams an export to a file-like target with constant memory.
* :func:`neutralise` defuses text that a spreadsheet program could take for a formula (OWASP CSV injection).

Reading contract
----------------
``read_workbook`` does all the checks it can *before* returning: the file type, the sheet, the header row and the
presence of at least one data row are verified eagerly, so ``WorkbookError`` for a bad file, missing required
columns or an empty sheet is raised by the call itself. Only the row limit (``max_rows``) can be exceeded while
iterating; callers that write to the database should iterate inside a transaction. Problems with single cells never
raise: they are reported in ``Row.errors`` (keyed by ``Column.key``, Chinese messages) and the row is still yielded.

Values in ``Row.values`` by kind (only columns present in the sheet appear as keys):

* ``text``    -> ``str`` (stripped; ``""`` when blank)
* ``int``     -> ``int`` or ``None`` when blank
* ``decimal`` -> ``decimal.Decimal`` or ``None`` when blank
* ``date``    -> ``datetime.date`` or ``None`` when blank
* ``bool``    -> ``bool`` (a blank cell is ``False``)

When ``Row.errors`` has a key, ``Row.values`` holds what the user typed (so the error report can show it), or
``""`` for an over-long cell.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import math
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from types import TracebackType
from typing import IO, Any, BinaryIO, Final, Protocol, TypeAlias

import xlsxwriter
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum
from xlsxwriter.utility import xl_col_to_name

__all__ = [
    "INSTRUCTIONS_SHEET",
    "KINDS",
    "LISTS_SHEET",
    "Column",
    "Row",
    "WorkbookError",
    "WorkbookReader",
    "neutralise",
    "read_workbook",
    "write_error_report",
    "write_export",
    "write_template",
]

# --------------------------------------------------------------------------------------------------------------
# Constants and messages
# --------------------------------------------------------------------------------------------------------------

KINDS: Final = frozenset({"text", "int", "decimal", "date", "bool"})
INSTRUCTIONS_SHEET: Final = "说明"
LISTS_SHEET: Final = "_lists"
ERROR_SHEET: Final = "错误数据"
SUMMARY_SHEET: Final = "错误汇总"
SKIPPED_SHEETS: Final = frozenset({INSTRUCTIONS_SHEET, LISTS_SHEET})
TEMPLATE_ROWS: Final = 100_000  # drop-downs and formats of the template cover rows 2..100001
HEADER_SCAN_ROWS: Final = 10  # the header may follow a few title lines
ROW_NUMBER_HEADER: Final = "行号"
ERROR_TEXT_HEADER: Final = "错误说明"

# Guards against hostile archives (a 5 KB file can describe a sheet of 17 billion cells).
EXCEL_MAX_CELL_CHARS: Final = 32_767
MAX_UNCOMPRESSED_BYTES: Final = 1 << 30  # whole archive, as declared in its directory (and enforced by zipfile)
CALAMINE_MAX_CELLS: Final = 2_000_000  # calamine holds the sheet as a dense grid: bigger grids are streamed

MSG_NOT_XLSX: Final = "文件不是有效的 Excel 工作簿（.xlsx）"
MSG_TOO_LARGE: Final = "文件解压后内容过大，无法读取"
MSG_EMPTY: Final = "工作表中没有数据"
MSG_MISSING_COLUMNS: Final = "缺少必填列：{}"
MSG_NO_HEADER: Final = "未找到可识别的表头，请使用导入模板填写"
MSG_DUPLICATE_HEADER: Final = "表头重复：{}"
MSG_TOO_MANY_ROWS: Final = "数据行超过上限 {} 行"

MSG_TOO_LONG: Final = "内容过长（{length}，上限 {limit} 字）"
MSG_SET_TEXT_FORMAT: Final = "请将该列设置为文本格式后重新填写"
MSG_INT: Final = "应为整数"
MSG_DECIMAL: Final = "应为数字"
MSG_DATE: Final = "日期格式无法识别，请填写如 2023-04-06"
MSG_BOOL: Final = "应填写 是 或 否"

NON_FIELD_KEYS: Final = frozenset({"", "__all__"})  # Django's NON_FIELD_ERRORS is "__all__"
NON_FIELD_LABEL: Final = "整行"

KIND_LABELS: Final = {
    "text": "文本",
    "int": "整数",
    "decimal": "数字",
    "date": "日期，如 2023-04-06",
    "bool": "是 / 否",
}

_FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
_TRUE_WORDS: Final = frozenset({"是", "y", "yes", "true", "1", "√", "✓", "✔", "对"})
_FALSE_WORDS: Final = frozenset({"否", "n", "no", "false", "0", "空", "×", "✗", "✘", "不是"})
_INVISIBLE: Final = frozenset({"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"})
_TEXT_PRECISION_LIMIT: Final = 1e15  # Excel keeps 15 significant digits: longer numbers were already damaged

_INT_RE: Final = re.compile(r"[+-]?\d+(?:\.0*)?", re.ASCII)
_DATE_RE: Final = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:(?:\s+|T)\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?)?",
    re.ASCII,
)
_COMPACT_DATE_RE: Final = re.compile(r"(\d{4})(\d{2})(\d{2})", re.ASCII)
_OOXML_ESCAPE_RE: Final = re.compile(r"_x(00[0-9A-Fa-f]{2})_")
_EXCEL_EPOCH: Final = dt.date(1899, 12, 30)
_SERIAL_MIN: Final = 10_000  # 1927-05-18; smaller numbers are more likely typos (e.g. a bare year) than dates
_SERIAL_MAX: Final = 2_958_465  # 9999-12-31

Source: TypeAlias = bytes | bytearray | memoryview | BinaryIO | IO[bytes] | str | os.PathLike[str]


class WorkbookError(ValueError):
    """The uploaded file cannot be imported at all; ``str(error)`` is a Chinese message for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Column:
    """One column of an import template / export / error report."""

    key: str  # internal name
    header: str  # Chinese header text, e.g. "公民身份号码"
    required: bool = False  # template marks required headers with a leading "*" and bold red
    help: str = ""  # becomes the header cell's comment in the template
    choices: tuple[str, ...] = ()  # drop-down list in the template (list validation over the hidden "_lists" sheet)
    width: int = 16
    kind: str = "text"  # "text" | "int" | "decimal" | "date" | "bool"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Column {self.key!r}: unknown kind {self.kind!r}")
        if not self.key or not self.header.strip():
            raise ValueError("Column key and header must not be empty")
        if not isinstance(self.choices, tuple):
            object.__setattr__(self, "choices", tuple(self.choices))

    @property
    def effective_choices(self) -> tuple[str, ...]:
        """The drop-down values: ``choices``, or 是/否 for a bool column without choices."""
        if self.choices:
            return self.choices
        return ("是", "否") if self.kind == "bool" else ()


@dataclass(slots=True)
class Row:
    """One non-blank data row: Excel row number (1-based), parsed values and per-cell errors (by Column.key)."""

    number: int
    values: dict[str, object]
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def __iter__(self) -> Iterator[Any]:
        """Unpacks as ``number, values, errors`` so rows can be handed straight to :func:`write_error_report`."""
        return iter((self.number, self.values, self.errors))


def neutralise(text: str) -> str:
    """Prefix ``'`` to text starting with ``=``, ``+``, ``-``, ``@``, tab or CR so no program runs it as a formula."""
    return "'" + text if text.startswith(_FORMULA_TRIGGERS) else text


# --------------------------------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------------------------------


def _check_columns(columns: Sequence[Column]) -> None:
    if not columns:
        raise ValueError("At least one column is required")
    keys: set[str] = set()
    headers: set[str] = set()
    for column in columns:
        normalised = _normalise_header(column.header)
        if column.key in keys or normalised in headers:
            raise ValueError(f"Duplicate column {column.key!r} / {column.header!r}")
        keys.add(column.key)
        headers.add(normalised)


def _normalise_header(value: object) -> str:
    text = unicodedata.normalize("NFKC", _as_text(value))
    return "".join(ch for ch in text if ch != "*" and not ch.isspace() and ch not in _INVISIBLE).casefold()


def _display_header(column: Column) -> str:
    return f"*{column.header}" if column.required else column.header


def _safe_sheet_title(title: str, *, reserved: Iterable[str] = ()) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", "", title).strip().strip("'")[:31] or "Sheet1"
    taken = {name.casefold() for name in reserved} | {name.casefold() for name in SKIPPED_SHEETS}
    if cleaned.casefold() in taken:
        cleaned = f"{cleaned[:29]}数据"
    return cleaned


def _float_text(value: float) -> str:
    if not math.isfinite(value):
        return repr(value)
    if value.is_integer():
        return str(int(value))
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text


def _as_text(value: object) -> str:
    """Human text for any cell value (used for text columns and for headers)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else str(value)
    if isinstance(value, dt.datetime):
        value = _naive(value)
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    return str(value)


def _naive(value: dt.datetime) -> dt.datetime:
    """Aware datetimes become local (Django's current time zone) naive ones; Excel has no time zones."""
    if value.tzinfo is None or value.utcoffset() is None:
        return value
    from django.utils import timezone  # imported lazily: only aware datetimes need Django's settings

    return timezone.localtime(value).replace(tzinfo=None)


class _Formats:
    """Cache of xlsxwriter formats keyed by (kind, role)."""

    def __init__(self, workbook: Any) -> None:
        self._workbook = workbook
        self._cache: dict[tuple[str, str], Any] = {}

    def get(self, kind: str, role: str = "data") -> Any:
        key = (kind, role)
        if key not in self._cache:
            props: dict[str, object] = {"valign": "top"}
            if kind == "text" or kind == "bool":
                props["num_format"] = "@"
            elif kind == "int":
                props["num_format"] = "0"
            elif kind == "date":
                props["num_format"] = "yyyy-mm-dd"
            elif kind == "wrap":
                props["text_wrap"] = True
            if role == "error":
                props["bg_color"] = "#FFC7CE"
            elif role == "header":
                props.update(bold=True, bg_color="#F2F2F2", border=1, align="center", valign="vcenter")
                props.pop("num_format", None)
            elif role == "required":
                props.update(bold=True, font_color="#C00000", bg_color="#F2F2F2", border=1)
                props.update(align="center", valign="vcenter")
                props.pop("num_format", None)
            elif role == "title":
                props.update(bold=True, font_size=14, valign="vcenter")
            self._cache[key] = self._workbook.add_format(props)
        return self._cache[key]


def _write_header_row(ws: Any, row: int, first_col: int, columns: Sequence[Column], formats: _Formats) -> None:
    for offset, column in enumerate(columns):
        role = "required" if column.required else "header"
        ws.write_string(row, first_col + offset, _display_header(column), formats.get("text", role))


def _set_column_formats(ws: Any, first_col: int, columns: Sequence[Column], formats: _Formats) -> None:
    for offset, column in enumerate(columns):
        col = first_col + offset
        ws.set_column(col, col, column.width, formats.get(column.kind))


def _add_drop_downs(
    workbook: Any, ws: Any, first_col: int, columns: Sequence[Column], *, first_row: int, last_row: int
) -> None:
    """List validation for every column with choices, sourced from the hidden "_lists" sheet (no 255-char limit)."""
    with_choices = [(offset, column) for offset, column in enumerate(columns) if column.effective_choices]
    if not with_choices:
        return
    lists = workbook.add_worksheet(LISTS_SHEET)
    lists.hide()
    # row by row, not column by column: in constant_memory mode (error reports) xlsxwriter flushes a
    # row as soon as a later one is written, so a column-wise fill would lose all but the last list
    longest = max(len(column.effective_choices) for _offset, column in with_choices)
    for row in range(longest + 1):
        for list_col, (_offset, column) in enumerate(with_choices):
            choices = column.effective_choices
            if row == 0:
                lists.write_string(0, list_col, column.header)
            elif row <= len(choices):
                lists.write_string(row, list_col, choices[row - 1])
    for list_col, (offset, column) in enumerate(with_choices):
        choices = column.effective_choices
        letter = xl_col_to_name(list_col)
        col = first_col + offset
        ws.data_validation(
            first_row,
            col,
            last_row,
            col,
            {
                "validate": "list",
                "source": f"='{LISTS_SHEET}'!${letter}$2:${letter}${len(choices) + 1}",
                "error_type": "stop",
                "error_title": column.header,
                "error_message": "请从下拉列表中选择",
            },
        )


def _comment_options(text: str) -> dict[str, object]:
    return {"x_scale": 2.5, "y_scale": min(6.0, 1.0 + len(text) / 60)}


def _is_finite(value: float | Decimal) -> bool:
    return value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)


def _write_value(ws: Any, row: int, col: int, value: object, kind: str, fmt: Any) -> None:
    """Write one value according to its column kind; every string goes through :func:`neutralise`."""
    if value is None or (isinstance(value, str) and value == ""):
        ws.write_blank(row, col, None, fmt)
        return
    if kind == "bool" and isinstance(value, bool):
        ws.write_string(row, col, "是" if value else "否", fmt)
        return
    # Integers Excel cannot hold exactly (16+ digits) are written as text to keep every digit.
    if (
        kind in ("int", "decimal")
        and isinstance(value, (int, float, Decimal))
        and not isinstance(value, bool)
        and not (isinstance(value, int) and abs(value) >= _TEXT_PRECISION_LIMIT)
        and _is_finite(value)
    ):
        ws.write_number(row, col, float(value), fmt)
        return
    if kind == "date" and isinstance(value, dt.date):
        day = _naive(value).date() if isinstance(value, dt.datetime) else value
        ws.write_datetime(row, col, dt.datetime(day.year, day.month, day.day), fmt)
        return
    ws.write_string(row, col, neutralise(_as_text(value)), fmt)


# --------------------------------------------------------------------------------------------------------------
# Template
# --------------------------------------------------------------------------------------------------------------


def write_template(columns: Sequence[Column], *, sheet_title: str, instructions: Sequence[str] = ()) -> bytes:
    """Blank import template: marked headers with comments, drop-downs, per-kind formats and a "说明" sheet."""
    _check_columns(columns)
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    formats = _Formats(workbook)
    ws = workbook.add_worksheet(_safe_sheet_title(sheet_title))
    _set_column_formats(ws, 0, columns, formats)
    _write_header_row(ws, 0, 0, columns, formats)
    for col, column in enumerate(columns):
        if column.help:
            ws.write_comment(0, col, column.help, _comment_options(column.help))
    ws.freeze_panes(1, 0)
    ws.set_row(0, 22)
    ws.activate()

    notes = workbook.add_worksheet(INSTRUCTIONS_SHEET)
    _write_instructions(notes, columns, instructions, formats)
    _add_drop_downs(workbook, ws, 0, columns, first_row=1, last_row=TEMPLATE_ROWS)
    workbook.close()
    return output.getvalue()


def _write_instructions(ws: Any, columns: Sequence[Column], instructions: Sequence[str], formats: _Formats) -> None:
    wrap = formats.get("wrap")
    ws.set_column(0, 0, 24, wrap)
    ws.set_column(1, 2, 12, wrap)
    ws.set_column(3, 4, 40, wrap)
    row = 0
    ws.write_string(row, 0, "填写说明", formats.get("wrap", "title"))
    row += 1
    for line in instructions:
        ws.write_string(row, 0, neutralise(line))
        row += 1
    row += 1
    for col, label in enumerate(("列名", "是否必填", "格式", "可选值", "说明")):
        ws.write_string(row, col, label, formats.get("wrap", "header"))
    for column in columns:
        row += 1
        choices = column.effective_choices
        shown = "、".join(choices[:50]) + ("……" if len(choices) > 50 else "")
        ws.write_string(row, 0, column.header, wrap)
        ws.write_string(row, 1, "必填" if column.required else "选填", wrap)
        ws.write_string(row, 2, KIND_LABELS[column.kind], wrap)
        ws.write_string(row, 3, neutralise(shown), wrap)
        ws.write_string(row, 4, neutralise(column.help), wrap)


# --------------------------------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------------------------------


def write_export(
    columns: Sequence[Column],
    rows: Iterable[Mapping[str, object]],
    *,
    sheet_title: str,
    target: BinaryIO | IO[bytes],
    title_line: str | None = None,
) -> int:
    """Stream ``rows`` (dicts keyed by Column.key) into an .xlsx written to ``target``; returns the rows written.

    xlsxwriter runs with ``constant_memory`` (each row is flushed to a temporary file once the next one starts),
    so memory does not grow with the number of rows. Strings are never turned into formulas or links and are
    neutralised; numbers of int/decimal columns stay numbers (negative ones included); dates are real Excel dates
    (yyyy-mm-dd); booleans become 是/否; ``None`` leaves the cell empty.
    """
    _check_columns(columns)
    workbook = xlsxwriter.Workbook(
        target,
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    formats = _Formats(workbook)
    ws = workbook.add_worksheet(_safe_sheet_title(sheet_title))
    _set_column_formats(ws, 0, columns, formats)
    header_row = 0
    if title_line:
        ws.set_row(0, 28)
        if len(columns) > 1:
            ws.merge_range(0, 0, 0, len(columns) - 1, neutralise(title_line), formats.get("wrap", "title"))
        else:
            ws.write_string(0, 0, neutralise(title_line), formats.get("wrap", "title"))
        header_row = 1
    _write_header_row(ws, header_row, 0, columns, formats)
    ws.freeze_panes(header_row + 1, 0)
    column_formats = [formats.get(column.kind) for column in columns]
    count = 0
    row_index = header_row
    for data in rows:
        row_index += 1
        for col, column in enumerate(columns):
            _write_value(ws, row_index, col, data.get(column.key), column.kind, column_formats[col])
        count += 1
    ws.autofilter(header_row, 0, max(row_index, header_row), len(columns) - 1)
    workbook.close()
    return count


# --------------------------------------------------------------------------------------------------------------
# Error report
# --------------------------------------------------------------------------------------------------------------

ReportRow: TypeAlias = Row | tuple[int, Mapping[str, object], Mapping[str, str]]


def write_error_report(
    columns: Sequence[Column],
    rows: Iterable[ReportRow],
    *,
    general_errors: Sequence[str] = (),
) -> bytes:
    """Workbook for "fix and upload again": sheet "错误数据" and sheet "错误汇总".

    "错误数据" has the template's headers between a first column "行号" and a last column "错误说明"; every cell with
    an error is filled light red and carries the message as a comment. Error keys that are not column keys (e.g.
    Django's ``"__all__"``) are row-level errors: they appear in "错误说明" and in the summary. "错误汇总" lists
    ``general_errors`` first, then one line per error: row number, column header, message. Since the reader
    ignores unknown columns, the first sheet can be corrected and uploaded as it is.
    """
    _check_columns(columns)
    by_key = {column.key: column for column in columns}
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        output,
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    formats = _Formats(workbook)
    wrap = formats.get("wrap")
    ws = workbook.add_worksheet(ERROR_SHEET)
    summary = workbook.add_worksheet(SUMMARY_SHEET)

    last_col = len(columns) + 1
    ws.set_column(0, 0, 8, formats.get("int"))
    _set_column_formats(ws, 1, columns, formats)
    ws.set_column(last_col, last_col, 60, wrap)
    ws.write_string(0, 0, ROW_NUMBER_HEADER, formats.get("text", "header"))
    _write_header_row(ws, 0, 1, columns, formats)
    ws.write_string(0, last_col, ERROR_TEXT_HEADER, formats.get("text", "required"))
    ws.freeze_panes(1, 1)

    summary.set_column(0, 0, 8)
    summary.set_column(1, 1, 20)
    summary.set_column(2, 2, 80, wrap)
    for col, label in enumerate((ROW_NUMBER_HEADER, "列", ERROR_TEXT_HEADER)):
        summary.write_string(0, col, label, formats.get("text", "header"))
    summary_row = 0
    for message in general_errors:
        summary_row += 1
        summary.write_string(summary_row, 2, neutralise(message), wrap)

    for out_row, item in enumerate(rows, start=1):
        number, values, errors = item
        ws.write_number(out_row, 0, number)
        for offset, column in enumerate(columns):
            col = offset + 1
            cell_error = errors.get(column.key)
            fmt = formats.get(column.kind, "error" if cell_error else "data")
            _write_value(ws, out_row, col, values.get(column.key), column.kind, fmt)
            if cell_error:
                ws.write_comment(out_row, col, cell_error, _comment_options(cell_error))
        lines: list[str] = []
        for key, message in errors.items():
            column_or_none = by_key.get(key)
            label = column_or_none.header if column_or_none else (NON_FIELD_LABEL if key in NON_FIELD_KEYS else key)
            lines.append(f"{label}：{message}")
            summary_row += 1
            summary.write_number(summary_row, 0, number)
            summary.write_string(summary_row, 1, neutralise(label))
            summary.write_string(summary_row, 2, neutralise(message), wrap)
        if lines:
            ws.write_string(out_row, last_col, neutralise("；".join(lines)), wrap)
    _add_drop_downs(workbook, ws, 1, columns, first_row=1, last_row=TEMPLATE_ROWS)
    workbook.close()
    return output.getvalue()


# --------------------------------------------------------------------------------------------------------------
# Reading: opening and checking the file
# --------------------------------------------------------------------------------------------------------------


class _Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...
    def seek(self, offset: int, whence: int = ..., /) -> int: ...
    def tell(self) -> int: ...


# Every <c> (cell) start tag, capturing its reference when it has one (r="AB12"); <col>, <cfRule>... do not match.
_CELL_RE: Final = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?c(?=[\s/>])(?:\s[^>]*?\br\s*=\s*[\"']([A-Z]{1,3})([0-9]{1,7})[\"'])?"
)
_SHEET_PART_RE: Final = re.compile(r"xl/(?:worksheets|macrosheets|dialogsheets)/[^/]+\.xml", re.IGNORECASE)


def _column_number(letters: bytes) -> int:
    number = 0
    for byte in letters:
        number = number * 26 + byte - 64
    return number


def _open_source(source: Source) -> tuple[_Readable, int, Callable[[], None]]:
    """Return (seekable binary file, size in bytes, closer for what we opened ourselves)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        return io.BytesIO(data), len(data), lambda: None
    if isinstance(source, (str, os.PathLike)):
        handle = open(os.fspath(source), "rb")  # noqa: SIM115 - closed by the reader
        return handle, os.fstat(handle.fileno()).st_size, handle.close
    stream: Any = source
    try:
        stream.seek(0, os.SEEK_END)
        size = stream.tell()
        stream.seek(0)
    except (AttributeError, OSError, ValueError):
        # Not seekable: spool it (kept in memory up to 8 MB, then on disk).
        spooled = tempfile.SpooledTemporaryFile(max_size=8 << 20)  # noqa: SIM115 - closed by the reader
        while chunk := stream.read(1 << 20):
            spooled.write(chunk)
        size = spooled.tell()
        spooled.seek(0)
        return spooled, size, spooled.close
    return stream, size, lambda: None


def _check_archive(handle: _Readable) -> None:
    """Content-based check: zip magic, a readable zip directory, xl/workbook.xml, bounded uncompressed size."""
    handle.seek(0)
    if handle.read(4) != b"PK\x03\x04":
        raise WorkbookError(MSG_NOT_XLSX)
    handle.seek(0)
    try:
        with zipfile.ZipFile(handle) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise WorkbookError(MSG_NOT_XLSX) from exc
    finally:
        handle.seek(0)
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names or any(info.flag_bits & 0x1 for info in infos):
        raise WorkbookError(MSG_NOT_XLSX)
    if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_BYTES:
        raise WorkbookError(MSG_TOO_LARGE)


def _fits_calamine(handle: _Readable) -> bool:
    """Decompress every part once (zipfile enforces declared sizes and CRCs) and measure the sheets' cell grids.

    calamine materialises a sheet as a dense grid from its first to its last cell; a tiny hostile file can ask for
    billions of cells and abort the process. Sheets whose grid exceeds CALAMINE_MAX_CELLS, or whose cells lack
    references, are left to the streaming openpyxl reader instead.
    """
    handle.seek(0)
    try:
        with zipfile.ZipFile(handle) as archive:
            for info in archive.infolist():
                is_sheet = bool(_SHEET_PART_RE.fullmatch(info.filename))
                with archive.open(info) as part:
                    if not is_sheet:
                        while part.read(1 << 20):
                            pass
                        continue
                    if not _sheet_grid_fits(part):
                        return False
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise WorkbookError(MSG_NOT_XLSX) from exc
    finally:
        handle.seek(0)
    return True


def _sheet_grid_fits(part: IO[bytes]) -> bool:
    seen = False
    max_row = max_col = 0
    min_row = min_col = 1 << 30
    carry = b""
    while True:
        chunk = part.read(1 << 20)
        buffer = carry + chunk
        if chunk:
            cut = buffer.rfind(b"<")
            if cut <= 0:
                carry = buffer
                continue
            carry, buffer = buffer[cut:], buffer[:cut]
        else:
            carry = b""
        found = _CELL_RE.findall(buffer)
        if found:
            if (b"", b"") in found:  # a cell without reference: we cannot bound the grid cheaply
                return False
            seen = True
            cols = [_column_number(letters) for letters in set(map(itemgetter(0), found))]
            rows = [int(digits) for digits in set(map(itemgetter(1), found))]
            max_col, min_col = max(max_col, *cols), min(min_col, *cols)
            max_row, min_row = max(max_row, *rows), min(min_row, *rows)
        if not chunk:
            break
    if not seen:
        return True
    return (max_row - min_row + 1) * (max_col - min_col + 1) <= CALAMINE_MAX_CELLS


# --------------------------------------------------------------------------------------------------------------
# Reading: the two engines
# --------------------------------------------------------------------------------------------------------------


class _SheetRows(Protocol):
    engine: str
    sheet_name: str

    def rows(self) -> Iterator[tuple[int, Sequence[object]]]: ...
    def close(self) -> None: ...


def _pick_sheet(candidates: Iterable[tuple[str, bool]]) -> str:
    for name, usable in candidates:
        if usable and name.strip() not in SKIPPED_SHEETS:
            return name
    raise WorkbookError(MSG_EMPTY)


class _CalamineRows:
    engine = "calamine"

    def __init__(self, handle: _Readable) -> None:
        try:
            # Always from the open file: from_path would pick the format by the file name.
            self._workbook = CalamineWorkbook.from_filelike(handle)
            self.sheet_name = _pick_sheet(
                (meta.name, meta.typ == SheetTypeEnum.WorkSheet and meta.visible == SheetVisibleEnum.Visible)
                for meta in self._workbook.sheets_metadata
            )
            self._sheet = self._workbook.get_sheet_by_name(self.sheet_name)
        except WorkbookError:
            raise
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # calamine raises CalamineError, and pyo3 panics derive from BaseException
            raise WorkbookError(MSG_NOT_XLSX) from exc

    def rows(self) -> Iterator[tuple[int, Sequence[object]]]:
        if self._sheet.start is None:  # no cells at all
            return
        # iter_rows pads the rows above the first cell (so index 0 is Excel row 1); columns start at the first
        # used column, which is harmless because headers and data share the same offset.
        for index, cells in enumerate(self._sheet.iter_rows()):
            yield index + 1, cells

    def close(self) -> None:
        self._workbook.close()


class _OpenpyxlRows:
    engine = "openpyxl"

    def __init__(self, handle: _Readable) -> None:
        try:
            # Always from the open file: given a path, openpyxl refuses names not ending in .xlsx/.xlsm.
            self._workbook = load_workbook(handle, read_only=True, data_only=True)
            sheets = {ws.title: ws for ws in self._workbook.worksheets}
            self.sheet_name = _pick_sheet((ws.title, ws.sheet_state == "visible") for ws in self._workbook.worksheets)
        except WorkbookError:
            raise
        except Exception as exc:  # openpyxl raises many types (KeyError, ParseError, InvalidFileException...)
            raise WorkbookError(MSG_NOT_XLSX) from exc
        self._sheet = sheets[self.sheet_name]
        # The <dimension> element is only a hint (often wrong or absent): read until the real end of the data.
        self._sheet.reset_dimensions()

    def rows(self) -> Iterator[tuple[int, Sequence[object]]]:
        # Without max_col each row is as wide as its last cell and missing rows come as one shared empty list,
        # so long runs of blank (even formatted) rows cost almost nothing.
        try:
            for number, cells in enumerate(self._sheet.iter_rows(), start=1):
                yield number, ([_openpyxl_value(cell) for cell in cells] if cells else ())
        except WorkbookError:
            raise
        except Exception as exc:
            raise WorkbookError(MSG_NOT_XLSX) from exc

    def close(self) -> None:
        self._workbook.close()


def _openpyxl_value(cell: Any) -> object:
    if cell.data_type == "e":  # #N/A, #DIV/0! ... calamine reports error cells as empty; so do we
        return None
    value = cell.value
    if isinstance(value, str) and "_x" in value:
        # OOXML escapes control characters as _xHHHH_ (and "_" itself as _x005F_). calamine decodes the escapes
        # of U+0000..U+00FF (all that Excel writes), openpyxl none: decode the same ones here.
        value = _OOXML_ESCAPE_RE.sub(_unescape_match, value)
    return value


def _unescape_match(match: re.Match[str]) -> str:
    return chr(int(match.group(1), 16))


# --------------------------------------------------------------------------------------------------------------
# Reading: parsing cells
# --------------------------------------------------------------------------------------------------------------


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and (value == "" or value.isspace()))


def _blank_value(kind: str) -> object:
    if kind == "text":
        return ""
    if kind == "bool":
        return False
    return None


def _parse_cell(value: object, kind: str, max_chars: int) -> tuple[object, str | None]:
    """Return (parsed value, error message or None) for one cell of a column of ``kind``."""
    if _is_blank(value):
        return _blank_value(kind), None
    if isinstance(value, str):
        if len(value) > max_chars:
            # calamine cuts strings at Excel's cell limit, so longer cells are reported alike by both engines.
            length = f"{EXCEL_MAX_CELL_CHARS} 字以上" if len(value) >= EXCEL_MAX_CELL_CHARS else f"{len(value)} 字"
            return "", MSG_TOO_LONG.format(length=length, limit=max_chars)
        value = value.strip()
    elif isinstance(value, dt.datetime) and value.time() == dt.time(0):
        value = value.date()  # openpyxl gives datetimes, calamine dates, for whole days
    elif isinstance(value, int) and not isinstance(value, bool):
        # Excel stores doubles; openpyxl keeps the XML digits, calamine does not: compare like with like.
        value = float(value) if abs(value) < 1 << 1000 else math.inf
    if kind == "text":
        return _parse_text(value)
    if kind == "int":
        return _parse_int(value)
    if kind == "decimal":
        return _parse_decimal(value)
    if kind == "date":
        return _parse_date(value)
    return _parse_bool(value)


def unneutralise(text: str) -> str:
    """The inverse of `neutralise`: our own protective quote is dropped on the way back in, so an
    export → edit → import round trip stores what the user saw, not an extra apostrophe."""
    return text[1:] if len(text) > 1 and text[0] == "'" and text[1:].startswith(_FORMULA_TRIGGERS) else text


def _parse_text(value: object) -> tuple[object, str | None]:
    if isinstance(value, float):
        text = _float_text(value)
        if abs(value) >= _TEXT_PRECISION_LIMIT:
            return text, MSG_SET_TEXT_FORMAT
        return text, None
    return unneutralise(_as_text(value)), None


def _normalised_text(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip()


def _parse_int(value: object) -> tuple[object, str | None]:
    if isinstance(value, float):
        if value.is_integer():
            return int(value), None
        return value, MSG_INT
    if isinstance(value, str):
        text = _normalised_text(value).replace(",", "")
        if _INT_RE.fullmatch(text):
            return int(text.split(".")[0]), None
    return value, MSG_INT


def _parse_decimal(value: object) -> tuple[object, str | None]:
    if isinstance(value, float):
        if not math.isfinite(value):
            return value, MSG_DECIMAL
        return (Decimal(int(value)) if value.is_integer() else Decimal(repr(value))), None
    if isinstance(value, str):
        text = _normalised_text(value).replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            return value, MSG_DECIMAL
        if number.is_finite():
            return number, None
    return value, MSG_DECIMAL


def _make_date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _parse_date(value: object) -> tuple[object, str | None]:
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    parsed: dt.date | None = None
    if isinstance(value, float) and value.is_integer():
        number = int(value)
        if 10_000_000 <= number <= 99_999_999:  # 20230406 typed as a number
            text = str(number)
            parsed = _make_date(text[:4], text[4:6], text[6:])
        elif _SERIAL_MIN <= number <= _SERIAL_MAX:  # an Excel date serial in a cell not formatted as a date
            parsed = _EXCEL_EPOCH + dt.timedelta(days=number)
    elif isinstance(value, str):
        text = _normalised_text(value)
        match = _DATE_RE.fullmatch(text) or _COMPACT_DATE_RE.fullmatch(text)
        if match:
            parsed = _make_date(*match.groups())
    if parsed is None:
        return value, MSG_DATE
    return parsed, None


def _parse_bool(value: object) -> tuple[object, str | None]:
    if isinstance(value, bool):
        return value, None
    if isinstance(value, float) and value in (0.0, 1.0):
        return value == 1.0, None
    if isinstance(value, str):
        word = _normalised_text(value).casefold()
        if word in _TRUE_WORDS:
            return True, None
        if word in _FALSE_WORDS:
            return False, None
    return value, MSG_BOOL


# --------------------------------------------------------------------------------------------------------------
# Reading: public entry point
# --------------------------------------------------------------------------------------------------------------


class WorkbookReader(Iterator[Row]):
    """Iterator of :class:`Row` returned by :func:`read_workbook`; also a context manager (``close()``)."""

    def __init__(
        self,
        sheet: _SheetRows,
        rows: Iterator[tuple[int, Sequence[object]]],
        first: tuple[int, list[object]],
        header_row: int,
        mapping: list[tuple[int, Column]],
        *,
        max_rows: int,
        max_cell_chars: int,
        on_close: Callable[[], None],
    ) -> None:
        self.engine: str = sheet.engine  # "calamine" or "openpyxl"
        self.sheet_name: str = sheet.sheet_name
        self.header_row: int = header_row  # Excel row number of the header
        self.columns: tuple[Column, ...] = tuple(column for _, column in mapping)  # present columns, in given order
        self.keys: tuple[str, ...] = tuple(column.key for column in self.columns)
        self._sheet = sheet
        self._on_close = on_close
        self._closed = False
        self._iterator = self._generate(rows, first, mapping, max_rows, max_cell_chars)

    def _generate(
        self,
        rows: Iterator[tuple[int, Sequence[object]]],
        first: tuple[int, list[object]],
        mapping: list[tuple[int, Column]],
        max_rows: int,
        max_cell_chars: int,
    ) -> Iterator[Row]:
        try:
            for count, (number, picked) in enumerate(itertools.chain((first,), _data_rows(rows, mapping)), start=1):
                if count > max_rows:
                    raise WorkbookError(MSG_TOO_MANY_ROWS.format(max_rows))
                yield _make_row(number, picked, mapping, max_cell_chars)
        finally:
            self.close()

    def __iter__(self) -> WorkbookReader:
        return self

    def __next__(self) -> Row:
        return next(self._iterator)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._sheet.close()
        finally:
            self._on_close()

    def __enter__(self) -> WorkbookReader:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        close = getattr(self._iterator, "close", None)
        if close is not None:
            close()
        self.close()


def _data_rows(
    rows: Iterator[tuple[int, Sequence[object]]], mapping: list[tuple[int, Column]]
) -> Iterator[tuple[int, list[object]]]:
    """The mapped cells of each row that has at least one non-blank mapped cell."""
    indexes = [index for index, _ in mapping]
    for number, cells in rows:
        if not cells:
            continue
        width = len(cells)
        picked = [cells[index] if index < width else None for index in indexes]
        for value in picked:  # inlined _is_blank: this loop runs for every cell of every row
            if value is None or value == "" or (value.__class__ is str and value.isspace()):
                continue
            yield number, picked
            break


def _make_row(number: int, picked: list[object], mapping: list[tuple[int, Column]], max_chars: int) -> Row:
    values: dict[str, object] = {}
    errors: dict[str, str] = {}
    for value, (_, column) in zip(picked, mapping, strict=True):
        parsed, error = _parse_cell(value, column.kind, max_chars)
        values[column.key] = parsed
        if error:
            errors[column.key] = error
    return Row(number, values, errors)


def _find_header(
    rows: Iterator[tuple[int, Sequence[object]]], columns: Sequence[Column]
) -> tuple[int, list[tuple[int, Column]]]:
    """Header = first non-blank row naming a known column (among the first HEADER_SCAN_ROWS non-blank rows)."""
    wanted = {_normalise_header(column.header): column for column in columns}
    scanned = 0
    for number, cells in rows:
        if not cells or all(_is_blank(value) for value in cells):
            continue
        scanned += 1
        found: dict[str, int] = {}
        duplicates: list[str] = []
        for index, value in enumerate(cells):
            if _is_blank(value):
                continue
            column = wanted.get(_normalise_header(value))
            if column is None:
                continue
            if column.key in found:
                duplicates.append(column.header)
            found[column.key] = index
        if found:
            if duplicates:
                raise WorkbookError(MSG_DUPLICATE_HEADER.format("、".join(dict.fromkeys(duplicates))))
            mapping = [(found[column.key], column) for column in columns if column.key in found]
            _require(columns, found)
            return number, mapping
        if scanned >= HEADER_SCAN_ROWS:
            break
    if scanned == 0:
        raise WorkbookError(MSG_EMPTY)
    _require(columns, {})
    raise WorkbookError(MSG_NO_HEADER)


def _require(columns: Sequence[Column], found: Mapping[str, int]) -> None:
    missing = [column.header for column in columns if column.required and column.key not in found]
    if missing:
        raise WorkbookError(MSG_MISSING_COLUMNS.format("、".join(missing)))


def read_workbook(
    source: Source,
    columns: Sequence[Column],
    *,
    max_rows: int = 200_000,
    max_cell_chars: int = 2000,
    stream_threshold_bytes: int = 5_000_000,
) -> WorkbookReader:
    """Read the data rows of an uploaded .xlsx (bytes, a binary file object or a path).

    Raises :class:`WorkbookError` immediately for: not an .xlsx (checked by content); no usable sheet, no header or
    no data row ("工作表中没有数据"); missing required headers; duplicated headers. While iterating it raises only
    when more than ``max_rows`` data rows are found. File objects are read from position 0.

    The sheet is the first visible worksheet not named "说明" / "_lists"; headers are matched ignoring "*", spaces
    (also full-width) and latin case, in any order; unknown columns are ignored; blank rows are skipped.
    Files up to ``stream_threshold_bytes`` are read with python-calamine (fast, whole sheet in memory), larger ones
    with openpyxl in read-only mode, row by row. Both give identical rows.
    """
    _check_columns(columns)
    handle, size, close_handle = _open_source(source)
    sheet: _SheetRows | None = None
    try:
        if size == 0:
            raise WorkbookError(MSG_NOT_XLSX)
        _check_archive(handle)
        if size <= stream_threshold_bytes and _fits_calamine(handle):
            sheet = _CalamineRows(handle)
        else:
            sheet = _OpenpyxlRows(handle)
        rows = sheet.rows()
        header_row, mapping = _find_header(rows, columns)
        first = next(_data_rows(rows, mapping), None)
        if first is None:
            raise WorkbookError(MSG_EMPTY)
        return WorkbookReader(
            sheet,
            rows,
            first,
            header_row,
            mapping,
            max_rows=max_rows,
            max_cell_chars=max_cell_chars,
            on_close=close_handle,
        )
    except BaseException:
        try:
            if sheet is not None:
                sheet.close()
        finally:
            close_handle()
        raise
