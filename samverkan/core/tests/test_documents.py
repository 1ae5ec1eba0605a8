"""The one document model: both renderings hold the same words, in the same order."""

from __future__ import annotations

import io
import re

from docx import Document as Docx
from pypdf import PdfReader

from samverkan.core.documents import (
    BulletList,
    Document,
    Heading,
    Paragraph,
    Section,
    Signatures,
    Table,
    document_docx,
    document_html,
    document_pdf,
)

DOCUMENT = Document(
    title="Protokoll <Rådet>",
    author="Rådet, Köpings kommun",
    description="Protokoll från sammanträde",
    header=[Heading("Rådet 2026-03-05", 1), Paragraph("Plats: Rådhuset.", "meta")],
    body=[
        Table([("Datum", "torsdag 5 mars 2026")], row_headers=True),
        Section(
            [
                Heading("1. Öppnande <b>", 2),
                Paragraph("Första raden\nAndra raden"),
                BulletList(["Lägesbild vecka 8.pdf"]),
                Paragraph("Ärendet är inte för publicering.", "masked"),
            ],
            "item",
        ),
        Table([("Anna Berg", "Polisen")], header=("Namn", "Organisation")),
        Signatures([("Eva Ek", "Ordförande")]),
        Section([Heading("Bilaga", 1), Paragraph("Bilagans text")], new_page=True),
    ],
)
WORDS = [
    "Rådet 2026-03-05",
    "Plats: Rådhuset.",
    "Datum",
    "torsdag 5 mars 2026",
    "1. Öppnande <b>",
    "Första raden",
    "Andra raden",
    "Lägesbild vecka 8.pdf",
    "Ärendet är inte för publicering.",
    "Namn",
    "Anna Berg",
    "Polisen",
    "Eva Ek",
    "Ordförande",
    "Bilaga",
    "Bilagans text",
]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _in_order(text: str) -> None:
    position = 0
    for words in WORDS:
        found = _flat(text).find(words, position)
        assert found >= 0, words
        position = found + len(words)


def test_the_pdf_holds_every_block_in_order_and_is_archival():
    reader = PdfReader(io.BytesIO(document_pdf(DOCUMENT)))
    _in_order(" ".join(page.extract_text() for page in reader.pages))
    assert reader.metadata["/Title"] == "Protokoll <Rådet>"
    assert len(reader.pages) == 2  # the appendix starts a page


def test_the_docx_holds_the_same_words_in_the_same_order():
    doc = Docx(io.BytesIO(document_docx(DOCUMENT)))
    body = doc.element.body
    texts = [node.text or "" for node in body.iter() if node.tag.endswith("}t")]
    _in_order(" ".join(texts))
    assert doc.core_properties.title == "Protokoll <Rådet>"
    assert doc.core_properties.language == "sv-SE"


def test_no_text_becomes_markup():
    html = document_html(DOCUMENT)
    assert "<b>" not in html
    assert "&lt;b&gt;" in html
    assert "<title>Protokoll &lt;Rådet&gt;</title>" in html
