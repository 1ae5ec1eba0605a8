"""Read Swedish council minutes (protokoll, minnesanteckningar) and notices (kallelse).

`parse_minutes(text)` turns the plain text of one document (see `core.importing.text`) into
`ParsedMinutes`. It reads by structural rules that hold across councils' layouts rather than
by the look of one council's minutes, one module per part of the document:

1. page furniture is dropped (page numbers, "Justerandes signatur", initials, ANSLAG/BEVIS),
   and text that lost its line breaks (a PDF flattened to one paragraph) is split again at
   item numbers and known headings (`page`);
2. the numbered items ("§ 12", "12 §", "12.") are found as the longest run of numbers; without
   numbers, items are taken from headings (`headings`);
3. what comes before the first item is the header: body, date, time, place, attendance
   (`header`, `attendance`);
4. each item yields its title, text and decisions; the item naming the next meetings yields
   the schedule (`items`, `decisions`, `schedule`);
5. after the last item come the signatures and then the attachments (`signatures`,
   `attachments`).

`parser` runs the parts in that order; `result` holds what they give; `reading` what they
share while reading; `words` the names and clean-ups all of them use. Every non-empty line that
none of this places is reported in `warnings`, never silently dropped. The JSON schema, the
layouts and all messages are described in docs/formats/minutes-import.md.
"""

from __future__ import annotations

from samverkan.meetings.importers.minutes.parser import parse_minutes
from samverkan.meetings.importers.minutes.result import (
    NOT_MINUTES,
    NOT_MINUTES_MESSAGE,
    WARNING_MESSAGES,
    Attachment,
    Attendance,
    Attendee,
    Decision,
    JsonObject,
    ParsedItem,
    ParsedMinutes,
    ScheduledMeeting,
    Signature,
)

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
