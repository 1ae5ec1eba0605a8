"""Read the plan documents of a local crime-prevention council.

`parse_plan_document(text, kind=None)` turns the plain text of one document into
`ParsedPlanDocument`. Three kinds are read:

- "promises": citizen promises (medborgarlöften) with background, dialogues, current picture,
  the promises, the joint promise, validity, place, date and signatories;
- "agreement": a cooperation agreement (samverkansöverenskommelse) with purpose, method,
  numbered commitments, governance bodies, current picture, date, parties and signatories;
- "plan": an implementation plan (genomförandeplan), a table Aktivitet / Ansvarig [/ Status].

Every non-empty line that is not placed is reported in `warnings` with its line number. A text
that is none of the kinds raises ImportRejected("not_plan_document"). The JSON schema and the
messages are described in docs/formats/plan-documents.md. No Django import.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal, TypeAlias, cast

from samverkan.core import exports
from samverkan.core.importing.dates import FULL_DATE, FULL_DATE_RE, full_date, full_date_in
from samverkan.core.importing.parse_warnings import ParseWarning
from samverkan.core.importing.rejections import ImportRejected, gettext_noop
from samverkan.core.importing.text import extract_text, normalise_text

__all__ = [
    "BLOCKING_WARNINGS",
    "KINDS",
    "MISSING_COLUMN",
    "MISSING_COLUMN_MESSAGE",
    "NOT_PLAN_DOCUMENT",
    "NOT_PLAN_DOCUMENT_MESSAGE",
    "STATUSES",
    "WARNING_MESSAGES",
    "Activity",
    "Commitment",
    "JsonObject",
    "Kind",
    "ParsedPlanDocument",
    "Promise",
    "Signatory",
    "Status",
    "detect_kind",
    "normalise_status",
    "parse_plan_document",
    "parse_plan_file",
    "split_responsible",
]

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


def parse_plan_document(text: str, kind: str | None = None) -> ParsedPlanDocument:
    """Read promises, an agreement or a plan; raise ImportRejected if the text is none of them.

    `kind` forces the kind ("promises", "agreement" or "plan"); without it the kind is
    recognised from the headings. Any other `kind` raises ValueError.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown plan document kind: {kind!r}")
    return _Parser(text).parse(cast("Kind | None", kind))


def parse_plan_file(data: bytes, filename: str, kind: str | None = None) -> ParsedPlanDocument:
    """Read an uploaded PDF, DOCX or text file; raise ImportRejected if it cannot be used.

    The text comes from `extract_text`, so its rejections (empty, binary, no text layer, ...)
    come through unchanged; a DOCX table becomes tab-separated rows, as the parser expects.
    """
    return parse_plan_document(extract_text(data, filename), kind)


def detect_kind(text: str) -> Kind:
    """Return the kind of a plan document; raise ImportRejected if it is none of them."""
    return parse_plan_document(text).kind


# --- Patterns --------------------------------------------------------------------------------

_I = re.IGNORECASE
_SECTION_HEADINGS: Final[list[tuple[re.Pattern[str], str]]] = [
    (re.compile(r"bakgrund|background", _I), "background"),
    (re.compile(r"(?:medborgar)?dialog(?:er(?:na)?)?\b.*|citizen dialogues?\b.*", _I), "dialogues"),
    (re.compile(r"(?:aktuell|nuläges|läges)\s*bild\b.*|current (?:picture|situation)\b.*", _I),
     "current_picture"),
    (re.compile(r"(?:medborgarlöften|citizen promises)(?:\s+(?:19|20)\d\d)?", _I),
     "promises_intro"),
    (re.compile(r"detta gör vi genom att|we will do this by", _I), "promise_list"),
    (re.compile(r"gemensamt löfte\b.*|joint promise\b.*", _I), "joint"),
    (re.compile(r"syfte(?:\s+och\s+mål)?|mål\s+och\s+syfte|purpose(?: and goals?)?", _I),
     "purpose"),
    (re.compile(r"metod(?:\s+och\s+organisation)?|method(?: and organi[sz]ation)?", _I), "method"),
    (re.compile(r"åtaganden?|commitments?", _I), "commitments"),
]  # fmt: skip
_KIND_SECTIONS: Final[dict[Kind, frozenset[str]]] = {
    "promises": frozenset(
        {"background", "dialogues", "current_picture", "promises_intro", "promise_list", "joint"}
    ),
    "agreement": frozenset({"purpose", "method", "commitments", "current_picture"}),
    "plan": frozenset(),
}
_TITLE_HINTS: Final[list[tuple[re.Pattern[str], Kind]]] = [
    (re.compile(r"genomförandeplan|handlingsplan|åtgärdsplan|aktivitetsplan|"
                r"(?:action|activity|implementation) plan", _I), "plan"),
    (re.compile(r"medborgarlöfte|citizen promise", _I), "promises"),
    (re.compile(r"samverkansöverenskommelse|samverkansavtal|(?:cooperation|partnership) "
                r"agreement", _I), "agreement"),
]  # fmt: skip

_ACTIVITY_HEADS: Final = frozenset(
    {"aktivitet", "aktiviteter", "åtgärd", "åtgärder", "insats", "insatser", "activity",
     "activities", "action", "actions"}
)  # fmt: skip
_RESPONSIBLE_HEADS: Final = frozenset(
    {"ansvarig", "ansvariga", "ansvar", "responsible", "responsibility", "owner"}
)
_STATUS_HEADS: Final = frozenset({"status", "läge", "lägesrapport"})
_DUE_HEADS: Final = frozenset(
    {"klart", "klart senast", "klar senast", "slutdatum", "datum", "deadline", "due", "due date"}
)

_STATUS_WORDS: Final[dict[str, Status]] = {
    "ej påbörjad": "not_started", "ej påbörjat": "not_started", "inte påbörjad": "not_started",
    "inte påbörjat": "not_started", "ej startad": "not_started", "planerad": "not_started",
    "not started": "not_started",
    "pågår": "in_progress", "pågående": "in_progress", "påbörjad": "in_progress",
    "påbörjat": "in_progress", "in progress": "in_progress", "started": "in_progress",
    "genomförd": "done", "genomfört": "done", "genomförda": "done", "klar": "done",
    "klart": "done", "avslutad": "done", "avslutat": "done", "slutförd": "done", "done": "done",
    "completed": "done", "complete": "done", "finished": "done",
    "försenad": "delayed", "försenat": "delayed", "delayed": "delayed",
    "stoppad": "stopped", "stoppat": "stopped", "avbruten": "stopped", "avbrutet": "stopped",
    "stopped": "stopped", "cancelled": "stopped", "canceled": "stopped",
    "löpande": "ongoing", "fortlöpande": "ongoing", "ongoing": "ongoing",
    "continuous": "ongoing",
}  # fmt: skip

_VALID_TO_RE: Final = re.compile(
    rf"(?:till\s+och\s+med|t\.\s?o\.\s?m\.?|until|to)\s+(?:den\s+)?(?P<date>{FULL_DATE})", _I
)
_VALID_FROM_RE: Final = re.compile(
    rf"(?:från\s+och\s+med|fr\.\s?o\.\s?m\.?|from)\s+(?:den\s+)?(?P<date>{FULL_DATE})", _I
)
_VALID_YEAR_RE: Final = re.compile(
    r"\b(?:för|for|under)\s+(?:år(?:et)?\s+|the year\s+)?(?P<y1>(?:19|20)\d\d)"
    r"(?:\s*(?:-|–|—|till|och|to)\s*(?P<y2>(?:19|20)\d\d))?(?!\d)",
    _I,
)
_VALIDITY_LINE_RE: Final = re.compile(
    r"^(?:[\wåäöÅÄÖ]+\s+){0,2}(?:ska\s+|skall\s+)?(?:gäll(?:a|er)|(?:is|are|shall be) valid)\b",
    _I,
)
_PLACE_DATE_RE: Final = re.compile(
    r"^(?P<place>[A-ZÅÄÖ][\wåäöÅÄÖ.\- ]{1,40}?),?\s+(?:den\s+)?(?P<date>(?:19|20)\d\d-\d\d-\d\d)$"
)
_DATE_LINE_RE: Final = re.compile(r"^(?:datum|date)\s*:?\s*(?P<date>.+)$", _I)
_ENCLOSURE_RE: Final = re.compile(r"^(?:bilaga|appendix|annex)\s+\d+\b", _I)
_BULLET_RE: Final = re.compile(r"^[-–—•*·]\s*(?P<text>\S.*)$")
_NUMBERED_RE: Final = re.compile(r"^(?P<number>\d{1,2})[.)]\s+(?P<text>\S.*)$")
_TAG_RE: Final = re.compile(r"</?[A-Za-z][^<>]*>")
_NAME_RE: Final = re.compile(
    r"[A-ZÅÄÖÉ][a-zåäöéèüø]+(?:-[A-ZÅÄÖÉ][a-zåäöéèüø]+)?"
    r"(?:\s+(?:(?:af|von|van|de|der)\s*)?[A-ZÅÄÖÉ][a-zåäöéèüø]+(?:-[A-ZÅÄÖÉ][a-zåäöéèüø]+)?){1,3}"
)
_ORG_RE: Final = re.compile(
    r"kommun|polis|område|region|länsstyrelse|förvaltning|\bAB\b|bolag|myndighet|förening|"
    r"nämnd|styrelse|råd(?:et)?\b|kontor|municipality|police|council",
    _I,
)
_TITLE_WORD_RE: Final = re.compile(
    r"(?:chef|råd|samordnare|ordförande|direktör|sekreterare|handläggare|strateg|kommissarie|"
    r"polismästare|chief|manager|director|coordinator|chair|mayor)$",
    _I,
)
_MUNICIPALITY_RE: Final = re.compile(r"\bkommun(?:en|s)?\b|\bmunicipality\b", _I)
_POLICE_RE: Final = re.compile(r"\bpolis(?:en)?\b|\blokalpolisområde|\bpolice\b", _I)
_PROMISE_VERB_RE: Final = re.compile(r"\blovar\b|\bpromises?\b", _I)
_BODY_RE: Final = re.compile(
    r"\b(?:[\wåäö]*grupp(?:er|en|erna)?|[\wåäö]*råd(?:et)?|[\wåäö]*utskott(?:et)?)"
    r"(?:\s*\([^()]*\))?",
    _I,
)
_RESPONSIBLE_SPLIT_RE: Final = re.compile(r"(?<!\s)(?:\s*[+,;&/]\s*|\s+(?:och|samt|and)\s+)", _I)
_JOINTLY_RE: Final = re.compile(r"\b(?:gemensamt|tillsammans|jointly|together)\b", _I)


def normalise_status(word: str) -> Status | None:
    """Map a Swedish or English status word to its code; None when empty or unknown."""
    key = " ".join(_TAG_RE.sub("", word).lower().strip(" .:;!-–").split())
    return _STATUS_WORDS.get(key)


def split_responsible(cell: str) -> list[str]:
    """Split a responsible cell into names: "Polisen, KBAB och Köpings kommun gemensamt"."""
    text = _JOINTLY_RE.sub(" ", _TAG_RE.sub("", cell))
    names: list[str] = []
    for part in _RESPONSIBLE_SPLIT_RE.split(text):
        name = " ".join(part.split()).strip(" .:;-–")
        if name and name not in names:
            names.append(name)
    return names


def _clean(text: str) -> str:
    return " ".join(_TAG_RE.sub("", text).split())


def _is_heading_like(text: str) -> bool:
    return (
        len(text) <= 90
        and not text.endswith((".", ",", ";"))
        and "\t" not in text
        and not _BULLET_RE.match(text)
        and not _NUMBERED_RE.match(text)
        and any(ch.isalpha() for ch in text)
    )


def _section_for(text: str) -> str | None:
    if not _is_heading_like(text):
        return None
    bare = text.strip().rstrip(":").strip()
    for pattern, key in _SECTION_HEADINGS:
        if pattern.fullmatch(bare):
            return key
    return None


def _bodies_in(text: str) -> list[str]:
    """The governance bodies one commitment names: "styrgrupp (Brå AU)", "arbetsgrupper"."""
    bodies: list[str] = []
    for match in _BODY_RE.finditer(text):
        body = " ".join(match.group(0).split())
        if len(body.split("(")[0].strip()) > len("rådet") and body not in bodies:
            bodies.append(body)
    return bodies


def _parties_of(text: str) -> list[Party]:
    """The promising parties: the subject of "lovar" in its sentence."""
    match = _PROMISE_VERB_RE.search(text)
    if match is None:
        subject = text
    else:
        before = re.split(r"[.!?]\s", text[: match.start()])[-1]
        after = re.split(r"\s(?:att|to)\s", text[match.end() :], maxsplit=1)[0]
        subject = f"{before} {after}"
    parties: list[Party] = []
    if _MUNICIPALITY_RE.search(subject):
        parties.append("municipality")
    if _POLICE_RE.search(subject):
        parties.append("police")
    return parties


@dataclass
class _Line:
    number: int
    text: str


@dataclass
class _Table:
    delimiter: str
    activity: int
    responsible: int | None
    status: int | None
    width: int
    due: int | None = None


def _cells(text: str, delimiter: str) -> list[str]:
    # A CSV (the platform's own exports use ";") quotes a cell that holds the delimiter.
    if delimiter in {",", ";"}:
        try:
            row = next(csv.reader([text], delimiter=delimiter))
        except (csv.Error, StopIteration):
            row = text.split(delimiter)
        return [exports.restore(cell.strip()) for cell in row]
    return [exports.restore(cell.strip()) for cell in text.split(delimiter)]


def _table_header(text: str) -> _Table | None:
    for delimiter in ("\t", ";", "|", ","):
        if delimiter not in text:
            continue
        cells = [_clean(cell).lower().strip(" :") for cell in _cells(text.strip("|"), delimiter)]
        activity = next((i for i, c in enumerate(cells) if c in _ACTIVITY_HEADS), None)
        responsible = next((i for i, c in enumerate(cells) if c in _RESPONSIBLE_HEADS), None)
        if activity is None or responsible is None:
            continue
        status = next((i for i, c in enumerate(cells) if c in _STATUS_HEADS), None)
        due = next((i for i, c in enumerate(cells) if c in _DUE_HEADS), None)
        return _Table(delimiter, activity, responsible, status, len(cells), due)
    return None


def _is_partial_header(text: str) -> bool:
    """A row that heads an activity table but lacks the responsible column."""
    for delimiter in ("\t", ";", "|", ","):
        if delimiter in text:
            cells = {_clean(c).lower().strip(" :") for c in _cells(text.strip("|"), delimiter)}
            if cells & _ACTIVITY_HEADS and cells & (_STATUS_HEADS | _DUE_HEADS):
                return True
    return False


# --- Parser ----------------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str) -> None:
        self.lines = [
            _Line(number, line.strip())
            for number, line in enumerate(normalise_text(text).split("\n"), start=1)
        ]
        self.title_lines: list[_Line] = []
        self.sections: dict[str, list[_Line | None]] = {}  # None marks a paragraph break
        self.heading_lines: dict[str, list[_Line]] = {}
        self.activities: list[Activity] = []
        self.table_lines: list[_Line] = []
        self.warnings: list[ParseWarning] = []
        self.unplaced: list[_Line] = []
        self.signature_groups: list[list[_Line]] = []
        self.validity_lines: list[_Line] = []
        self.place: str | None = None
        self.date: str | None = None
        self.enclosures: list[str] = []
        self.partial_header = False

    # Pass 1: split the text into title, sections, table and signatures.
    def scan(self) -> None:
        section: str | None = None
        table: _Table | None = None
        signing = False
        group: list[_Line] = []
        seen_content = False
        for line in self.lines:
            text = line.text
            if table is not None:
                if not text:
                    continue
                if self._table_row(line, table):
                    continue
                table = None
            if not text:
                if signing and group:
                    self.signature_groups.append(group)
                    group = []
                if section is not None:
                    self.sections.setdefault(section, []).append(None)
                continue
            header = _table_header(text)
            if header is None and _is_partial_header(text):
                self.partial_header = True
            if header is not None:
                table, section, signing, seen_content = header, None, False, True
                self.table_lines.append(line)
                continue
            if self._is_title(text, seen_content):
                self.title_lines.append(line)
                continue
            seen_content = True
            if _ENCLOSURE_RE.match(text) and _is_heading_like(text):
                self.enclosures.append(_clean(text))
                continue
            date_line = _DATE_LINE_RE.match(text)
            place_date = None if date_line else _PLACE_DATE_RE.match(text)
            if place_date or (date_line and full_date_in(date_line.group("date"))):
                if place_date:
                    self.place = place_date.group("place").strip()
                    self.date = full_date_in(place_date.group("date"))
                elif date_line:
                    self.date = full_date_in(date_line.group("date"))
                signing, section = True, None
                continue
            if (
                _VALIDITY_LINE_RE.match(text)
                and not _BULLET_RE.match(text)
                and not _NUMBERED_RE.match(text)
                and self._validity_from(ParsedPlanDocument(kind="plan"), text)
            ):
                self.validity_lines.append(line)
                continue
            new_section = _section_for(text)
            if new_section is not None:
                if signing and group:
                    self.signature_groups.append(group)
                    group = []
                section, signing = new_section, False
                self.heading_lines.setdefault(section, []).append(line)
                self.sections.setdefault(section, [])
                continue
            if signing:
                group.append(line)
            elif section is None:
                self.unplaced.append(line)
            else:
                self.sections[section].append(line)
        if group:
            self.signature_groups.append(group)

    def _is_title(self, text: str, seen_content: bool) -> bool:
        return (
            not seen_content
            and len(self.title_lines) < 4
            and _is_heading_like(text)
            and _section_for(text) is None
            and _PLACE_DATE_RE.match(text) is None
        )

    def _table_row(self, line: _Line, table: _Table) -> bool:
        if table.delimiter not in line.text:
            return False
        cells = _cells(line.text.strip("|") if table.delimiter == "|" else line.text,
                       table.delimiter)  # fmt: skip
        while len(cells) > table.width and not cells[-1]:
            cells.pop()
        text = _clean(cells[table.activity]) if table.activity < len(cells) else ""
        if not text:
            return False
        if len(cells) > table.width:
            self._warn(line.number, "extra_cells", text=line.text)
        responsible = (
            split_responsible(cells[table.responsible])
            if table.responsible is not None and table.responsible < len(cells)
            else []
        )
        status_text = (
            _clean(cells[table.status])
            if table.status is not None and table.status < len(cells)
            else ""
        )
        status = normalise_status(status_text) if status_text else None
        if status_text and status is None:
            self._warn(line.number, "unknown_status", status=status_text)
        due_text = (
            _clean(cells[table.due]) if table.due is not None and table.due < len(cells) else ""
        )
        # A date that does not exist is reported by _invalid_dates; "hösten 2018" is kept as text.
        due = full_date_in(due_text) if due_text else None
        self.activities.append(
            Activity(text, responsible, status, status_text or None, due, due_text or None,
                     line.number)
        )  # fmt: skip
        self.table_lines.append(line)
        return True

    def _warn(self, line: int | None, code: str, **params: str) -> None:
        self.warnings.append(ParseWarning(line, code, WARNING_MESSAGES[code], dict(params)))

    # Pass 2: build the result for a kind.
    def parse(self, kind: Kind | None) -> ParsedPlanDocument:
        self.scan()
        found = kind if kind is not None else self._detect()
        if found is None or not self._has_content(found):
            if self.partial_header and kind in (None, "plan"):
                raise ImportRejected(MISSING_COLUMN, MISSING_COLUMN_MESSAGE)
            raise ImportRejected(NOT_PLAN_DOCUMENT, NOT_PLAN_DOCUMENT_MESSAGE)
        result = ParsedPlanDocument(kind=found)
        result.title = " – ".join(_clean(line.text) for line in self.title_lines) or None
        result.place, result.date = self.place, self.date
        result.enclosures = list(self.enclosures)
        allowed = _KIND_SECTIONS[found]
        unplaced = list(self.unplaced)
        for key, lines in self.sections.items():
            if key not in allowed:
                unplaced.extend(self.heading_lines.get(key, []))
                unplaced.extend(line for line in lines if line is not None)
        if found == "plan":
            result.activities = list(self.activities)
        else:
            unplaced.extend(line for line in self.table_lines)
        builders: dict[str, Callable[[ParsedPlanDocument, list[_Line | None]], list[_Line]]] = {
            "background": lambda r, ls: self._text_into(r, "background", ls),
            "dialogues": lambda r, ls: self._text_into(r, "dialogues", ls),
            "current_picture": lambda r, ls: self._text_into(r, "current_picture", ls),
            "promises_intro": lambda r, ls: self._text_into(r, "promises_intro", ls),
            "purpose": lambda r, ls: self._text_into(r, "purpose", ls),
            "method": lambda r, ls: self._text_into(r, "method", ls),
            "promise_list": self._promise_list,
            "joint": self._joint,
            "commitments": self._commitments,
        }
        for key in ("background", "dialogues", "current_picture", "promises_intro",
                    "promise_list", "joint", "purpose", "method", "commitments"):  # fmt: skip
            if key in allowed and key in self.sections:
                unplaced.extend(builders[key](result, self.sections[key]))
        if found == "plan":
            unplaced.extend(self.validity_lines)
        else:
            unplaced.extend(
                line for line in self.validity_lines if not self._validity_from(result, line.text)
            )
        unplaced.extend(self._signatories(result))
        if found == "agreement":
            for signatory in result.signatories:
                if signatory.organisation and signatory.organisation not in result.parties:
                    result.parties.append(signatory.organisation)
            for commitment in result.commitments:
                self._validity_from(result, commitment.text)
                if not result.governance_bodies:
                    result.governance_bodies = _bodies_in(commitment.text)
        for line in unplaced:
            self._warn(line.number, "unplaced_line", text=line.text)
        self._invalid_dates()
        result.warnings = sorted(self.warnings, key=lambda w: (w.line or 0, w.code))
        return result

    def _invalid_dates(self) -> None:
        """Warn of every written date that no calendar has: "2018-02-30", "31 juni 2018"."""
        flagged = {w.line for w in self.warnings if w.code == "invalid_date"}
        for line in self.lines:
            if line.number in flagged:
                continue
            for match in FULL_DATE_RE.finditer(line.text):
                if full_date(match) is None:
                    self._warn(line.number, "invalid_date", date=match.group(0))

    def _detect(self) -> Kind | None:
        title = " ".join(line.text for line in self.title_lines)
        for pattern, kind in _TITLE_HINTS:
            if pattern.search(title) and self._has_content(kind):
                return kind
        for kind in _DETECT_ORDER:
            if self._has_content(kind):
                return kind
        return None

    def _has_content(self, kind: Kind) -> bool:
        if kind == "plan":
            return bool(self.activities)
        if kind == "promises":
            return any(
                line is not None
                for key in ("promise_list", "joint")
                for line in self.sections.get(key, [])
            )
        return any(
            line is not None and _NUMBERED_RE.match(line.text)
            for line in self.sections.get("commitments", [])
        ) or any(line is not None for line in self.sections.get("purpose", []))

    @staticmethod
    def _paragraphs(lines: Sequence[_Line | None]) -> list[list[_Line]]:
        paragraphs: list[list[_Line]] = [[]]
        for line in lines:
            if line is None:
                if paragraphs[-1]:
                    paragraphs.append([])
            else:
                paragraphs[-1].append(line)
        return [p for p in paragraphs if p]

    def _text_into(
        self, result: ParsedPlanDocument, name: str, lines: Sequence[_Line | None]
    ) -> list[_Line]:
        paragraphs = self._paragraphs(lines)
        text = "\n\n".join(" ".join(_clean(line.text) for line in p) for p in paragraphs)
        setattr(result, name, text or None)
        return []

    def _promise_list(
        self, result: ParsedPlanDocument, lines: Sequence[_Line | None]
    ) -> list[_Line]:
        unplaced: list[_Line] = []
        current: Promise | None = None
        for line in lines:
            if line is None:
                current = None
                continue
            bullet = _BULLET_RE.match(line.text)
            if bullet:
                current = Promise(_clean(bullet.group("text")), line=line.number)
                result.promises.append(current)
            elif current is not None:
                current.text = f"{current.text} {_clean(line.text)}"
            else:
                unplaced.append(line)
        for promise in result.promises:
            promise.parties = _parties_of(promise.text)
        return unplaced

    def _joint(self, result: ParsedPlanDocument, lines: Sequence[_Line | None]) -> list[_Line]:
        paragraphs = self._paragraphs(lines)
        if not paragraphs:
            return []
        text = " ".join(_clean(line.text) for line in paragraphs[0]).strip('”“"')
        parties = _parties_of(text) or ["municipality", "police"]
        result.promises.append(Promise(text, parties, joint=True, line=paragraphs[0][0].number))
        return [line for p in paragraphs[1:] for line in p]

    def _commitments(
        self, result: ParsedPlanDocument, lines: Sequence[_Line | None]
    ) -> list[_Line]:
        intro: list[_Line] = []
        current: Commitment | None = None
        for line in lines:
            if line is None:
                continue
            numbered = _NUMBERED_RE.match(line.text)
            if numbered:
                current = Commitment(
                    int(numbered.group("number")), _clean(numbered.group("text")), line.number
                )
                result.commitments.append(current)
            elif current is not None:
                current.text = f"{current.text} {_clean(line.text)}"
            else:
                intro.append(line)
        result.commitments_intro = " ".join(_clean(line.text) for line in intro) or None
        return []

    @staticmethod
    def _validity_from(result: ParsedPlanDocument, text: str) -> bool:
        """Read a validity statement into result; say whether it held one."""
        until = _VALID_TO_RE.search(text)
        since = _VALID_FROM_RE.search(text)
        if until:
            result.valid_to = full_date_in(until.group("date")) or result.valid_to
        if since:
            result.valid_from = full_date_in(since.group("date")) or result.valid_from
        if until or since:
            return True
        year = _VALID_YEAR_RE.search(text)
        if year is None or not _VALIDITY_LINE_RE.match(text):
            return False
        first = int(year.group("y1"))
        last = int(year.group("y2")) if year.group("y2") else first
        if last < first:
            return False
        result.year = first
        result.valid_from = dt.date(first, 1, 1).isoformat()
        result.valid_to = dt.date(last, 12, 31).isoformat()
        return True

    def _signatories(self, result: ParsedPlanDocument) -> list[_Line]:
        unplaced: list[_Line] = []
        for group in self.signature_groups:
            name_line = next(
                (
                    line
                    for line in group
                    if _NAME_RE.fullmatch(_clean(line.text)) and not _ORG_RE.search(line.text)
                ),
                None,
            )
            if name_line is None:
                unplaced.extend(group)
                continue
            signatory = Signatory(_clean(name_line.text), line=name_line.number)
            for line in group:
                if line is name_line:
                    continue
                text = _clean(line.text)
                if signatory.title is None and _TITLE_WORD_RE.search(text):
                    signatory.title = text
                elif signatory.organisation is None and _ORG_RE.search(text):
                    signatory.organisation = text
                elif signatory.title is None:
                    signatory.title = text
                elif signatory.organisation is None:
                    signatory.organisation = text
                else:
                    unplaced.append(line)
            result.signatories.append(signatory)
        return unplaced
