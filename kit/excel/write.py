"""Writing workbooks: the import template (drop-downs, comments, instructions), the export
(constant memory, formula-safe) and the error report (each bad cell filled and commented)."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import IO, Any, BinaryIO, TypeAlias

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from kit.excel.cells import (
    _TEXT_PRECISION_LIMIT,
    ERROR_SHEET,
    ERROR_TEXT_HEADER,
    INSTRUCTIONS_SHEET,
    KIND_LABELS,
    LISTS_SHEET,
    NON_FIELD_KEYS,
    NON_FIELD_LABEL,
    ROW_NUMBER_HEADER,
    SUMMARY_SHEET,
    TEMPLATE_ROWS,
    Column,
    Row,
    _as_text,
    _check_columns,
    _display_header,
    _naive,
    _safe_sheet_title,
    neutralise,
)


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
