"""The minutes of a meeting as a document: one context, rendered to PDF/A and to DOCX."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.utils import translation

from samverkan.core.documents import render_pdf
from samverkan.meetings.models import AgendaItem, Meeting


@dataclass
class DecisionBlock:
    """Decisions printed as the seed prints them: the lead once, then each "att"-clause."""

    lead: str  # "Brottsförebyggande rådet beslutar"
    clauses: list[str]  # ["att notera informationen till protokollet."]


def decision_blocks(item: AgendaItem) -> list[DecisionBlock]:
    blocks: list[DecisionBlock] = []
    for decision in item.decisions.all():
        lead, sep, clause = decision.text.partition(" att ")
        if not sep:
            lead, clause = "", decision.text
        else:
            clause = "att " + clause
        if blocks and blocks[-1].lead == lead:
            blocks[-1].clauses.append(clause)
        else:
            blocks.append(DecisionBlock(lead=lead, clauses=[clause]))
    return blocks


def clock(value: Any) -> str:
    """10:00 -> "10.00", as Swedish minutes write times."""
    return f"{value:%H.%M}" if value else ""


def minutes_context(meeting: Meeting, *, public: bool = False) -> dict[str, Any]:
    """Everything both renderings need. `public` masks items marked not for publication."""
    attendance = list(meeting.attendance.all())
    items = []
    for item in meeting.items.all():
        masked = public and item.not_for_publication
        items.append(
            {
                "item": item,
                "masked": masked,
                "blocks": [] if masked else decision_blocks(item),
            }
        )
    time_span = ""
    if meeting.start_time:
        time_span = "kl " + clock(meeting.start_time)
        if meeting.end_time:
            time_span += "–" + clock(meeting.end_time)
    return {
        "meeting": meeting,
        "council": meeting.body.council,
        "time_span": time_span,
        "present": [a for a in attendance if a.kind == "present"],
        "guests": [a for a in attendance if a.kind == "guest"],
        "absent": [a for a in attendance if a.kind == "absent"],
        "items": items,
        "signatures": list(meeting.signatures.all()),
        "attachments": list(meeting.attachments.all()),
        "public": public,
    }


def absent_sentence(names: list[str]) -> str:
    """["A", "B", "C"] -> "A, B och C." as the seed writes the absent."""
    if not names:
        return ""
    if len(names) == 1:
        return names[0] + "."
    return ", ".join(names[:-1]) + " och " + names[-1] + "."


def minutes_pdf(meeting: Meeting, *, public: bool = False) -> bytes:
    with translation.override("sv"):
        return _minutes_pdf(meeting, public=public)


def _minutes_pdf(meeting: Meeting, *, public: bool) -> bytes:
    context = minutes_context(meeting, public=public)
    context["absent_text"] = absent_sentence([a.name for a in context["absent"]])
    return render_pdf("meetings/documents/minutes.html", context)


def minutes_docx(meeting: Meeting, *, public: bool = False) -> bytes:
    """The minutes as a Word document, in the same layout as the PDF."""
    with translation.override("sv"):
        return _minutes_docx(meeting, public=public)


def _minutes_docx(meeting: Meeting, *, public: bool) -> bytes:
    from docx import Document
    from docx.shared import Pt

    context = minutes_context(meeting, public=public)
    doc = Document()
    doc.core_properties.title = f"Protokoll {meeting.body.name} {meeting.date:%Y-%m-%d}"
    doc.core_properties.language = "sv-SE"
    style = doc.styles["Normal"]
    style.font.size = Pt(10.5)  # type: ignore[attr-defined]

    heading = f"{meeting.body.name} {meeting.date:%Y-%m-%d}"
    if context["time_span"]:
        heading += ", " + context["time_span"]
    doc.add_heading(heading, level=1)
    if meeting.place:
        doc.add_paragraph(f"Plats: {meeting.place}.")

    def people_table(rows: list[tuple[str, str]]) -> None:
        table = doc.add_table(rows=0, cols=2)
        for name, affiliation in rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = name, affiliation

    doc.add_heading("Närvarande", level=2)
    if context["present"]:
        doc.add_heading("Ledamöter", level=3)
        people_table(
            [
                (a.name + (" (ordf.)" if a.role == "chair" else ""), a.affiliation)
                for a in context["present"]
            ]
        )
    if context["guests"]:
        doc.add_heading("Gäster", level=3)
        for guest in context["guests"]:
            doc.add_paragraph(", ".join(p for p in (guest.name, guest.affiliation) if p))
    if context["absent"]:
        doc.add_heading("Ej närvarande", level=2)
        doc.add_paragraph(absent_sentence([a.name for a in context["absent"]]))

    for entry in context["items"]:
        item = entry["item"]
        doc.add_heading(f"{item.number}. {item.title}", level=2)
        if entry["masked"]:
            doc.add_paragraph("Ärendet är inte för publicering.")
            continue
        if item.text:
            doc.add_paragraph(item.text)
        if entry["blocks"]:
            doc.add_heading("Beslut", level=3)
            for block in entry["blocks"]:
                if block.lead:
                    doc.add_paragraph(block.lead)
                for clause in block.clauses:
                    doc.add_paragraph(clause)

    if context["signatures"]:
        table = doc.add_table(rows=2, cols=len(context["signatures"]))
        for column, signature in enumerate(context["signatures"]):
            table.rows[0].cells[column].text = signature.name
            table.rows[1].cells[column].text = signature.get_role_display()
    for attachment in context["attachments"]:
        doc.add_page_break()
        doc.add_heading(attachment.title, level=1)
        for paragraph in attachment.text.split("\n\n"):
            doc.add_paragraph(paragraph)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
