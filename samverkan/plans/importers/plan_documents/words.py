"""The words and patterns of plan documents: section headings, kinds, statuses, validity,
places, dates, names, organisations, parties and governance bodies."""

from __future__ import annotations

import re
from typing import Final

from samverkan.core.importing.dates import FULL_DATE
from samverkan.plans.importers.plan_documents.result import Kind, Party, Status

_I = re.IGNORECASE
_SECTION_HEADINGS: Final[list[tuple[re.Pattern[str], str]]] = [
    (re.compile(r"bakgrund|background", _I), "background"),
    (re.compile(r"(?:medborgar)?dialog(?:er(?:na)?)?\b.*|citizen dialogues?\b.*", _I), "dialogues"),
    (re.compile(r"(?:aktuell|nuläges|läges)\s*bild\b.*|current (?:picture|situation)\b.*", _I),
     "current_picture"),
    (re.compile(r"(?:medborgarlöften|citizen promises)(?:\s+(?:19|20)\d\d)?", _I),
     "promises_intro"),
    (re.compile(r"detta gör vi genom att|we will do this by", _I), "promise_list"),
    (re.compile(r"(?:(?:våra|vi\s+lovar|dessa|årets)\s+)?(?:löften|löfte)(?:\s+(?:19|20)\d\d)?"
                r"|(?:medborgarlöftena|löftena)(?:\s+(?:19|20)\d\d)?", _I), "promise_list"),
    (re.compile(r"uppföljning\b.*|follow-up\b.*", _I), "follow_up"),
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
_PROMISE_HEADS: Final = frozenset(
    {"löfte", "löften", "medborgarlöfte", "medborgarlöften", "vi lovar", "promise", "promises",
     "löfte (vad)", "åtagande"}
)  # fmt: skip
_OUTCOME_HEADS: Final = frozenset(
    {"utfall", "resultat", "uppföljning", "kommentar", "genomfört", "outcome", "result"}
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

_VALID_RANGE_RE: Final = re.compile(
    rf"(?P<start>{FULL_DATE})\s*(?:-|–|—|till(?:\s+och\s+med)?|to)\s*(?P<end>{FULL_DATE})", _I
)
_VALID_TO_RE: Final = re.compile(
    rf"(?:till\s+och\s+med|t\.\s?o\.\s?m\.?|until|to|till)\s+(?:den\s+)?(?P<date>{FULL_DATE})", _I
)
_VALID_FROM_RE: Final = re.compile(
    rf"(?:från\s+och\s+med|fr\.\s?o\.\s?m\.?|from|från)\s+(?:den\s+)?(?P<date>{FULL_DATE})", _I
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
    rf"^(?P<place>[A-ZÅÄÖ][\wåäöÅÄÖ.\- ]{{1,40}}?),?\s+(?:den\s+)?(?P<date>{FULL_DATE})$"
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
_MUNICIPALITY_RE: Final = re.compile(
    r"\bkommun(?:en|s)?\b|\bmunicipality\b|\b(?:social|räddnings|fritids)tjänst(?:en)?\b"
    r"|\bfältgrupp(?:en)?\b|\b[\wåäö]*förvaltning(?:en)?\b|\b[\wåäö]*nämnd(?:en)?\b"
    r"|\bkommunstyrelsen\b|\bskolan\b|\bfritidsgården\b",
    _I,
)
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
