"""Reading the police's public events feed: a JSON list of notices.

Each record: id, datetime (the publication time: "2025-06-07 7:32:06 +02:00", an unpadded hour
and a space before the offset), name ("06 juni 18.50, Trafikbrott, Kungsör": the event's own
day and time, then the type and the place), summary, url (absolute in 2018, relative now), type
and location with a name (the municipality or county) and "lat,lon" gps (the centre of that
area, never the place of the event).

Summaries ("Sammanfattning natt", …) are not events and are left out; unknown types are kept.
Parsing is pure: no database, no clock. A broken record is a problem with its number, and the
caller refuses the whole file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
MAX_TEXT = 2000
ZONE = ZoneInfo("Europe/Stockholm")

MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "januari",
            "februari",
            "mars",
            "april",
            "maj",
            "juni",
            "juli",
            "augusti",
            "september",
            "oktober",
            "november",
            "december",
        ),
        start=1,
    )
}

_PUBLISHED = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*"
    r"(Z|[+-]\d{1,2}(?::?\d{2})?)?\s*$"
)
_EVENT_TIME = re.compile(
    r"^\s*(\d{1,2})\s+([a-zåäö]+)(?:\s+(\d{1,2})[.:](\d{2}))?\s*,", re.IGNORECASE
)


@dataclass(frozen=True)
class PoliceNotice:
    event_id: int
    published_at: dt.datetime
    occurred_at: dt.datetime
    time_known: bool
    name: str
    type: str
    summary: str
    url: str
    location_name: str


@dataclass
class ParsedFeed:
    notices: list[PoliceNotice] = field(default_factory=list)
    summaries: int = 0
    problems: list[str] = field(default_factory=list)


def _offset(raw: str | None) -> dt.tzinfo:
    if not raw:
        return ZONE
    if raw == "Z":
        return dt.UTC
    sign = -1 if raw[0] == "-" else 1
    digits = raw[1:].replace(":", "")
    hours = int(digits[:2] if len(digits) >= 3 else digits)
    minutes = int(digits[-2:]) if len(digits) >= 3 else 0
    if hours > 14 or minutes > 59:
        raise ValueError(raw)
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def parse_published(raw: object) -> dt.datetime | None:
    """The publication time, aware; None when it cannot be read."""
    if not isinstance(raw, str):
        return None
    match = _PUBLISHED.match(raw)
    if not match:
        return None
    year, month, day, hour, minute, second, offset = match.groups()
    try:
        return dt.datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second or 0),
            tzinfo=_offset(offset),
        )
    except ValueError:
        return None


def event_time(name: str, published: dt.datetime) -> tuple[dt.datetime, bool]:
    """The event's own time from the name's prefix ("06 juni 18.50, …"), in Swedish time.

    The year is the publication's, or the one before when the day would fall after the
    publication (a notice of 31 December published on 2 January). Without a readable prefix,
    the publication time; the flag says whether the time of day was given.
    """
    local = published.astimezone(ZONE)
    match = _EVENT_TIME.match(name)
    if not match:
        return local, True
    day, month_name, hour, minute = match.groups()
    month = MONTHS.get(month_name.lower())
    if month is None:
        return local, True
    time_known = hour is not None
    for year in (local.year, local.year - 1):
        try:
            at = dt.datetime(
                year,
                month,
                int(day),
                int(hour) if time_known else 0,
                int(minute) if time_known else 0,
                tzinfo=ZONE,
            )
        except ValueError:
            continue
        if at.date() <= local.date() + dt.timedelta(days=1):
            return at, time_known
    return local, True


def is_summary(kind: str) -> bool:
    return kind.strip().lower().startswith("sammanfattning")


def _text(value: object, limit: int = MAX_TEXT) -> str | None:
    if value is None:
        return ""
    if not isinstance(value, str):
        return None
    cleaned = "".join(c for c in value if c in "\n\t" or c.isprintable()).strip()
    return cleaned[:limit]


def _record(number: int, raw: Any, feed: ParsedFeed) -> None:
    if not isinstance(raw, dict):
        feed.problems.append(_("Notice %(n)d is not an object.") % {"n": number})
        return
    event_id = raw.get("id")
    if isinstance(event_id, str) and event_id.isascii() and event_id.isdigit():
        event_id = int(event_id)
    if isinstance(event_id, bool) or not isinstance(event_id, int) or not 0 < event_id < 2**62:
        feed.problems.append(_("Notice %(n)d has no valid id.") % {"n": number})
        return
    published = parse_published(raw.get("datetime"))
    if published is None:
        feed.problems.append(
            _("Notice %(n)d (id %(id)d) has no readable time.") % {"n": number, "id": event_id}
        )
        return
    location = raw.get("location")
    location_name = _text(location.get("name"), 100) if isinstance(location, dict) else ""
    name, kind = _text(raw.get("name"), 300), _text(raw.get("type"), 100)
    summary, url = _text(raw.get("summary")), _text(raw.get("url"), 500)
    if None in (location_name, name, kind, summary, url):
        feed.problems.append(
            _("Notice %(n)d (id %(id)d) has a field that is not text.")
            % {"n": number, "id": event_id}
        )
        return
    if name is None or kind is None:  # refused above; narrows the types
        return
    if is_summary(kind):
        feed.summaries += 1
        return
    occurred, time_known = event_time(name, published)
    feed.notices.append(
        PoliceNotice(
            event_id=event_id,
            published_at=published,
            occurred_at=occurred,
            time_known=time_known,
            name=name,
            type=kind or _("Other"),
            summary=summary or "",
            url=url or "",
            location_name=location_name or "",
        )
    )


def parse_feed(data: bytes) -> ParsedFeed:
    """The notices of a feed file, the number of summaries left out, and the problems."""
    feed = ParsedFeed()
    if len(data) > MAX_BYTES:
        feed.problems.append(_("The file is too large."))
        return feed
    try:
        loaded = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        feed.problems.append(_("The file is not JSON of the police's events feed."))
        return feed
    if isinstance(loaded, dict) and isinstance(loaded.get("events"), list):
        loaded = loaded["events"]
    if not isinstance(loaded, list):
        feed.problems.append(_("The file holds no list of notices."))
        return feed
    for number, raw in enumerate(loaded, start=1):
        _record(number, raw, feed)
    # A notice given twice counts once: the later copy is kept.
    feed.notices = list({notice.event_id: notice for notice in feed.notices}.values())
    return feed


def location_names(municipality: str) -> list[str]:
    """The feed's names of a municipality: "Köpings kommun" → Köpings, Köping."""
    base = re.sub(r"(?<!\s)\s+(kommun|stad)$", "", municipality.strip(), flags=re.IGNORECASE)
    names = [base]
    if base.endswith("s") and len(base) > 3:
        names.append(base[:-1])
    return names
