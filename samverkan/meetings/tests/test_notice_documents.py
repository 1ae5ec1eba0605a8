"""The notice (kallelse) as PDF/A and DOCX, in Swedish, and its download pages."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from docx import Document
from pypdf import PdfReader

from samverkan.meetings.documents.notice import (
    notice_docx,
    notice_filename,
    notice_pdf,
    notice_plain_text,
    notice_subject,
)
from samverkan.meetings.models import AgendaItem, ItemFile, Meeting
from samverkan.organisations.models import Body


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def meeting(council):
    meeting = Meeting.objects.create(
        body=Body.objects.get(council=council),
        date=dt.date(2026, 3, 5),
        start_time=dt.time(13, 15),
        end_time=dt.time(15, 15),
        place="Rådhuset, sammanträdesrum Malmen",
        notice_text="Välkomna! Fika serveras från kl 13.00.",
    )
    AgendaItem.objects.create(meeting=meeting, number=1, title="Sammanträdets öppnande")
    item = AgendaItem.objects.create(
        meeting=meeting,
        number=2,
        title="Lägesbild centrum",
        presenter="Anna Berg, lokalpolisområde Köping",
        planned_time=dt.time(13, 30),
        text="Skadegörelse och klotter vid resecentrum under vintern.",
    )
    ItemFile.objects.create(
        item=item,
        file=ContentFile(b"%PDF-1.7\n", name="x.pdf"),
        filename="Lägesbild vecka 8.pdf",
        content_type="application/pdf",
        size=9,
    )
    AgendaItem.objects.create(meeting=meeting, number=3, title="Sammanträdets avslutning")
    return meeting


def _flat(text: str) -> str:
    return " ".join(text.split())


EXPECTED = [
    "Kallelse",
    "Brottsförebyggande rådet",
    "torsdag 5 mars 2026",
    "kl 13.15–15.15",
    "Rådhuset, sammanträdesrum Malmen",
    "Välkomna! Fika serveras från kl 13.00.",
    "1. Sammanträdets öppnande",
    "2. Lägesbild centrum",
    "Föredragande: Anna Berg, lokalpolisområde Köping, kl 13.30",
    "Skadegörelse och klotter vid resecentrum under vintern.",
    "Lägesbild vecka 8.pdf",
    "3. Sammanträdets avslutning",
]


def test_the_pdf_holds_time_place_agenda_texts_and_files(meeting):
    reader = PdfReader(io.BytesIO(notice_pdf(meeting)))
    text = _flat(" ".join(page.extract_text() for page in reader.pages))
    for expected in EXPECTED:
        assert _flat(expected) in text, expected


def test_the_pdf_is_archival_tagged_and_swedish(meeting):
    reader = PdfReader(io.BytesIO(notice_pdf(meeting)))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert "pdfaid:part" in catalog["/Metadata"].get_object().get_data().decode()
    assert catalog.get("/Lang") == "sv"
    assert reader.metadata["/Title"] == "Kallelse Brottsförebyggande rådet 2026-03-05"


def test_the_docx_holds_the_same(meeting):
    doc = Document(io.BytesIO(notice_docx(meeting)))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    text = _flat(" ".join([p.text for p in doc.paragraphs] + cells))
    for expected in EXPECTED:
        assert _flat(expected) in text, expected
    assert doc.core_properties.language == "sv-SE"


def test_the_documents_are_swedish_whatever_the_users_language(meeting):
    from django.utils import translation

    with translation.override("en"):
        assert "torsdag 5 mars 2026" in notice_plain_text(meeting)


def test_the_mail_text_and_names(meeting):
    text = notice_plain_text(meeting)
    assert "Datum: torsdag 5 mars 2026" in text
    assert "Tid: kl 13.15–15.15" in text
    assert "Plats: Rådhuset, sammanträdesrum Malmen" in text
    assert "2. Lägesbild centrum\n   Föredragande: Anna Berg" in text
    assert notice_subject(meeting) == "Kallelse: Brottsförebyggande rådet 2026-03-05"
    assert notice_filename(meeting, "pdf") == "kallelse-brottsforebyggande-radet-2026-03-05.pdf"


def test_a_meeting_without_times_or_items_still_renders(council):
    bare = Meeting.objects.create(body=Body.objects.get(council=council), date=dt.date(2026, 3, 5))
    text = notice_plain_text(bare)
    assert "Tid:" not in text
    assert "Föredragningslistan är inte klar." in _flat(
        " ".join(p.text for p in Document(io.BytesIO(notice_docx(bare))).paragraphs)
    )


def test_the_downloads_are_named_and_typed(client, users, meeting):
    client.force_login(users["reporter"])
    base = f"/councils/koping/meetings/{meeting.pk}/"
    pdf = client.get(base + "kallelse.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert pdf["Content-Disposition"] == (
        'attachment; filename="kallelse-brottsforebyggande-radet-2026-03-05.pdf"'
    )
    docx = client.get(base + "kallelse.docx")
    assert docx.status_code == 200
    assert docx.content[:2] == b"PK"
    assert docx["Content-Disposition"].endswith('.docx"')


@pytest.mark.parametrize("suffix", ["kallelse.pdf", "kallelse.docx"])
def test_the_downloads_are_for_the_council_only(client, users, meeting, suffix):
    url = f"/councils/koping/meetings/{meeting.pk}/{suffix}"
    assert client.get(url).status_code == 302  # to the login
    client.force_login(users["outsider"])
    assert client.get(url).status_code == 404
    client.force_login(users["viewer"])
    assert client.get(f"/councils/koping/meetings/999999/{suffix}").status_code == 404


@pytest.fixture
def restricted(meeting):
    item = meeting.items.get(number=2)
    item.not_for_publication = True
    item.save()
    return item


def _docx_text(response) -> str:
    return _flat(" ".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs))


def test_a_reporter_gets_items_not_for_publication_masked(client, users, meeting, restricted):
    client.force_login(users["reporter"])
    base = f"/councils/koping/meetings/{meeting.pk}/"
    pdf = PdfReader(io.BytesIO(client.get(base + "kallelse.pdf").content))
    pdf_text = _flat(" ".join(page.extract_text() for page in pdf.pages))
    for text in (pdf_text, _docx_text(client.get(base + "kallelse.docx"))):
        assert "2. Lägesbild centrum" in text
        assert "Ärendet är inte för publicering." in text
        assert "Anna Berg" not in text
        assert "resecentrum" not in text
        assert "Lägesbild vecka 8.pdf" not in text


def test_a_member_gets_the_whole_notice(client, users, meeting, restricted):
    client.force_login(users["member"])
    text = _docx_text(client.get(f"/councils/koping/meetings/{meeting.pk}/kallelse.docx"))
    assert "resecentrum" in text
    assert "Lägesbild vecka 8.pdf" in text
    assert "inte för publicering" not in text
