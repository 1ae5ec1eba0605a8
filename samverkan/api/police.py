"""API v1 routes for the police's events in the council's municipality: the notices the police
publish (public data), as the events page lists them, for whoever sees the council.

No `from __future__ import annotations` here: django-ninja reads the annotations at run time.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from samverkan.accounts.access import access_council
from samverkan.api.incidents import LONGEST_PERIOD
from samverkan.api.organisations import Pages
from samverkan.api.params import Since
from samverkan.incidents.police.selectors import police_events_of

router = Router(tags=["police events (v1)"])


class EventFilter(Schema):
    start: dt.date | None = Field(None, description="the first day; 30 days before the last")
    end: dt.date | None = Field(None, description="the last day; today")
    type: str = Field("", max_length=100, description="only events of this type")
    modified_since: Since | None = Field(
        None, description="only events stored or changed at or after this time"
    )


class PoliceEventOut(Schema):
    id: int
    event_id: int
    occurred_at: dt.datetime
    time_known: bool
    published_at: dt.datetime
    type: str
    name: str
    summary: str
    location_name: str
    url: str = Field(..., alias="link")
    modified: dt.datetime = Field(..., alias="updated_at")


@router.get(
    "/councils/{slug}/police-events", operation_id="listPoliceEvents", response=list[PoliceEventOut]
)
@paginate(Pages)
def list_police_events(request: HttpRequest, slug: str, filters: Query[EventFilter]) -> Any:
    council = access_council(request.user, slug)
    end = filters.end or timezone.localdate()
    start = filters.start or end - dt.timedelta(days=30)
    if end < start:
        raise HttpError(400, _("The period must end on or after the day it starts."))
    if end - start > LONGEST_PERIOD:
        raise HttpError(400, _("Ask for at most three years at a time."))
    events = police_events_of(council, start, end, filters.type)
    if filters.modified_since is not None:
        events = events.filter(updated_at__gte=filters.modified_since)
    return events
