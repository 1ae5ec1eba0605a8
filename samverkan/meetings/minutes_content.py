"""The canonical content of a meeting's minutes, as one JSON-ready dict.

Adjustment freezes exactly this dict into a MinutesRevision and approves its SHA-256; the web
page, the PDF and the DOCX all render from such a dict, so what was approved is what is shown.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from samverkan.meetings.models import Meeting

Content = dict[str, Any]
SCHEMA_VERSION = 1


def _clock(value: Any) -> str | None:
    return f"{value:%H:%M}" if value else None


def minutes_content(meeting: Meeting) -> Content:
    """Read the working copy of the minutes. Expects the prefetching of selectors.meeting_in."""
    attendance = list(meeting.attendance.all())

    def people(kind: str) -> list[dict[str, str]]:
        return [
            {
                "name": a.name,
                "affiliation": a.affiliation,
                "role": a.role,
                "serving_for": a.serving_for,
                "partial_note": a.partial_note,
            }
            for a in attendance
            if a.kind == kind
        ]

    return {
        "schema": SCHEMA_VERSION,
        "council": meeting.body.council.name,
        "municipality": meeting.body.council.municipality.name,
        "body": meeting.body.name,
        "date": meeting.date.isoformat(),
        "start": _clock(meeting.start_time),
        "end": _clock(meeting.end_time),
        "place": meeting.place,
        "attendance": {
            "present": people("present"),
            "guests": people("guest"),
            "absent": people("absent"),
        },
        "items": [
            {
                "id": item.pk,
                "number": item.number,
                "title": item.title,
                "presenter": item.presenter,
                "reference": item.reference,
                "text": item.text,
                "not_for_publication": item.not_for_publication,
                "adjusted_immediately": item.adjusted_immediately,
                "decisions": [{"text": d.text, "kind": d.kind} for d in item.decisions.all()],
                "records": [
                    {"kind": r.kind, "name": r.name, "text": r.text} for r in item.records.all()
                ],
            }
            for item in meeting.items.all()
        ],
        "signatures": [{"role": s.role, "name": s.name} for s in meeting.signatures.all()],
        "attachments": [
            {"title": a.title, "text": a.text, "not_for_publication": a.not_for_publication}
            for a in meeting.attachments.all()
        ],
    }


def content_hash(content: Content) -> str:
    """SHA-256 of the content in a canonical form (sorted keys, no spaces, UTF-8)."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def masked(content: Content) -> Content:
    """The public version: items not for publication keep number and title, nothing else."""
    items = []
    for item in content["items"]:
        if item["not_for_publication"]:
            items.append(
                {
                    **item,
                    "text": "",
                    "decisions": [],
                    "records": [],
                    "presenter": "",
                    "masked": True,
                }
            )
        else:
            items.append({**item, "masked": False})
    attachments = [
        {**a, "text": ""} if a.get("not_for_publication") else a for a in content["attachments"]
    ]
    return {**content, "items": items, "attachments": attachments}
