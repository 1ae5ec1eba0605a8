"""The attachments after the signatures."""

from __future__ import annotations

from collections.abc import Sequence

from samverkan.meetings.importers.minutes.items import _Items
from samverkan.meetings.importers.minutes.page import (
    _attachment_title,
    _is_enclosure_line,
    _join_lines,
    _trim,
)
from samverkan.meetings.importers.minutes.reading import _Line
from samverkan.meetings.importers.minutes.result import Attachment


class _Attachments(_Items):
    """Read the attachments after the signatures."""

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
