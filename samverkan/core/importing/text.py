"""Turn the bytes of an uploaded PDF, DOCX or plain-text file into plain text.

The result is what the document parsers read (the minutes' and the plan documents'): one
paragraph per line, table rows as tab-separated lines, LF line ends, NFC-normalised Unicode.
Everything that goes wrong raises `ImportRejected` with a code from `rejections`, never a
library's own exception.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import time
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from samverkan.core import upload_limits
from samverkan.core.importing.limits import MAX_IMPORT_BYTES
from samverkan.core.importing.rejections import (
    BINARY,
    EMPTY,
    ENCRYPTED,
    NO_TEXT_LAYER,
    TOO_LARGE,
    UNREADABLE,
    UNSUPPORTED_FORMAT,
    ImportRejected,
    gettext_noop,
)

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import Table, _Cell
    from docx.types import ProvidesStoryPart
    from pypdf import PdfReader

__all__ = [
    "OCR_FAILED",
    "OCR_TIMEOUT",
    "OCR_UNAVAILABLE",
    "DocumentFormat",
    "ExtractedText",
    "extract_document",
    "detect_format",
    "extract_text",
    "normalise_text",
    "strip_scan_noise",
]

DocumentFormat = Literal["pdf", "docx", "xlsx", "text"]

TEXT_EXTENSIONS: Final = frozenset({"", ".txt", ".text", ".md", ".csv", ".tsv"})

# Signatures of formats people upload by mistake; named so the rejection is immediate.
_UNSUPPORTED_MAGIC: Final = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # legacy .doc/.xls (OLE2)
    b"{\\rtf",
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"II*\x00",  # TIFF
    b"MM\x00*",
)

# A PDF page with fewer letters than this on average is taken to be a scanned image.
_MIN_LETTERS_PER_PDF_PAGE: Final = 20

# Share of control characters above which decoded "text" is taken to be binary data.
_MAX_CONTROL_SHARE: Final = 0.01

_LIGATURES: Final = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
)
_INVISIBLE_RE: Final = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACES_RE: Final = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# A word a PDF hyphenated at a line's end: "redovis-" / "ningen". Not "kultur-" / "och fritid",
# where the hyphen stands for the word's missing part.
_HYPHENATED_RE: Final = re.compile(
    r"(?<=[a-zåäöéü])-[ \t]*\n[ \t]*(?=[a-zåäöéü])(?!(?:och|eller|samt|respektive|resp|till)\b)"
)


# --- OCR: a scanned PDF (no text layer) is read by Tesseract with its Swedish data ----------------

OCR_UNAVAILABLE: Final = "ocr_unavailable"
OCR_TIMEOUT: Final = "ocr_timeout"
OCR_FAILED: Final = "ocr_failed"
OCR_MESSAGES: Final = {
    OCR_UNAVAILABLE: gettext_noop(
        "The PDF is a scan without text, and text recognition (OCR) is not installed on this "
        "server. Ask the administrator to run “make ocr”, or upload the document as text, "
        "Word or a PDF with text."
    ),
    OCR_TIMEOUT: gettext_noop(
        "The PDF is a scan without text, and reading it by text recognition (OCR) took too "
        "long. Split it into smaller files, or upload it as text or Word."
    ),
    OCR_FAILED: gettext_noop(
        "The PDF is a scan without text, and text recognition (OCR) could not read it."
    ),
}
# The whole recognition of one upload stops after this many seconds, so that no scan holds a
# worker for long; a page at 300 dpi takes a few seconds.
OCR_TIME_LIMIT_SECONDS: Final = int(os.environ.get("SAMVERKAN_OCR_TIME_LIMIT", "120"))
OCR_LANGUAGE: Final = "swe"
_OCR_DPI: Final = 300


@dataclass(frozen=True, slots=True)
class ExtractedText:
    """The text of a document, and whether it came from text recognition of a scan."""

    text: str
    ocr: bool = False
    confidence: float | None = None  # OCR only: Tesseract's mean word confidence, 0–100
    pages: int | None = None


# The last scans read by OCR, by their bytes' hash (a few: each holds a document's text).
_RECENT_OCR: dict[bytes, ExtractedText] = {}
_RECENT_OCR_SIZE: Final = 4


def extract_document(data: bytes, filename: str, *, ocr: bool = True) -> ExtractedText:
    """Return the text of an uploaded document, reading a scanned PDF by OCR when `ocr`;
    raise ImportRejected if there is no text to read."""
    try:
        return ExtractedText(extract_text(data, filename))
    except ImportRejected as rejected:
        if rejected.code != NO_TEXT_LAYER or not ocr:
            raise
    key = hashlib.sha256(data).digest()
    if key in _RECENT_OCR and ocr_available():
        return _RECENT_OCR[key]
    text, confidence, pages = ocr_pdf(data)
    text = normalise_text(text)
    if not text.strip():
        raise ImportRejected(OCR_FAILED, OCR_MESSAGES[OCR_FAILED])
    extracted = ExtractedText(text, ocr=True, confidence=confidence, pages=pages)
    # An archive reads a file to find its importer, which reads it again: one OCR, not two.
    _RECENT_OCR[key] = extracted
    while len(_RECENT_OCR) > _RECENT_OCR_SIZE:
        del _RECENT_OCR[next(iter(_RECENT_OCR))]
    return extracted


def ocr_available() -> bool:
    """Say whether Tesseract with Swedish and Ghostscript are installed (`make ocr`)."""
    tesseract = shutil.which("tesseract")
    if tesseract is None or shutil.which("gs") is None:
        return False
    try:
        listed = subprocess.run(  # noqa: S603 (a fixed command)
            [tesseract, "--list-langs"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return OCR_LANGUAGE in listed.stdout.split()


def ocr_pdf(data: bytes, *, time_limit: float | None = None) -> tuple[str, float, int]:
    """Read a scanned PDF by OCR: (text, mean word confidence 0–100, pages).

    Ghostscript renders each page at 300 dpi and Tesseract reads it with its Swedish data; a
    wide gap between words on a line becomes a tab, as the columns of a table. The whole run
    stops at `time_limit` seconds (OCR_TIME_LIMIT_SECONDS) with ImportRejected("ocr_timeout").
    """
    if not ocr_available():
        raise ImportRejected(OCR_UNAVAILABLE, OCR_MESSAGES[OCR_UNAVAILABLE])
    limit = OCR_TIME_LIMIT_SECONDS if time_limit is None else time_limit
    deadline = time.monotonic() + limit
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core per upload

    def run(command: list[str]) -> str:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise ImportRejected(OCR_TIMEOUT, OCR_MESSAGES[OCR_TIMEOUT])
        try:
            done = subprocess.run(  # noqa: S603 (fixed commands on files of our own)
                command, capture_output=True, text=True, timeout=remaining, env=environment,
                check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired as exc:
            raise ImportRejected(OCR_TIMEOUT, OCR_MESSAGES[OCR_TIMEOUT]) from exc
        except OSError as exc:
            raise ImportRejected(OCR_FAILED, OCR_MESSAGES[OCR_FAILED]) from exc
        if done.returncode != 0:
            raise ImportRejected(OCR_FAILED, OCR_MESSAGES[OCR_FAILED])
        return done.stdout

    with tempfile.TemporaryDirectory(prefix="samverkan-ocr-") as folder:
        source = Path(folder) / "scan.pdf"
        source.write_bytes(data)
        run(
            [
                "gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pnggray",
                f"-r{_OCR_DPI}", f"-sOutputFile={folder}/page-%04d.png", str(source),
            ]
        )  # fmt: skip
        images = sorted(Path(folder).glob("page-*.png"))
        pages: list[str] = []
        confidences: list[float] = []
        for image in images:
            tsv = run(["tesseract", str(image), "stdout", "-l", OCR_LANGUAGE, "--psm", "4", "tsv"])
            page_text, page_confidences = _tsv_text(tsv)
            pages.append(page_text)
            confidences.extend(page_confidences)
    confidence = sum(confidences) / len(confidences) if confidences else 0.0
    return "\n\n".join(pages), round(confidence, 1), len(images)


def _tsv_text(tsv: str) -> tuple[str, list[float]]:
    """Lines of words from Tesseract's TSV; a gap wider than three letters' height is a tab."""
    lines: dict[tuple[int, int, int], list[tuple[int, int, int, str]]] = {}
    confidences: list[float] = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        try:
            key = (int(cells[2]), int(cells[3]), int(cells[4]))
            left, width, height = int(cells[6]), int(cells[8]), int(cells[9])
            confidence = float(cells[10])
        except ValueError:
            continue
        lines.setdefault(key, []).append((left, width, height, cells[11]))
        if confidence >= 0:
            confidences.append(confidence)
    out: list[str] = []
    previous_block: tuple[int, int] | None = None
    for (block, paragraph, _line), words in lines.items():
        if previous_block is not None and previous_block != (block, paragraph):
            out.append("")
        previous_block = (block, paragraph)
        text = ""
        end = None
        line_height = max(height for _left, _width, height, _word in words)
        for left, width, _height, word in sorted(words):
            if end is None:
                text = word
            else:
                text += "\t" if left - end > 3 * line_height else " "
                text += word
            end = left + width
        out.append(text)
    return "\n".join(strip_scan_noise(line) for line in out), confidences


def extract_text(data: bytes, filename: str) -> str:
    """Return the text of an uploaded document; raise ImportRejected if there is none to read.

    A scanned PDF raises ImportRejected("no_text_layer"); `extract_document` reads it by OCR.
    """
    if not data:
        raise ImportRejected(EMPTY)
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportRejected(TOO_LARGE)
    document_format = detect_format(data, filename)
    try:
        if document_format in {"docx", "xlsx"}:
            upload_limits.check_zip(data)  # before a reader inflates any part of it
        if document_format == "pdf":
            text = _pdf_text(data)
        elif document_format == "docx":
            text = _docx_text(data)
        elif document_format == "xlsx":
            text = _xlsx_text(data)
        else:
            text = _decode_text(data)
    except upload_limits.UnpackRefused as exc:
        raise ImportRejected(TOO_LARGE, exc.message) from exc
    text = normalise_text(text)
    if not text.strip():
        raise ImportRejected(EMPTY)
    return text


def detect_format(data: bytes, filename: str) -> DocumentFormat:
    """Name the format from magic bytes first and the file extension second."""
    head = data[:1024]
    # Some generators put a few bytes of junk before the header; readers accept that too.
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(data)
    if head.startswith(_UNSUPPORTED_MAGIC):
        raise ImportRejected(UNSUPPORTED_FORMAT)
    extension = _extension(filename)
    if extension in {".pdf", ".docx", ".xlsx"}:
        # The name promises a format the bytes do not have: a damaged or mislabelled file.
        raise ImportRejected(UNREADABLE)
    if extension in TEXT_EXTENSIONS:
        return "text"
    raise ImportRejected(UNSUPPORTED_FORMAT)


def normalise_text(text: str) -> str:
    """Return text with LF line ends, NFC letters, plain spaces, no invisible characters and
    words hyphenated at a line's end joined again."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = _INVISIBLE_RE.sub("", text)
    text = _SPACES_RE.sub(" ", text)
    # PDFs often store "å" as "a" plus a combining ring; NFC joins them so patterns match.
    text = unicodedata.normalize("NFC", text.translate(_LIGATURES))
    return _HYPHENATED_RE.sub("", text)


# What OCR leaves of rules, table borders and specks: a line of nothing else, and a lone bar at
# either end of a line of text.
_RULE_CHARS: Final = frozenset(" \t-=_—–|~.,'`´:;")
_EDGE_BAR_RE: Final = re.compile(r"^[ \t]*[|¦][ \t]+|(?<=\S)[ \t]+[|¦][ \t]*$")
# A bullet OCR read as another mark: "« Polisen lovar …", "° Kommunen …".
_OCR_BULLET_RE: Final = re.compile(r"^([ \t]*)[«»°©®·][ \t]+(?=[A-ZÅÄÖ])")


def strip_scan_noise(line: str) -> str:
    """Return a line without the noise OCR leaves: "| Beslutande" -> "Beslutande", "=" -> "".

    A line with bars inside ("a | b | c") is a table and kept; so is a line of dots.
    """
    marks = line.strip()
    if marks and len(marks) <= 12 and set(marks) <= _RULE_CHARS and set(marks) != {"."}:
        return ""
    line = _OCR_BULLET_RE.sub(r"\1• ", line)
    if line.count("|") + line.count("¦") > 2:
        return line
    return _EDGE_BAR_RE.sub("", line)


def _extension(filename: str) -> str:
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return name[name.rfind(".") :] if "." in name else ""


def _zip_format(data: bytes) -> DocumentFormat:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportRejected(UNREADABLE) from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    # OpenDocument, XLSX, PPTX and plain archives are zip files too.
    raise ImportRejected(UNSUPPORTED_FORMAT)


def _decode_text(data: bytes) -> str:
    text = _decode_bytes(data)
    if _looks_binary(text):
        raise ImportRejected(BINARY)
    return text


def _decode_bytes(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Notepad's "Unicode" is UTF-16 with a byte-order mark.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportRejected(BINARY) from exc
    if b"\x00" in data:
        raise ImportRejected(BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Older Windows editors save Swedish text as cp1252; latin-1 decodes any byte left over.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    garbage = sum(
        1
        for char in text
        if (unicodedata.category(char) in {"Cc", "Co", "Cn"} and char not in "\t\n\r\f\v")
        or char == "\ufffd"
    )
    return garbage > max(1, len(text) * _MAX_CONTROL_SHARE)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted:
            _decrypt_without_password(reader)
        # Counted from the page tree before any page is read.
        upload_limits.check_pages(len(reader.pages))
        pages: list[str] = []
        # pypdf inflates each stream up to 75 MB; the pages together are held to the total
        # an upload may unpack to, counted before each page is read.
        unpacked = 0
        limits = upload_limits.unpack_limits()
        for page in reader.pages:
            contents = page.get_contents()
            unpacked += len(contents.get_data()) if contents is not None else 0
            upload_limits.check_unpacked(unpacked, limits)
            pages.append(page.extract_text() or "")
    except (ImportRejected, upload_limits.UnpackRefused):
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files; all mean "unreadable"
        raise ImportRejected(UNREADABLE) from exc
    letters = sum(1 for page in pages for char in page if char.isalpha())
    if letters < _MIN_LETTERS_PER_PDF_PAGE * max(1, len(pages)):
        raise ImportRejected(NO_TEXT_LAYER)
    # A blank line between pages, so the parser sees a paragraph break and no more.
    return "\n\n".join(str(page) for page in pages)


def _decrypt_without_password(reader: PdfReader) -> None:
    """Open PDFs that are encrypted only against editing; refuse those that need a password."""
    try:
        opened = reader.decrypt("")
    except Exception as exc:  # missing crypto backend or a broken encryption dictionary
        raise ImportRejected(ENCRYPTED) from exc
    if not opened:
        raise ImportRejected(ENCRYPTED)


def _docx_text(data: bytes) -> str:
    from docx import Document

    try:
        document = Document(BytesIO(data))
        lines = list(_docx_lines(document.element.body, document))
    except Exception as exc:  # python-docx and lxml raise many kinds on damaged files
        raise ImportRejected(UNREADABLE) from exc
    return "\n".join(lines)


def _xlsx_text(data: bytes) -> str:
    """Every sheet's rows as tab-separated lines (values, not formulas), a blank line between."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
        sheets: list[str] = []
        for sheet in workbook.worksheets:
            rows: list[str] = []
            for row in upload_limits.sheet_rows(sheet):
                cells = [_xlsx_cell(value) for value in row]
                while cells and not cells[-1]:
                    cells.pop()
                rows.append("\t".join(cells))
            sheets.append("\n".join(rows).strip("\n"))
        workbook.close()
    except upload_limits.UnpackRefused:
        raise
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise ImportRejected(UNREADABLE) from exc
    return "\n\n".join(sheet for sheet in sheets if sheet)


def _xlsx_cell(value: object) -> str:
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).replace("\t", " ").split())


def _docx_lines(container: BaseOxmlElement, parent: ProvidesStoryPart) -> Iterator[str]:
    """Yield paragraphs and table rows in document order, looking inside content controls."""
    from docx.oxml.ns import qn
    from docx.oxml.table import CT_Tbl
    from docx.oxml.text.paragraph import CT_P
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        if isinstance(child, CT_P):
            yield Paragraph(child, parent).text
        elif isinstance(child, CT_Tbl):
            yield from _table_lines(Table(child, parent))
        elif child.tag == qn("w:sdt"):
            for content in child.iterchildren(qn("w:sdtContent")):
                yield from _docx_lines(content, parent)


def _table_lines(table: Table) -> Iterator[str]:
    """Yield one tab-separated line per row, each merged cell once."""
    above: dict[int, object] = {}
    for row in table.rows:
        cells: list[str] = []
        previous: object = None
        for column, cell in enumerate(row.cells):
            element = cell._tc
            if element is previous:
                continue  # a horizontally merged cell repeats in row.cells
            previous = element
            # A vertically merged cell repeats in each row it spans; keep its text in the first.
            repeated = above.get(column) is element
            above[column] = element
            cells.append("" if repeated else _cell_text(cell))
        while cells and not cells[-1]:
            cells.pop()
        yield "\t".join(cells)


def _cell_text(cell: _Cell) -> str:
    parts: list[str] = []
    for paragraph in cell.paragraphs:
        text = " ".join(str(paragraph.text).replace("\t", " ").split())
        if text:
            parts.append(text)
    for nested in cell.tables:
        parts.extend(line.replace("\t", ", ") for line in _table_lines(nested) if line)
    joined = ""
    for part in parts:
        if not joined:
            joined = part
        elif joined[-1] in ".,;:":
            joined = f"{joined} {part}"
        else:
            # Paragraphs in one cell are usually "name / title" stacks: keep them apart.
            joined = f"{joined}, {part}"
    return joined
