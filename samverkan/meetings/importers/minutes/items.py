"""The items: each heading gives an item with its title, text and decisions; a notice's
time slots and closing words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from samverkan.core.importing.dates import CLOCK, DASH, find_times, format_time
from samverkan.meetings.importers.minutes.attendance import _PARTY_CODES, _adjusters_in
from samverkan.meetings.importers.minutes.decisions import _extract_decisions, _paragraphs
from samverkan.meetings.importers.minutes.headings import _Heading
from samverkan.meetings.importers.minutes.keywords import (
    _NEXT_MEETING_LINE_RE,
    _PRESENTER_RE,
    _REFERENCE_RE,
    _SCHEDULE_TITLE_RE,
)
from samverkan.meetings.importers.minutes.page import _join_lines
from samverkan.meetings.importers.minutes.reading import _Line
from samverkan.meetings.importers.minutes.result import ParsedItem
from samverkan.meetings.importers.minutes.schedule import _Schedule
from samverkan.meetings.importers.minutes.words import _clean_spaces, _names_in, _strip_punct

_CELL_REFERENCE_RE: Final = re.compile(
    r"(?:[A-ZÅÄÖ]{1,8}\s?)?(?:19|20)\d\d[/.:-]\d{1,5}(?:-\d{1,3})?"
)


class _Items(_Schedule):
    """Build each item from its heading: title, text, decisions, and a notice's times."""

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
        for cell in heading.cells:
            if _CELL_REFERENCE_RE.fullmatch(cell) and item.reference is None:
                item.reference = cell
            elif re.match(r"(?i)kl\.?\s*\d", cell) and item.time is None:
                item.time = find_times(cell)[0]
            elif _names_in(cell) and item.presenter is None:
                item.presenter = cell
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
