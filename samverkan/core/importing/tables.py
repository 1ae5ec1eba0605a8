"""Tables out of uploaded files: a CSV (comma, semicolon or tab; UTF-8 or Windows-1252) or a
sheet of an XLSX workbook, as a header row and data rows, and the cells read as numbers.

Used by every table import (incidents, reported crimes, key figures, population). A file that
cannot be read raises `ServiceError` with a translated message on the form's field ("file" or
"sheet"), before any library decodes more than `core/upload_limits.py` allows.
"""

from __future__ import annotations

import csv
import faulthandler
import hashlib
import io
import math
import multiprocessing
import os
import re
import resource
import zipfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from samverkan.core import upload_limits
from samverkan.core.errors import ServiceError
from samverkan.core.importing.limits import MAX_TABLE_BYTES, MAX_TABLE_ROWS

__all__ = ["Table", "guess_mapping", "parse_number", "read_table"]


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Any]]
    filename: str = ""
    sha256: str = ""  # of the file's bytes, kept with an import of it
    sheet: str = ""  # the sheet read, of an XLSX workbook
    sheets: list[str] = field(default_factory=list)  # all sheets of an XLSX workbook


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ServiceError(_("The file is not readable text."), field="file")


def _read_csv(data: bytes) -> list[list[Any]]:
    # A NUL character is no text to keep (and PostgreSQL refuses it in a text column).
    text = _decode(data).replace("\x00", "")
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    try:
        return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter) if any(row)]
    except csv.Error as exc:
        raise ServiceError(_("The CSV file is broken: %(error)s") % {"error": exc}) from exc


def _read_xlsx(data: bytes, sheet: str | None) -> tuple[list[list[Any]], str, list[str]]:
    """The rows of the named sheet (by default the first that holds any), its name, and the
    names of all sheets."""
    try:
        upload_limits.check_zip(data)  # before calamine inflates any part of it
    except upload_limits.UnpackRefused as exc:
        raise ServiceError(_(exc.message), field="file") from exc
    try:
        answer = _in_child(data, sheet)
    except BrokenProcessPool as exc:
        # calamine gives a sheet its whole extent at once: two far-apart cells in a tiny file
        # ask for more memory than the child may have, and it ends.
        raise ServiceError(_(upload_limits.TOO_MANY_ROWS), field="file") from exc
    if isinstance(answer, str):
        if answer == _NOT_READABLE:
            raise ServiceError(_("The file is not a readable Excel workbook."), field="file")
        raise ServiceError(_(upload_limits.TOO_MANY_ROWS), field="file")
    rows, name, names = answer
    if sheet is not None and sheet not in names:
        raise ServiceError(
            _("The workbook has no sheet named “%(name)s”. Its sheets: %(sheets)s.")
            % {"name": sheet, "sheets": ", ".join(names)},
            field="sheet",
        )
    return rows, name, names


_NOT_READABLE = "not readable"
_TOO_LARGE = "too large"
# What a child reading a workbook may use beside what it inherits: a legitimate sheet of the
# largest size allowed needs well under this.
_CHILD_MEMORY = 3 * 1024**3


def _in_child(data: bytes, sheet: str | None) -> tuple[list[list[Any]], str, list[str]] | str:
    """Read the workbook in a child process with a memory cap, so a hostile file ends the
    child, not the worker (calamine aborts the process when an allocation fails)."""
    context = multiprocessing.get_context("fork")
    limits = upload_limits.unpack_limits()
    with ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_cap_memory) as pool:
        return pool.submit(_read_calamine, data, sheet, limits).result()


def _cap_memory() -> None:
    # A refused file is no reason for a backtrace in the log.
    os.environ["RUST_BACKTRACE"] = "0"
    faulthandler.disable()
    with open("/proc/self/statm") as statm:  # noqa: PTH123 (Linux's own account of the process)
        pages = int(statm.read().split()[0])
    used = pages * os.sysconf("SC_PAGE_SIZE")
    resource.setrlimit(resource.RLIMIT_AS, (used + _CHILD_MEMORY, used + _CHILD_MEMORY))


def _read_calamine(
    data: bytes, sheet: str | None, limits: upload_limits.UnpackLimits
) -> tuple[list[list[Any]], str, list[str]] | str:
    """In the child: the rows of the sheet, as `_read_xlsx` answers, or why not."""
    import python_calamine  # a compiled reader, only needed here

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
        if sheet is not None and sheet not in names:
            return [], sheet, names
        rows: list[list[Any]] = []
        for name in [sheet] if sheet is not None else names:
            values = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            if len(values) > limits.sheet_rows + 1 or any(
                len(row) > limits.sheet_columns for row in values[:1]
            ):
                return _TOO_LARGE
            rows = [
                [None if cell == "" else cell for cell in row]
                for row in values
                if any(cell not in (None, "") for cell in row)
            ]
            if rows:
                return rows, name, names
        return rows, sheet or (names[0] if names else ""), names
    except (python_calamine.CalamineError, zipfile.BadZipFile, OSError, KeyError, ValueError):
        return _NOT_READABLE
    except MemoryError:
        return _TOO_LARGE


def read_table(filename: str, data: bytes, *, sheet: str | None = None) -> Table:
    """A CSV file (comma, semicolon or tab; UTF-8 or Windows-1252), or a sheet of an XLSX
    workbook (the named one, else the first that holds rows), as a header row and data rows."""
    if len(data) > MAX_TABLE_BYTES:
        raise ServiceError(_("The file is too large."), field="file")
    sheet_name, sheets = "", list[str]()
    if data[:2] == b"PK" or filename.lower().endswith(".xlsx"):
        rows, sheet_name, sheets = _read_xlsx(data, sheet or None)
    elif sheet:
        raise ServiceError(_("A CSV file has no sheets; name none."), field="sheet")
    else:
        rows = _read_csv(data)
    if not rows:
        if sheet:
            raise ServiceError(
                _("The sheet “%(name)s” holds no rows.") % {"name": sheet}, field="sheet"
            )
        raise ServiceError(_("The file holds no rows."), field="file")
    if len(rows) - 1 > MAX_TABLE_ROWS:
        raise ServiceError(
            _("The file has more than %(count)d rows; split it.") % {"count": MAX_TABLE_ROWS},
            field="file",
        )
    headers = [str(cell if cell is not None else "").strip() for cell in rows[0]]
    return Table(
        headers=headers,
        rows=rows[1:],
        filename=filename,
        sha256=hashlib.sha256(data).hexdigest(),
        sheet=sheet_name,
        sheets=sheets,
    )


def guess_mapping(
    headers: Sequence[str], fields: dict[str, tuple[str, ...]]
) -> dict[str, int | None]:
    """For each field the column whose header names it (Swedish or English), else None."""
    names = [header.strip().lower() for header in headers]
    mapping: dict[str, int | None] = {}
    used: set[int] = set()
    for name, synonyms in fields.items():
        mapping[name] = None
        for index, header in enumerate(names):
            if index not in used and (header == name or header in synonyms):
                mapping[name] = index
                used.add(index)
                break
    return mapping


_SPACES = re.compile(r"[\s\u00a0\u202f]|kr$|:-$", re.IGNORECASE)


def parse_number(value: Any) -> float | None:
    """A number from a cell: "325 000", "1 234,50 kr", 12.5. Raises ValueError when not one."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float):
        number = float(value)
    else:
        try:  # the common case, fast: 16000 or 25.5
            number = float(value)
        except ValueError:
            text = _SPACES.sub("", str(value)).replace(",", ".")
            if not text:
                return None
            number = float(text)
    if not math.isfinite(number):  # "nan" and "inf" are no amounts or coordinates
        raise ValueError(value)
    return number
