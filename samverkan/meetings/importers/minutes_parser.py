"""Read Swedish council minutes (protokoll, minnesanteckningar) and notices (kallelse).

`parse_minutes(text)` turns the plain text of one document (see `text_extract`) into
`ParsedMinutes`. It reads by structural rules that hold across councils' layouts rather than
by the look of one council's minutes:

1. page furniture is dropped (page numbers, "Justerandes signatur", initials, ANSLAG/BEVIS);
2. text that lost its line breaks (a PDF flattened to one paragraph) is split again at item
   numbers and known headings;
3. the numbered items ("§ 12", "12 §", "12.") are found as the longest run of numbers; without
   numbers, items are taken from headings;
4. what comes before the first item is the header: body, date, time, place, attendance;
5. each item yields its title, text and decisions; the item naming the next meetings yields
   the schedule;
6. after the last item come the signatures and then the attachments.

Every non-empty line that none of this places is reported in `warnings`, never silently
dropped. The JSON schema, the layouts and all messages are described in
docs/formats/minutes-import.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal, TypeAlias

from samverkan.core.importing.dates import (
    CLOCK,
    CLOCK_TIME_RE,
    DASH,
    DATE_RE,
    KL_TIME_RE,
    WEEKDAY_RE,
    YEAR_RE,
    find_date,
    find_dates,
    find_times,
    format_time,
    has_explicit_year,
)
from samverkan.core.importing.parse_warnings import ParseWarning
from samverkan.core.importing.rejections import ImportRejected, gettext_noop
from samverkan.core.importing.text import normalise_text

__all__ = [
    "NOT_MINUTES",
    "NOT_MINUTES_MESSAGE",
    "WARNING_MESSAGES",
    "Attachment",
    "Attendance",
    "Attendee",
    "Decision",
    "JsonObject",
    "ParsedItem",
    "ParsedMinutes",
    "ScheduledMeeting",
    "Signature",
    "parse_minutes",
]

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


def parse_minutes(text: str) -> ParsedMinutes:
    """Read minutes or a notice; raise ImportRejected("not_minutes") if the text is neither."""
    return _MinutesParser(text).parse()


# --- Shared patterns -------------------------------------------------------------------------

# Every pattern stays linear in its input: a repeated part never overlaps the part after it,
# and a run of spaces is matched from its start ((?<!\s)); core/tests/test_regular_expressions.py
# runs each on long adversarial inputs.
_UP = "A-ZÅÄÖÉÈÜÆØ"
_LO = "a-zåäöéèüæøáíóúç"
_CAPITAL = f"(?-i:[{_UP}])"  # a capital letter even inside a case-insensitive pattern
_WORD_END = r"(?![\wåäöÅÄÖ])"

_NAME_TOKEN_RE: Final = re.compile(
    rf"[{_UP}](?:[{_LO}'’]+(?:-[{_UP}]?[{_LO}'’]+|[{_UP}][{_LO}'’]+)*|\.)"
)
_PARTICLES: Final = frozenset({"af", "von", "van", "der", "de", "la", "di", "da", "du", "del"})
# Capitalised words that start headings and phrases rather than names.
_NOT_FIRST_NAMES: Final = frozenset(
    {
        "Val", "Information", "Mötets", "Sammanträdets", "Övriga", "Nästa", "Kommande",
        "Rådet", "Polisen", "Kommunen", "Beslut", "Föregående", "Godkännande", "Protokoll",
        "Datum", "Plats", "Tid", "Lokal", "Närvarande", "Gäster", "Bilaga", "Sida", "Dnr",
        "Ordföranden", "Sekreteraren", "Samordnaren", "Justerare", "Ordförande", "Sekreterare",
    }
)  # fmt: skip
_ORG_WORD_ENDINGS: Final = (
    "kommun", "kommunen", "polisen", "regionen", "styrelsen", "nämnden", "jouren",
    "förvaltningen", "förvaltning", "kontoret", "föreningen", "förening", "bolaget",
    "myndigheten", "verket", "tjänsten", "skolan", "kyrkan", "församling", "församlingen",
    "rådet", "utskottet", "enheten", "avdelningen", "sektionen", "bostäder", "fastigheter",
    "huset", "gruppen", "fullmäktige",
)  # fmt: skip
_ORG_WORDS: Final = frozenset({"ab", "hb", "region", "polis", "kommun", "länsstyrelsen"})

_BODY_WORD_RE: Final = re.compile(
    r"(?:råd|rådet|brå|utskott|utskottet|grupp|gruppen|nämnd|nämnden|styrelse|styrelsen|"
    r"fullmäktige|forum|nätverk|nätverket)(?![\wåäö])",
    re.IGNORECASE,
)


def _clean_spaces(text: str) -> str:
    return " ".join(text.split())


def _strip_punct(text: str) -> str:
    return text.strip(" \t.,;:–—-")


def _is_org_word(token: str) -> bool:
    lowered = token.lower().strip(".,")
    return lowered in _ORG_WORDS or lowered.endswith(_ORG_WORD_ENDINGS)


def _is_name(text: str) -> bool:
    """Say whether text reads as a person's name: 2–5 capitalised words, no organisation word."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or tokens[0] in _NOT_FIRST_NAMES:
        return False
    if tokens[-1].endswith(".") or any(_is_org_word(token) for token in tokens):
        return False
    return all(
        _NAME_TOKEN_RE.fullmatch(token) or (0 < index < len(tokens) - 1 and token in _PARTICLES)
        for index, token in enumerate(tokens)
    )


def _is_nameish(text: str) -> bool:
    """A looser test for the first column of an attendance row: "Kajsa", "Anna Ek"."""
    tokens = text.split()
    return (
        1 <= len(tokens) <= 6
        and text[:1].isupper()
        and not any(char.isdigit() for char in text)
        and _NAME_TOKEN_RE.fullmatch(tokens[0]) is not None
        and tokens[0] not in _NOT_FIRST_NAMES
    )


def _trailing_name(text: str) -> str | None:
    """Return the name at the end of a phrase: "Rådet utser Anna Ek" -> "Anna Ek"."""
    tokens = text.split()
    for size in (4, 3, 2):
        if len(tokens) >= size and _is_name(" ".join(tokens[-size:])):
            return " ".join(tokens[-size:])
    return None


def _names_in(text: str) -> list[str]:
    """Return the names in "Anna Ek (S) och Bo Ek (M)" or "Andreas Trygg"."""
    text = re.sub(r"\([^()]*\)", " ", text)
    names: list[str] = []
    for part in re.split(r"(?<!\s)(?:\s*[,;&]\s*|\s+(?:och|samt)\s+)", text):
        candidate = _clean_spaces(_strip_punct(part))
        name = candidate if _is_name(candidate) else _trailing_name(candidate)
        if name and name not in names:
            names.append(name)
    return names


def _without_when(text: str) -> str:
    """Remove dates, times, weekdays and "kl" from a header value, keeping the place or name."""
    text = WEEKDAY_RE.sub(" ", text)
    text = DATE_RE.sub(" ", text)
    text = re.split(r"(?i)\bajourn", text, maxsplit=1)[0]
    text = KL_TIME_RE.sub(" ", text)
    text = CLOCK_TIME_RE.sub(" ", text)
    text = re.sub(r"(?i)\bkl\.?(?=\s|$)", " ", text)
    text = re.sub(r"(?<!\s)\s*,(\s*,)+", ",", text)
    return _clean_spaces(_strip_punct(text)).strip(" ,")


def _tidy_caps(text: str) -> str:
    """Turn an all-caps heading into sentence case: "GENOMFÖRANDEPLAN" -> "Genomförandeplan"."""
    letters = [char for char in text if char.isalpha()]
    if len(letters) < 5 or not all(char.isupper() for char in letters):
        return text
    lowered = text.lower()
    return lowered[:1].upper() + lowered[1:]


# --- Lines and page furniture ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Line:
    no: int  # 1-based line number in the text given to parse_minutes
    text: str  # stripped; "" for a blank line
    raw: str  # right-stripped with leading tabs kept, so table columns stay aligned


_HTML_TAG_RE: Final = re.compile(r"</?(?:i|b|u|em|strong|span|sup|sub|br)\s*/?>", re.IGNORECASE)
_PAGE_MARKER_RE: Final = re.compile(
    r"\bsida\s+\d{1,3}\s*(?:\(\s*\d{1,3}\s*\)|av\s+\d{1,3}|/\s*\d{1,3})", re.IGNORECASE
)
_WHOLE_LINE_PAGE_RE: Final = re.compile(
    r"^(?:sida\s+\d{1,3}|-\s*\d{1,3}\s*-"
    r"|(?P<n>\d{1,3})\s*(?:\(\s*(?P<m>\d{1,3})\s*\)|/\s*(?P<m2>\d{1,3})))$",
    re.IGNORECASE,
)
_TRAILING_PAGE_RE: Final = re.compile(r"\s(?P<n>\d{1,3})\s?\(\s*(?P<m>\d{1,3})\s*\)$")
_FURNITURE_PHRASE_RE: Final = re.compile(
    r"\b(?:justerandes|justerares|ordförandes|sekreterarens|sekreterares)\s+"
    r"sign(?:atur(?:er)?)?\.?|\butdragsbestyrkande\b",
    re.IGNORECASE,
)
_INITIALS_PART = r"[*_]{0,2}[A-Za-zÅÄÖåäö]{2,3}\.?[*_]{0,2}"
_INITIALS_RE: Final = re.compile(rf"^{_INITIALS_PART}(?:\s*(?:[/|,]\s*)?{_INITIALS_PART}){{0,3}}$")
_ANSLAG_START_RE: Final = re.compile(
    r"^(?:anslag\s*/\s*bevis|bevis\s*/\s*anslag|anslag|bevis)\s*$"
    r"|^(?:protokollet\s+är\s+justerat|justeringen\s+har\s+tillkännagivits)",
    re.IGNORECASE,
)
_ANSLAG_KEY_RE: Final = re.compile(
    r"^(?P<key>organ|sammanträdesdatum|justeringsdatum|paragrafer|underskrift|utdragsbestyrkande"
    r"|datum\s+(?:då|för)\s+anslag\w*(?:\s+(?:sätts|sattes|tas|togs)\s+(?:upp|ned|ner))?"
    r"|datum\s+för\s+anslagets\s+\w+|anslag\w*\s+(?:sätts\s+upp|uppsatt|satt\s+upp|tas\s+ned"
    r"|nedtaget|nedtas|tagits\s+ned)|förvaringsplats(?:\s+för\s+protokollet)?"
    r"|protokollet\s+är\s+justerat|justeringen\s+har\s+tillkännagivits(?:\s+genom\s+anslag)?)"
    rf"{_WORD_END}\.?\s*:?\s*(?P<value>.*)$",
    re.IGNORECASE,
)


def _is_initials(text: str) -> bool:
    """Say whether a line is page initials such as "RE *AS*", "pe *no*" or "AE BL"."""
    if not _INITIALS_RE.fullmatch(text):
        return False
    if "*" in text or "_" in text:
        return True
    tokens = re.findall(r"[A-Za-zÅÄÖåäö]+", text)
    return len(tokens) >= 2 and all(token.isupper() for token in tokens)


def _strip_page_marker(text: str) -> tuple[str, bool]:
    """Return (text without its page number, whether it had one)."""
    match = _WHOLE_LINE_PAGE_RE.fullmatch(text)
    if match:
        total = match.group("m") or match.group("m2")
        if match.group("n") and total and int(match.group("n")) > int(total):
            return text, False  # "12 (5)" is not a page number
        return "", True
    stripped = _PAGE_MARKER_RE.sub("\t", text)
    trailing = _TRAILING_PAGE_RE.search(stripped)
    if trailing and int(trailing.group("n")) <= int(trailing.group("m")) and "\t" in text:
        stripped = stripped[: trailing.start()]
    if stripped == text:
        return text, False
    return "\t".join(cell.strip() for cell in stripped.split("\t") if cell.strip()), True


def _is_furniture_only(text: str) -> bool:
    """Say whether a line is nothing but signature-box labels and initials."""
    if _is_initials(text):
        return True
    if not _FURNITURE_PHRASE_RE.search(text):
        return False
    rest = _FURNITURE_PHRASE_RE.sub(" ", text).strip(" \t.:|/")
    return not rest or _INITIALS_RE.fullmatch(_clean_spaces(rest)) is not None


# --- Headings and keywords -------------------------------------------------------------------

_TITLE_WORD_RE: Final = re.compile(
    r"^(?P<title>sammanträdesprotokoll|protokollsutdrag|protokoll|minnesanteckningar"
    r"|mötesanteckningar|anteckningar|kallelse|föredragningslista|dagordning)"
    rf"{_WORD_END}\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_BODY_IN_PHRASE_RE: Final = re.compile(
    r"^(?:fört\s+)?(?:vid|från|för|till|med)\s+(?:sammanträde\s+(?:med|i)\s+)?"
    r"(?P<body>\S.*?)(?:s)?(?:(?<!\s)\s+(?:sammanträde|möte|rådsmöte)\b.*)?$",
    re.IGNORECASE,
)
_ATTENDANCE_HEADING_RE: Final = re.compile(
    r"^(?:(?P<absent>ej\s+närvarande(?:\s+(?:ledamöter|ersättare))?|anmält\s+förhinder"
    r"|anmält\s+frånvaro|frånvarande(?:\s+ledamöter)?|förhinder)"
    r"|(?P<guests>inbjudna\s+gäster|gäster|gäst|adjungerade|adjungerad|inbjudna|inbjuden)"
    r"|(?P<deputies>tjänstgörande\s+ersättare|tjg\.?\s+ersättare|närvarande\s+ersättare"
    r"|icke\s+tjänstgörande\s+ersättare|ej\s+tjänstgörande\s+ersättare|ersättare)"
    r"|(?P<others>övriga\s+närvarande|övriga\s+deltagare|övriga\s+deltagande"
    r"|närvarande\s+tjänstemän|tjänstemän|tjänstepersoner|deltagare|deltagande|övriga)"
    r"|(?P<members>närvarande\s+ledamöter|ordinarie\s+ledamöter|beslutande\s+ledamöter"
    r"|ledamöter|beslutande|närvarande))"
    rf"{_WORD_END}(?:\s*$|\s*[:\t]\s*(?P<rest>.*)$|\s+(?P<inline>{_CAPITAL}.*)$)",
    re.IGNORECASE,
)
_HEADER_KEY_RE: Final = re.compile(
    r"^(?P<key>sammanträdesdatum|mötesdatum|datum\s+och\s+tid|tid\s+och\s+plats"
    r"|plats\s+och\s+tid|datum|dag|tid|plats|lokal|mötesplats|mötesform|organ|nämnd|dnr"
    r"|diarienummer|diarienr|utses\s+att\s+justera|protokolljusterare|justerare"
    r"|justeringens\s+(?:plats\s+och\s+tid|tid\s+och\s+plats)|justeringsdatum|justering"
    r"|justerade\s+paragrafer|paragrafer|underskrifter)"
    rf"{_WORD_END}\.?\s*(?P<sep>[:\t])?\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_WHEN_KEYS: Final = frozenset(
    {"sammanträdesdatum", "mötesdatum", "datum", "dag", "datum och tid", "tid"}
    | {"plats och tid", "tid och plats"}
)
_ROLE_KEY_RE: Final = re.compile(
    r"^(?P<role>vice\s+ordförande|ordförande|ordf\.|sekreterare|justerande)"
    rf"{_WORD_END}\s*(?:[:\t]\s*)?(?P<value>.*)$",
    re.IGNORECASE,
)
_MUNICIPALITY_RE: Final = re.compile(rf"^{_CAPITAL}[\w -]*?(?<!\s)\s+kommun$", re.IGNORECASE)

_SECTION_FIRST_RE: Final = re.compile(r"^§\s*(?P<num>\d{1,4})(?![\d/])\s*[.:]?\s*(?P<rest>.*)$")
_SECTION_LAST_RE: Final = re.compile(r"^(?P<num>\d{1,4})\s*§(?!§)\s*[.:]?\s*(?P<rest>.*)$")
_DOT_ITEM_RE: Final = re.compile(r"^(?P<num>\d{1,3})\s*[.)]\s+(?P<rest>\S.*)$")
_NUMBER_RANGE_RE: Final = re.compile(r"^[-–]\s*\d")
_REFERENCE_RE: Final = re.compile(
    r"(?:^|\s)(?:dnr|diarienummer|diarienr)\.?\s*(?::\s*)?"
    r"(?P<ref>[A-ZÅÄÖ]{0,8}\s?\d{1,4}(?:[/.:-]\d+)+|\S+)",
    re.IGNORECASE,
)
_FIXED_TITLE_RE: Final = re.compile(
    r"^(?:(?:mötets|sammanträdets|rådets)\s+(?:öppnande|avslutning|avslutande)|öppnande"
    r"|välkommen(?:\s+och\s+\w+)?|val\s+av\s+(?:protokoll)?justerare|(?:godkännande|fastställande)"
    r"\s+av\s+(?:dagordning(?:en)?|föredragningslista(?:n)?)|dagordning(?:en)?"
    r"|föregående\s+(?:protokoll|minnesanteckningar|anteckningar|möte)|övriga\s+frågor"
    r"|nästa\s+(?:möte|sammanträde|träff)|avslutning|mötet\s+avslutas"
    r"|(?:information|rapport(?:er)?)\s+från\s+.+|lägesbild(?:\s+.+)?)$",
    re.IGNORECASE,
)
_SUBHEADING_RE: Final = re.compile(
    r"^(?:beslut|beslutsunderlag|sammanfattning|bakgrund|ärendet|ärendebeskrivning"
    r"|förslag\s+till\s+beslut|yrkanden?|propositionsordning|reservation(?:er)?"
    r"|protokollsanteckning(?:ar)?|expedieras|jäv|omröstning|dnr|diarienummer|föredragande)"
    rf"{_WORD_END}",
    re.IGNORECASE,
)
_SCHEDULE_TITLE_RE: Final = re.compile(
    r"\b(?:kommande|nästa|framtida|planerade)\s+(?:sammanträde|möte|träff|rådsmöte)"
    r"|\b(?:sammanträdes|mötes)(?:plan|tider|datum|dagar)|\bdatum\s+för\s+(?:kommande|nästa)",
    re.IGNORECASE,
)
_NEXT_MEETING_LINE_RE: Final = re.compile(
    r"^nästa\s+(?:möte|sammanträde|träff|rådsmöte)\b", re.IGNORECASE
)
_PRESENTER_RE: Final = re.compile(
    r"^(?:föredragande|föredras\s+av|presentatör)\s*(?::\s*)?(?P<who>\S.*)$", re.IGNORECASE
)


# --- Decisions -------------------------------------------------------------------------------

_DECISION_HEAD_RE: Final = re.compile(
    r"^(?:[\wåäöÅÄÖ-]+s\s+)?beslut(?:et)?(?:\s+i\s+ärendet)?"
    rf"{_WORD_END}(?:\s*$|\s*[:.–-]\s*(?P<rest>.*)$|\s+(?P<inline>(?:\d+[.)]\s|{_CAPITAL}).*)$)",
    re.IGNORECASE,
)
_BLOCK_STOP_RE: Final = re.compile(
    r"^(?:reservation(?:er)?|protokollsanteckning(?:ar)?|expedieras|yrkanden?"
    r"|propositionsordning|omröstning(?:sresultat)?|jäv|beslutsunderlag|sammanfattning"
    r"|ärendebeskrivning|bakgrund|(?:beslutet\s+(?:ska\s+)?)?skickas\s+till|särskilt\s+yttrande"
    r"|för\s+kännedom|föredragande|dnr|deltar\s+inte\s+i\s+beslutet|förslag\s+till\s+beslut)"
    rf"{_WORD_END}",
    re.IGNORECASE,
)
_LEAD_RE: Final = re.compile(
    r"^(?:.*[.!?]\s+(?!\s))?(?P<lead>[^.!?]*?\b(?:beslutar|beslöt|beslutade|har\s+beslutat)"
    r"(?:\s+enhälligt)?)"
    r"\s*(?::\s*)?(?P<rest>att\s.*)?$",
    re.IGNORECASE,
)
_NOT_A_DECISION_LEAD_RE: Final = re.compile(r"föreslå|förslag|yrka", re.IGNORECASE)
_ATT_RE: Final = re.compile(r"^(?:[-–•*]\s*)?(?:\d+[.)]\s*)?(?P<clause>att\s.+)$", re.IGNORECASE)
_NUMBERED_RE: Final = re.compile(r"^(?P<num>\d{1,2})[.)]\s+(?P<clause>\S.*)$")
_INLINE_NUMBER_RE: Final = re.compile(r"(?:^|(?<=\s))(?P<num>\d{1,2})[.)]\s+")
_INLINE_ATT_SPLIT_RE: Final = re.compile(r"[,;]\s*(?:samt\s+|och\s+)?(?=att\s)", re.IGNORECASE)


def _finish_sentence(text: str) -> str:
    # "att ta fram en plan, samt" -> "att ta fram en plan."
    text = re.sub(r"(?<![\s,;])[\s,;]+(?:samt|och)$", "", _clean_spaces(text)).rstrip(" ,;")
    if text and text[-1] not in ".!?":
        text += "."
    return text


def _split_inline_numbers(text: str) -> list[str]:
    """Split "1. Informationen noteras. 2. Ärendet avslutas." into its points."""
    starts: list[re.Match[str]] = []
    for match in _INLINE_NUMBER_RE.finditer(text):
        if int(match.group("num")) == len(starts) + 1:
            starts.append(match)
    if len(starts) < 2 or starts[0].start() != 0:
        return [text]
    ends = [match.start() for match in starts[1:]] + [len(text)]
    return [text[match.end() : end].strip() for match, end in zip(starts, ends, strict=True)]


@dataclass
class _Paragraph:
    start: int  # index of its first line
    end: int  # index after its last line
    text: str
    line: int


def _paragraphs(lines: Sequence[_Line], start: int = 0) -> Iterator[_Paragraph]:
    """Group lines into paragraphs; an att-clause or numbered point starts a new one.

    A generator, so a reader that stops early does not pay for the rest of the item.
    """
    current: _Paragraph | None = None
    current_is_point = False
    for index in range(start, len(lines)):
        text = lines[index].text
        if not text:
            if current is not None:
                yield current
            current = None
            continue
        point = bool(_ATT_RE.match(text) or _NUMBERED_RE.match(text))
        # An att-clause ends with its sentence; a capitalised line after it is new text.
        after_point = (
            current is not None
            and current_is_point
            and current.text.endswith((".", "!", "?"))
            and text[:1].isupper()
        )
        if current is None or point or after_point or _LEAD_RE.match(text):
            current_is_point = point
            if current is not None:
                yield current
            current = _Paragraph(index, index + 1, text, lines[index].no)
        else:
            current.text = f"{current.text} {text}"
            current.end = index + 1
    if current is not None:
        yield current


def _decisions_in_block(
    lines: Sequence[_Line], start: int, *, headed: bool
) -> tuple[list[Decision], int]:
    """Read decisions from lines[start:], after a "Beslut" heading or at a "X beslutar" lead.

    Return the decisions and the index after the last line they used: the block ends at a
    heading such as "Reservation", or at the first ordinary paragraph after a decision.
    """
    decisions: list[Decision] = []
    lead: str | None = None
    end = start
    for paragraph in _paragraphs(lines, start):
        if _BLOCK_STOP_RE.match(paragraph.text) or _DECISION_HEAD_RE.match(paragraph.text):
            break
        found = _decisions_in_paragraph(paragraph, lead, first=headed and not decisions)
        if found is None:
            break
        new_lead, new_decisions = found
        lead = new_lead if new_lead is not None else lead
        decisions.extend(new_decisions)
        end = paragraph.end
    return decisions, end


def _decisions_in_paragraph(
    paragraph: _Paragraph, lead: str | None, *, first: bool
) -> tuple[str | None, list[Decision]] | None:
    """Return (lead, decisions) for one paragraph, or None if it is no decision.

    "Rådet beslutar" is a lead; each following "att ..." is one decision, written with the
    lead in front: "Rådet beslutar att notera informationen."
    """
    text = _clean_spaces(paragraph.text)
    lead_match = _LEAD_RE.match(text)
    if lead_match and not _NOT_A_DECISION_LEAD_RE.search(lead_match.group("lead")):
        new_lead = lead_match.group("lead")
        rest = lead_match.group("rest")
        if rest is None:
            return new_lead, []
        return new_lead, [
            Decision(_finish_sentence(f"{new_lead} {clause}"), paragraph.line)
            for clause in _INLINE_ATT_SPLIT_RE.split(rest)
        ]
    att = _ATT_RE.match(text)
    if att:
        clause = att.group("clause")
        clause = clause if lead is None else f"{lead} {clause[0].lower()}{clause[1:]}"
        return None, [Decision(_finish_sentence(clause), paragraph.line)]
    numbered = _NUMBERED_RE.match(text)
    if numbered and (first or lead is not None or numbered.group("num") != "1"):
        points = _split_inline_numbers(text)
        points = points if len(points) > 1 else [numbered.group("clause")]
        return None, [Decision(_finish_sentence(point), paragraph.line) for point in points]
    if first:
        # The first paragraph under "Beslut" is a decision whatever its form.
        points = _split_inline_numbers(text)
        return None, [Decision(_finish_sentence(point), paragraph.line) for point in points]
    return None


def _decision_head(line: _Line) -> re.Match[str] | None:
    return _DECISION_HEAD_RE.match(line.text) if line.text[:1].isupper() else None


def _extract_decisions(
    lines: Sequence[_Line],
) -> tuple[list[Decision], set[int], list[int]]:
    """Return an item's decisions, the indices of the lines they used, and the line numbers
    of decision headings with nothing under them."""
    decisions: list[Decision] = []
    used: set[int] = set()
    empty_headings: list[int] = []
    heads = [index for index, line in enumerate(lines) if _decision_head(line)]
    if not heads:
        return (*_free_decisions(lines), empty_headings)
    for position, index in enumerate(heads):
        head = _decision_head(lines[index])
        if head is None:
            continue
        block_end = heads[position + 1] if position + 1 < len(heads) else len(lines)
        inline = head.group("rest") or head.group("inline")
        # "Beslut: Dagordningen godkänns." carries its first decision on the heading line.
        first = [_Line(lines[index].no, inline, inline)] if inline else []
        block = first + list(lines[index + 1 : block_end])
        found, end = _decisions_in_block(block, 0, headed=True)
        used.update(range(index, index + 1 + end - len(first)))
        if not found:
            empty_headings.append(lines[index].no)
        decisions.extend(found)
    return decisions, used, empty_headings


def _free_decisions(lines: Sequence[_Line]) -> tuple[list[Decision], set[int]]:
    """Find "X beslutar att ..." paragraphs in an item that has no "Beslut" heading."""
    decisions: list[Decision] = []
    used: set[int] = set()
    resume = 0
    for paragraph in _paragraphs(lines):
        if paragraph.start < resume:
            continue
        lead = _LEAD_RE.match(_clean_spaces(paragraph.text))
        if not lead or _NOT_A_DECISION_LEAD_RE.search(lead.group("lead")):
            continue
        found, resume = _decisions_in_block(lines, paragraph.start, headed=False)
        decisions.extend(found)
        used.update(range(paragraph.start, resume))
    return decisions, used


# --- Attendance rows -------------------------------------------------------------------------

_CHAIR_RE: Final = re.compile(r"(?:mötes)?ordf(?:\.|örande)?", re.IGNORECASE)
_SECRETARY_RE: Final = re.compile(
    r"(?:mötes|nämnd|råds)?sekreterare|sekr\.?|protokollförare|sekreterare\s+i\s+rådet",
    re.IGNORECASE,
)
_COORDINATOR_RE: Final = re.compile(
    r"(?:br[åa][- ]?|brottsförebyggande\s+|trygghets-?\s?)?samordnare"
    r"(?:\s+för\s+(?:det\s+)?(?:brottsförebyggande|trygghetsskapande)(?:\s+arbetet)?)?",
    re.IGNORECASE,
)
_DEPUTY_RE: Final = re.compile(
    r"(?:tjg\.?|tjänstgörande)\s+ers(?:\.|ättare)|ersättare|ers\.|tjg\.?", re.IGNORECASE
)
_OTHER_ROLE_RE: Final = re.compile(
    r"(?:förste\s+|andre\s+)?vice\s+ordf(?:\.|örande)|v\.\s*ordf\.?", re.IGNORECASE
)
_PARTY_CODES: Final = frozenset(
    {"S", "M", "C", "L", "KD", "V", "MP", "SD", "FP", "FI", "PP", "NYD", "SPI", "KP", "SKP"}
)
_NOT_PARTIES: Final = frozenset({"BRÅ", "BRA", "AU", "KS", "KF", "AB"})
_SERVING_RE: Final = re.compile(
    r"\b(?:tjg\.?|tjänstgör(?:ande)?|tjänstgjorde|ersätter|ers\.)\s+för\s+(?!\s)"
    r"(?P<who>[^,;()\t]*?[^,;()\t\s])(?:\s*\([^)]*\))?(?=\s*(?:$|[,;)\t]))",
    re.IGNORECASE,
)
_PARTIAL_RE: Final = re.compile(
    r"(?P<dir>t\.?\s?o\.?\s?m\.?|tom|till\s+och\s+med|fr\.?\s?o\.?\s?m\.?|from|från\s+och\s+med)"
    r"\s*(?:(?:§|punkt|p\.|paragraf|ärende)\s*(?P<item>\d{1,4})"
    r"|kl\.?\s*(?P<time>(?:[01]?\d|2[0-3])(?:[.:][0-5]\d)?))"
    r"|§§?\s*(?P<first>\d{1,4})\s*[-–]\s*(?P<last>\d{1,4})",
    re.IGNORECASE,
)
_TITLE_SUFFIXES: Final = (
    "chef", "samordnare", "sekreterare", "ordförande", "polis", "handläggare", "strateg",
    "utvecklare", "direktör", "rektor", "kommunalråd", "ledamot", "ersättare", "assistent",
    "inspektör", "koordinator", "tekniker", "ansvarig", "representant", "controller",
    "analytiker", "pedagog", "kurator", "vaktmästare", "värd", "sköterska", "läkare",
    "ingenjör", "konsult", "ledare", "medarbetare", "tjänsteman", "ombud", "expert",
    "sakkunnig", "utredare", "planerare", "förvaltare", "föreståndare", "präst",
    "kyrkoherde", "jurist", "registrator", "kommissarie", "befäl", "sekr.", "ordf.",
)  # fmt: skip


@dataclass
class _Section:
    kind: Literal["present", "guests", "absent"]
    label: str
    default_role: Role


_NEXT_CAPITAL_RE: Final = re.compile(rf"(?<!\s)\s+[{_UP}]")


def _split_row_parts(text: str) -> list[str]:
    """Split a row at commas, semicolons and ") Name", keeping parentheses whole."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        depth = max(depth, 0)
        if depth == 0 and char in ",;":
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
        # "Anna Ek (S) Bo Ek (M)": a run whose commas were lost when a PDF was flattened.
        if char == ")" and depth == 0 and _NEXT_CAPITAL_RE.match(text, index + 1):
            parts.append("".join(current))
            current = []
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip(" .")]


def _split_and_names(part: str) -> list[str]:
    """Split "Susanne Nilzon och Maarit Verga" in two, but not "kultur- och fritid"."""
    pieces = re.split(r"(?<!\s)\s+(?:och|samt|&)\s+", part)
    if len(pieces) > 1 and all(_is_name(re.sub(r"\([^()]*\)", "", p).strip(" .")) for p in pieces):
        return pieces
    return [part]


def _parse_row(
    text: str, section: _Section, line_no: int, *, strict: bool, run_on: bool = False
) -> list[Attendee]:
    """Read the people in one attendance row; strict asks for full names only.

    run_on (text that lost its line breaks) also splits "sekreterare Ivar Nord" in two.
    """
    text = text.strip(" .")
    if "\t" in text:
        cells = [cell.strip() for cell in text.split("\t") if cell.strip()]
        if len(cells) >= 2 and _role_words(cells[0]) and _is_nameish(cells[1]):
            cells = [cells[1], cells[0], *cells[2:]]  # "Ordförande<TAB>Roger Eklund"
        person = _person(cells[0], cells[1:], section, line_no, strict=strict)
        return [person] if person else []
    role_first = re.match(
        r"^(?P<role>ordförande|ordf\.|sekreterare|samordnare|ersättare)\s*[:–-]\s*(?P<rest>.+)$",
        text,
        re.IGNORECASE,
    )
    if role_first:
        text = f"{role_first.group('rest')}, {role_first.group('role')}"
    groups: list[tuple[str, list[str]]] = []
    for part in _split_row_parts(text):
        for piece in _split_and_names(part) if not run_on else _split_run_on(part):
            bare = _strip_punct(re.sub(r"\([^()]*\)", "", piece))
            if not groups or _is_name(bare):
                groups.append((piece, []))
            else:
                groups[-1][1].append(piece)
    people: list[Attendee] = []
    for index, (name_part, extras) in enumerate(groups):
        name_part, dashed = _split_dash(name_part)
        person = _person(name_part, dashed + extras, section, line_no, strict=strict or index > 0)
        if person:
            people.append(person)
    return people


def _split_run_on(part: str) -> list[str]:
    """Split "sekreterare Ivar Nord" (a lost line break) into "sekreterare" and the name."""
    pieces = _split_and_names(part)
    if len(pieces) > 1 or _is_name(_strip_punct(re.sub(r"\([^()]*\)", "", part))):
        return pieces
    name = _trailing_name(re.sub(r"\([^()]*\)", "", part))
    prefix = part[: part.rfind(name)].strip() if name else ""
    if name and prefix and prefix.islower():
        return [prefix, part[len(prefix) :].strip()]
    return pieces


def _split_dash(text: str) -> tuple[str, list[str]]:
    """Split "Anna Ek – kommunpolis" into the name and the rest."""
    match = re.search(r"\s[–-]\s", text)
    if match and text[match.end() :].strip():
        return text[: match.start()], [text[match.end() :].strip()]
    return text, []


def _role_words(text: str) -> bool:
    cleaned = text.strip(" ()")
    return any(
        pattern.fullmatch(cleaned)
        for pattern in (_CHAIR_RE, _SECRETARY_RE, _COORDINATOR_RE, _DEPUTY_RE, _OTHER_ROLE_RE)
    )


def _person(
    name_part: str, extras: list[str], section: _Section, line_no: int, *, strict: bool
) -> Attendee | None:
    person = Attendee(name="", section=section.label, line=line_no)
    labels: list[str] = []
    kept: list[str] = []
    name_part = _read_partial(_read_serving(name_part, person), person)
    for paren in re.findall(r"\(([^()]*)\)", name_part):
        _read_annotation(paren.strip(), person, labels, kept, keep_role=False)
    name = _clean_spaces(_strip_punct(re.sub(r"\([^()]*\)", " ", name_part)))
    name, trailing = _name_and_trailing_words(name)
    if not name or not (_is_name(name) if strict else _is_nameish(name)):
        return None
    extras = [trailing, *extras] if trailing else extras
    person.name = name
    for extra in extras:
        _read_annotation(extra.strip(" ."), person, labels, kept, keep_role=True)
    person.affiliation = ", ".join(kept) or None
    person.role = _role_for(labels, person, section)
    person.role_label = labels[0] if labels else None
    if person.affiliation:
        person.title, person.organisation = _split_affiliation(person.affiliation)
    return person


def _name_and_trailing_words(text: str) -> tuple[str, str]:
    """Split "Roger Eklund kommunstyrelsen" into the name and what follows it."""
    tokens = text.split()
    for index, token in enumerate(tokens):
        if index >= 1 and (not _NAME_TOKEN_RE.fullmatch(token) or _is_org_word(token)):
            if token in _PARTICLES and index + 1 < len(tokens):
                continue
            # "Peter Landin Köpings Bostads AB": genitives before "AB" belong to the company.
            while index > 2 and tokens[index - 1].endswith("s") and _is_org_word(token):
                index -= 1
            return " ".join(tokens[:index]), " ".join(tokens[index:])
    return text, ""


def _read_annotation(
    text: str, person: Attendee, labels: list[str], kept: list[str], *, keep_role: bool
) -> None:
    """Sort one parenthesis or comma part into party, role, stand-in, partial or affiliation."""
    text = _read_serving(text, person)
    text = _read_partial(text, person)
    text = text.strip(" ,;()").strip()
    if not text:
        return
    if text.upper() in _PARTY_CODES or (
        re.fullmatch(f"[{_UP}]{{1,3}}", text) and text not in _NOT_PARTIES
    ):
        person.party = person.party or text
        return
    if _role_words(text):
        labels.append(text)
        # A role in a parenthesis ("(ordf.)") is not part of the affiliation; a role written
        # as a column or after a comma ("sekreterare") is, as written.
        if keep_role:
            kept.append(text)
        return
    kept.append(text)


def _read_serving(text: str, person: Attendee) -> str:
    match = _SERVING_RE.search(text)
    if not match:
        return text
    person.serving_for = _clean_spaces(_strip_punct(match.group("who")))
    return text[: match.start()] + text[match.end() :]


def _read_partial(text: str, person: Attendee) -> str:
    match = _PARTIAL_RE.search(text)
    if not match:
        return text
    person.partial_note = _clean_spaces(match.group(0))
    if match.group("first"):
        person.from_item, person.to_item = int(match.group("first")), int(match.group("last"))
    else:
        forward = match.group("dir").lower().replace(" ", "").startswith(("fr", "from"))
        item = int(match.group("item")) if match.group("item") else None
        time = format_time(match.group("time")) if match.group("time") else None
        if forward:
            person.from_item, person.from_time = item, time
        else:
            person.to_item, person.to_time = item, time
    return text[: match.start()] + text[match.end() :]


def _role_for(labels: list[str], person: Attendee, section: _Section) -> Role:
    def said(pattern: re.Pattern[str]) -> bool:
        return any(pattern.fullmatch(label) for label in labels)

    if said(_CHAIR_RE):
        return "chair"
    if said(_SECRETARY_RE):
        return "secretary"
    if said(_COORDINATOR_RE):
        return "coordinator"
    if person.serving_for or said(_DEPUTY_RE) or section.default_role == "deputy":
        return "deputy"
    return "member"


def _looks_like_title(text: str) -> bool:
    last = text.lower().split()[-1].split("-")[-1] if text.split() else ""
    if last.endswith(_ORG_WORD_ENDINGS) or last in _ORG_WORDS:
        return False
    if last.endswith(_TITLE_SUFFIXES):
        return True
    # An unknown single lower-case word ("kommunpolis", "fältassistent") is more often a title.
    return " " not in text and text[:1].islower()


def _split_affiliation(affiliation: str) -> tuple[str | None, str | None]:
    """Split "säkerhetschef, Köpings kommun" into title and organisation, best effort.

    Role words ("ordförande") count as titles, never as the organisation.
    """
    first, *rest = (part.strip() for part in affiliation.split(","))
    if _looks_like_title(first) or _role_words(first):
        others = [part for part in rest if part and not _role_words(part)]
        return first, ", ".join(others) or None
    return None, affiliation


# --- Adjusters -------------------------------------------------------------------------------

_ADJUSTER_RES: Final = (
    re.compile(
        r"(?<![^.])(?P<names>[^.]+?)(?<!\s)\s+(?:utses|utsågs|väljs|valdes|väljes)\s+(?:till\s+(?:att\s+)?|att\s+)"
        r"(?:jämte\s+ordföranden\s+)?(?:protokoll)?juster",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:protokoll)?justerare\s+(?:utses|utsågs|väljs|valdes|väljes)\s*:?\s*(?P<names>[^.]+)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\bjustera\s+(?:dagens\s+)?(?:protokollet\s+|protokoll\s+)?"
        r"(?:utses|utsågs|valdes|väljs)\s*:?\s*(?P<names>[^.]+)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:utse|utsåg|valdes|utsågs|välja)\s+(?!\s)(?P<names>[^.]+?)(?<!\s)\s+(?:till|att)\s+"
        r"(?:jämte\s+ordföranden\s+)?(?:protokoll)?juster",
        re.IGNORECASE,
    ),
)


def _adjusters_in(text: str) -> list[str]:
    """Read "Andreas Trygg utses till protokolljusterare." and its common variants."""
    if "juster" not in text.lower():
        return []
    for pattern in _ADJUSTER_RES:
        match = pattern.search(text)
        if match:
            names = _names_in(match.group("names"))
            if names:
                return names
    return []


# --- Signatures ------------------------------------------------------------------------------

_SIGN_ROLE_RE: Final = re.compile(
    r"^(?P<role>(?:vice\s+)?ordförande|ordf\.?|(?:mötes)?sekreterare|sekr\.?|justerare"
    r"|justerande|protokolljusterare|protokollförare|justeringsperson)\s*[:.]?$",
    re.IGNORECASE,
)
_SIGN_MARKER_RE: Final = re.compile(
    r"^(?P<marker>vid\s+(?:protokollet|anteckningarna|pennan)|antecknat\s+av|justeras|justerat"
    r"|justerade|underskrifter|underskrift"
    rf"|signaturer){_WORD_END}\s*[:.]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_SIGN_INLINE_RE: Final = re.compile(
    r"^(?P<role>(?:vice\s+)?ordförande|ordf\.|sekreterare|justerare|justerande)\s*[:\t]?\s*"
    r"(?P<name>.+)$",
    re.IGNORECASE,
)
_SIGN_PAIR_RE: Final = re.compile(
    rf"(?<![\w'’.-])(?P<name>[{_UP}][\w'’.-]*(?:\s+[{_UP}][\w'’.-]*){{1,3}})\s*(?:,\s*)?"
    r"\(?(?P<role>(?:vice\s+)?ordförande|ordf\.|sekreterare|justerare|justerande)?\)?"
)
_PLACE_DATE_RE: Final = re.compile(
    rf"^[{_UP}][\w-]+(?:\s+den)?\s+(?!\s).*\d"
)  # "Köping 2018-05-24"
_DOTS_RE: Final = re.compile(r"[._…]{3,}")
_SIGN_ROLE_NAMES: Final = {
    "ordf": "ordförande",
    "ordf.": "ordförande",
    "sekr": "sekreterare",
    "sekr.": "sekreterare",
}
# Markers naming the writer of the minutes; other markers ("Justeras") name adjusters.
_MARKER_ROLES: Final = dict.fromkeys(
    ("vid protokollet", "vid anteckningarna", "vid pennan", "antecknat av"), "sekreterare"
)


def _sign_role(text: str) -> str:
    """Return the role word of a signature in lower case: "Ordf." -> "ordförande"."""
    role = _clean_spaces(text.strip(" :").lower())
    return _SIGN_ROLE_NAMES.get(role, role.rstrip("."))


def _sign_text(line: _Line) -> str:
    return _clean_spaces(_DOTS_RE.sub(" ", line.text.replace("\t", " ")))


def _signature_pairs(text: str) -> list[tuple[str, str | None]]:
    """Read "Anna Ek, ordförande Bo Lind, justerare" or "Kajsa Landström" as (name, role)."""
    pairs: list[tuple[str, str | None]] = []
    for match in _SIGN_PAIR_RE.finditer(text):
        if _is_name(match.group("name")):
            role = match.group("role")
            pairs.append((match.group("name"), _sign_role(role) if role else None))
    return pairs


def _is_signature_run(text: str) -> bool:
    """Say whether a line is only names with roles: "Anna Ek, ordförande Bo Lind, justerare"."""
    pairs = _signature_pairs(text)
    leftover = _SIGN_PAIR_RE.sub(" ", text).strip(" ,.;:()")
    return bool(pairs) and not leftover and all(role for _, role in pairs)


@dataclass
class _SigningState:
    pending_role: str | None = None  # from "Vid protokollet" or a role line above a name
    default_role: str | None = None  # from "Justeras": names without a role are adjusters

    def take_role(self) -> str | None:
        role, self.pending_role = self.pending_role or self.default_role, None
        return role


# --- Text and attachments --------------------------------------------------------------------


def _join_lines(lines: Iterator[_Line] | Sequence[_Line]) -> str:
    """Join lines as text: one line per line, at most one blank line between paragraphs."""
    out: list[str] = []
    for line in lines:
        text = line.raw.strip(" ") if line.text else ""
        if "\t" not in text.strip("\t"):
            text = text.strip("\t")  # a stray tab; a table row keeps its empty first cell
        if not text and (not out or not out[-1]):
            continue
        out.append(text)
    return "\n".join(out).strip()


def _title_continued(lines: Sequence[_Line], title: str, next_index: int) -> tuple[str, int]:
    """Join a long title that PDF text wrapped onto the next line ("… samt / genomförandeplan")."""
    if len(title) < 40 or next_index >= len(lines):
        return title, next_index
    following = lines[next_index].text
    wrapped = (
        following[:1].islower()
        and len(following) <= 80
        and not following.endswith((".", ":"))
        and not _ATT_RE.match(following)
    )
    return (f"{title} {following}", next_index + 1) if wrapped else (title, next_index)


def _schedule_columns(cells: Sequence[str]) -> list[str]:
    """Return column headings if every cell is a body name: "Arbetsutskottet", "Rådet"."""
    names = [_strip_punct(cell) for cell in cells]
    filled = [name for name in names if name]
    if len(filled) < 2 or not all(_BODY_WORD_RE.search(name) for name in filled):
        return []
    return names


def _is_enclosure_line(text: str) -> bool:
    return bool(re.match(r"(?i)^bilaga\s+\d+\b", text)) and len(text) <= 80


def _trim(lines: list[_Line]) -> list[_Line]:
    while lines and not lines[-1].text:
        lines.pop()
    return lines


def _attachment_title(chunk: Sequence[_Line]) -> tuple[str, int]:
    """Return an attachment's title and how many lines it took.

    "Samverkansöverenskommelse 2 / BILAGA 1 / GENOMFÖRANDEPLAN" becomes
    "Samverkansöverenskommelse 2 – Bilaga 1 Genomförandeplan".
    """
    texts = [(index, line.text) for index, line in enumerate(chunk) if line.text][:3]
    title = _tidy_caps(texts[0][1])
    used = texts[0][0] + 1
    enclosure = re.fullmatch(r"(?i)bilaga\s+\d+", texts[0][1]) is not None
    rest = texts[1:]
    if not enclosure and rest and re.fullmatch(r"(?i)bilaga\s+\d+\s*:?", rest[0][1]):
        title = f"{title} – {_tidy_caps(rest[0][1].rstrip(':'))}"
        used = rest[0][0] + 1
        rest = rest[1:]
        enclosure = True
    if enclosure and rest and len(rest[0][1]) <= 60 and rest[0][1][-1:] not in ".,;":
        title = f"{title} {_tidy_caps(rest[0][1])}"
        used = rest[0][0] + 1
    return title, used


# --- Parser ----------------------------------------------------------------------------------

_FLAT_MIN_LENGTH: Final = 300
_FLAT_SECTION_RE: Final = re.compile(
    r"(?:(?<=\s)|^)(?:§\s?(?P<a>\d{1,4})|(?P<b>\d{1,4})\s?§)(?=\s)"
)
_FLAT_DOT_RE: Final = re.compile(rf"(?:(?<=\s)|^)(?P<n>\d{{1,2}})\.\s+(?=[{_UP}])")
_FLAT_HEADER_WORDS_RE: Final = re.compile(
    r"(?<=\s)(?:SAMMANTRÄDESPROTOKOLL|Sammanträdesprotokoll|PROTOKOLL|Protokoll"
    r"|Minnesanteckningar|KALLELSE|Kallelse|Sammanträdesdatum|Plats och tid|Tid och plats"
    r"|Datum|Plats|Tid|Lokal|Närvarande|Ledamöter|Beslutande|Tjänstgörande ersättare"
    r"|Ersättare|Övriga närvarande|Övriga deltagare|Gäster|Adjungerade|Ej närvarande"
    r"|Anmält förhinder|Frånvarande|Utses att justera|Justeringens plats och tid"
    r"|Underskrifter|ANSLAG/BEVIS)(?=[\s:]|$)"
)
_FLAT_ITEM_WORDS_RE: Final = re.compile(
    rf"(?<=\s)(?:Beslut(?=\s*:|\s+[{_UP}\d])|Reservation|Protokollsanteckning|Beslutsunderlag"
    r"|Vid protokollet|Justeras|Underskrifter|ANSLAG/BEVIS)(?=[\s:]|$)"
)
_FLAT_OWN_LINE: Final = frozenset({"Beslut", "Reservation", "Protokollsanteckning"})


@dataclass
class _Heading:
    index: int  # index of the heading line
    body_start: int  # index of the first line of the item's text
    number: int
    title: str
    reference: str | None = None


class _MinutesParser:
    """One parse of one document; `parse()` fills and returns `self.result`."""

    def __init__(self, text: str) -> None:
        self.result = ParsedMinutes()
        self._header_texts: set[str] = set()  # header lines that page headers repeat
        self._page_remainders: set[str] = set()
        self._fallback_body: str | None = None  # from the ANSLAG box's "Organ"
        self._fallback_date: str | None = None
        self.lines = self._drop_furniture(self._split_lines(text))

    def parse(self) -> ParsedMinutes:
        result = self.result
        headings = self._numbered_headings(self.lines)
        if headings:
            header_end = headings[0].index
            self._parse_header(self.lines[:header_end], stop_at_items=False)
        else:
            header_end = self._parse_header(self.lines, stop_at_items=True)
        rest = self._drop_repeated_header(self.lines[header_end:])
        headings = self._numbered_headings(rest) if headings else []
        if headings:
            body_end = self._signature_start(rest, headings[-1].body_start)
        else:
            result.numbered = False
            headings, body_end = self._unnumbered_headings(rest)
        self._build_items(rest, headings, body_end)
        after = self._parse_signatures(rest, body_end)
        self._parse_attachments(rest[after:])
        self._fill_from_fallbacks()
        self._reject_if_not_minutes()
        self._finish()
        return result

    # --- Lines ---

    def _drop_repeated_header(self, lines: Sequence[_Line]) -> list[_Line]:
        """Drop the body, date and title lines that page headers repeat on every page."""
        kept: list[_Line] = []
        for line in lines:
            if line.text and line.text in self._header_texts:
                self._dropped(line)
            else:
                kept.append(line)
        return kept

    def _split_lines(self, text: str) -> list[_Line]:
        lines: list[_Line] = []
        for number, raw in enumerate(normalise_text(text).split("\n"), start=1):
            raw = _HTML_TAG_RE.sub("", raw)
            # PDF text lays table columns out with runs of spaces; make them tab columns.
            raw = re.sub(r" {3,}", "\t", raw).replace("  ", " ").rstrip().lstrip(" ")
            stripped = raw.strip()
            if len(stripped) >= _FLAT_MIN_LENGTH and self._looks_flattened(stripped):
                lines.extend(
                    _Line(number, piece, piece) for piece in self._unflatten(stripped, number)
                )
            else:
                lines.append(_Line(number, stripped, raw if stripped else ""))
        return lines

    @staticmethod
    def _item_markers(text: str) -> list[tuple[int, int]]:
        """Return (position, number) of item numbers in run-on text, as an ascending run."""
        markers: list[tuple[int, int]] = []
        for match in _FLAT_SECTION_RE.finditer(text):
            number = int(match.group("a") or match.group("b"))
            if not markers or number > markers[-1][1]:
                markers.append((match.start(), number))
        if len(markers) >= 2:
            return markers
        markers = []
        for match in _FLAT_DOT_RE.finditer(text):
            number = int(match.group("n"))
            if (not markers and number <= 2) or (markers and number == markers[-1][1] + 1):
                markers.append((match.start(), number))
        return markers if len(markers) >= 3 else []

    def _looks_flattened(self, text: str) -> bool:
        return len(self._item_markers(text)) >= 2

    def _unflatten(self, text: str, line_no: int) -> list[str]:
        """Split a whole protocol flattened into one line at item numbers and headings."""
        self.result.flattened = True
        self._warn(line_no, "flattened_text")
        text = _FURNITURE_PHRASE_RE.sub(" ", _PAGE_MARKER_RE.sub(" ", text))
        markers = self._item_markers(text)
        first_item = markers[0][0]
        cuts = {position for position, _ in markers}
        in_anslag = False
        for match in _FLAT_HEADER_WORDS_RE.finditer(text, 0, first_item):
            # Inside an ANSLAG/BEVIS box the keys are its own, not the meeting's headings.
            if not in_anslag:
                cuts.add(match.start())
            in_anslag = in_anslag or match.group(0) == "ANSLAG/BEVIS"
        for match in _FLAT_ITEM_WORDS_RE.finditer(text, first_item):
            cuts.add(match.start())
            if match.group(0) in _FLAT_OWN_LINE:
                cuts.add(match.end())
        bounds = sorted(cuts | {0, len(text)})
        pieces: list[str] = []
        for start, end in zip(bounds, bounds[1:], strict=False):
            piece = text[start:end].strip()
            if start in {position for position, _ in markers}:
                pieces.extend(self._split_flat_item(piece, line_no))
            elif piece:
                pieces.append(piece)
        return pieces

    def _split_flat_item(self, piece: str, line_no: int) -> list[str]:
        """Split "§ 1 Mötets öppnande Ordföranden hälsar ..." into heading and text."""
        marker = re.match(r"^(?:§\s?\d{1,4}|\d{1,4}\s?§|\d{1,2}\.)\s*", piece)
        if marker is None:
            return [piece]
        head, words = marker.group(0).strip(), piece[marker.end() :].split()
        cut = next(
            (
                index
                for index, word in enumerate(words[:12])
                if index > 0
                and ((word[:1].isupper() and not word.isupper()) or word.lower() == "dnr")
                and not words[index - 1].endswith((":", "–", "-"))
            ),
            None,
        )
        if cut is None:
            cut = min(len(words), 12)
            if cut == len(words):
                return [f"{head} {' '.join(words)}".strip()]
        title, rest = " ".join(words[:cut]), " ".join(words[cut:])
        number = re.sub(r"\D", "", head)
        self._warn(line_no, "guessed_title", number=number, title=title)
        return [f"{head} {title}", rest] if rest else [f"{head} {title}"]

    def _drop_furniture(self, lines: list[_Line]) -> list[_Line]:
        kept: list[_Line] = []
        index = 0
        while index < len(lines):
            line = lines[index]
            if line.text and _ANSLAG_START_RE.match(line.text):
                index = self._skip_anslag(lines, index)
                continue
            text, had_marker = _strip_page_marker(line.text)
            repeated_page_header = had_marker and (not text or text in self._page_remainders)
            if repeated_page_header or (line.text and _is_furniture_only(line.text)):
                self._dropped(line)
            elif had_marker:
                self._page_remainders.add(text)
                kept.append(_Line(line.no, text, text))
            else:
                kept.append(line)
            index += 1
        return kept

    def _dropped(self, line: _Line) -> None:
        self.result.dropped_lines.append(line.no)

    def _skip_anslag(self, lines: list[_Line], start: int) -> int:
        """Skip an ANSLAG/BEVIS box: its start line, its keys and their values."""
        self._dropped(lines[start])
        index = start + 1
        expect_value = False
        while index < len(lines):
            line = lines[index]
            if not line.text:
                index += 1
                continue
            key = _ANSLAG_KEY_RE.match(line.text)
            if key:
                value = key.group("value").strip()
                self._remember_anslag(key.group("key").lower(), value)
                expect_value = not value
            elif expect_value and len(line.text) <= 80 and not self._is_item_line(line.text):
                expect_value = False
            else:
                break
            self._dropped(line)
            index += 1
        return index

    def _remember_anslag(self, key: str, value: str) -> None:
        if key == "organ" and value:
            self._fallback_body = _strip_punct(value)
        elif key == "sammanträdesdatum" and value:
            found = find_date(value)
            self._fallback_date = found[0].isoformat() if found else None

    @staticmethod
    def _is_item_line(text: str) -> bool:
        return bool(
            _SECTION_FIRST_RE.match(text)
            or _SECTION_LAST_RE.match(text)
            or _DOT_ITEM_RE.match(text)
        )

    def _warn(self, line: int | None, code: str, **params: object) -> None:
        self.result.warnings.append(
            ParseWarning(
                line,
                code,
                WARNING_MESSAGES[code],
                {key: str(value) for key, value in params.items()},
            )
        )

    # --- Item headings ---

    def _numbered_headings(self, lines: Sequence[_Line]) -> list[_Heading]:
        """Find numbered item headings: the longest ascending run of "§ N", else of "N."."""
        section_style: list[_Heading] = []
        dot_style: list[_Heading] = []
        for index, line in enumerate(lines):
            text = line.text
            match = _SECTION_FIRST_RE.match(text) or _SECTION_LAST_RE.match(text)
            if match and not _NUMBER_RANGE_RE.match(match.group("rest")):
                heading = self._heading(lines, index, match, dots=False)
                if heading:
                    section_style.append(heading)
                continue
            match = _DOT_ITEM_RE.match(text)
            if match:
                heading = self._heading(lines, index, match, dots=True)
                if heading:
                    dot_style.append(heading)
        run = self._ascending_run(section_style, step_of_one=False)
        if run:
            return run
        run = self._ascending_run(dot_style, step_of_one=True)
        return run if len(run) >= 2 else []

    @staticmethod
    def _heading(
        lines: Sequence[_Line], index: int, match: re.Match[str], *, dots: bool
    ) -> _Heading | None:
        rest = match.group("rest").strip()
        reference = None
        ref = _REFERENCE_RE.search(rest)
        if ref:
            reference = ref.group("ref")
            rest = rest[: ref.start()].strip()
        rest = _strip_punct(rest)
        body_start = index + 1
        if not rest and not dots:
            # "§ 23" alone: the title is the next line.
            following = next(
                (i for i in range(index + 1, min(index + 4, len(lines))) if lines[i].text), None
            )
            if following is None or len(lines[following].text) > 150:
                return None
            rest, body_start = lines[following].text, following + 1
            ref = _REFERENCE_RE.search(rest)
            if ref and ref.start() > 0:
                reference, rest = ref.group("ref"), rest[: ref.start()].strip()
        rest, body_start = _title_continued(lines, rest, body_start)
        planned_time = re.match(r"kl\.?\s*\d", rest)  # a notice's "4. kl. 14.00 Title"
        if not rest or len(rest) > 150 or (rest[:1].islower() and not planned_time):
            return None
        if dots and (
            (
                match.group("rest").rstrip().endswith(".")
                and not rest.endswith(("m.m", "m.fl", "etc"))
            )
            or re.match(r"(?i)att\s", rest)
        ):
            return None  # "1. Informationen noteras." or "1. Att ..." is a list, not an item
        return _Heading(index, body_start, int(match.group("num")), rest, reference)

    @staticmethod
    def _ascending_run(candidates: list[_Heading], *, step_of_one: bool) -> list[_Heading]:
        """Return the longest run of headings whose numbers ascend (by one for "N." style)."""
        if not candidates:
            return []
        if not step_of_one:
            # "§ 23" may start anywhere (numbering runs through the year); lower numbers
            # after it are references such as "§ 5 i föregående protokoll".
            ascending = [candidates[0]]
            for heading in candidates[1:]:
                if heading.number > ascending[-1].number:
                    ascending.append(heading)
            return ascending
        # next_of[i] is the first later candidate numbered one higher; computed backwards
        # so a long document with many numbered lists stays linear.
        next_of: list[int | None] = [None] * len(candidates)
        seen: dict[int, int] = {}
        length = [1] * len(candidates)
        for i in range(len(candidates) - 1, -1, -1):
            following = seen.get(candidates[i].number + 1)
            next_of[i] = following
            length[i] = 1 + (length[following] if following is not None else 0)
            seen[candidates[i].number] = i
        best = max(range(len(candidates)), key=lambda i: (length[i], -i))
        run: list[_Heading] = []
        cursor: int | None = best
        while cursor is not None:
            run.append(candidates[cursor])
            cursor = next_of[cursor]
        return run

    def _unnumbered_headings(self, lines: Sequence[_Line]) -> tuple[list[_Heading], int]:
        """Take items from headings in minutes without numbers; stop at the signatures."""
        headings: list[_Heading] = []
        previous_blank = True
        for index, line in enumerate(lines):
            if not line.text:
                previous_blank = True
                continue
            if headings and self._starts_signatures(lines, index):
                return headings, index
            fixed = _FIXED_TITLE_RE.match(line.text.rstrip(":")) is not None
            if fixed or (previous_blank and self._looks_like_heading(line.text)):
                title = line.text.rstrip(":").strip()
                headings.append(_Heading(index, index + 1, len(headings) + 1, title))
            previous_blank = False
        return headings, len(lines)

    @staticmethod
    def _looks_like_heading(text: str) -> bool:
        return (
            len(text) <= 80
            and len(text.split()) <= 10
            and "\t" not in text
            and text[:1].isupper()
            and text[-1] not in ".,;:!?"
            and not text.startswith(("-", "•", "*", "–"))
            and not _SUBHEADING_RE.match(text)
            and not _SIGN_ROLE_RE.match(text)
        )

    # --- Header ---

    def _parse_header(self, lines: Sequence[_Line], *, stop_at_items: bool) -> int:
        """Read the lines before the first item; return where the items start.

        With stop_at_items (minutes without numbers) the header ends at the first heading
        that is neither a header key nor a person, once a date or attendance list is known.
        """
        section: _Section | None = None
        pending_key: str | None = None
        signing = False
        previous_blank = True
        for index, line in enumerate(lines):
            text = line.text
            if not text:
                previous_blank = True
                continue
            if pending_key:
                key_name, pending_key = pending_key, None
                if self._apply_pending(key_name, text, line, section, signing=signing):
                    previous_blank = False
                    continue
            if stop_at_items and self._starts_items(text, section, previous_blank, index):
                return index
            previous_blank = False
            heading = _ATTENDANCE_HEADING_RE.match(text)
            if heading:
                section, signing = self._attendance_section(heading), False
                inline = heading.group("rest") or heading.group("inline")
                if inline:
                    self._add_attendance(inline, section, line)
                continue
            if self._header_title(text):
                section = None
                continue
            key = _HEADER_KEY_RE.match(text)
            if key and self._plausible_key(key):
                key_name, value = _clean_spaces(key.group("key").lower()), key.group("value")
                signing = signing or key_name == "underskrifter"
                if not value.strip():
                    # "Underskrifter" heads the signatures; other bare keys have their value
                    # on the next line.
                    section, pending_key = None, None if key_name == "underskrifter" else key_name
                    continue
                if self._apply_key(key_name, value.strip(), line):
                    section = None
                    continue
            if section is not None and self._add_attendance(text, section, line, quiet=True):
                continue
            role_only = _SIGN_ROLE_RE.match(_sign_text(line))
            if role_only:
                pending_key = f"role:{role_only.group('role')}"  # the name is on the next line
                continue
            if self._header_role_line(text, line, signing):
                continue
            if section is not None:
                self._warn(line.no, "unreadable_attendance", text=text)
                continue
            self._header_free_line(text, line)
        return len(lines)

    def _apply_pending(
        self, key: str, text: str, line: _Line, section: _Section | None, *, signing: bool
    ) -> bool:
        """Apply a value written on the line after its bare key ("Plats och tid" / "...")."""
        if key.startswith("role:"):
            role = key.removeprefix("role:")
            if section is not None and not signing:
                # "Ordförande" above "Lena Holm (S)" in a list of members.
                return self._add_attendance(f"{text}, {role}", section, line, quiet=True)
            return self._header_role_line(f"{role}: {text}", line, signing)
        return not self._is_header_structure(text) and self._apply_key(key, text, line)

    def _is_header_structure(self, text: str) -> bool:
        return bool(
            _ATTENDANCE_HEADING_RE.match(text)
            or _TITLE_WORD_RE.match(text)
            or _HEADER_KEY_RE.match(text)
            or self._is_item_line(text)
        )

    def _starts_items(
        self, text: str, section: _Section | None, previous_blank: bool, index: int
    ) -> bool:
        if index == 0 or self._is_header_structure(text):
            return False
        if _FIXED_TITLE_RE.match(text.rstrip(":")):
            return True
        if section is not None:
            row = _parse_row(text, section, 0, strict=True)
            if row:
                return False
        known = self.result.date is not None or self._has_attendance()
        return known and previous_blank and self._looks_like_heading(text)

    def _has_attendance(self) -> bool:
        attendance = self.result.attendance
        return bool(attendance.present or attendance.guests or attendance.absent)

    @staticmethod
    def _attendance_section(match: re.Match[str]) -> _Section:
        if match.group("absent"):
            return _Section("absent", _clean_spaces(match.group("absent")), "member")
        if match.group("guests"):
            return _Section("guests", _clean_spaces(match.group("guests")), "member")
        if match.group("deputies"):
            return _Section("present", _clean_spaces(match.group("deputies")), "deputy")
        label = match.group("others") or match.group("members") or ""
        return _Section("present", _clean_spaces(label), "member")

    def _add_attendance(
        self, text: str, section: _Section, line: _Line, *, quiet: bool = False
    ) -> bool:
        raw = line.raw if line.text == text else text
        people = _parse_row(raw, section, line.no, strict=False, run_on=self.result.flattened)
        if not people:
            if not quiet:
                self._warn(line.no, "unreadable_attendance", text=text)
            return False
        target = {
            "present": self.result.attendance.present,
            "guests": self.result.attendance.guests,
            "absent": self.result.attendance.absent,
        }[section.kind]
        target.extend(people)
        return True

    def _header_title(self, text: str) -> bool:
        match = _TITLE_WORD_RE.match(text)
        if not match:
            return False
        title = match.group("title")
        lowered = title.lower()
        if lowered == "kallelse":
            self.result.kind = "notice"
        if lowered in {"föredragningslista", "dagordning"} and self.result.heading is None:
            self.result.kind = "notice"  # an agenda on its own is the plan of a meeting
        if self.result.heading is None or lowered == "kallelse":
            self.result.heading = title
        self._header_texts.add(text)
        rest = match.group("rest").strip()
        if rest:
            self._header_free_line(rest, None, from_title=True)
        return True

    @staticmethod
    def _plausible_key(key: re.Match[str]) -> bool:
        """Tell "Plats: Rådhuset" and "Plats Rådhuset" from "Plats för nästa möte ..."."""
        value = key.group("value").strip()
        if not value or key.group("sep"):
            return True
        name = _clean_spaces(key.group("key").lower())
        return name in _WHEN_KEYS or value[:1].isupper() or value[:1].isdigit()

    def _apply_key(self, key: str, value: str, line: _Line) -> bool:
        """Apply a header key's value; return False if the value does not fit the key."""
        result = self.result
        if key in _WHEN_KEYS and not (find_date(value, 2000) or find_times(value)[0]):
            return False  # "Tid: se kallelsen" is no time
        if key in {"sammanträdesdatum", "mötesdatum", "datum", "dag", "datum och tid", "tid"}:
            self._read_when(value)
            if key in {"sammanträdesdatum", "mötesdatum"}:
                self._header_texts.add(line.text)
        elif key in {"plats och tid", "tid och plats", "plats", "lokal", "mötesplats"}:
            self._read_when(value)
            place = _without_when(value) if key in {"plats och tid", "tid och plats"} else value
            place = (
                _without_when(place)
                if (KL_TIME_RE.search(place) or DATE_RE.search(place))
                else place
            )
            result.place = result.place or (_strip_punct(place) or None)
        elif key == "mötesform":
            result.place = result.place or (_strip_punct(value) or None)
        elif key in {"organ", "nämnd"}:
            result.body = result.body or (_strip_punct(value) or None)
        elif key in {"dnr", "diarienummer", "diarienr"}:
            result.reference = result.reference or _strip_punct(value)
        elif key in {"utses att justera", "justerare", "protokolljusterare"}:
            self._add_adjusters(_names_in(value))
        elif key.startswith("justering"):
            result.adjustment_note = result.adjustment_note or _clean_spaces(value)
        elif key == "underskrifter":
            return self._header_role_line(value, line, True)
        # "paragrafer", "justerade paragrafer": recognised, nothing to keep.
        return True

    def _read_when(self, value: str) -> None:
        result = self.result
        found = find_date(value, self._year_hint())
        if found and result.date is None:
            result.date = found[0].isoformat()
        start, end, _ = find_times(value)
        if start and result.start is None:
            result.start, result.end = start, end

    def _year_hint(self) -> int | None:
        return int(self.result.date[:4]) if self.result.date else None

    def _header_role_line(self, text: str, line: _Line, signing: bool) -> bool:
        """Read "Ordförande: Anna Ek" in the header as a signature or a present person."""
        match = _ROLE_KEY_RE.match(_sign_text(_Line(line.no, text, text)))
        if not match:
            return False
        role, value = match.group("role"), _strip_punct(match.group("value"))
        names = _names_in(value) if value else []
        if not names:
            return False
        if signing or role.lower() == "justerande":
            self.result.signatures.extend(Signature(_sign_role(role), n, line.no) for n in names)
            return True
        section = _Section("present", _clean_spaces(role), "member")
        for name in names:
            existing = next((p for p in self.result.attendance.present if p.name == name), None)
            if existing is None:
                person = Attendee(name=name, section=section.label, line=line.no)
                self.result.attendance.present.append(person)
                existing = person
            existing.role = _role_for([role], existing, section)
            existing.role_label = existing.role_label or role
        return True

    def _header_free_line(self, text: str, line: _Line | None, *, from_title: bool = False) -> None:
        """Read a header line without a key: the body, the municipality, a date line."""
        result = self.result
        if "\t" in text:
            for cell in (cell.strip() for cell in text.split("\t")):
                if cell and not self._header_title(cell):
                    self._header_free_line(cell, line, from_title=from_title)
            return
        if _MUNICIPALITY_RE.match(text) and not _BODY_WORD_RE.search(text):
            result.municipality = result.municipality or text
            self._header_texts.add(text)
            return
        found = find_date(text, self._year_hint())
        phrase = _BODY_IN_PHRASE_RE.match(_without_when(text)) if from_title else None
        body_text = phrase.group("body") if phrase else _without_when(text)
        body_text = self._ungenitive(body_text) if phrase else body_text
        is_body = bool(body_text and _BODY_WORD_RE.search(body_text))
        if found or is_body:
            if found and result.date is None:
                result.date = found[0].isoformat()
                start, end, _ = find_times(text)
                result.start, result.end = result.start or start, result.end or end
            if is_body and result.body is None:
                result.body = body_text
            elif body_text and not is_body and not from_title:
                # "Köping 2018-05-24": the date is read, the rest is reported.
                self._warn(line.no if line else None, "unplaced_line", text=body_text)
            if line is not None:
                self._header_texts.add(line.text)
            return
        if from_title or (line is not None and line.text in self._header_texts):
            return
        if result.kind == "notice" and line is not None:
            result.notes.append(text)
            return
        self._warn(line.no if line else None, "unplaced_line", text=text)

    @staticmethod
    def _ungenitive(text: str) -> str:
        """ "Trygghetsrådets" -> "Trygghetsrådet", "BRÅ:s" -> "BRÅ"."""
        text = _strip_punct(text)
        if text.endswith(":s"):
            return text[:-2]
        if text.endswith("s") and text[:-1].endswith(("et", "en", "e")):
            return text[:-1]
        return text

    def _add_adjusters(self, names: Sequence[str]) -> None:
        for name in names:
            if name not in self.result.adjusters:
                self.result.adjusters.append(name)

    # --- Items ---

    def _build_items(self, lines: Sequence[_Line], headings: list[_Heading], end: int) -> None:
        result = self.result
        previous: int | None = None
        for position, heading in enumerate(headings):
            if heading.index >= end:
                break
            stop = headings[position + 1].index if position + 1 < len(headings) else end
            stop = min(stop, end)
            body = list(lines[heading.body_start : stop])
            if previous is not None and result.numbered and heading.number > previous + 1:
                self._warn(
                    lines[heading.index].no,
                    "numbering_gap",
                    previous=previous,
                    number=heading.number,
                )
            previous = heading.number
            if result.kind == "notice" and (position + 1 == len(headings) or stop == end):
                body = self._split_notice_closing(body)
            result.items.append(self._item(heading, lines[heading.index], body))
        if result.items and not result.numbered:
            self._warn(result.items[0].line, "unnumbered_items")
        if result.kind == "notice":
            self._notice_details()

    def _item(self, heading: _Heading, heading_line: _Line, body: list[_Line]) -> ParsedItem:
        decisions, used, empty = _extract_decisions(body)
        for line_no in empty:
            self._warn(line_no, "empty_decision")
        item = ParsedItem(
            number=heading.number,
            title=_clean_spaces(heading.title),
            text=_join_lines(line for index, line in enumerate(body) if index not in used),
            decisions=decisions,
            full_text=_join_lines(body),
            line=heading_line.no,
            numbered=self.result.numbered,
            reference=heading.reference,
        )
        for line in body:
            presenter = _PRESENTER_RE.match(line.text)
            if presenter and item.presenter is None:
                item.presenter = _strip_punct(presenter.group("who"))
            reference = _REFERENCE_RE.match(line.text)
            if reference and item.reference is None:
                item.reference = reference.group("ref")
            self._add_adjusters(_adjusters_in(line.text))
        if _SCHEDULE_TITLE_RE.search(item.title) or _NEXT_MEETING_LINE_RE.match(item.title):
            self._read_schedule(body, item.title)
        else:
            for line in body:
                if _NEXT_MEETING_LINE_RE.match(line.text):
                    self._read_schedule([line], item.title)
        return item

    def _notice_details(self) -> None:
        """Read planned times and presenters from agenda titles: "3. Lägesbild (X) kl. 13.30"."""
        for item in self.result.items:
            title = item.title
            time_first = re.match(
                rf"^(?:kl\.?\s*)?(?P<t>{CLOCK}|\d{{1,2}})(?:{DASH}{CLOCK})?\s+", title
            )
            if time_first and (
                title.lower().startswith("kl")
                or ":" in time_first.group("t")
                or "." in time_first.group("t")
            ):
                item.time = format_time(time_first.group("t"))
                title = title[time_first.end() :]
            time_last = re.search(
                rf"(?<![\s,])[\s,]+(?:kl\.?\s*)?(?P<t>{CLOCK})(?:{DASH}{CLOCK})?$", title
            )
            if time_last:
                item.time = item.time or format_time(time_last.group("t"))
                title = title[: time_last.start()]
            who = re.search(r"(?<!\s)\s*\((?P<who>[^()]+)\)$", title)
            if who and who.group("who")[:1].isupper() and who.group("who") not in _PARTY_CODES:
                item.presenter = item.presenter or who.group("who").strip()
                title = title[: who.start()]
            item.title = _strip_punct(title) or item.title

    def _split_notice_closing(self, body: list[_Line]) -> list[_Line]:
        """Keep a notice's last agenda item to its own lines; the text after the agenda
        ("Förhinder anmäls till ...", "Välkomna!") goes to notes."""
        first_blank = next((i for i, line in enumerate(body) if not line.text), None)
        if first_blank is None:
            return body
        kept = body[:first_blank]
        for paragraph in _paragraphs(body[first_blank:]):
            if _PRESENTER_RE.match(paragraph.text):
                kept.append(_Line(paragraph.line, paragraph.text, paragraph.text))
            else:
                self.result.notes.append(paragraph.text)
        return kept

    # --- Schedule ---

    def _read_schedule(self, lines: Sequence[_Line], title: str) -> None:
        """Read future meetings from an item such as "Kommande sammanträden 2018".

        A line of body names ("Arbetsutskottet<TAB>Rådet", or "Arbetsutskottet Rådet" when a
        PDF lost the tabs) heads columns; a body name before the dates names their body.
        """
        year_match = YEAR_RE.search(title)
        year = int(year_match.group(1)) if year_match else self._year_hint()
        columns: list[str] = []
        current_body: str | None = None
        for line in lines:
            dates = list(find_dates(line.text, year or 2000))
            cells = line.raw.split("\t") if "\t" in line.raw else None
            if not line.text:
                continue
            if not dates:
                headings = _schedule_columns(cells or line.text.split())
                if headings:
                    columns = headings
                elif len(line.text) <= 40 and _BODY_WORD_RE.search(line.text):
                    current_body = _strip_punct(line.text)
                continue
            if cells is None and columns and len(dates) == len(columns):
                # Column headings lost their tabs: split the line before each date.
                starts = [match.start() for _, match in dates]
                cells = [line.text[a:b] for a, b in zip(starts, [*starts[1:], None], strict=True)]
            if cells is not None:
                for column, cell in enumerate(cells):
                    body = columns[column] if column < len(columns) and columns[column] else None
                    self._add_meetings(cell, body or current_body, year, line.no)
                continue
            first = dates[0][1].start()
            prefix = _strip_punct(line.text[:first])
            body = current_body
            if prefix and _BODY_WORD_RE.search(prefix) and not _NEXT_MEETING_LINE_RE.match(prefix):
                body = prefix
            self._add_meetings(line.text[first:], body, year, line.no)

    def _add_meetings(self, text: str, body: str | None, year: int | None, line_no: int) -> None:
        meeting_date = dt.date.fromisoformat(self.result.date) if self.result.date else None
        found = list(find_dates(text, year))
        whole_start, whole_end, _ = find_times(text)
        for position, (date, match) in enumerate(found):
            if not has_explicit_year(match) and meeting_date and date < meeting_date:
                # "21 januari" in a December meeting's plan is next year.
                try:
                    date = date.replace(year=date.year + 1)
                except ValueError:
                    continue
            segment_end = found[position + 1][1].start() if position + 1 < len(found) else len(text)
            start, end, _ = find_times(text[match.end() : segment_end])
            if start is None and len(found) >= 1:
                start, end = whole_start, whole_end
            meeting = ScheduledMeeting(
                body or self.result.body, date.isoformat(), start, end, line_no
            )
            if not any(
                (m.body, m.date, m.start, m.end)
                == (meeting.body, meeting.date, meeting.start, meeting.end)
                for m in self.result.schedule
            ):
                self.result.schedule.append(meeting)

    # --- Signatures ---

    def _starts_signatures(self, lines: Sequence[_Line], index: int) -> bool:
        text = _sign_text(lines[index])
        if not text:
            return False
        marker = _SIGN_MARKER_RE.match(text)
        if marker and not marker.group("rest")[:1].islower():
            return True
        following = self._next_text(lines, index, within=3)
        if _SIGN_ROLE_RE.match(text):
            return following is not None and _is_name(_sign_text(lines[following]))
        if _is_name(text):
            return following is not None and bool(_SIGN_ROLE_RE.match(_sign_text(lines[following])))
        inline = _SIGN_INLINE_RE.match(text)
        if inline and _is_name(_strip_punct(inline.group("name"))):
            return True
        return _is_signature_run(text)

    @staticmethod
    def _next_text(lines: Sequence[_Line], index: int, *, within: int) -> int | None:
        for following in range(index + 1, min(index + 1 + within, len(lines))):
            if lines[following].text:
                return following
        return None

    def _signature_start(self, lines: Sequence[_Line], start: int) -> int:
        """Return where the signature block after the last item starts (or the attachments)."""
        for index in range(start, len(lines)):
            if self._starts_signatures(lines, index):
                return index
        blank_run = 0
        for index in range(start, len(lines)):
            if not lines[index].text:
                blank_run += 1
                continue
            # Without signatures, a "Bilaga 1" after a page-sized gap starts the attachments.
            if blank_run >= 2 and re.match(r"(?i)^bilaga\s+\d", lines[index].text):
                return index
            blank_run = 0
        return len(lines)

    def _parse_signatures(self, lines: Sequence[_Line], start: int) -> int:
        """Read the signature block from start; return the index after it.

        Forms: "Name / role", "role / Name", "Role: Name", "Vid protokollet / Name",
        "Justeras / Name / Name" and run-on "Justeras Anna Ek, ordförande Bo Lind, justerare".
        """
        state = _SigningState()
        index, blank_run = start, 0
        while index < len(lines):
            if not lines[index].text:
                blank_run += 1
                index += 1
                if blank_run >= 3:
                    state = _SigningState()  # a page-sized gap ends a "Justeras" list
                continue
            blank_run = 0
            following = self._sign_line(lines, index, state, first=index == start)
            if following is None:
                break
            index = following
        return index

    def _sign_line(
        self, lines: Sequence[_Line], index: int, state: _SigningState, *, first: bool
    ) -> int | None:
        """Read the signature at lines[index]; return the next index, or None if it is none."""
        text, line_no = _sign_text(lines[index]), lines[index].no
        following = self._next_text(lines, index, within=3)
        next_text = _sign_text(lines[following]) if following is not None else ""
        marker = _SIGN_MARKER_RE.match(text)
        if marker:
            word = _clean_spaces(marker.group("marker").lower())
            state.default_role = _MARKER_ROLES.get(word, "justerare")
            state.pending_role = _MARKER_ROLES.get(word)
            for name, role in _signature_pairs(marker.group("rest")):
                self._sign(role or state.take_role(), name, line_no)
            return index + 1
        role_only = _SIGN_ROLE_RE.match(text)
        if role_only:
            if following is not None and _is_name(next_text):
                self._sign(_sign_role(role_only.group("role")), next_text, line_no)
                return following + 1
            state.pending_role = _sign_role(role_only.group("role"))
            return index + 1
        if _is_name(text):
            next_role = _SIGN_ROLE_RE.match(next_text)
            if next_role and following is not None:
                self._sign(_sign_role(next_role.group("role")), text, line_no)
                return following + 1
            role = state.take_role()
            if role is None:
                return None
            self._sign(role, text, line_no)
            return index + 1
        inline = _SIGN_INLINE_RE.match(text)
        if inline and _is_name(_strip_punct(inline.group("name"))):
            self._sign(_sign_role(inline.group("role")), inline.group("name"), line_no)
            return index + 1
        if _is_signature_run(text):
            for name, role in _signature_pairs(text):
                self._sign(role, name, line_no)
            return index + 1
        if not first and _PLACE_DATE_RE.match(text) and find_date(text, self._year_hint()):
            return index + 1  # "Köping den 24 maj 2018" above the signatures
        return None

    def _sign(self, role: str | None, name: str, line_no: int) -> None:
        name = _strip_punct(name)
        if role and name:
            self.result.signatures.append(Signature(role, name, line_no))

    # --- Attachments ---

    def _parse_attachments(self, lines: Sequence[_Line]) -> None:
        chunks = self._attachment_chunks(lines)
        for chunk in chunks:
            if (
                all(_is_enclosure_line(line.text) for line in chunk if line.text)
                and self.result.attachments
            ):
                # "Bilaga 1 Genomförandeplan / Bilaga 2 Medborgarlöften" lists the enclosures
                # of the document before it.
                previous = self.result.attachments[-1]
                previous.text = f"{previous.text}\n\n{_join_lines(chunk)}".strip()
                continue
            title, used = _attachment_title(chunk)
            self.result.attachments.append(
                Attachment(title, _join_lines(chunk[used:]), chunk[0].no)
            )

    @staticmethod
    def _attachment_chunks(lines: Sequence[_Line]) -> list[list[_Line]]:
        """Split at gaps of three blank lines (a page or document break in converted text) and
        at "Bilaga N" headings."""
        chunks: list[list[_Line]] = []
        current: list[_Line] = []
        texts_in_current = 0
        last_text = ""
        blank_run = 0
        for line in lines:
            if not line.text:
                blank_run += 1
                if current:
                    current.append(line)
                continue
            # A "Bilaga 2" heading deep in a chunk starts the next enclosure, unless it is
            # one of a list of enclosures ("Bilaga 1 …", "Bilaga 2 …").
            starts_enclosure = (
                _is_enclosure_line(line.text)
                and blank_run >= 1
                and texts_in_current >= 3
                and not _is_enclosure_line(last_text)
            )
            if blank_run >= 3 or starts_enclosure:
                if texts_in_current:
                    chunks.append(current)
                current, texts_in_current = [], 0
            blank_run = 0
            current.append(line)
            texts_in_current += 1
            last_text = line.text
        if texts_in_current:
            chunks.append(current)
        return [_trim(chunk) for chunk in chunks]

    # --- Checks ---

    def _fill_from_fallbacks(self) -> None:
        result = self.result
        result.body = result.body or self._fallback_body
        result.date = result.date or self._fallback_date

    def _reject_if_not_minutes(self) -> None:
        result = self.result
        numbered_items = result.numbered and bool(result.items)
        titled_and_dated = result.date is not None and result.heading is not None
        if not (numbered_items or self._has_attendance() or titled_and_dated):
            raise ImportRejected(NOT_MINUTES, NOT_MINUTES_MESSAGE)

    def _finish(self) -> None:
        result = self.result
        if result.date is None:
            self._warn(None, "no_date")
        if result.body is None:
            self._warn(None, "no_body")
        if not result.items:
            self._warn(None, "no_items")
        if result.start and result.end and result.end < result.start:
            self._warn(None, "end_before_start", start=result.start, end=result.end)
        present = {person.name for person in result.attendance.present}
        for person in result.attendance.absent:
            if person.name in present:
                self._warn(person.line, "present_and_absent", name=person.name)
        if not result.adjusters:
            self._add_adjusters(
                [
                    s.name
                    for s in result.signatures
                    if s.role.startswith(("justera", "protokolljust"))
                ]
            )
        result.schedule.sort(key=lambda m: (m.date, m.start or "", m.body or ""))
        result.dropped_lines.sort()
        result.warnings.sort(key=lambda w: (w.line is None, w.line or 0))
