"""Decisions: each "att"-clause of an item is one decision ("Rådet beslutar att ...")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from samverkan.meetings.importers.minutes.reading import _Line
from samverkan.meetings.importers.minutes.result import Decision
from samverkan.meetings.importers.minutes.words import _CAPITAL, _WORD_END, _clean_spaces

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
    r"^(?:.*[.!?]\s+(?!\s))?(?P<lead>[^.!?]*?\b(?:beslutar|beslöt|beslöts|beslutade|beslutades|har\s+beslutat)"
    r"(?:\s+enhälligt)?)"
    r"\s*(?::\s*)?(?P<rest>att\s.*)?$",
    re.IGNORECASE,
)
_NOT_A_DECISION_LEAD_RE: Final = re.compile(r"föreslå|förslag|yrka", re.IGNORECASE)
_ATT_RE: Final = re.compile(r"^(?:[-–•*]\s*)?(?:\d+[.)]\s*)?(?P<clause>att\s.+)$", re.IGNORECASE)
_NUMBERED_RE: Final = re.compile(r"^(?P<num>\d{1,2})[.)]\s+(?P<clause>\S.*)$")
_INLINE_NUMBER_RE: Final = re.compile(r"(?:^|(?<=\s))(?P<num>\d{1,2})[.)]\s+")
_INLINE_ATT_SPLIT_RE: Final = re.compile(r"[,;]\s*(?:samt\s+|och\s+)?(?=att\s)", re.IGNORECASE)


# Verbs that open a decision's att-clause ("att godkänna …", "att lägga … till handlingarna"):
# in text flattened out of a PDF, clauses run together without their commas ("att godkänna
# redovisningen att lägga den till handlingarna"), and such a verb after "att" starts the next.
_DECISION_VERBS: Final = frozenset(
    {
        "anta", "avslå", "avsluta", "avsätta", "bevilja", "bifalla", "bjuda", "bordlägga",
        "delta", "fastställa", "föreslå", "ge", "genomföra", "godkänna", "hänskjuta", "inrätta",
        "lägga", "notera", "publicera", "skicka", "ställa", "tacka", "tillstyrka", "uppdra",
        "utse", "återremittera", "överlämna",
    }
)  # fmt: skip
# Verbs whose object takes an att-clause of its own: "uppdra åt X att lägga fram …",
# "ge X i uppdrag att …", "föreslå nämnden att anta …": the next "att" belongs to them.
_TAKES_ATT: Final = frozenset(
    {"be", "begära", "föreslå", "ge", "hemställa", "uppdra", "uppmana", "ålägga"}
)


def _split_run_together(clause: str) -> list[str]:
    """Split "att A att B" into "att A" and "att B" where B opens with a decision verb and A's
    own verb does not take an att-clause."""
    words = clause.split()
    parts: list[list[str]] = []
    verb = ""  # the first word after the last "att" of the part being built
    for index, word in enumerate(words):
        following = words[index + 1].lower().strip(",.;:") if index + 1 < len(words) else ""
        if word.lower() == "att" and following:
            if parts and following in _DECISION_VERBS and verb not in _TAKES_ATT:
                parts.append([])
            verb = following
        if not parts:
            parts.append([])
        parts[-1].append(word)
    return [" ".join(part) for part in parts] or [clause]


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
        # A free lead may share its paragraph with what stops a block ("Dnr 2022/412 … Rådet
        # beslutar att …", as flattened text runs on): there it starts the block.
        starts_free = not headed and paragraph.start == start
        stops = _BLOCK_STOP_RE.match(paragraph.text) and not starts_free
        if stops or _DECISION_HEAD_RE.match(paragraph.text):
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
            Decision(_finish_sentence(f"{new_lead} {part}"), paragraph.line)
            for clause in _INLINE_ATT_SPLIT_RE.split(rest)
            for part in _split_run_together(clause)
        ]
    att = _ATT_RE.match(text)
    if att:
        clauses = _split_run_together(att.group("clause"))
        if lead is not None:
            clauses = [f"{lead} {clause[0].lower()}{clause[1:]}" for clause in clauses]
        return None, [Decision(_finish_sentence(clause), paragraph.line) for clause in clauses]
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
        if len(found) == 1 and _AS_PROPOSED_RE.match(found[0].text):
            # "Beslut: Enligt förslaget." The decisions are the proposal's, as it is written.
            found = _proposal(lines[:index]) or found
        used.update(range(index, index + 1 + end - len(first)))
        if not found:
            empty_headings.append(lines[index].no)
        decisions.extend(found)
    return decisions, used, empty_headings


# "Enligt förslaget", "I enlighet med arbetsutskottets förslag", "Bifall till förslaget".
_AS_PROPOSED_RE: Final = re.compile(
    r"^(?:enligt|i\s+enlighet\s+med|bifall\s+till)\s+(?:[\wåäö-]+\s+)?(?:förslag(?:et)?"
    r"|föreslaget\s+beslut)\s*\.?$",
    re.IGNORECASE,
)
_PROPOSAL_HEAD_RE: Final = re.compile(
    r"^(?:föreslaget\s+beslut|förslag\s+till\s+beslut|beslutsförslag)\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)


def _proposal(lines: Sequence[_Line]) -> list[Decision]:
    """The decisions of the item's last proposal ("Föreslaget beslut" and its points)."""
    for index in range(len(lines) - 1, -1, -1):
        head = _PROPOSAL_HEAD_RE.match(lines[index].text)
        if head is None:
            continue
        rest = head.group("rest")
        first = [_Line(lines[index].no, rest, rest)] if rest else []
        found, _end = _decisions_in_block(first + list(lines[index + 1 :]), 0, headed=True)
        return found
    return []


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
