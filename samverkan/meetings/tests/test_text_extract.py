"""Specifications for turning uploaded files into text (core/importing/text.py)."""

from __future__ import annotations

import datetime as dt
import html
import io
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter

from samverkan.core.importing.limits import MAX_IMPORT_BYTES
from samverkan.core.importing.rejections import REJECTION_MESSAGES, ImportRejected
from samverkan.core.importing.text import extract_text
from samverkan.meetings.importers.minutes import parse_minutes

FIXTURES = Path(__file__).resolve().parents[1] / "importers" / "fixtures"
KRAMFORS = (FIXTURES / "kramfors-bra-2019-03-14.txt").read_text(encoding="utf-8")


def _rejection(data: bytes, filename: str) -> ImportRejected:
    with pytest.raises(ImportRejected) as caught:
        extract_text(data, filename)
    assert caught.value.message == REJECTION_MESSAGES[caught.value.code]
    return caught.value


# --- Plain text ------------------------------------------------------------------------------


def test_it_reads_utf8_text_without_bom_and_with_windows_line_ends():
    data = "\ufeffProtokoll\r\nRådet\r\n§ 1 Öppnande\r\n".encode()

    assert extract_text(data, "protokoll.txt") == "Protokoll\nRådet\n§ 1 Öppnande\n"


def test_it_reads_windows_1252_text():
    data = KRAMFORS.encode("cp1252")

    text = extract_text(data, "kramfors.txt")

    assert text == KRAMFORS
    assert parse_minutes(text).to_json()["body"] == "Brottsförebyggande rådet i Kramfors"


def test_it_falls_back_to_latin_1_for_bytes_windows_1252_lacks():
    data = "Närvarande: Åsa Ek\n".encode("latin-1") + b"\x81\n"

    assert extract_text(data, "a.txt").startswith("Närvarande: Åsa Ek\n")


def test_it_reads_utf16_text_with_a_byte_order_mark():
    data = "Protokoll\nRådet\n".encode("utf-16")

    assert extract_text(data, "notepad.txt") == "Protokoll\nRådet\n"


def test_it_joins_decomposed_letters_from_pdfs_and_drops_soft_hyphens():
    data = "Ra\u030adet\u00ad och sa\u0308kerhet\u00a0kl. 10".encode()

    assert extract_text(data, "x.txt") == "Rådet och säkerhet kl. 10"


def test_it_reads_text_without_an_extension_and_markdown():
    assert extract_text(b"Protokoll", "protokoll") == "Protokoll"
    assert extract_text(b"Protokoll", "protokoll.md") == "Protokoll"


# --- DOCX ------------------------------------------------------------------------------------


def _docx_bytes(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _minutes_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Protokoll")
    document.add_paragraph("Brottsförebyggande rådet 2018-05-24, kl 10.00-12.00")
    document.add_paragraph("Plats: Rådhuset.")
    document.add_paragraph("Ledamöter")
    table = document.add_table(rows=3, cols=2)
    for row, (name, affiliation) in zip(
        table.rows,
        [
            ("Roger Eklund (ordf.)", "kommunstyrelsen"),
            ("Jan Häggkvist", "säkerhetschef, Köpings kommun"),
            ("Kajsa Landström", "sekreterare"),
        ],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = name, affiliation
    document.add_paragraph("1. Sammanträdets öppnande")
    document.add_paragraph("Ordföranden förklarar mötet öppnat.")
    document.add_paragraph("2. Kommande sammanträden 2018")
    schedule = document.add_table(rows=2, cols=2)
    schedule.rows[0].cells[0].text, schedule.rows[0].cells[1].text = "Arbetsutskottet", "Rådet"
    schedule.rows[1].cells[0].text = "27 augusti kl 08.30-10.30"
    schedule.rows[1].cells[1].text = "19 september kl 13.15-15.15"
    return _docx_bytes(document)


def test_it_reads_docx_paragraphs_and_tables_in_document_order():
    text = extract_text(_minutes_docx(), "protokoll.docx")

    assert text.splitlines()[3:7] == [
        "Ledamöter",
        "Roger Eklund (ordf.)\tkommunstyrelsen",
        "Jan Häggkvist\tsäkerhetschef, Köpings kommun",
        "Kajsa Landström\tsekreterare",
    ]
    assert text.splitlines()[7] == "1. Sammanträdets öppnande"


def test_a_docx_table_reads_like_the_tab_tables_of_text_minutes():
    data = parse_minutes(extract_text(_minutes_docx(), "protokoll.docx")).to_json()

    assert data["attendance"]["present"] == [
        {"name": "Roger Eklund", "affiliation": "kommunstyrelsen", "role": "chair"},
        {"name": "Jan Häggkvist", "affiliation": "säkerhetschef, Köpings kommun", "role": "member"},
        {"name": "Kajsa Landström", "affiliation": "sekreterare", "role": "secretary"},
    ]
    assert data["schedule"] == [
        {"body": "Arbetsutskottet", "date": "2018-08-27", "start": "08:30", "end": "10:30"},
        {"body": "Rådet", "date": "2018-09-19", "start": "13:15", "end": "15:15"},
    ]


def test_it_reads_merged_and_stacked_docx_cells_once():
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Aktivitet"
    table.cell(0, 2).text = "Ansvarig"
    table.cell(1, 0).text = "Trygghetsvandring"
    table.cell(1, 1).text = "Anna Ek"
    table.cell(1, 1).add_paragraph("kommunpolis")
    table.cell(1, 2).text = "Polisen"

    text = extract_text(_docx_bytes(document), "plan.docx")

    assert text.splitlines() == [
        "Aktivitet\tAnsvarig",
        "Trygghetsvandring\tAnna Ek, kommunpolis\tPolisen",
    ]


def test_it_recognises_docx_by_content_whatever_the_name():
    assert extract_text(_minutes_docx(), "upload.bin").startswith("Protokoll\n")


# --- PDF -------------------------------------------------------------------------------------

MINUTES_HTML = """<html><body>
<p>Protokoll</p>
<p>Trygghetsrådet</p>
<p>Sammanträdesdatum 2019-03-14</p>
<p>Plats och tid: Stadshuset, kl. 13.15–15.00</p>
<p>Beslutande</p>
<p>Anna Ek (S), ordförande</p>
<p>§ 1 Mötets öppnande</p>
<p>Ordföranden öppnar mötet.</p>
<p>§ 2 Lägesbild</p>
<p>Beslut</p>
<p>Rådet beslutar att notera informationen.</p>
</body></html>"""


def test_it_reads_a_pdf_with_a_text_layer():
    weasyprint = pytest.importorskip("weasyprint")
    pdf = weasyprint.HTML(string=MINUTES_HTML).write_pdf()

    data = parse_minutes(extract_text(pdf, "protokoll.pdf")).to_json()

    assert (data["body"], data["date"], data["start"], data["place"]) == (
        "Trygghetsrådet",
        "2019-03-14",
        "13:15",
        "Stadshuset",
    )
    assert [(i["number"], i["title"]) for i in data["items"]] == [
        (1, "Mötets öppnande"),
        (2, "Lägesbild"),
    ]
    assert data["items"][1]["decisions"] == ["Rådet beslutar att notera informationen."]


def _html_of(text: str) -> str:
    """Render text minutes as HTML: a paragraph per line, a table per run of tab lines."""
    parts: list[str] = []
    rows: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            cells = ("".join(f"<td>{html.escape(cell)}</td>" for cell in row) for row in rows)
            parts.append("<table>" + "".join(f"<tr>{row}</tr>" for row in cells) + "</table>")
            rows = []
        if line.strip():
            parts.append(f"<p>{html.escape(line)}</p>")
    return "<html><body>" + "".join(parts) + "</body></html>"


def test_the_seed_reads_the_same_from_a_pdf_whose_tables_lost_their_tabs():
    weasyprint = pytest.importorskip("weasyprint")
    seed = (FIXTURES / "koping-bra-2018-05-24.txt").read_text(encoding="utf-8")
    pdf = weasyprint.HTML(string=_html_of(seed)).write_pdf()

    from_pdf = parse_minutes(extract_text(pdf, "koping.pdf")).to_json()
    from_text = parse_minutes(seed).to_json()

    for key in ("body", "date", "start", "end", "place", "attendance", "adjusters"):
        assert from_pdf[key] == from_text[key], key
    for key in ("signatures", "schedule", "warnings"):
        assert from_pdf[key] == from_text[key], key
    assert [(i["number"], i["title"], i["decisions"]) for i in from_pdf["items"]] == [
        (i["number"], i["title"], i["decisions"]) for i in from_text["items"]
    ]
    # PDF pages carry no page-break gaps, so the three attachments arrive as one.
    assert from_pdf["attachments"][0]["title"] == "Medborgarlöften Köpings kommun 2018"


def _blank_pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_it_rejects_a_pdf_without_a_text_layer():
    rejected = _rejection(_blank_pdf(pages=3), "skannad.pdf")

    assert rejected.code == "no_text_layer"


def test_it_rejects_a_password_protected_pdf():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="hemligt", owner_password="hemligare", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)

    assert _rejection(buffer.getvalue(), "låst.pdf").code == "encrypted"


def test_it_rejects_a_damaged_pdf():
    assert _rejection(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n", "trasig.pdf").code == (
        "unreadable"
    )


# --- Rejections ------------------------------------------------------------------------------


def test_it_rejects_an_empty_file():
    assert _rejection(b"", "tom.txt").code == "empty"
    assert _rejection(b" \r\n\t\n", "blank.txt").code == "empty"


def test_it_rejects_a_file_over_20_mb_before_reading_it():
    data = b"a" * (MAX_IMPORT_BYTES + 1)

    assert _rejection(data, "stor.txt").code == "too_large"
    assert MAX_IMPORT_BYTES == 20 * 1024 * 1024


def test_it_rejects_binary_garbage():
    assert _rejection(bytes(range(256)) * 4, "data.txt").code == "binary"
    assert _rejection(b"Protokoll\x00\x01\x02", "nul.txt").code == "binary"


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "gammal.doc"),
        (b"{\\rtf1\\ansi Protokoll}", "protokoll.rtf"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "skanning.png"),
        (b"Protokoll", "protokoll.odt"),
        (b"Protokoll", "protokoll.pptx"),
    ],
)
def test_it_rejects_unsupported_formats(data, filename):
    assert _rejection(data, filename).code == "unsupported_format"


def test_it_rejects_a_zip_that_is_no_word_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")

    assert _rejection(buffer.getvalue(), "protokoll.odt").code == "unsupported_format"


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"Protokoll", "protokoll.pdf"),
        (b"Protokoll", "protokoll.docx"),
        (b"PK\x03\x04 not really a zip", "protokoll.docx"),
    ],
)
def test_it_rejects_a_file_whose_content_does_not_match_its_name(data, filename):
    assert _rejection(data, filename).code == "unreadable"


def test_a_damaged_docx_is_unreadable():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<not-xml")

    assert _rejection(buffer.getvalue(), "trasig.docx").code == "unreadable"


# --- Properties --------------------------------------------------------------------------------


def _text_or_rejection(data: bytes, filename: str) -> str | ImportRejected:
    try:
        return extract_text(data, filename)
    except ImportRejected as rejected:
        return rejected


FILENAMES = st.sampled_from(["a.txt", "a.pdf", "a.docx", "a", "a.md", "a.doc", "A.TXT", "x/y.z"])
PREFIXES = st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe"])


@settings(max_examples=300, deadline=None, database=None)
@given(PREFIXES, st.binary(max_size=2000), FILENAMES)
def test_it_never_fails_on_arbitrary_bytes(prefix, data, filename):
    outcome = _text_or_rejection(prefix + data, filename)

    if isinstance(outcome, ImportRejected):
        assert outcome.code in REJECTION_MESSAGES
    else:
        assert outcome.strip()
        assert "\r" not in outcome


@settings(max_examples=100, deadline=None, database=None)
@given(st.text(min_size=1), st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_it_reads_back_any_text_it_can_encode(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    outcome = _text_or_rejection(data, "a.txt")

    if isinstance(outcome, ImportRejected):
        assert outcome.code in {"empty", "binary"}


def test_it_reads_every_sheet_of_a_workbook_as_tab_separated_rows():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Aktivitet", "Ansvarig", "Status", "Klart"])
    sheet.append(["Trygghetsvandring", "Polisen + KBAB", "pågår", dt.date(2019, 5, 31)])
    sheet.append([None, None, None, None])
    sheet.append(["Räkna cyklar", "Tekniska kontoret", None, 12.0])
    workbook.create_sheet("Tomt")
    buffer = io.BytesIO()
    workbook.save(buffer)

    assert extract_text(buffer.getvalue(), "plan.xlsx") == (
        "Aktivitet\tAnsvarig\tStatus\tKlart\n"
        "Trygghetsvandring\tPolisen + KBAB\tpågår\t2019-05-31\n"
        "\n"
        "Räkna cyklar\tTekniska kontoret\t\t12"
    )


def test_a_damaged_workbook_is_unreadable():
    assert _rejection(b"Protokoll", "plan.xlsx").code == "unreadable"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not a workbook")
    assert _rejection(buffer.getvalue(), "plan.xlsx").code == "unreadable"
