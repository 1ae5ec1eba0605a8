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


def test_the_kartlaggning_has_crime_per_offence_type_against_the_county(council):
    # given: Brå's figures of the municipality and the areas compared, imported for 2023
    from samverkan.insights.tests.test_statistics import _import_areas

    council.municipality.code = "1983"
    council.municipality.save()
    _import_areas(council)
    report = services.situation_report_create(actor=None, council=council, year=2023)

    # when
    m = mapping(council, 2023)
    docx = DocxDocument(
        io.BytesIO(situation_report_docx(report, report_parts(report), m, with_internal=False))
    )

    # then: the offence types with the municipality's rate beside the county's, in the document
    assert [row.category for row in m.offence_types] == ["Skadegörelse", "Misshandel"]
    cells = [cell.text for table in docx.tables for row in table.rows for cell in row.cells]
    assert "Skadegörelse" in cells
    assert "12,0" in cells  # the municipality per 1,000
    assert "11,0" in cells  # the county per 1,000
    assert any("län" in cell for cell in cells)  # the county named in the header
