"""The Excel engine shared by every import and export: `cells` (columns, rows, parsing, formula
neutralising), `read` (calamine or openpyxl streaming), `write` (template, export, error report),
`spec` (a model's columns → validated all-or-nothing import with upsert, and export), `jobs` (the
import as a background job). The names most callers need are re-exported here."""

from kit.excel.cells import Column, Row, WorkbookError, neutralise, unneutralise
from kit.excel.read import WorkbookReader, read_workbook
from kit.excel.write import write_error_report, write_export, write_template

__all__ = [
    "Column",
    "Row",
    "WorkbookError",
    "WorkbookReader",
    "neutralise",
    "read_workbook",
    "unneutralise",
    "write_error_report",
    "write_export",
    "write_template",
]
