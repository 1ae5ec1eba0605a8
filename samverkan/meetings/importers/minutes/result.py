"""What a read of minutes or a notice gives: the stable import schema (`to_json`), the
warnings' messages and the rejection of a text that is neither."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal, TypeAlias

from samverkan.core.importing.parse_warnings import ParseWarning
from samverkan.core.importing.rejections import gettext_noop

JsonValue: TypeAlias = "str | int | None | list[JsonValue] | dict[str, JsonValue]"
JsonObject: TypeAlias = dict[str, JsonValue]

Role = Literal["chair", "secretary", "coordinator", "deputy", "member"]
Kind = Literal["minutes", "notice"]

NOT_MINUTES: Final = "not_minutes"
NOT_MINUTES_MESSAGE: Final = gettext_noop(
    "The text does not look like minutes or a notice: "
    "no meeting date, numbered items or attendance list was found."
)

# English templates, marked for makemessages; the caller translates `ParseWarning.template`
# and formats it with `ParseWarning.params` (Swedish: docs/formats/minutes-import.md).
WARNING_MESSAGES: Final[dict[str, str]] = {
    "unplaced_line": gettext_noop("This line was not recognised and was left out: “{text}”"),
    "unreadable_attendance": gettext_noop(
        "No name could be read from this attendance line: “{text}”"
    ),
    "unnumbered_items": gettext_noop(
        "No numbered items were found; the items were taken from headings and numbered in order."
    ),
    "numbering_gap": gettext_noop("The item numbers jump from {previous} to {number}."),
    "flattened_text": gettext_noop(
        "The text has no line breaks; items and headings were found by their numbers and "
        "names. Check the result."
    ),
    "guessed_title": gettext_noop(
        "The title of item {number} was guessed from run-on text: “{title}”"
    ),
    "empty_decision": gettext_noop("A decision heading has no decision text under it."),
    "no_date": gettext_noop("No meeting date was found."),
    "no_body": gettext_noop("No name of the council or body was found."),
    "no_items": gettext_noop("No items were found."),
    "end_before_start": gettext_noop("The end time {end} is before the start time {start}."),
    "present_and_absent": gettext_noop("{name} is listed both as present and as absent."),
}


# --- Public result ---------------------------------------------------------------------------


@dataclass
class Attendee:
    """One person in the attendance lists, with what the row said about them."""

    name: str
    affiliation: str | None = None  # everything after the name, as written
    role: Role = "member"
    title: str | None = None  # best-effort split of `affiliation`: "säkerhetschef"
    organisation: str | None = None  # ... and "Köpings kommun"
    party: str | None = None  # "S" from "Anna Ek (S)"
    section: str | None = None  # the heading it was listed under, as written: "Ledamöter"
    role_label: str | None = None  # the role words as written: "ordf.", "vice ordförande"
    serving_for: str | None = None  # "tjg för Eva Sjö" -> "Eva Sjö"
    from_item: int | None = None  # "fr.o.m. § 3"
    to_item: int | None = None  # "t.o.m. § 5"
    from_time: str | None = None  # "fr.o.m. kl. 10.30" -> "10:30"
    to_time: str | None = None  # "t.o.m. kl. 11.00" -> "11:00"
    partial_note: str | None = None  # the partial-attendance words as written
    line: int | None = None


@dataclass
class Attendance:
    present: list[Attendee] = field(default_factory=list)
    guests: list[Attendee] = field(default_factory=list)
    absent: list[Attendee] = field(default_factory=list)


@dataclass
class Decision:
    """One decision: one att-clause, one numbered point, or one decision paragraph."""

    text: str
    line: int | None = None


@dataclass
class ParsedItem:
    number: int
    title: str
    text: str = ""  # the item's text without its decision paragraphs
    decisions: list[Decision] = field(default_factory=list)
    full_text: str = ""  # the item's text including its decision paragraphs
    line: int | None = None
    numbered: bool = True  # False when the number was assigned in order (no numbering)
    reference: str | None = None  # "Dnr TR 2019/12" -> "TR 2019/12"
    presenter: str | None = None  # "Föredragande: X" or, in notices, "(X)" after the title
    time: str | None = None  # notices: planned start "kl. 10.15" -> "10:15"


@dataclass
class Signature:
    role: str  # the Swedish role word, lower case: "sekreterare", "ordförande", "justerare"
    name: str
    line: int | None = None


@dataclass
class ScheduledMeeting:
    body: str | None
    date: str
    start: str | None = None
    end: str | None = None
    line: int | None = None


@dataclass
class Attachment:
    title: str
    text: str
    line: int | None = None


@dataclass
class ParsedMinutes:
    body: str | None = None
    date: str | None = None
    start: str | None = None
    end: str | None = None
    place: str | None = None
    attendance: Attendance = field(default_factory=Attendance)
    items: list[ParsedItem] = field(default_factory=list)
    adjusters: list[str] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    schedule: list[ScheduledMeeting] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    # Not part of to_json():
    kind: Kind = "minutes"
    heading: str | None = None  # the document's own heading: "PROTOKOLL", "Minnesanteckningar"
    municipality: str | None = None  # "Köpings kommun" when the header names it
    reference: str | None = None  # the minutes' own Dnr
    adjustment_note: str | None = None  # "Justeringens plats och tid", as written
    numbered: bool = True
    flattened: bool = False
    notes: list[str] = field(default_factory=list)  # a notice's free text ("Välkomna!")
    # Fields read by a guess rather than a rule, for the preview to ask for a check: "date"
    # (from the ANSLAG box), "place", "time" and "attendance" (put back beside labels given
    # in a column), "items" (titles cut from run-on text, or headings without numbers).
    guessed: list[str] = field(default_factory=list)
    dropped_lines: list[int] = field(default_factory=list)  # page furniture, by line number

    def to_json(self) -> JsonObject:
        """Return the stable import schema (docs/formats/minutes-import.md)."""
        return {
            "body": self.body,
            "date": self.date,
            "start": self.start,
            "end": self.end,
            "place": self.place,
            "attendance": {
                "present": [
                    {"name": p.name, "affiliation": p.affiliation, "role": p.role}
                    for p in self.attendance.present
                ],
                "guests": [
                    {"name": g.name, "affiliation": g.affiliation} for g in self.attendance.guests
                ],
                "absent": [a.name for a in self.attendance.absent],
            },
            "items": [
                {
                    "number": item.number,
                    "title": item.title,
                    "text": item.text,
                    "decisions": [d.text for d in item.decisions],
                }
                for item in self.items
            ],
            "adjusters": list(self.adjusters),
            "signatures": [{"role": s.role, "name": s.name} for s in self.signatures],
            "schedule": [
                {"body": m.body, "date": m.date, "start": m.start, "end": m.end}
                for m in self.schedule
            ],
            "attachments": [{"title": a.title, "text": a.text} for a in self.attachments],
            "warnings": [{"line": w.line, "message": w.message} for w in self.warnings],
        }
