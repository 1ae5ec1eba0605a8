"""A table in an imported attachment (the seed's Bilaga 1: Aktivitet, Ansvarig, Status) prints
as a table in the minutes PDF and DOCX, not as loose lines; its header repeats on each page."""

from __future__ import annotations

import io

import pytest
from docx import Document
from pypdf import PdfReader

from samverkan.core.documents import Paragraph, Table, document_html
from samverkan.demo.loader import seed_text
from samverkan.meetings.documents.minutes import (
    attachment_blocks,
    minutes_document,
    minutes_docx,
    minutes_pdf,
)
from samverkan.meetings.minutes_content import minutes_content
from samverkan.meetings.selectors.meetings import meeting_in
from samverkan.meetings.services.minutes_import import minutes_import

HEADER = ["Aktivitet", "Ansvarig", "Status"]
ROW = ["Övervakningskamera ska installeras vid S:t Olovsskolan.", "Köpings kommun", ""]


@pytest.fixture
def seed_content(council):
    meeting, _plan = minutes_import(
        actor=None, council=council, data=seed_text().encode(), filename="seed.txt"
    )
    return minutes_content(meeting_in(council, meeting.pk))


def test_lines_with_tabs_become_a_table_and_the_rest_stays_text():
    blocks = attachment_blocks("Inledning\nrad två\n\nA\tB\n1\t2\n3\nSlut\tord")
    assert blocks == [
        Paragraph("Inledning\nrad två"),
        Table([["1", "2"]], header=["A", "B"]),
        Paragraph("3"),
        Paragraph("Slut  ord"),  # one line with a tab is not a table
    ]


def _structure_types(node, found):
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        for child in node:
            _structure_types(child, found)
    elif hasattr(node, "get"):
        if "/S" in node:
            found.add(str(node["/S"]))
        if "/K" in node:
            _structure_types(node["/K"], found)
    return found


def test_the_seed_attachment_table_prints_as_a_table_in_the_pdf(seed_content):
    html = document_html(minutes_document(seed_content))
    assert "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in HEADER) in html
    reader = PdfReader(io.BytesIO(minutes_pdf(seed_content)))
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    assert {"/Table", "/TH", "/TD"} <= _structure_types(root["/K"], set())
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Aktivitet Ansvarig Status" in text


def test_the_seed_attachment_table_is_a_table_in_the_docx(seed_content):
    doc = Document(io.BytesIO(minutes_docx(seed_content)))
    tables = [t for t in doc.tables if [c.text for c in t.rows[0].cells] == HEADER]
    assert len(tables) == 1
    rows = [[c.text for c in row.cells] for row in tables[0].rows]
    assert ROW in rows
    assert len(rows) == 13
    # Word repeats the header row on each page and keeps a row on one page.
    properties = tables[0].rows[0]._tr.trPr.xml
    assert "w:tblHeader" in properties
    assert "w:cantSplit" in properties
    paragraphs = [p.text for p in doc.paragraphs]
    assert not any(p.startswith("Aktivitet\tAnsvarig") for p in paragraphs)
