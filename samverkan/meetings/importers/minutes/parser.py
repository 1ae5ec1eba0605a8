"""The parser: its passes in order, and the checks that reject what is not minutes."""

from __future__ import annotations

from samverkan.core.importing.rejections import ImportRejected
from samverkan.meetings.importers.minutes.attachments import _Attachments
from samverkan.meetings.importers.minutes.result import (
    NOT_MINUTES,
    NOT_MINUTES_MESSAGE,
    ParsedMinutes,
)


class _MinutesParser(_Attachments):
    """One parse of one document; `parse()` fills and returns `self.result`."""

    def __init__(self, text: str) -> None:
        super().__init__()
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
            result.guessed.append("items")
            headings, body_end = self._unnumbered_headings(rest)
        self._build_items(rest, headings, body_end)
        after = self._parse_signatures(rest, body_end)
        self._parse_attachments(rest[after:])
        self._fill_from_fallbacks()
        self._reject_if_not_minutes()
        self._finish()
        return result

    def _fill_from_fallbacks(self) -> None:
        result = self.result
        if result.date is None and self._fallback_date:
            result.guessed.append("date")
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


def parse_minutes(text: str) -> ParsedMinutes:
    """Read minutes or a notice; raise ImportRejected("not_minutes") if the text is neither."""
    return _MinutesParser(text).parse()
