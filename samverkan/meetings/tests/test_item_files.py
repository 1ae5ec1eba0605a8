"""Files of agenda items: only PDF, Word, Excel, PNG and JPEG, judged by content and size."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from docx import Document

from samverkan.core.errors import ServiceError
from samverkan.core.models import AuditEvent
from samverkan.meetings.models import AgendaItem, ItemFile, Meeting
from samverkan.meetings.services.item_files import (
    DOCX,
    MAX_ITEM_FILE_BYTES,
    PDF,
    clean_filename,
    default_item,
    document_attach,
    item_file_add,
    item_file_delete,
)
from samverkan.organisations.models import Body

PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def _docx_bytes() -> bytes:
    doc = Document()
    doc.add_paragraph("Lägesbild centrum")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _zip_bytes(names: list[str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


XLSX_BYTES = _zip_bytes(["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"])


@pytest.fixture(autouse=True)
def _english(client, settings):
    """Pages in English (chosen with the language switch's cookie), to assert on the msgids."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    yield
    # The language middleware leaves the request's language active in this thread.
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def item(council):
    meeting = Meeting.objects.create(
        body=Body.objects.get(council=council), date=dt.date(2026, 3, 5), place="Rådhuset"
    )
    return AgendaItem.objects.create(meeting=meeting, number=1, title="Lägesbild")


def _upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


# The service -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "content_type", "kept_as"),
    [
        ("Lägesbild.pdf", PDF_BYTES, "application/pdf", "Lägesbild.pdf"),
        ("protokoll.DOCX", None, DOCX.content_type, "protokoll.docx"),
        (
            "kostnader.xlsx",
            XLSX_BYTES,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "kostnader.xlsx",
        ),
        ("karta.png", PNG_BYTES, "image/png", "karta.png"),
        ("foto.jpeg", JPEG_BYTES, "image/jpeg", "foto.jpeg"),
        ("foto", JPEG_BYTES, "image/jpeg", "foto.jpg"),
    ],
)
def test_it_accepts_the_five_kinds(item, name, data, content_type, kept_as):
    data = data if data is not None else _docx_bytes()
    # The browser's claim is ignored: the content decides.
    item_file = item_file_add(actor=None, item=item, upload=_upload(name, data, "text/plain"))
    assert item_file.filename == kept_as
    assert item_file.content_type == content_type
    assert item_file.size == len(data)
    assert item_file.file.read() == data
    # stored under a random name, not the user's
    assert name.split(".")[0] not in item_file.file.name
    assert AuditEvent.objects.filter(model="meetings.ItemFile", action="create").count() == 1


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("program.pdf", EXE_BYTES),  # a program renamed
        ("anteckningar.docx", b"Bara text, inget Word."),  # text named .docx
        ("arkiv.docx", _zip_bytes(["mimetype", "content.xml"])),  # a ZIP that is not Word
        ("kalkyl.xlsx", _zip_bytes(["[Content_Types].xml", "ppt/presentation.xml"])),
        ("trasig.docx", b"PK\x03\x04" + b"\x00" * 40),  # a broken ZIP
        ("bild.gif", b"GIF89a" + b"\x00" * 20),
        ("sida.html", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_it_refuses_other_kinds_whatever_the_name(item, name, data):
    with pytest.raises(ServiceError) as refused:
        item_file_add(actor=None, item=item, upload=_upload(name, data, "application/pdf"))
    assert refused.value.field == "file"
    assert "PDF" in str(refused.value.message)
    assert not ItemFile.objects.exists()


def test_it_refuses_an_empty_file(item):
    with pytest.raises(ServiceError, match="empty|tom"):
        item_file_add(actor=None, item=item, upload=_upload("tom.pdf", b""))
    assert not ItemFile.objects.exists()


def test_it_refuses_a_file_over_the_limit(item):
    too_big = PDF_BYTES + b"\x00" * (MAX_ITEM_FILE_BYTES - len(PDF_BYTES) + 1)
    with pytest.raises(ServiceError, match="20"):
        item_file_add(actor=None, item=item, upload=_upload("stor.pdf", too_big))
    assert not ItemFile.objects.exists()


def test_a_file_at_the_limit_is_taken(item):
    exactly = PDF_BYTES + b"\x00" * (MAX_ITEM_FILE_BYTES - len(PDF_BYTES))
    assert item_file_add(actor=None, item=item, upload=_upload("max.pdf", exactly)).size == (
        MAX_ITEM_FILE_BYTES
    )


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("../../etc/passwd.pdf", PDF, "passwd.pdf"),
        ("C:\\Users\\anna\\Mina dokument\\Lägesbild v2.pdf", PDF, "Lägesbild v2.pdf"),
        ('rapport";\r\nX-Evil: 1.pdf', PDF, "rapport X-Evil 1.pdf"),
        ("rapport.exe", PDF, "rapport.exe.pdf"),
        ("rapport.pdf", DOCX, "rapport.pdf.docx"),
        ("...pdf", PDF, "fil.pdf"),
        ("", PDF, "fil.pdf"),
        (".htaccess", PDF, "htaccess.pdf"),
        ("a" * 300 + ".pdf", PDF, "a" * 120 + ".pdf"),
        ("Ma\u0308larbygden.pdf", PDF, "Mälarbygden.pdf"),  # decomposed ä (macOS)
    ],
)
def test_names_are_sanitised(name, kind, expected):
    assert clean_filename(name, kind) == expected


def test_deleting_removes_the_row_and_then_the_stored_file(
    item, django_capture_on_commit_callbacks
):
    item_file = item_file_add(actor=None, item=item, upload=_upload("a.pdf", PDF_BYTES))
    stored = item_file.file.name
    with django_capture_on_commit_callbacks(execute=True):
        item_file_delete(actor=None, item_file=item_file)
    assert not ItemFile.objects.exists()
    assert not default_storage.exists(stored)
    assert AuditEvent.objects.filter(model="meetings.ItemFile", action="delete").count() == 1


def test_a_rendered_document_replaces_the_file_of_the_same_name(
    item, django_capture_on_commit_callbacks
):
    # given: the report attached once
    first = document_attach(actor=None, item=item, filename="Lägesbild.pdf", content=PDF_BYTES)
    # when: attached again after the figures changed
    with django_capture_on_commit_callbacks(execute=True):
        again = document_attach(
            actor=None, item=item, filename="Lägesbild.pdf", content=PDF_BYTES + b"%new\n"
        )
    # then: one file, the newer one
    assert list(item.files.all()) == [again]
    assert not default_storage.exists(first.file.name)
    assert again.content_type == "application/pdf"


def test_a_document_that_could_not_be_made_is_refused(item):
    with pytest.raises(ServiceError):
        document_attach(actor=None, item=item, filename="Lägesbild.pdf", content=b"")
    assert not ItemFile.objects.exists()


def test_the_suggested_item_is_on_the_first_meeting_and_names_the_subject(item):
    # given: a later meeting with an item named for the subject, and the first without one
    later = Meeting.objects.create(
        body=item.meeting.body, date=dt.date(2026, 5, 7), place="Rådhuset"
    )
    opening = AgendaItem.objects.create(meeting=later, number=1, title="Öppnande")
    report = AgendaItem.objects.create(meeting=later, number=2, title="Lägesrapport")
    other = AgendaItem.objects.create(meeting=item.meeting, number=2, title="Övrigt")
    # then: an item of the first meeting that names it, else that meeting's first item
    assert default_item([item, other, opening, report], ("lägesbild",)) == item
    assert default_item([item, other, opening, report], ("lägesrapport",)) == item
    assert default_item([opening, report], ("lägesrapport",)) == report


# The pages ---------------------------------------------------------------------------------


@pytest.fixture
def secretary(client, users):
    client.force_login(users["secretary"])
    return client


def _files_url(item):
    return f"/councils/koping/meetings/items/{item.pk}/files/"


def test_a_secretary_attaches_a_file_and_a_member_downloads_it(client, users, item):
    # given
    client.force_login(users["secretary"])
    page = client.get(_files_url(item))
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.content.decode()
    # when
    response = client.post(_files_url(item), {"file": _upload("Lägesbild 2026.pdf", PDF_BYTES)})
    # then
    assert response.status_code == 302
    item_file = ItemFile.objects.get()
    assert item_file.filename == "Lägesbild 2026.pdf"
    assert "Lägesbild 2026.pdf" in client.get(_files_url(item)).content.decode()
    client.force_login(users["reporter"])
    download = client.get(f"/councils/koping/meetings/files/{item_file.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''L%C3%A4gesbild%202026.pdf" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == PDF_BYTES


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("program.pdf", EXE_BYTES),
        ("anteckningar.docx", b"Bara text."),
        ("tom.pdf", b""),
    ],
)
def test_a_bad_upload_gets_a_clear_message(secretary, item, name, data):
    response = secretary.post(_files_url(item), {"file": _upload(name, data)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The file was not attached" in html
    assert ("empty" in html) if not data else ("whatever its name says" in html)
    assert not ItemFile.objects.exists()


def test_an_upload_over_20_mb_is_refused_over_http(secretary, item):
    too_big = PDF_BYTES + b"\x00" * MAX_ITEM_FILE_BYTES
    response = secretary.post(_files_url(item), {"file": _upload("stor.pdf", too_big)})
    assert response.status_code == 400
    assert "larger than 20 MB" in response.content.decode()
    assert not ItemFile.objects.exists()


def test_an_upload_without_a_file_is_refused(secretary, item):
    assert secretary.post(_files_url(item), {}).status_code == 400


def test_a_secretary_deletes_a_file(secretary, item):
    item_file = item_file_add(actor=None, item=item, upload=_upload("a.pdf", PDF_BYTES))
    url = f"/councils/koping/meetings/files/{item_file.pk}/delete/"
    assert secretary.get(url).status_code == 405
    response = secretary.post(url)
    assert response.status_code == 302
    assert response.url == _files_url(item)
    assert not ItemFile.objects.exists()


def test_unknown_and_foreign_ids_are_not_found(secretary, item, other_council):
    other_body = Body.objects.create(council=other_council, name="Rådet", kind="council")
    other_meeting = Meeting.objects.create(body=other_body, date=dt.date(2026, 3, 5))
    foreign_item = AgendaItem.objects.create(meeting=other_meeting, number=1, title="Hemligt")
    foreign = item_file_add(actor=None, item=foreign_item, upload=_upload("h.pdf", PDF_BYTES))
    assert secretary.get(_files_url(foreign_item)).status_code == 404
    assert (
        secretary.post(_files_url(foreign_item), {"file": _upload("a.pdf", PDF_BYTES)}).status_code
        == 404
    )
    assert secretary.get("/councils/koping/meetings/items/999999/files/").status_code == 404
    assert secretary.get(f"/councils/koping/meetings/files/{foreign.pk}/").status_code == 404
    assert secretary.get("/councils/koping/meetings/files/999999/").status_code == 404
    assert (
        secretary.post(f"/councils/koping/meetings/files/{foreign.pk}/delete/").status_code == 404
    )
    assert ItemFile.objects.count() == 1


def test_a_file_missing_from_storage_is_not_found(secretary, item):
    item_file = item_file_add(actor=None, item=item, upload=_upload("a.pdf", PDF_BYTES))
    default_storage.delete(item_file.file.name)
    assert secretary.get(f"/councils/koping/meetings/files/{item_file.pk}/").status_code == 404


@pytest.mark.parametrize(("role", "status"), [("member", 403), ("viewer", 403), ("outsider", 404)])
def test_only_meeting_managers_attach_and_delete(client, users, item, role, status):
    item_file = item_file_add(actor=None, item=item, upload=_upload("a.pdf", PDF_BYTES))
    client.force_login(users[role])
    assert client.get(_files_url(item)).status_code == status
    assert (
        client.post(_files_url(item), {"file": _upload("b.pdf", PDF_BYTES)}).status_code == status
    )
    assert (
        client.post(f"/councils/koping/meetings/files/{item_file.pk}/delete/").status_code == status
    )
    assert ItemFile.objects.count() == 1


def test_anonymous_visitors_are_sent_to_log_in(client, item):
    item_file = item_file_add(actor=None, item=item, upload=_upload("a.pdf", PDF_BYTES))
    for url in (_files_url(item), f"/councils/koping/meetings/files/{item_file.pk}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response.url


def test_a_file_of_an_item_not_for_publication_is_hidden_from_reporters(client, users, item):
    item.not_for_publication = True
    item.save()
    item_file = item_file_add(actor=None, item=item, upload=_upload("kameror.pdf", PDF_BYTES))
    url = f"/councils/koping/meetings/files/{item_file.pk}/"
    client.force_login(users["reporter"])
    assert client.get(url).status_code == 404
    client.force_login(users["member"])
    assert client.get(url).status_code == 200
