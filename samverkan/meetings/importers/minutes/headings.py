"""Item headings: the numbered items ("§ 12", "12 §", "12."), found as the longest
run of numbers, or taken from headings when the minutes number none."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from samverkan.meetings.importers.minutes.keywords import (
    _BARE_ITEM_RE,
    _DOT_ITEM_RE,
    _FIXED_TITLE_RE,
    _NUMBER_RANGE_RE,
    _REFERENCE_RE,
    _SECTION_FIRST_RE,
    _SECTION_LAST_RE,
    _SUBHEADING_RE,
    _WORD_ITEM_RE,
)
from samverkan.meetings.importers.minutes.page import _title_continued
from samverkan.meetings.importers.minutes.reading import _Line
from samverkan.meetings.importers.minutes.signatures import _SIGN_ROLE_RE, _Signatures
from samverkan.meetings.importers.minutes.words import _strip_punct


@dataclass
class _Heading:
    index: int  # index of the heading line
    body_start: int  # index of the first line of the item's text
    number: int
    title: str
    reference: str | None = None
    cells: tuple[str, ...] = ()  # an agenda row's other columns: "KS 2019/12", "Anna Ek, chef"


_BULLET_RE: Final = re.compile(r"^[-•*–·▪]\s+(?=\S)")


def _unbulleted(text: str) -> str:
    return _BULLET_RE.sub("", text, count=1)


class _ItemHeadings(_Signatures):
    """Find the item headings; items without numbers end where the signatures start."""

    def _numbered_headings(self, lines: Sequence[_Line]) -> list[_Heading]:
        """Find numbered item headings: the longest ascending run of "§ N", else of "N."."""
        section_style: list[_Heading] = []
        dot_style: list[_Heading] = []
        for index, line in enumerate(lines):
            text = line.text
            match = (
                _SECTION_FIRST_RE.match(text)
                or _SECTION_LAST_RE.match(text)
                or _WORD_ITEM_RE.match(text)
            )
            if match and not _NUMBER_RANGE_RE.match(match.group("rest")):
                heading = self._heading(lines, index, match, dots=False)
                if heading:
                    section_style.append(heading)
                continue
            match = _DOT_ITEM_RE.match(text) or _BARE_ITEM_RE.match(text)
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
        cells: tuple[str, ...] = ()
        if "\t" in rest:
            # An agenda table's row: the title, then Dnr, presenter or time columns.
            first, *others = [cell.strip() for cell in rest.split("\t") if cell.strip()]
            rest, cells = first, tuple(others)
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
        return _Heading(index, body_start, int(match.group("num")), rest, reference, cells)

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
            text = _unbulleted(line.text)
            fixed = _FIXED_TITLE_RE.match(text.rstrip(":")) is not None
            if fixed or (previous_blank and self._looks_like_heading(line.text)):
                title = text.rstrip(":").strip()
                headings.append(_Heading(index, index + 1, len(headings) + 1, title))
            previous_blank = False
        return headings, len(lines)

    @staticmethod
    def _looks_like_heading(text: str) -> bool:
        """Say whether a line reads as a heading: short, capitalised, no closing stop; a bullet
        in front ("• Lägesbild") is allowed, as memory notes set their items so."""
        text = _unbulleted(text)
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
