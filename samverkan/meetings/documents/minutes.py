"""The minutes as a document: one context from the content dict, rendered to PDF/A and DOCX."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import translation

from samverkan.core.documents import (
    Block,
    Document,
    Heading,
    Look,
    Paragraph,
    Section,
    Signatures,
    Table,
    document_docx,
    document_pdf,
)
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


def _member(person: dict[str, Any]) -> str:
    notes = [
        "ordf." if person["role"] == "chair" else "",
        f"tjg för {person['serving_for']}" if person.get("serving_for") else "",
        person.get("partial_note") or "",
    ]
    return str(person["name"]) + "".join(f" ({note})" for note in notes if note)


def _item(item: dict[str, Any]) -> Section:
    blocks: list[Block] = [Heading(f"{item['number']}. {item['title']}", 2)]
    if item["masked"]:
        return Section([*blocks, Paragraph("Ärendet är inte för publicering.", "masked")], "item")
    if item["reference"]:
        blocks.append(Paragraph(f"Dnr {item['reference']}"))
    if item["text"]:
        blocks.append(Paragraph(item["text"]))
    blocks += [
        Paragraph(f"{record['name']}: {record['text']}" if record["name"] else record["text"])
        for record in item["records"]
    ]
    if item["blocks"]:
        decisions: list[Block] = [Heading("Beslut", 3)]
        for block in item["blocks"]:
            if block.lead:
                decisions.append(Paragraph(block.lead))
            decisions += [Paragraph(clause, "decision") for clause in block.clauses]
        blocks.append(Section(decisions, "decision-block"))
    if item["adjusted_immediately"]:
        blocks.append(Paragraph("Paragrafen justerades omedelbart."))
    return Section(blocks, "item")


def attachment_blocks(text: str) -> list[Block]:
    """An attachment's text as paragraphs and tables: a run of lines with tabs (a table of the
    imported document, such as the seed's "Aktivitet, Ansvarig, Status") is a table whose first
    line is its header, the rest stays text with its line breaks."""
    blocks: list[Block] = []
    lines: list[str] = []
    rows: list[list[str]] = []

    def flush_text() -> None:
        chunk = "\n".join(lines).strip("\n")
        if chunk.strip():
            blocks.append(Paragraph(chunk))
        lines.clear()

    def flush_table() -> None:
        if len(rows) == 1:  # one line with a tab is not a table
            lines.append("  ".join(rows[0]))
        elif rows:
            width = max(len(row) for row in rows)
            header, *rest = ([*row, *[""] * (width - len(row))] for row in rows)
            blocks.append(Table(rest, header=header))
        rows.clear()

    for line in text.splitlines():
        if "\t" in line:
            if not rows:
                flush_text()
            rows.append([cell.strip() for cell in line.split("\t")])
        else:
            flush_table()
            lines.append(line)
    flush_table()
    flush_text()
    return blocks


def minutes_document(
    content: Content, *, public: bool = False, stamp: str = "", look: Look | None = None
) -> Document:
    """The minutes as one structure for both renderings; `stamp` is the adjustment note,
    `look` the council's own (organisations.selectors.council_look)."""
    context = minutes_context(content, public=public)
    heading = f"{content['body']} {content['date']}"
    if context["time_span"]:
        heading += ", " + context["time_span"]
    header: list[Block] = [Heading(heading, 1)]
    if content["place"]:
        header.append(Paragraph(f"Plats: {content['place']}.", "meta"))
    attendance: list[Block] = [Heading("Närvarande", 2)]
    if context["present"]:
        attendance += [
            Heading("Ledamöter", 3),
            Table([(_member(p), p["affiliation"]) for p in context["present"]], style="attendance"),
        ]
    if context["guests"]:
        attendance.append(Heading("Gäster", 3))
        attendance += [
            Paragraph(", ".join(part for part in (g["name"], g["affiliation"]) if part))
            for g in context["guests"]
        ]
    if context["absent"]:
        attendance += [Heading("Ej närvarande", 2), Paragraph(context["absent_text"])]
    body: list[Block] = [Section(attendance), *(_item(item) for item in context["items"])]
    if context["signatures"]:
        body.append(Signatures([(s["name"], s["label"]) for s in context["signatures"]]))
    if stamp:
        body.append(Paragraph(stamp, "stamp"))
    for attachment in context["attachments"]:
        text = (
            Paragraph("Bilagan är inte för publicering.", "masked")
            if public and attachment.get("not_for_publication")
            else None
        )
        blocks = [text] if text else attachment_blocks(attachment["text"])
        body.append(
            Section([Heading(attachment["title"], 1), *blocks], "attachment", new_page=True)
        )
    return Document(
        title=_title(content),
        author=f"{content['council']}, {content['municipality']}",
        description="Protokoll från sammanträde",
        header=header,
        body=body,
        look=look,
    )


def minutes_pdf(
    content: Content, *, public: bool = False, stamp: str = "", look: Look | None = None
) -> bytes:
    """The minutes as archival PDF, always in Swedish."""
    with translation.override("sv"):
        return document_pdf(minutes_document(content, public=public, stamp=stamp, look=look))


def minutes_docx(
    content: Content, *, public: bool = False, stamp: str = "", look: Look | None = None
) -> bytes:
    """The minutes as a Word document, from the same structure as the PDF."""
    with translation.override("sv"):
        return document_docx(minutes_document(content, public=public, stamp=stamp, look=look))
