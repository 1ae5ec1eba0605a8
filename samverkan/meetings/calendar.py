"""Meetings as iCalendar (RFC 5545): one event per meeting, times in UTC."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final
from zoneinfo import ZoneInfo

from django.utils import timezone

from samverkan.meetings.models import Meeting, MeetingStatus

STOCKHOLM = ZoneInfo("Europe/Stockholm")


# A TEXT value holds no control character but the tab (RFC 5545, 3.3.11). Every line break in
# it (whatever str.splitlines takes for one) is written as "\\n", so that a carriage return in
# a meeting's place cannot begin a line of its own.
_CONTROL: Final = {c: None for c in (*range(0x00, 0x09), *range(0x0A, 0x20), *range(0x7F, 0xA0))}


def _escape(text: str) -> str:
    return "\\n".join(
        line.translate(_CONTROL).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        for line in text.splitlines()
    )


def _fold(line: str) -> str:
    """Fold lines longer than 75 octets, as the standard requires."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return "\r\n".join(out)


def _utc(moment: dt.datetime) -> str:
    return f"{moment.replace(tzinfo=STOCKHOLM).astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"


def _event(meeting: Meeting, host: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{host}",
        f"DTSTAMP:{timezone.now().astimezone(dt.UTC):%Y%m%dT%H%M%SZ}",
        f"SUMMARY:{_escape(meeting.body.name)}",
    ]
    if meeting.start_time:
        start = dt.datetime.combine(meeting.date, meeting.start_time)
        # Without an end time a meeting is taken to last two hours, past midnight if need be.
        end = (
            dt.datetime.combine(meeting.date, meeting.end_time)
            if meeting.end_time and meeting.end_time > meeting.start_time
            else start + dt.timedelta(hours=2)
        )
        lines.append(f"DTSTART:{_utc(start)}")
        lines.append(f"DTEND:{_utc(end)}")
    else:
        lines.append(f"DTSTART;VALUE=DATE:{meeting.date:%Y%m%d}")
    if meeting.place:
        lines.append(f"LOCATION:{_escape(meeting.place)}")
    if meeting.status == MeetingStatus.CANCELLED:
        lines.append("STATUS:CANCELLED")
    lines.append("END:VEVENT")
    return lines


def calendar(meetings: Iterable[Meeting], *, name: str, host: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Samverkan//Sammanträden//SV",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for meeting in meetings:
        lines.extend(_event(meeting, host))
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
