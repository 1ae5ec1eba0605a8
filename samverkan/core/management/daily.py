"""What the daily jobs share (remind-agreements, purge-free-text, purge-contact-emails): a
`--today` to count the days from another date, for testing and for catching up by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import CommandError, CommandParser


def add_today_argument(parser: CommandParser) -> None:
    parser.add_argument(
        "--today", help="Count the days from this date (YYYY-MM-DD) instead of today."
    )


def today_from(options: dict[str, Any]) -> dt.date | None:
    """The date given with --today, or None for today; a clear error for anything else."""
    if not options.get("today"):
        return None
    try:
        return dt.date.fromisoformat(options["today"])
    except ValueError as exc:
        raise CommandError(f"Ogiltigt datum / invalid date: {options['today']}") from exc
