"""Attendance rows: a person's name, organisation, role, party, partial presence and
serving deputy; and the adjusters named in the minutes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from samverkan.core.importing.dates import format_time
from samverkan.meetings.importers.minutes.result import Attendee, Role
from samverkan.meetings.importers.minutes.words import (
    _NAME_TOKEN_RE,
    _ORG_WORD_ENDINGS,
    _ORG_WORDS,
    _PARTICLES,
    _UP,
    _clean_spaces,
    _is_name,
    _is_nameish,
    _is_org_word,
    _names_in,
    _strip_punct,
    _trailing_name,
)

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
        if len(cells) == 1:
            # A continuation row ("⇥Bo Lind, kommunpolis"): read as a row of its own.
            return _parse_row(cells[0], section, line_no, strict=strict, run_on=run_on)
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
    pairs = _name_pairs(part)
    if pairs:
        return pairs
    name = _trailing_name(re.sub(r"\([^()]*\)", "", part))
    prefix = part[: part.rfind(name)].strip() if name else ""
    if name and prefix and prefix.islower():
        return [prefix, part[len(prefix) :].strip()]
    return pieces


def _name_pairs(part: str) -> list[str]:
    """Split "vice ordförande Olof Palmgren Karin Sjöberg" (names whose line breaks a PDF
    lost) into the role words and two-word names; only an even run of four or more capitalised
    words without particles is split so, and the parser marks the attendance as guessed."""
    if "(" in part:
        return []
    tokens = _strip_punct(part).split()
    lead = 0
    while lead < len(tokens) and tokens[lead].islower():
        lead += 1
    names = tokens[lead:]
    if len(names) < 4 or len(names) % 2 or any(token in _PARTICLES for token in names):
        return []
    pairs = [" ".join(names[i : i + 2]) for i in range(0, len(names), 2)]
    if not all(_is_name(pair) for pair in pairs):
        return []
    return ([" ".join(tokens[:lead])] if lead else []) + pairs


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
