"""What a read of a plan document gives: the stable schema (`to_json`), the warnings' messages
and the rejections."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal, TypeAlias

from samverkan.core.importing.parse_warnings import ParseWarning
from samverkan.core.importing.rejections import gettext_noop

JsonValue: TypeAlias = "str | int | bool | None | list[JsonValue] | dict[str, JsonValue]"
JsonObject: TypeAlias = dict[str, JsonValue]

Kind = Literal["promises", "agreement", "plan"]
Party = Literal["municipality", "police"]
Status = Literal["not_started", "in_progress", "done", "delayed", "stopped", "ongoing"]

KINDS: Final[tuple[Kind, ...]] = ("promises", "agreement", "plan")
STATUSES: Final[tuple[Status, ...]] = (
    "not_started", "in_progress", "done", "delayed", "stopped", "ongoing",
)  # fmt: skip

_DETECT_ORDER: Final[tuple[Kind, ...]] = ("plan", "promises", "agreement")

MISSING_COLUMN: Final = "missing_column"
MISSING_COLUMN_MESSAGE: Final = gettext_noop(
    "The activity table has no column “Ansvarig” (responsible). A plan needs the columns "
    "Aktivitet and Ansvarig; Status and Klart (due date) are optional."
)
NOT_PLAN_DOCUMENT: Final = "not_plan_document"
NOT_PLAN_DOCUMENT_MESSAGE: Final = gettext_noop(
    "The text does not look like citizen promises, a cooperation agreement or an "
    "implementation plan: no promises, commitments or activity table was found."
)

# English templates, marked for makemessages; the caller translates `ParseWarning.template`
# and formats it with `ParseWarning.params` (Swedish: docs/formats/plan-documents.md).
WARNING_MESSAGES: Final[dict[str, str]] = {
    "unplaced_line": gettext_noop("This line was not recognised and was left out: “{text}”"),
    "unknown_status": gettext_noop(
        "The status “{status}” is not known. Use one of: not started, in progress, done, "
        "delayed, stopped, ongoing (or the Swedish words)."
    ),
    "extra_cells": gettext_noop("This table row has more cells than the header: “{text}”"),
    "invalid_date": gettext_noop("The date “{date}” does not exist."),
}
# Warnings that stop an import: the document says something that cannot be stored as written.
BLOCKING_WARNINGS: Final = frozenset({"unknown_status", "invalid_date"})


# --- Public result ---------------------------------------------------------------------------


@dataclass
class Promise:
    text: str
    parties: list[Party] = field(default_factory=list)
    joint: bool = False  # True for the "Gemensamt löfte" paragraph
    line: int | None = None
    outcome: str | None = None  # a follow-up table's outcome for the promise, as written


@dataclass
class Commitment:
    number: int
    text: str
    line: int | None = None


@dataclass
class Activity:
    text: str
    responsible: list[str] = field(default_factory=list)
    status: Status | None = None
    status_text: str | None = None  # the status cell as written
    due: str | None = None  # YYYY-MM-DD, from a "Klart"/"Due" column
    due_text: str | None = None  # that cell as written ("hösten 2018")
    line: int | None = None


@dataclass
class Signatory:
    name: str
    title: str | None = None
    organisation: str | None = None
    line: int | None = None


@dataclass
class ParsedPlanDocument:
    kind: Kind
    title: str | None = None
    year: int | None = None
    valid_from: str | None = None  # YYYY-MM-DD
    valid_to: str | None = None
    place: str | None = None
    date: str | None = None
    background: str | None = None
    dialogues: str | None = None
    current_picture: str | None = None
    promises_intro: str | None = None
    promises: list[Promise] = field(default_factory=list)
    purpose: str | None = None
    method: str | None = None
    commitments_intro: str | None = None
    commitments: list[Commitment] = field(default_factory=list)
    governance_bodies: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    signatories: list[Signatory] = field(default_factory=list)
    enclosures: list[str] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)

    def to_json(self) -> JsonObject:
        """Return the stable schema (docs/formats/plan-documents.md); every key is always set."""
        return {
            "kind": self.kind,
            "title": self.title,
            "year": self.year,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "place": self.place,
            "date": self.date,
            "background": self.background,
            "dialogues": self.dialogues,
            "current_picture": self.current_picture,
            "promises_intro": self.promises_intro,
            "promises": [
                {"text": p.text, "parties": list[JsonValue](p.parties), "joint": p.joint}
                for p in self.promises
            ],
            "purpose": self.purpose,
            "method": self.method,
            "commitments_intro": self.commitments_intro,
            "commitments": [{"number": c.number, "text": c.text} for c in self.commitments],
            "governance_bodies": list[JsonValue](self.governance_bodies),
            "parties": list[JsonValue](self.parties),
            "activities": [
                {
                    "text": a.text,
                    "responsible": list[JsonValue](a.responsible),
                    "status": a.status,
                    "due": a.due,
                }
                for a in self.activities
            ],
            "signatories": [
                {"name": s.name, "title": s.title, "organisation": s.organisation}
                for s in self.signatories
            ],
            "enclosures": list[JsonValue](self.enclosures),
            "warnings": [{"line": w.line, "message": w.message} for w in self.warnings],
        }
