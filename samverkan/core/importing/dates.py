"""Swedish dates and times, as every importer reads them: one set of patterns for all.

Minutes write "12 mars 2019", "12/3", "2019-03-12", "kl. 14.00–16.30"; plan documents
"gäller från 1 januari 2019"; tables hold Excel dates or "2019-03-12 21:30". English month
names are read too, as plan documents are sometimes written in English.

Every pattern stays linear in its input: a repeated part never overlaps the part after it;
core/tests/test_regular_expressions.py runs each on long adversarial inputs. No Django import.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any, Final

from samverkan.core.importing.rejections import NOT_A_DATE, ImportRejected

__all__ = [
    "CLOCK",
    "CLOCK_TIME_RE",
    "DASH",
    "DATE_RE",
    "FULL_DATE",
    "FULL_DATE_RE",
    "KL_TIME_RE",
    "MONTHS",
    "WEEKDAY_RE",
    "YEAR_RE",
    "find_date",
    "find_dates",
    "find_times",
    "format_time",
    "full_date",
    "full_date_in",
    "has_explicit_year",
    "parse_date",
    "parse_when",
]

MONTHS: Final = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4,
    "apr": 4, "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10,
}  # fmt: skip
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_LOWER = "a-zåäöéèüæøáíóúç"

# A date as minutes write it: ISO, dotted, "12 mars [2019]" (also "1:a maj"), "12/3[ 2019]".
DATE_RE: Final = re.compile(
    r"(?<![\d-])(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>[01]?\d)-(?P<iso_d>[0-3]?\d)(?![\d-])"
    r"|(?<![\d.])(?P<dot_y>(?:19|20)\d\d)\.(?P<dot_m>[01]\d)\.(?P<dot_d>[0-3]\d)(?![\d.])"
    rf"|(?<![\d.])(?P<name_d>[0-3]?\d)(?::[ae])?\s+(?P<name_m>{_MONTH_ALT})\.?(?![{_LOWER}])"
    r"(?:\s+(?P<name_y>(?:19|20)\d\d)(?!\d))?"
    r"|(?<![\d/.])(?P<sl_d>[0-3]?\d)/(?P<sl_m>[01]?\d)(?:[\s/-](?P<sl_y>(?:19|20)\d\d))?(?![\d/])",
    re.IGNORECASE,
)
# A date with its year written out, as agreements and promises date themselves: "2019-03-12"
# or "12 mars 2019". FULL_DATE is for use inside other patterns ("gäller till och med …").
FULL_DATE: Final = rf"(?:(?:19|20)\d\d-\d\d-\d\d|\d{{1,2}}\s+(?:{_MONTH_ALT})\s+(?:19|20)\d\d)"
FULL_DATE_RE: Final = re.compile(
    r"(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)"
    rf"|(?P<nd>\d{{1,2}})\s+(?P<nm>{_MONTH_ALT})\s+(?P<ny>(?:19|20)\d\d)",
    re.IGNORECASE,
)

_HOUR = r"(?:[01]?\d|2[0-3])(?:[.:][0-5]\d)?"
_TIME_END = r"(?![\d]|[.:]\d)"  # "11.00." ends a sentence, "11.00.5" is no time
CLOCK: Final = r"(?:[01]?\d|2[0-3])[.:][0-5]\d"
DASH: Final = r"\s*(?:-|–|—|till)\s*"
KL_TIME_RE: Final = re.compile(
    rf"\bkl(?:ockan)?\.?\s*(?P<start>{_HOUR}){_TIME_END}"
    rf"(?:{DASH}(?:kl\.?\s*)?(?P<end>{_HOUR}){_TIME_END})?",
    re.IGNORECASE,
)
CLOCK_TIME_RE: Final = re.compile(
    rf"(?<![\d.:/-])(?P<start>{CLOCK})(?![\d])(?:{DASH}(?P<end>{CLOCK})(?![\d]))?"
)
WEEKDAY_RE: Final = re.compile(
    r"\b(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?\b|\bden\s+(?=\d)",
    re.IGNORECASE,
)
YEAR_RE: Final = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


# --- Dates in running text ---------------------------------------------------------------------


def _date_from_match(match: re.Match[str], default_year: int | None) -> dt.date | None:
    groups = match.groupdict()
    year: int | None
    if groups["iso_y"]:
        year, month, day = int(groups["iso_y"]), int(groups["iso_m"]), int(groups["iso_d"])
    elif groups["dot_y"]:
        year, month, day = int(groups["dot_y"]), int(groups["dot_m"]), int(groups["dot_d"])
    elif groups["name_m"]:
        year = int(groups["name_y"]) if groups["name_y"] else default_year
        month, day = MONTHS[groups["name_m"].lower()], int(groups["name_d"])
    else:
        year = int(groups["sl_y"]) if groups["sl_y"] else default_year
        month, day = int(groups["sl_m"]), int(groups["sl_d"])
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def has_explicit_year(match: re.Match[str]) -> bool:
    """Say whether a match of DATE_RE wrote its year ("12 mars 2019", not "12 mars")."""
    groups = match.groupdict()
    return bool(groups["iso_y"] or groups["dot_y"] or groups["name_y"] or groups["sl_y"])


def find_dates(text: str, default_year: int | None) -> Iterator[tuple[dt.date, re.Match[str]]]:
    """Every date in the text that exists, with its match; a date without a year takes
    `default_year`, and is left out without one."""
    for match in DATE_RE.finditer(text):
        date = _date_from_match(match, default_year)
        if date is not None:
            yield date, match


def find_date(text: str, default_year: int | None = None) -> tuple[dt.date, re.Match[str]] | None:
    """The first date in the text that exists, with its match, else None."""
    return next(find_dates(text, default_year), None)


def parse_date(text: str, *, default_year: int | None = None) -> dt.date:
    """The first date in the text; raise ImportRejected("not_a_date") when there is none."""
    found = find_date(text, default_year)
    if found is None:
        raise ImportRejected(NOT_A_DATE)
    return found[0]


def full_date(match: re.Match[str]) -> dt.date | None:
    """The date of a match of FULL_DATE_RE; None for a day that does not exist (30 februari)."""
    try:
        if match.group("y"):
            return dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        month = MONTHS[match.group("nm").lower()]
        return dt.date(int(match.group("ny")), month, int(match.group("nd")))
    except ValueError:
        return None


def full_date_in(text: str) -> str | None:
    """The first date written with its year, as YYYY-MM-DD; None without one."""
    match = FULL_DATE_RE.search(text)
    day = full_date(match) if match else None
    return day.isoformat() if day else None


# --- Times ---------------------------------------------------------------------------------------


def format_time(text: str) -> str:
    """ "9.30", "14:00" or "14" as "HH:MM"."""
    hours, _, minutes = text.replace(".", ":").partition(":")
    return f"{int(hours):02d}:{minutes or '00'}"


def find_times(text: str) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """Return (start, end, span) of the first time or time range; "kl" forms win."""
    text = re.split(r"(?i)\bajourn", text, maxsplit=1)[0]  # times after "ajournering" are breaks
    match = KL_TIME_RE.search(text) or CLOCK_TIME_RE.search(text)
    if match is None:
        return None, None, None
    end = match.group("end")
    return format_time(match.group("start")), format_time(end) if end else None, match.span()


# --- Cells of a table ----------------------------------------------------------------------------

_CELL_FORMATS: Final = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
    "%Y%m%d",
    "%d/%m/%Y",
    "%d.%m.%Y",
)


def parse_when(value: Any, zone: dt.tzinfo) -> dt.datetime | None:
    """A date or time from a cell (an Excel date, or text in ISO or day-first form), in the
    zone when the cell names none; None when the cell holds no date."""
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime(value.year, value.month, value.day, tzinfo=zone)
    else:
        text = str(value or "").strip()
        if not text:
            return None
        try:  # the common case, fast: 2018-05-31 or 2018-05-31 21:30
            parsed = dt.datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            return parsed.replace(tzinfo=zone) if parsed.tzinfo is None else parsed
        for pattern in _CELL_FORMATS:
            try:
                parsed = dt.datetime.strptime(text, pattern)  # noqa: DTZ007 (zone below)
                break
            except ValueError:
                continue
        else:
            return None
    return parsed.replace(tzinfo=zone) if parsed.tzinfo is None else parsed
