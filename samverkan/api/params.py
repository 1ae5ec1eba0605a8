"""Query parameters the API's areas share."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.utils import timezone
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError


def _since(value: dt.datetime) -> dt.datetime:
    """A time to compare stored times with, in UTC: one without an offset is the council's
    local time. Only 1900–2100: an offset such as +23:55 on a date far back is valid ISO 8601
    but out of PostgreSQL's range (a server error before this check)."""
    if not 1900 <= value.year <= 2100:
        raise PydanticCustomError("time_out_of_range", "Give a time between 1900 and 2100.")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value.astimezone(dt.UTC)


# modified_since and the like: a time with or without its offset, read as UTC.
Since = Annotated[dt.datetime, AfterValidator(_since)]
