"""The one document model: a document is built once as a structure of blocks, then rendered to
archival, tagged PDF (PDF/A-3a, WeasyPrint) and to Word (python-docx) from that structure, so
that what is approved is what is printed in both.

A document module builds a `Document` (see meetings/documents/minutes.py); `document_pdf` and
`document_docx` render it. `render_pdf` remains for a page template printed as it is.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

# PDF/A-3a: archival (RA-FS 2009:2) and tagged, so that screen readers can read it.
PDF_VARIANT = "pdf/a-3a"


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; its line breaks are kept. `style`: "" or one of the classes of
    core/static/core/documents.css ("meta", "masked", "decision", "stamp", "note")."""

    text: str
    style: str = ""


@dataclass(frozen=True)
class Cell:
    """A table cell with a style of its own ("heat-3": a shade of a weekday-by-hour table)."""

    text: str
    style: str = ""


@dataclass(frozen=True)
class Table:
    """Rows of cells. `header` names the columns; `row_headers` makes each row's first cell
    its heading (a form of label and value); `footer` rows sum up; `numeric` names the columns
    set to the right. `style`: "report" (ruled), "attendance" (plain), "report heat" (small)."""

    rows: Sequence[Sequence[str | Cell]]
    header: Sequence[str] = ()
    row_headers: bool = False
    style: str = "report"
    footer: Sequence[Sequence[str]] = ()
    numeric: Sequence[int] = ()


@dataclass(frozen=True)
class BulletList:
    items: Sequence[str]


@dataclass(frozen=True)
class Signatures:
    """Lines to sign on: (name, role) each."""

    people: Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Figure:
    """A chart or a map: SVG in the PDF, PNG in Word; a chart has its table beside it in both."""

    caption: str
    svg: str
    png: bytes
    table: Table | None = None


@dataclass(frozen=True)
class Section:
    """A group of blocks: an item of the minutes, an appendix (`new_page`)."""

    blocks: Sequence[Block]
    style: str = ""
    label: str = ""
    new_page: bool = False


Block: TypeAlias = Heading | Paragraph | Table | BulletList | Signatures | Figure | Section


@dataclass(frozen=True)
class Document:
    title: str
    author: str
    description: str
    header: Sequence[Block] = ()
    body: Sequence[Block] = field(default_factory=tuple)


# --- PDF/A --------------------------------------------------------------------------------


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """Render a template to PDF/A. Costly (about a second): call it from a view or a task."""
    return _pdf(render_to_string(template, context))


def document_pdf(document: Document) -> bytes:
    """The document as archival, tagged PDF, in Swedish."""
    return _pdf(document_html(document))


def _pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML

    stylesheet = finders.find("core/documents.css")
    pdf: bytes = HTML(string=html, base_url=None).write_pdf(
        stylesheets=[CSS(filename=stylesheet)] if stylesheet else None,
        pdf_variant=PDF_VARIANT,
        pdf_tags=True,
    )
    return pdf


def document_html(document: Document) -> str:
    """The HTML WeasyPrint prints: every text escaped, no markup from the data."""
    head = format_html(
        '<meta charset="utf-8"><title>{}</title><meta name="author" content="{}">'
        '<meta name="description" content="{}">',
        document.title,
        document.author,
        document.description,
    )
    header = "".join(_html(block) for block in document.header)
    body = "".join(_html(block) for block in document.body)
    return (
        f'<!doctype html>\n<html lang="sv">\n<head>{head}</head>\n<body>'
        f"<header>{header}</header><main>{body}</main></body>\n</html>\n"
    )


def _class(style: str) -> str:
    return f' class="{escape(style)}"' if style else ""


def _html_row(table: Table, row: Sequence[str | Cell]) -> str:
    cells = []
    for number, cell in enumerate(row):
        text, style = (cell.text, cell.style) if isinstance(cell, Cell) else (cell, "")
        styles = " ".join(s for s in (style, "num" if number in table.numeric else "") if s)
        if table.row_headers and number == 0:
            cells.append(format_html('<th scope="row"{}>{}</th>', mark_safe(_class(styles)), text))  # noqa: S308
        else:
            cells.append(format_html("<td{}>{}</td>", mark_safe(_class(styles)), text))  # noqa: S308
    return "<tr>" + "".join(cells) + "</tr>"


def _html(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p{_class(block.style or 'text')}>{escape(block.text)}</p>"
    if isinstance(block, Table):
        head = ""
        if block.header:
            head = "<thead><tr>{}</tr></thead>".format(
                format_html_join("", '<th scope="col">{}</th>', ((c,) for c in block.header))
            )
        body = "".join(_html_row(block, row) for row in block.rows)
        foot = "".join(_html_row(block, row) for row in block.footer)
        foot = f"<tfoot>{foot}</tfoot>" if foot else ""
        return f"<table{_class(block.style)}>{head}<tbody>{body}</tbody>{foot}</table>"
    if isinstance(block, BulletList):
        items = format_html_join("", "<li>{}</li>", ((item,) for item in block.items))
        return f"<ul>{items}</ul>"
    if isinstance(block, Signatures):
        people = format_html_join(
            "",
            '<div class="signature"><p class="line">{}</p><p>{}</p></div>',
            block.people,
        )
        return f'<section class="signatures" aria-label="Underskrifter">{people}</section>'
    if isinstance(block, Figure):
        # The SVG is the platform's own chart (core/charts), never data: its texts are escaped
        # where it is drawn.
        caption = format_html("<figcaption>{}</figcaption>", block.caption) if block.caption else ""
        table = _html(block.table) if block.table else ""
        return f'<figure class="chart">{block.svg}{caption}</figure>{table}'
    styles = " ".join(s for s in (block.style, "new-page" if block.new_page else "") if s)
    label = format_html(' aria-label="{}"', block.label) if block.label else ""
    inner = "".join(_html(child) for child in block.blocks)
    return f"<section{_class(styles)}{label}>{inner}</section>"


# --- Word ---------------------------------------------------------------------------------


def document_docx(document: Document) -> bytes:
    """The document as a Word file, in the same order and words as the PDF."""
    from docx import Document as NewDocx
    from docx.shared import Pt

    doc = NewDocx()
    doc.core_properties.title = document.title
    doc.core_properties.author = document.author
    doc.core_properties.subject = document.description
    doc.core_properties.language = "sv-SE"
    doc.styles["Normal"].font.size = Pt(10.5)
    for block in (*document.header, *document.body):
        _docx(doc, block)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _docx(doc: DocxDocument, block: Block) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Mm

    if isinstance(block, Heading):
        doc.add_heading(block.text, level=block.level)
    elif isinstance(block, Paragraph):
        run = doc.add_paragraph().add_run(block.text)
        run.italic = block.style == "masked" or None
    elif isinstance(block, Table):
        columns = max([1, len(block.header), *(len(row) for row in block.rows)])
        table = doc.add_table(rows=0, cols=columns)
        if block.style == "report":
            table.style = "Table Grid"
        if block.header:
            cells = table.add_row().cells
            for number, text in enumerate(block.header):
                cells[number].paragraphs[0].add_run(text).bold = True
        for row in (*block.rows, *block.footer):
            cells = table.add_row().cells
            for number, cell in enumerate(row):
                text = cell.text if isinstance(cell, Cell) else cell
                paragraph = cells[number].paragraphs[0]
                if number in block.numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                run = paragraph.add_run(text)
                run.bold = (block.row_headers and number == 0) or None
    elif isinstance(block, BulletList):
        for item in block.items:
            doc.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Signatures):
        table = doc.add_table(rows=2, cols=len(block.people))
        for column, (name, role) in enumerate(block.people):
            table.rows[0].cells[column].text = name
            table.rows[1].cells[column].text = role
    elif isinstance(block, Figure):
        doc.add_picture(io.BytesIO(block.png), width=Mm(150))
        # the caption is the picture's text alternative too (python-docx has no API for it)
        doc.inline_shapes[-1]._inline.docPr.set("descr", block.caption)  # noqa: SLF001
        if block.caption:
            doc.add_paragraph(block.caption)
        if block.table:
            _docx(doc, block.table)
    else:
        if block.new_page:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for child in block.blocks:
            _docx(doc, child)
