"""The minutes out again: PDF/A and DOCX in the seed's layout, and iCalendar."""

from __future__ import annotations

import io

import pytest
from docx import Document
from pypdf import PdfReader

from samverkan.demo.loader import seed_text
from samverkan.meetings.calendar import calendar
from samverkan.meetings.documents.minutes import absent_sentence, minutes_docx, minutes_pdf
from samverkan.meetings.importers.minutes import parse_minutes
from samverkan.meetings.minutes_content import minutes_content
from samverkan.meetings.selectors.meetings import meeting_in
from samverkan.meetings.services.minutes_import import minutes_import


@pytest.fixture
def seed_meeting(council):
    meeting, _plan = minutes_import(
        actor=None, council=council, data=seed_text().encode(), filename="seed.txt"
    )
    return minutes_content(meeting_in(council, meeting.pk))


def _flat(text: str) -> str:
    return " ".join(text.split())


def _expected():
    parsed = parse_minutes(seed_text())
    names = [a.name for a in parsed.attendance.present + parsed.attendance.guests]
    names += [a.name for a in parsed.attendance.absent]
    titles = [f"{item.number}. {item.title}" for item in parsed.items]
    clauses = ["att " + d.text.split(" att ", 1)[1] for i in parsed.items for d in i.decisions]
    return names, titles, clauses


def test_the_pdf_holds_every_member_item_and_decision(seed_meeting):
    reader = PdfReader(io.BytesIO(minutes_pdf(seed_meeting)))
    text = _flat(" ".join(page.extract_text() for page in reader.pages))
    names, titles, clauses = _expected()
    for expected in names + titles + clauses:
        assert _flat(expected) in text, expected
    assert "Sida 1 (" in text
    assert "justerare" in text


def test_the_pdf_is_archival_and_tagged(seed_meeting):
    data = minutes_pdf(seed_meeting)
    reader = PdfReader(io.BytesIO(data))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog  # tagged for screen readers
    assert catalog["/MarkInfo"]["/Marked"]
    metadata = catalog["/Metadata"].get_object().get_data().decode()
    assert "pdfaid:part" in metadata  # PDF/A identification
    assert reader.metadata["/Title"] == "Protokoll Brottsförebyggande rådet 2018-05-24"
    assert catalog.get("/Lang") == "sv"


def test_the_docx_holds_every_member_item_and_decision(seed_meeting):
    doc = Document(io.BytesIO(minutes_docx(seed_meeting)))
    paragraphs = [p.text for p in doc.paragraphs]
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    text = _flat(" ".join(paragraphs + cells))
    names, titles, clauses = _expected()
    for expected in names + titles + clauses:
        assert _flat(expected) in text, expected
    assert "Brottsförebyggande rådet 2018-05-24, kl 10.00–12.00" in paragraphs
    assert "Plats: Rådhuset." in paragraphs


def test_the_docx_reads_back_as_the_same_minutes(seed_meeting, council):
    """Round trip: the produced Word file imports again to the same figures."""
    parsed = parse_minutes(
        "\n".join(p.text for p in Document(io.BytesIO(minutes_docx(seed_meeting))).paragraphs)
    )
    assert len(parsed.items) == 12
    assert sum(len(i.decisions) for i in parsed.items) == 7


def test_the_absent_are_written_as_a_sentence():
    assert absent_sentence(["A", "B", "C"]) == "A, B och C."
    assert absent_sentence(["A"]) == "A."
    assert absent_sentence([]) == ""


def test_a_meeting_is_an_icalendar_event_in_utc(council):
    meeting, _plan = minutes_import(
        actor=None, council=council, data=seed_text().encode(), filename="seed.txt"
    )
    ics = calendar([meeting], name="Brottsförebyggande rådet", host="example.se")
    assert ics.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    # 10.00 in Stockholm in May is 08.00 UTC.
    assert "DTSTART:20180524T080000Z" in ics
    assert "DTEND:20180524T100000Z" in ics
    assert "LOCATION:Rådhuset" in ics
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
