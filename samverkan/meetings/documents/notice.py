"""The notice (kallelse) of a meeting: one context, rendered to PDF/A, DOCX and plain text.

The notice is always in Swedish, whatever language the sender reads the site in.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import slugify

from samverkan.core.documents import (
    Block,
    BulletList,
    Document,
    Heading,
    Paragraph,
    Section,
    Table,
    document_docx,
    document_pdf,
)
from samverkan.meetings.documents.minutes import clock, time_span
from samverkan.meetings.models import Meeting
from samverkan.organisations.selectors import council_look

MASKED = "Ärendet är inte för publicering."


def _hhmm(value: dt.time | None) -> str | None:
    return f"{value:%H:%M}" if value else None


def notice_title(meeting: Meeting) -> str:
    return f"Kallelse {meeting.body.name} {meeting.date:%Y-%m-%d}"


def notice_subject(meeting: Meeting) -> str:
    """The e-mail's subject: "Kallelse: Brottsförebyggande rådet 2026-03-05"."""
    return f"Kallelse: {meeting.body.name} {meeting.date:%Y-%m-%d}"


def notice_filename(meeting: Meeting, suffix: str) -> str:
    """An ASCII name that every mail program and file system takes."""
    return f"kallelse-{slugify(meeting.body.name)}-{meeting.date:%Y-%m-%d}.{suffix}"


def issuer(meeting: Meeting) -> str:
    """ "Arbetsutskottet, Brottsförebyggande rådet, Köpings kommun", each name once: the council
    itself is often the body that meets, and its name is then not said twice."""
    council = meeting.body.council
    names: list[str] = []
    for name in (meeting.body.name, council.name, council.municipality.name):
        if name and name.casefold() not in (n.casefold() for n in names):
            names.append(name)
    return ", ".join(names)


def notice_context(meeting: Meeting, *, public: bool = False) -> dict[str, Any]:
    """Everything the three renderings need (two queries: the items and their files).

    `public` masks the items not for publication (OSL 18:8) as the public minutes do: number
    and title stay, presenter, time, text and files go. For viewers without view_restricted.
    """
    items = []
    for item in meeting.items.prefetch_related("files").order_by("number"):
        if public and item.not_for_publication:
            items.append(
                {
                    "number": item.number,
                    "title": item.title,
                    "presenter": "",
                    "planned_time": "",
                    "byline": "",
                    "text": "",
                    "files": [],
                    "masked": True,
                }
            )
            continue
        planned = clock(_hhmm(item.planned_time))
        byline = ", ".join(
            part
            for part in (
                f"Dnr {item.reference}" if item.reference else "",
                f"Föredragande: {item.presenter}" if item.presenter else "",
                f"kl {planned}" if planned else "",
            )
            if part
        )
        items.append(
            {
                "number": item.number,
                "title": item.title,
                "presenter": item.presenter,
                "planned_time": planned,
                "byline": byline,
                "text": item.text,
                "files": [item_file.filename for item_file in item.files.all()],
                "masked": False,
            }
        )
    council = meeting.body.council
    with translation.override("sv"):
        day = date_format(meeting.date, "l j F Y")
    return {
        "meeting": meeting,
        "council": council,
        "title": notice_title(meeting),
        "day": day,
        "time_span": time_span(_hhmm(meeting.start_time), _hhmm(meeting.end_time)),
        "items": items,
        "masked_text": MASKED,
    }


def notice_document(meeting: Meeting, *, public: bool = False) -> Document:
    """The notice as one structure for both renderings."""
    context = notice_context(meeting, public=public)
    council = context["council"]
    facts = [("Datum", context["day"])]
    if context["time_span"]:
        facts.append(("Tid", context["time_span"]))
    if meeting.place:
        facts.append(("Plats", meeting.place))
    header: list[Block] = [
        Heading("Kallelse", 1),
        Paragraph(issuer(meeting), "meta"),
        Table(facts, row_headers=True, style="attendance"),
    ]
    body: list[Block] = []
    if meeting.notice_text:
        body.append(Paragraph(meeting.notice_text))
    body.append(Heading("Föredragningslista", 2))
    for item in context["items"]:
        blocks: list[Block] = [Heading(f"{item['number']}. {item['title']}", 3)]
        if item["masked"]:
            blocks.append(Paragraph(MASKED, "masked"))
        if item["byline"]:
            blocks.append(Paragraph(item["byline"]))
        if item["text"]:
            blocks.append(Paragraph(item["text"]))
        if item["files"]:
            blocks += [Paragraph("Handlingar:"), BulletList(item["files"])]
        body.append(Section(blocks, "item"))
    if not context["items"]:
        body.append(Paragraph("Föredragningslistan är inte klar."))
    return Document(
        title=context["title"],
        author=f"{council.name}, {council.municipality.name}",
        description="Kallelse till sammanträde",
        header=header,
        body=body,
        look=council_look(council),
    )


def notice_pdf(meeting: Meeting, *, public: bool = False) -> bytes:
    """The notice as archival PDF. Costly (about a second)."""
    with translation.override("sv"):
        return document_pdf(notice_document(meeting, public=public))


def notice_docx(meeting: Meeting, *, public: bool = False) -> bytes:
    """The notice as a Word document, from the same structure as the PDF."""
    with translation.override("sv"):
        return document_docx(notice_document(meeting, public=public))


def notice_plain_text(meeting: Meeting, *, public: bool = False, documents: str = "") -> str:
    """The e-mail's body: when and where, and the agenda; the full notice is attached.
    `public` masks as notice_context does; `documents` says which item documents are attached
    and where the others are (meetings.services.notice)."""
    context = notice_context(meeting, public=public)
    council = context["council"]
    lines = [f"Kallelse till sammanträde med {meeting.body.name}", ""]
    lines.append(f"Datum: {context['day']}")
    if context["time_span"]:
        lines.append(f"Tid: {context['time_span']}")
    if meeting.place:
        lines.append(f"Plats: {meeting.place}")
    if meeting.notice_text:
        lines += ["", meeting.notice_text.strip()]
    lines += ["", "Föredragningslista", ""]
    for item in context["items"]:
        lines.append(f"{item['number']}. {item['title']}")
        if item["masked"]:
            lines.append(f"   {MASKED}")
        elif item["byline"]:
            lines.append(f"   {item['byline']}")
    lines += ["", "Kallelsen med ärendenas text finns bifogad som PDF."]
    if documents:
        lines += ["", documents.strip("\n")]
    lines += ["", f"{council.name}, {council.municipality.name}"]
    return "\n".join(lines) + "\n"
