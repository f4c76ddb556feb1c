"""Excel cells: the column declaration, the row read, the limits and messages, and how a cell's
text is parsed or neutralised (formula injection). Plain Python, no Django."""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any, BinaryIO, Final, TypeAlias

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
