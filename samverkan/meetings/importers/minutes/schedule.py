"""The item naming the next meetings gives the schedule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from samverkan.core.importing.dates import YEAR_RE, find_dates, find_times, has_explicit_year
from samverkan.meetings.importers.minutes.header import _Header
from samverkan.meetings.importers.minutes.keywords import _NEXT_MEETING_LINE_RE
from samverkan.meetings.importers.minutes.page import _schedule_columns
from samverkan.meetings.importers.minutes.reading import _Line
from samverkan.meetings.importers.minutes.result import ScheduledMeeting
from samverkan.meetings.importers.minutes.words import _BODY_WORD_RE, _strip_punct


class _Schedule(_Header):
    """Read the meetings an item schedules ("Nästa möte", "Sammanträdesplan")."""

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
