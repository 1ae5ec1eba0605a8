"""The period report: PDF/A with the figures and charts, DOCX with the same figures, and attaching
the PDF to a meeting's agenda item in one step."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from samverkan.incidents.demo import load_demo_incidents
from samverkan.incidents.services.incidents import What, Where, incident_report
from samverkan.meetings.models import AgendaItem, ItemFile, Meeting
from samverkan.organisations.models import Body
from samverkan.organisations.tests.document_jobs import document_response

pytestmark = pytest.mark.usefixtures("english_pages")

PERIOD = {"period_from": "2018-01-01", "period_to": "2018-05-31"}


@pytest.fixture
def seed(council, kbab, categories, school):
    load_demo_incidents(council)
    incident_report(
        actor=None,
        council=council,
        where=Where(place=school),
        what=What(
            category=categories["fire"],
            occurred_from=timezone.make_aware(
                dt.datetime.combine(dt.date(2018, 3, 5), dt.time(21, 10))
            ),
            cost=4_000,
        ),
    )


@pytest.fixture
def item(council) -> AgendaItem:
    body = Body.objects.filter(council=council).order_by("id").first()
    assert body is not None
    meeting = Meeting.objects.create(body=body, date=timezone.localdate() + dt.timedelta(days=14))
    AgendaItem.objects.create(meeting=meeting, number=1, title="Mötets öppnande")
    return AgendaItem.objects.create(meeting=meeting, number=2, title="Lägesbild")


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    # A no-break space between thousands (325 000) reads as a plain space.
    return "\n".join(page.extract_text() for page in reader.pages).replace("\u00a0", " ")


def test_the_pdf_read_back_holds_the_figures(council, seed, users, client):
    client.force_login(users["viewer"])
    response = document_response(
        client, reverse("insights:period_report_pdf", args=[council.slug]), PERIOD
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "handelseoversikt-2018-01-01-2018-05-31.pdf" in response["Content-Disposition"]
    content = response.content
    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog  # tagged for screen readers
    assert "pdfaid:part" in catalog["/Metadata"].get_object().get_data().decode()  # PDF/A
    text = _pdf_text(content)
    assert "Händelseöversikt 2018-01-01–2018-05-31" in text
    for figure in ("Glaskross", "325 000", "Klotter", "16 000", "Övrig skadegörelse", "25 000"):
        assert figure in text
    assert "370 000" in text  # the total with the fire's 4 000
    assert "Nygårdsskolan" in text
    # The charts are drawn in the document, with their titles.
    assert "Rapporter per månad" in text or "2018-03" in text


def test_the_docx_holds_the_same_figures(council, seed, users, client):
    client.force_login(users["viewer"])
    response = document_response(
        client, reverse("insights:period_report_docx", args=[council.slug]), PERIOD
    )
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert {"Skadegörelse: Glaskross", "325\u00a0000", "16\u00a0000", "25\u00a0000"} <= cells
    paragraphs = " ".join(p.text for p in document.paragraphs)
    # The charts are pictures in the document, each named for screen readers and captioned.
    assert len(document.inline_shapes) == 4
    names = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert names == [
        "Antal rapporter per kategori",
        "Kostnad per kategori (kr)",
        "Rapporter per månad mot samma månad året före",
        "Karta: kartcellerna med flest rapporter, numrerade som i tabellen",
    ]
    assert all(name in paragraphs for name in names)


def test_the_coordinator_attaches_the_report_in_one_step(council, seed, item, users, client):
    client.force_login(users["coordinator"])
    page = client.get(reverse("insights:period_report", args=[council.slug]), PERIOD)
    assert page.status_code == 200
    assert "selected>" in page.content.decode()  # an item is chosen already
    url = reverse("insights:period_report_attach", args=[council.slug])
    response = client.post(url + "?period_from=2018-01-01&period_to=2018-05-31", {"item": item.pk})
    assert response.status_code == 302
    assert "period_from=2018-01-01" in response["Location"]
    stored = ItemFile.objects.get(item=item)
    assert stored.filename == "handelseoversikt-2018-01-01-2018-05-31.pdf"
    with stored.file.open("rb") as handle:
        assert "325 000" in _pdf_text(handle.read())
    # Attaching again replaces the file instead of adding a second one.
    client.post(url + "?period_from=2018-01-01&period_to=2018-05-31", {"item": item.pk})
    assert ItemFile.objects.filter(item=item).count() == 1


def test_a_bad_item_is_refused_and_nothing_is_attached(council, seed, item, users, client):
    client.force_login(users["coordinator"])
    url = reverse("insights:period_report_attach", args=[council.slug])
    response = client.post(url, {"item": "999999"})
    assert response.status_code == 400
    assert not ItemFile.objects.exists()


def test_a_viewer_sees_the_report_page_without_the_attach_form(council, seed, item, users, client):
    client.force_login(users["viewer"])
    page = client.get(reverse("insights:period_report", args=[council.slug]), PERIOD)
    assert page.status_code == 200
    assert "period_report_attach" not in page.content.decode()
    assert reverse("insights:period_report_attach", args=[council.slug]) not in (
        page.content.decode()
    )
