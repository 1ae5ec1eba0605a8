"""Every CSV and XLSX is written by core/exports.py, and no text in one runs as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from samverkan.core import exports

PACKAGE = Path(exports.__file__).resolve().parents[1]
# A spreadsheet takes a cell that starts with one of these for a formula.
FORMULA = ("=", "+", "-", "@", "\t", "\r")
# Dangerous starts, and the characters around them that a writer could trip on.
texts = st.one_of(
    st.text(),
    st.builds(
        lambda start, rest: start + rest,
        st.sampled_from(["=", "+", "-", "@", "\t", "\r", "\n", " =", "\t=", "\x01="]),
        st.text(alphabet=st.sampled_from("=+-@;,\"'\t\r\n\x00\x0bAå1 ("), max_size=20),
    ),
)
numbers = st.one_of(st.integers(-(10**12), 10**12), st.floats(-1e9, 1e9, allow_nan=False))
cells = st.one_of(texts, numbers, st.none(), st.dates())


def _csv(table: exports.Table) -> list[list[str]]:
    text = exports.csv_bytes(table).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


def _sheet(table: exports.Table) -> Worksheet:
    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes(table))).active
    assert isinstance(sheet, Worksheet)
    return sheet


@settings(max_examples=60, deadline=None)
@given(header=st.lists(texts, min_size=1, max_size=3), row=st.lists(cells, min_size=1, max_size=4))
def test_no_text_cell_of_a_csv_starts_a_formula(header, row):
    table = exports.Table(header=header, rows=[row], title="=1+1")
    title, read_header, read_row = _csv(table)
    assert title == ["'=1+1"]
    assert len(read_header) == len(header)
    assert len(read_row) == len(row)
    for written, read in zip(row, read_row, strict=True):
        if isinstance(written, str):
            assert not read.startswith(FORMULA)
            assert "\n" not in read  # one row is one line, for the plan's import
            assert read.lstrip("'") == " ".join(written.split()).lstrip("'")
        elif isinstance(written, int):
            assert read == str(written)  # a negative number stays a number


@settings(max_examples=40, deadline=None)
@given(row=st.lists(cells, min_size=1, max_size=4))
def test_no_cell_of_an_xlsx_is_a_formula(row):
    sheet = _sheet(exports.Table(header=["=A"] * len(row), rows=[row]))
    assert [c.value for c in sheet[1]] == ["'=A"] * len(row)
    for written, cell in zip(row, sheet[2], strict=True):
        assert cell.data_type != "f"
        if isinstance(written, str) and cell.value is not None:
            assert cell.data_type == "s"
            assert not str(cell.value).startswith(FORMULA)
        elif isinstance(written, int | float):
            assert cell.data_type == "n"
            assert cell.value == pytest.approx(written)  # Excel keeps 15 digits


def test_dates_and_moments_are_dates_in_the_xlsx_and_iso_in_the_csv():
    moment = dt.datetime(2026, 3, 1, 18, 30, tzinfo=dt.UTC)
    table = exports.Table(header=["Dag", "Tid"], rows=[[dt.date(2026, 3, 1), moment]])
    assert _csv(table)[1] == ["2026-03-01", "2026-03-01 19:30"]  # Stockholm's time
    day, at = _sheet(table)[2]
    assert (day.value.date(), day.number_format) == (dt.date(2026, 3, 1), "yyyy-mm-dd")
    assert (at.value.date(), at.value.time()) == (dt.date(2026, 3, 1), dt.time(19, 30))


def test_no_module_but_core_exports_writes_a_csv_or_a_workbook():
    # The benchmark writes its own input for DuckDB and the importer; nobody downloads it.
    allowed = {PACKAGE / "core" / "exports.py", PACKAGE / "bench.py"}
    writers = re.compile(r"csv\.(writer|DictWriter)\(|\bWorkbook\(|xlsxwriter")
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "tests" not in path.parts
        and path not in allowed
        and writers.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
