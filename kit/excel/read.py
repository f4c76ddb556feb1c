"""Reading workbooks: the file checked (type, size, hostile archives), python-calamine for sheets
that fit in memory and openpyxl streaming beyond, the header found, every row parsed.

Reading contract: ``read_workbook`` does all the checks it can *before* returning: the file type, the sheet,
the header row and the presence of at least one data row are verified eagerly, so ``WorkbookError`` for a bad
file, missing required columns or an empty sheet is raised by the call itself. Only the row limit
(``max_rows``) can be exceeded while iterating; callers that write to the database should iterate inside a
transaction. Problems with single cells never raise: they are reported in ``Row.errors`` (keyed by
``Column.key``, Chinese messages) and the row is still yielded.

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

import io
import itertools
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from types import TracebackType
from typing import IO, Any, Final, Protocol

from openpyxl import load_workbook
from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from kit.excel.cells import (
    _OOXML_ESCAPE_RE,
    CALAMINE_MAX_CELLS,
    HEADER_SCAN_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    MSG_DUPLICATE_HEADER,
    MSG_EMPTY,
    MSG_MISSING_COLUMNS,
    MSG_NO_HEADER,
    MSG_NOT_XLSX,
    MSG_TOO_LARGE,
    MSG_TOO_MANY_ROWS,
    SKIPPED_SHEETS,
    Column,
    Row,
    Source,
    WorkbookError,
    _check_columns,
    _is_blank,
    _normalise_header,
    _parse_cell,
)

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
