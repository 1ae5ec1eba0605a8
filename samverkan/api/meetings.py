"""API v1 routes for meetings and decisions: reads, with the pages' rules.

Whoever sees the council reads its meetings; an item not for publication (OSL 18:8) keeps its
number and title, and its text and decisions only reach a token whose login may read such items
(`view_restricted`), as on the meeting page. The decision register leaves such decisions out
for the others, as its page does.

No `from __future__ import annotations` here: django-ninja reads the annotations at run time.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from samverkan.accounts.access import access_council, masked_for
from samverkan.api.organisations import BIGGEST_ID, Pages
from samverkan.meetings.models import DecisionKind, MeetingStatus
from samverkan.meetings.selectors import archive
from samverkan.meetings.selectors.meetings import meeting_in, meetings_of

router = Router(tags=["meetings (v1)"])


class MeetingOut(Schema):
    id: int
    body_id: int
    body: str = Field(..., alias="body.name")
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    place: str
    status: MeetingStatus
    item_count: int


class DecisionOut(Schema):
    text: str
    # One of DecisionKind, as stored; a kind written before the choices were fixed passes.
    kind: str


class ItemOut(Schema):
    id: int
    number: int
    title: str
    public: bool
    # Empty, and no decisions, for an item not for publication unless the login may read it.
    text: str
    decisions: list[DecisionOut]


class MeetingDetailOut(Schema):
    id: int
    body_id: int
    body: str
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    place: str
    status: MeetingStatus
    items: list[ItemOut]


class RegisterEntryOut(Schema):
    id: int
    meeting_id: int = Field(..., alias="item.meeting_id")
    date: dt.date = Field(..., alias="item.meeting.date")
    body: str = Field(..., alias="item.meeting.body.name")
    item_number: int = Field(..., alias="item.number")
    item_title: str = Field(..., alias="item.title")
    text: str
    kind: str


class RegisterFilter(Schema):
    year: int | None = Field(None, ge=1900, le=2999)
    kind: DecisionKind | None = None


class MeetingFilter(Schema):
    year: int | None = Field(None, ge=1900, le=2999)


@router.get("/councils/{slug}/meetings", operation_id="listMeetings", response=list[MeetingOut])
@paginate(Pages)
def list_meetings(request: HttpRequest, slug: str, filters: Query[MeetingFilter]) -> Any:
    return meetings_of(access_council(request.user, slug), year=filters.year)


@router.get("/councils/{slug}/meetings/{pk}", operation_id="getMeeting", response=MeetingDetailOut)
def get_meeting(request: HttpRequest, slug: str, pk: int) -> dict[str, Any]:
    council = access_council(request.user, slug)
    meeting = meeting_in(council, _id(pk))
    masked = masked_for(request.user, council)
    items = []
    for item in meeting.items.all():
        hidden = masked and item.not_for_publication
        items.append(
            {
                "id": item.pk,
                "number": item.number,
                "title": item.title,
                "public": not item.not_for_publication,
                "text": "" if hidden else item.text,
                "decisions": []
                if hidden
                else [{"text": d.text, "kind": d.kind} for d in item.decisions.all()],
            }
        )
    return {
        "id": meeting.pk,
        "body_id": meeting.body_id,
        "body": meeting.body.name,
        "date": meeting.date,
        "start_time": meeting.start_time,
        "end_time": meeting.end_time,
        "place": meeting.place,
        "status": meeting.status,
        "items": items,
    }


@router.get(
    "/councils/{slug}/decisions", operation_id="listDecisions", response=list[RegisterEntryOut]
)
@paginate(Pages)
def list_decisions(request: HttpRequest, slug: str, filters: Query[RegisterFilter]) -> Any:
    council = access_council(request.user, slug)
    return archive.decisions_of(
        council,
        year=filters.year,
        kind=filters.kind,
        restricted=not masked_for(request.user, council),
    )


def _id(pk: int) -> int:
    """An id the database can hold; any other is simply not found."""
    return pk if 0 < pk <= BIGGEST_ID else 0
