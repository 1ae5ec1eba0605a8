"""Every CSV and XLSX the platform hands out: a table in, a file or a download out.

A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` as a formula, and a tab or
carriage return in front of one is skipped (CSV injection, OWASP). Every text cell that begins
with one of them is therefore written with a leading `'`, in the CSV and the XLSX alike, and an
XLSX cell of text is always a string, never a formula. Numbers, dates and empty cells are
written as they are: a negative number stays a number.

CSV: UTF-8 with a byte-order mark, `;` between cells and CRLF after each row, which Excel with
Swedish settings opens into columns (its list separator is `;`, the comma being the decimal
sign). A line break inside a cell becomes a space, so that a row is one line: the plan's import
reads a table line by line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

CSV_TYPE: Final = "text/csv; charset=utf-8"
XLSX_TYPE: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a spreadsheet reads as the start of a formula, with what it skips in front of one.
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
# Excel refuses a cell longer than this; the rest of a longer text is left out.
XLSX_CELL_MAX: Final = 32_767
# The characters XML 1.0 (and so XLSX) cannot hold: C0 controls but tab, newline and return.
_XML_ILLEGAL: Final = {c: None for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))}

Cell = str | int | float | Decimal | dt.date | None


@dataclass(frozen=True)
class Table:
    """A header and rows; `title` is a line above the header, `name` the XLSX sheet's name."""

    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    name: str = "Tabell"
    title: str = ""
    widths: Sequence[int] = ()


def neutralise(text: str) -> str:
    """The text, with a leading `'` if a spreadsheet would take it for a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restore(text: str) -> str:
    """A cell of our own export read back: the `'` that `neutralise` put in front goes again."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def _local(moment: dt.datetime) -> dt.datetime:
    # Spreadsheets know no time zones: a moment is written in the site's local time.
    return timezone.localtime(moment).replace(tzinfo=None) if timezone.is_aware(moment) else moment


def _csv_cell(value: Cell) -> str | int | float | Decimal:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(" ".join(value.split()))
    if isinstance(value, dt.datetime):
        return _local(value).isoformat(" ", "minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def csv_bytes(table: Table) -> bytes:
    """The table as CSV for Excel: UTF-8 with a byte-order mark, `;`, one line per row."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    if table.title:
        writer.writerow([_csv_cell(table.title)])
    writer.writerow([_csv_cell(cell) for cell in table.header])
    for row in table.rows:
        writer.writerow([_csv_cell(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx_text(value: str) -> str:
    return neutralise(value.translate(_XML_ILLEGAL)[:XLSX_CELL_MAX])


def xlsx_bytes(*tables: Table) -> bytes:
    """The tables as one workbook, a sheet each: the header bold and frozen, dates as dates."""
    from openpyxl import Workbook  # a large import, only needed here
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for table in tables:
        sheet = workbook.create_sheet(_sheet_name(table.name))
        row_number = 1
        if table.title:
            sheet.cell(row_number, 1).value = _xlsx_text(table.title)
            sheet.cell(row_number, 1).data_type = "s"
            row_number += 1
        for column, text in enumerate(table.header, start=1):
            cell = sheet.cell(row_number, column)
            cell.value, cell.data_type, cell.font = _xlsx_text(text), "s", bold
        sheet.freeze_panes = sheet.cell(row_number + 1, 1)
        for row in table.rows:
            row_number += 1
            for column, value in enumerate(row, start=1):
                cell = sheet.cell(row_number, column)
                cell.alignment = wrap
                if isinstance(value, str):
                    # Set the type after the value: openpyxl takes a text with "=" for a formula.
                    cell.value, cell.data_type = _xlsx_text(value), "s"
                elif isinstance(value, dt.datetime):
                    cell.value, cell.number_format = _local(value), "yyyy-mm-dd hh:mm"
                elif isinstance(value, dt.date):
                    cell.value, cell.number_format = value, "yyyy-mm-dd"
                else:
                    cell.value = value
        for column, width in enumerate(table.widths, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet_name(name: str) -> str:
    # Excel's rules for a sheet's name: at most 31 characters, none of []:*?/\.
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in name.translate(_XML_ILLEGAL))
    return cleaned.strip()[:31] or "Tabell"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    return response


def csv_response(table: Table, *, filename: str) -> HttpResponse:
    return _download(csv_bytes(table), CSV_TYPE, filename)


def xlsx_response(*tables: Table, filename: str) -> HttpResponse:
    return _download(xlsx_bytes(*tables), XLSX_TYPE, filename)
