"""The one document model: a document is built once as a structure of blocks, then rendered to
archival, tagged PDF (PDF/A-3a, WeasyPrint) and to Word (python-docx) from that structure, so
that what is approved is what is printed in both.

A document module builds a `Document` (see meetings/documents/minutes.py); `document_pdf` and
`document_docx` render it. `render_pdf` remains for a page template printed as it is.
"""

from __future__ import annotations

import base64
import io
import re
import zipfile
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


_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
# The height an SVG logo is drawn at for Word (12 mm at about 500 dpi: sharp when printed).
WORD_LOGO_PIXELS = 240


@dataclass(frozen=True)
class Look:
    """A council's own look on its documents: its name and logo at the head of every page, its
    contact line at the foot, its colour on the rule, and its Word template's styles.

    `logo` is a PNG or an SVG already checked and cleaned (organisations/look.py); `template`
    a .docx whose styles Word documents take (a .dotx is made a .docx when it is uploaded)."""

    name: str
    colour: str = ""
    contact: str = ""
    logo: bytes = b""
    logo_type: str = ""  # "image/png" or "image/svg+xml"
    template: bytes = b""


@dataclass(frozen=True)
class Document:
    title: str
    author: str
    description: str
    header: Sequence[Block] = ()
    body: Sequence[Block] = field(default_factory=tuple)
    look: Look | None = None


# --- PDF/A --------------------------------------------------------------------------------


def render_pdf(template: str, context: dict[str, Any], *, look: Look | None = None) -> bytes:
    """Render a template to PDF/A. Costly (about a second): call it from a view or a task.
    `look`: the council's head and foot on every page, as in `document_pdf`."""
    html: str = str(render_to_string(template, context))
    if look is not None:
        start = html.find("<body")
        end = html.find(">", start) + 1 if start >= 0 else 0
        if end:
            html = html[:end] + _html_look(look) + html[end:]
    return _pdf(html)


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
    running = _html_look(document.look) if document.look else ""
    return (
        f'<!doctype html>\n<html lang="sv">\n<head>{head}</head>\n<body>{running}'
        f"<header>{header}</header><main>{body}</main></body>\n</html>\n"
    )


def _html_look(look: Look) -> str:
    """The council's head and foot of every page, as running elements (documents.css)."""
    logo = ""
    if look.logo and look.logo_type in ("image/png", "image/svg+xml"):
        data = base64.b64encode(look.logo).decode("ascii")
        logo = format_html(
            '<img class="council-logo" src="data:{};base64,{}" alt="{}">',
            look.logo_type,
            data,
            look.name,
        )
    # The colour is checked where it is set; here only a colour of six hex digits is written.
    rule = (
        format_html(' style="border-bottom-color: {}"', look.colour)
        if _COLOUR.fullmatch(look.colour)
        else ""
    )
    head = format_html(
        '<div class="running-head"{}>{}<span class="council-name">{}</span></div>',
        rule,
        logo,
        look.name,
    )
    foot = format_html('<div class="running-foot">{}</div>', look.contact) if look.contact else ""
    return head + foot


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

    look = document.look
    if look and look.template:
        # The council's template is the base document: its styles, page and sections are
        # kept, its content is not (the platform's content replaces it).
        doc = NewDocx(io.BytesIO(look.template))
        _clear_body(doc)
    else:
        doc = NewDocx()
        doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = document.title
    doc.core_properties.author = document.author
    doc.core_properties.subject = document.description
    doc.core_properties.language = "sv-SE"
    if look:
        _docx_look(doc, look)
    for block in (*document.header, *document.body):
        _docx(doc, block)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


WORD_TEMPLATE_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
)
WORD_DOCUMENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)


def docx_from_template(data: bytes) -> bytes:
    """A Word template (.dotx) as a document (.docx): the same parts, the main part's content
    type changed (python-docx opens documents only). A .docx is returned as it is."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        types = source.read("[Content_Types].xml")
        if WORD_TEMPLATE_TYPE.encode() not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for member in source.infolist():
                content = source.read(member)
                if member.filename == "[Content_Types].xml":
                    content = types.replace(
                        WORD_TEMPLATE_TYPE.encode(), WORD_DOCUMENT_TYPE.encode()
                    )
                target.writestr(member, content)
    return out.getvalue()


def _clear_body(doc: DocxDocument) -> None:
    """Remove the template's own content, keeping its section properties (page, margins)."""
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)


def _has_style(doc: DocxDocument, name: str) -> bool:
    """A template made in Word may hold a style only as latent: python-docx cannot use it."""
    try:
        doc.styles[name]
    except KeyError:
        return False
    return True


def _docx_look(doc: DocxDocument, look: Look) -> None:
    """The council's logo and name in every page's header, its contact line in the footer."""
    from docx.shared import Mm

    for section in doc.sections:
        header = section.header
        header.is_linked_to_previous = False
        for paragraph in header.paragraphs[1:]:
            paragraph._element.getparent().remove(paragraph._element)  # noqa: SLF001
        first = header.paragraphs[0]
        first.text = ""
        picture = _word_logo(look)
        if picture:
            first.add_run().add_picture(io.BytesIO(picture), height=Mm(12))
            first.add_run("  ")
        first.add_run(look.name).bold = True
        footer = section.footer
        footer.is_linked_to_previous = False
        for paragraph in footer.paragraphs[1:]:
            paragraph._element.getparent().remove(paragraph._element)  # noqa: SLF001
        footer.paragraphs[0].text = look.contact


def _word_logo(look: Look) -> bytes:
    """The logo as Word can show it: a PNG as it is; an SVG (cleaned where it was set, so it
    refers to nothing outside itself) drawn as a PNG by CairoSVG, in its safe mode. Empty when
    there is none or it cannot be drawn: the header then carries the name alone."""
    if not look.logo:
        return b""
    if look.logo_type == "image/png":
        return look.logo
    if look.logo_type != "image/svg+xml":
        return b""
    try:
        import cairosvg  # type: ignore[import-untyped]

        png: bytes = cairosvg.svg2png(bytestring=look.logo, output_height=WORD_LOGO_PIXELS)
    except Exception:  # noqa: BLE001 (a logo Cairo cannot draw leaves the name alone)
        return b""
    return png


def _repeat_as_header(row: Any) -> None:
    """A table's header row is repeated on every page the table runs onto, and no row is
    split across a page break (Word's "Repeat as header row" and "Allow row to break")."""
    from docx.oxml import OxmlElement

    properties = row._tr.get_or_add_trPr()  # noqa: SLF001
    properties.append(OxmlElement("w:cantSplit"))
    properties.append(OxmlElement("w:tblHeader"))


def _docx(doc: DocxDocument, block: Block) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Mm

    if isinstance(block, Heading):
        level = min(max(block.level, 1), 9)
        if _has_style(doc, f"Heading {level}"):
            doc.add_heading(block.text, level=level)
        else:
            doc.add_paragraph().add_run(block.text).bold = True
    elif isinstance(block, Paragraph):
        run = doc.add_paragraph().add_run(block.text)
        run.italic = block.style == "masked" or None
    elif isinstance(block, Table):
        columns = max([1, len(block.header), *(len(row) for row in block.rows)])
        table = doc.add_table(rows=0, cols=columns)
        if block.style == "report" and _has_style(doc, "Table Grid"):
            table.style = "Table Grid"
        if block.header:
            header_row = table.add_row()
            _repeat_as_header(header_row)
            for number, text in enumerate(block.header):
                header_row.cells[number].paragraphs[0].add_run(text).bold = True
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
        bullet = "List Bullet" if _has_style(doc, "List Bullet") else None
        for item in block.items:
            doc.add_paragraph(item if bullet else f"• {item}", style=bullet)
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
