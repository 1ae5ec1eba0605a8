"""Reads of the police's events: a council's events of a period, and their count per type."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from samverkan.incidents.police.models import PoliceEvent
from samverkan.incidents.selectors import day_start
from samverkan.organisations.models import Council

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class TypeCount:
    type: str
    count: int


def police_events_of(
    council: Council, start: dt.date, end: dt.date, kind: str = ""
) -> QuerySet[PoliceEvent]:
    """The council's events that happened within the period (local days), newest first."""
    events = PoliceEvent.objects.filter(
        council=council, occurred_at__gte=day_start(start), occurred_at__lt=day_start(end + ONE_DAY)
    )
    return events.filter(type=kind) if kind else events


def counts_by_type(events: QuerySet[PoliceEvent]) -> list[TypeCount]:
    """How many events of each type, the most common first (one query)."""
    rows = events.order_by().values("type").annotate(n=Count("id")).order_by("-n", "type")
    return [TypeCount(r["type"], r["n"]) for r in rows]


def types_of(council: Council) -> list[str]:
    """Every type the council's events have had, for the filter."""
    return list(
        PoliceEvent.objects.filter(council=council)
        .order_by("type")
        .values_list("type", flat=True)
        .distinct()
    )
