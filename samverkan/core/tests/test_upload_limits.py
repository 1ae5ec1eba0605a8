"""Upload bombs are refused before they are unpacked: a DOCX that inflates to 600 MB, an XLSX
whose dimension claims a million rows of 16,384 columns, a PDF of 20,000 pages and an
80-megapixel PNG, each built here and read in a subprocess whose memory is capped at 300 MB
above what it holds after start-up; the refusal is read in Swedish. Smaller cases lower the
limits in settings and go through the services and HTTP.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
import zipfile
import zlib
from pathlib import Path

import pytest
from django.test import override_settings
from openpyxl import Workbook
from PIL import Image

from samverkan.core.errors import ServiceError
from samverkan.core.importing.rejections import ImportRejected
from samverkan.core.importing.tables import read_table
from samverkan.core.importing.text import extract_text

CAP = 300 * 1024 * 1024

_RUNNER = textwrap.dedent(
    """
    import resource, sys
    import django
    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import translation
    from django.utils.translation import gettext
    import docx, openpyxl, pypdf, PIL.Image
    from samverkan.core.errors import ServiceError
    from samverkan.core.importing.rejections import ImportRejected
    from samverkan.core.importing.text import extract_text
    from samverkan.incidents.photos import clean_photo
    from samverkan.core.importing.tables import read_table

    kind, path, cap = sys.argv[1], sys.argv[2], int(sys.argv[3])
    data = open(path, "rb").read()
    size = int(open("/proc/self/statm").read().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (size + cap, resource.RLIM_INFINITY))
    with translation.override("sv"):
        try:
            if kind == "extract":
                extract_text(data, path)
            elif kind == "table":
                read_table(path, data)
            else:
                clean_photo(SimpleUploadedFile("bild.png", data, "image/png"))
        except ImportRejected as exc:
            print("REFUSED", gettext(exc.message))
        except ServiceError as exc:
            print("REFUSED", exc.message)
        else:
            print("READ")
    """
)


def _read_capped(tmp_path: Path, kind: str, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    done = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", _RUNNER, kind, str(path), str(CAP)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "samverkan.settings"},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _docx_bomb(megabytes: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = b"\0" * (8 << 20)
            for _ in range(megabytes // 8):
                member.write(block)
    return buffer.getvalue()


def _with_member(data: bytes, name: str, megabytes: int) -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, b"\0" * (megabytes << 20))
    return out.getvalue()


def _padded_xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "time", "category"])
    sheet.append(["1", "2026-11-20 07:30", "Klotter"])
    saved = io.BytesIO()
    book.save(saved)
    padded = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(saved.getvalue())) as source,
        zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(
                    b'<dimension ref="A1:C2"/>', b'<dimension ref="A1:XFD1048576"/>'
                )
                assert b"XFD1048576" in content
            target.writestr(item, content)
    return padded.getvalue()


def _pdf_of_pages(count: int) -> bytes:
    """A PDF whose page tree lists one page `count` times (a few hundred KB)."""
    kids = b" ".join([b"3 0 R"] * count)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count %d /Kids [%s] >>" % (count, kids),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents 4 0 R >>",
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG")
    return out.getvalue()


UNPACKS = "Filen packas upp till mer data än en uppladdning får innehålla"


@pytest.fixture(scope="session")
def docx_bomb() -> bytes:
    return _docx_bomb(600)


def test_a_docx_that_inflates_to_600_mb_is_refused_within_the_memory_cap(tmp_path, docx_bomb):
    assert len(docx_bomb) < 5 * 1024 * 1024
    assert UNPACKS in _read_capped(tmp_path, "extract", "bomb.docx", docx_bomb)


def test_an_xlsx_with_a_padded_dimension_is_read_as_the_rows_it_holds(tmp_path):
    # given a small workbook whose sheet claims A1:XFD1048576
    data = _padded_xlsx()
    # then the bulk import reads its two rows, within the cap, and the text import too
    assert _read_capped(tmp_path, "table", "padded.xlsx", data) == "READ\n"
    assert _read_capped(tmp_path, "extract", "padded.xlsx", data) == "READ\n"
    table = read_table("padded.xlsx", data)
    assert table.headers == ["id", "time", "category"]
    assert [list(row)[:3] for row in table.rows] == [["1", "2026-11-20 07:30", "Klotter"]]


def test_a_pdf_of_20000_pages_is_refused_before_its_pages_are_read(tmp_path):
    output = _read_capped(tmp_path, "extract", "pages.pdf", _pdf_of_pages(20_000))
    assert "PDF-filen har för många sidor" in output


def test_an_80_megapixel_png_is_refused_from_its_header(tmp_path):
    data = _png(10_000, 8_000)
    assert len(data) < 100_000
    output = _read_capped(tmp_path, "photo", "bomb.png", data)
    assert "har fler pixlar än ett foto behöver (högst 40 megapixlar)" in output


@override_settings(
    UPLOAD_MAX_UNPACKED_BYTES=1024 * 1024, UPLOAD_MAX_UNPACKED_MEMBER_BYTES=1024 * 1024
)
def test_the_limits_of_a_zip_are_settings_and_the_import_says_so_in_english(settings):
    # given a DOCX of 2 MB unpacked, above a limit of 1 MB
    from django.utils import translation

    with translation.override("en"), pytest.raises(ImportRejected) as refused:
        extract_text(_docx_bomb(8), "minutes.docx")
    assert refused.value.message.startswith("The file unpacks to more data than an upload may hold")
    with translation.override("en"), pytest.raises(ServiceError) as refused_table:
        read_table("incidents.xlsx", _with_member(_padded_xlsx(), "xl/media/padding.bin", 2))
    assert "unpacks to more data" in str(refused_table.value.message)


@override_settings(UPLOAD_MAX_SHEET_ROWS=3)
def test_a_sheet_over_the_row_limit_is_refused():
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for number in range(10):
        sheet.append([number, "2026-11-20 07:30", "Klotter"])
    saved = io.BytesIO()
    book.save(saved)
    from django.utils import translation

    with translation.override("en"), pytest.raises(ServiceError) as refused:
        read_table("incidents.xlsx", saved.getvalue())
    assert "too many rows or columns" in str(refused.value.message)


@override_settings(UPLOAD_MAX_PDF_PAGES=5)
def test_a_pdf_over_the_page_limit_is_refused():
    with pytest.raises(ImportRejected) as refused:
        extract_text(_pdf_of_pages(6), "minutes.pdf")
    assert refused.value.message.startswith("The PDF has too many pages")


def _lying_docx(megabytes: int) -> bytes:
    """A DOCX whose directory says its document is 1 KB while it inflates to `megabytes`."""
    data = bytearray(_docx_bomb(megabytes))
    actual = (megabytes // 8 * 8) << 20
    # The uncompressed size: at offset 22 of the local header, 24 of the directory entry.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            field = start + offset
            if int.from_bytes(data[field : field + 4], "little") == actual:
                data[field : field + 4] = (1024).to_bytes(4, "little")
            start += 4
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        assert archive.getinfo("word/document.xml").file_size == 1024
    return bytes(data)


def test_a_docx_whose_directory_lies_about_its_size_is_refused_within_the_memory_cap(tmp_path):
    output = _read_capped(tmp_path, "extract", "liar.docx", _lying_docx(400))
    assert UNPACKS in output


@override_settings(UPLOAD_MAX_UNPACKED_BYTES=1024 * 1024)
def test_a_pdf_whose_pages_inflate_beyond_the_limit_is_refused():
    # given a PDF of three pages whose one content stream inflates to 600 KB of text each time
    text = b"BT /F1 12 Tf 72 712 Td (Protokoll) Tj ET\n" * 15_000
    pdf = _pdf_of_pages(3).replace(
        b"<< /Length 0 >>\nstream\n\nendstream",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream"
        % (len(zlib.compress(text)), zlib.compress(text)),
    )
    # then the import stops at the second page, before reading it
    with pytest.raises(ImportRejected) as refused:
        extract_text(pdf, "minutes.pdf")
    assert refused.value.message.startswith("The file unpacks to more data than an upload")
