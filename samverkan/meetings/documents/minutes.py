"""The minutes as a document: one context from the content dict, rendered to PDF/A and DOCX."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.utils import translation

from samverkan.core.documents import render_pdf
from samverkan.meetings.minutes_content import Content, masked
from samverkan.meetings.models import SignatureRole


@dataclass
class DecisionBlock:
    """Decisions printed as the seed prints them: the lead once, then each "att"-clause."""

    lead: str  # "Brottsförebyggande rådet beslutar"
    clauses: list[str]  # ["att notera informationen till protokollet."]


def decision_blocks(decisions: list[dict[str, str]]) -> list[DecisionBlock]:
    blocks: list[DecisionBlock] = []
    for decision in decisions:
        lead, sep, clause = decision["text"].partition(" att ")
        if not sep:
            lead, clause = "", decision["text"]
        else:
            clause = "att " + clause
        if blocks and blocks[-1].lead == lead:
            blocks[-1].clauses.append(clause)
        else:
            blocks.append(DecisionBlock(lead=lead, clauses=[clause]))
    return blocks


def clock(value: str | None) -> str:
    """ "10:00" -> "10.00", as Swedish minutes write times."""
    return value.replace(":", ".") if value else ""


def time_span(start: str | None, end: str | None) -> str:
    if not start:
        return ""
    return "kl " + clock(start) + ("–" + clock(end) if end else "")


def absent_sentence(names: list[str]) -> str:
    """["A", "B", "C"] -> "A, B och C." as the seed writes the absent."""
    if not names:
        return ""
    if len(names) == 1:
        return names[0] + "."
    return ", ".join(names[:-1]) + " och " + names[-1] + "."


def minutes_context(content: Content, *, public: bool = False) -> dict[str, Any]:
    """Everything the page and the documents need. `public` masks items not for publication."""
    shown = (
        masked(content)
        if public
        else {
            **content,
            "items": [{**item, "masked": False} for item in content["items"]],
        }
    )
    labels = dict(SignatureRole.choices)
    return {
        "content": shown,
        "time_span": time_span(content["start"], content["end"]),
        "present": shown["attendance"]["present"],
        "guests": shown["attendance"]["guests"],
        "absent": shown["attendance"]["absent"],
        "absent_text": absent_sentence([a["name"] for a in shown["attendance"]["absent"]]),
        "items": [
            {**item, "blocks": decision_blocks(item["decisions"])} for item in shown["items"]
        ],
        "signatures": [
            {**s, "label": str(labels.get(s["role"], s["role"]))} for s in shown["signatures"]
        ],
        "attachments": shown["attachments"],
        "public": public,
    }


def _title(content: Content) -> str:
    return f"Protokoll {content['body']} {content['date']}"


def minutes_pdf(content: Content, *, public: bool = False, stamp: str = "") -> bytes:
    """The minutes as archival PDF, always in Swedish; `stamp` is the adjustment note."""
    with translation.override("sv"):
        context = minutes_context(content, public=public)
        context.update(title=_title(content), stamp=stamp)
        return render_pdf("meetings/documents/minutes.html", context)


def minutes_docx(content: Content, *, public: bool = False, stamp: str = "") -> bytes:
    """The minutes as a Word document, in the same layout as the PDF."""
    with translation.override("sv"):
        return _minutes_docx(minutes_context(content, public=public), content, stamp)


def _minutes_docx(context: dict[str, Any], content: Content, stamp: str) -> bytes:
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.title = _title(content)
    doc.core_properties.language = "sv-SE"
    doc.styles["Normal"].font.size = Pt(10.5)

    heading = f"{content['body']} {content['date']}"
    if context["time_span"]:
        heading += ", " + context["time_span"]
    doc.add_heading(heading, level=1)
    if content["place"]:
        doc.add_paragraph(f"Plats: {content['place']}.")

    doc.add_heading("Närvarande", level=2)
    if context["present"]:
        doc.add_heading("Ledamöter", level=3)
        table = doc.add_table(rows=0, cols=2)
        for person in context["present"]:
            cells = table.add_row().cells
            cells[0].text = person["name"] + (" (ordf.)" if person["role"] == "chair" else "")
            cells[1].text = person["affiliation"]
    if context["guests"]:
        doc.add_heading("Gäster", level=3)
        for guest in context["guests"]:
            doc.add_paragraph(", ".join(p for p in (guest["name"], guest["affiliation"]) if p))
    if context["absent"]:
        doc.add_heading("Ej närvarande", level=2)
        doc.add_paragraph(context["absent_text"])

    for item in context["items"]:
        doc.add_heading(f"{item['number']}. {item['title']}", level=2)
        if item["masked"]:
            doc.add_paragraph("Ärendet är inte för publicering.")
            continue
        if item["reference"]:
            doc.add_paragraph(f"Dnr {item['reference']}")
        if item["text"]:
            doc.add_paragraph(item["text"])
        for record in item["records"]:
            doc.add_paragraph(
                f"{record['name']}: {record['text']}" if record["name"] else record["text"]
            )
        if item["blocks"]:
            doc.add_heading("Beslut", level=3)
            for block in item["blocks"]:
                if block.lead:
                    doc.add_paragraph(block.lead)
                for clause in block.clauses:
                    doc.add_paragraph(clause)
        if item["adjusted_immediately"]:
            doc.add_paragraph("Paragrafen justerades omedelbart.")

    if context["signatures"]:
        table = doc.add_table(rows=2, cols=len(context["signatures"]))
        for column, signature in enumerate(context["signatures"]):
            table.rows[0].cells[column].text = signature["name"]
            table.rows[1].cells[column].text = signature["label"]
    if stamp:
        doc.add_paragraph(stamp)
    for attachment in context["attachments"]:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        doc.add_heading(attachment["title"], level=1)
        if context["public"] and attachment.get("not_for_publication"):
            doc.add_paragraph("Bilagan är inte för publicering.")
            continue
        for paragraph in attachment["text"].split("\n\n"):
            doc.add_paragraph(paragraph)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
