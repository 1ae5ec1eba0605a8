"""The lägesbild as PDF/A and DOCX from one structure: the sections in the law's order, the
charts with their tables, and the internal notes only in the internal copy."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo

import pytest
from docx import Document as DocxDocument
from pypdf import PdfReader

from samverkan.incidents.services.categories import categories_ensure_defaults
from samverkan.incidents.services.incidents import What, Where, incident_report
from samverkan.insights.documents.situation_report import (
    situation_report_document,
    situation_report_docx,
    situation_report_pdf,
)
from samverkan.insights.models import SectionKey
from samverkan.insights.selectors.situation_report import mapping, report_parts
from samverkan.insights.services import situation_report as services

YEAR = 2018
EVENING = dt.datetime(YEAR, 3, 4, 21, tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm"))


@pytest.fixture
def report(council):
    category = categories_ensure_defaults(council=council)[0]
    incident_report(
        actor=None,
        council=council,
        where=Where(address="Stora torget"),
        what=What(category=category, occurred_from=EVENING, cost=500),
    )
    report = services.situation_report_create(actor=None, council=council, year=YEAR)
    services.section_write(actor=None, report=report, key=SectionKey.SUMMARY, text="Lugnt år.")
    services.section_write(actor=None, report=report, key=SectionKey.INTERNAL, text="Intern.")
    return report


def _headings(report, *, with_internal: bool) -> list[str]:
    document = situation_report_document(
        report, report_parts(report), mapping(report.council, YEAR), with_internal=with_internal
    )
    return [
        block.text
        for section in document.body
        for block in getattr(section, "blocks", [])
        if type(block).__name__ == "Heading" and block.level == 2
    ]


def test_the_sections_come_in_the_order_of_a_lagesbild(report):
    assert _headings(report, with_internal=False) == [
        "Sammanfattning",
        "Kartläggning",
        "Polisens bedömning",
        "Övrig information",
        "Analys",
        "Prioriterade problem",
        "Källor och begränsningar",
    ]
    assert _headings(report, with_internal=True)[-1] == "Interna anteckningar"


def test_the_pdf_is_archival_and_word_has_the_charts_as_pictures(report):
    parts, m = report_parts(report), mapping(report.council, YEAR)
    pdf = situation_report_pdf(report, parts, m, with_internal=False)
    reader = PdfReader(io.BytesIO(pdf))
    assert "pdfaid" in str(reader.xmp_metadata.stream.get_data() if reader.xmp_metadata else b"")
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    assert "Händelser per kategori 2018" in text
    assert "Intern." not in text
    docx = DocxDocument(io.BytesIO(situation_report_docx(report, parts, m, with_internal=True)))
    assert len(docx.inline_shapes) >= 2  # the categories and the months, as PNG
    assert any(p.text == "Intern." for p in docx.paragraphs)
