"""One parse of one document: its lines and what has been read from them so far."""

from __future__ import annotations

from dataclasses import dataclass

from samverkan.core.importing.parse_warnings import ParseWarning
from samverkan.meetings.importers.minutes.result import WARNING_MESSAGES, ParsedMinutes


@dataclass(frozen=True, slots=True)
class _Line:
    no: int  # 1-based line number in the text given to parse_minutes
    text: str  # stripped; "" for a blank line
    raw: str  # right-stripped with leading tabs kept, so table columns stay aligned


class _Reading:
    """What one parse of one document has read so far; the parts of the parser add to it.

    The parts are one chain of classes, each standing on those it calls: page, signatures,
    headings (unnumbered items end where the signatures start), header, schedule, items (an
    item may schedule meetings), attachments, and the parser on top. So a module imports only
    the parts below it, and none reaches up.
    """

    lines: list[_Line]

    def __init__(self) -> None:
        self.result = ParsedMinutes()
        self._header_texts: set[str] = set()  # header lines that page headers repeat
        self._page_remainders: set[str] = set()
        self._fallback_body: str | None = None  # from the ANSLAG box's "Organ"
        self._fallback_date: str | None = None

    def _warn(self, line: int | None, code: str, **params: object) -> None:
        self.result.warnings.append(
            ParseWarning(
                line,
                code,
                WARNING_MESSAGES[code],
                {key: str(value) for key, value in params.items()},
            )
        )

    def _year_hint(self) -> int | None:
        return int(self.result.date[:4]) if self.result.date else None
