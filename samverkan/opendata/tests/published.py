"""Published minutes for the tests of OParl and the feeds: built as the adjustment flow leaves
them (frozen content, adjusted, posted), without its audit events."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from samverkan.meetings.minutes_content import content_hash, minutes_content
from samverkan.meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    MinutesRevision,
    NoticeDispatch,
    Posting,
    Signature,
)
from samverkan.meetings.selectors.meetings import meeting_in
from samverkan.organisations.models import Body, Council, Person

SECRET_TEXT = "Xqoparlsecret"  # the text of an item not for publication
SECRET_DECISION = "Xqoparldecision"  # its decision
PUBLIC_TEXT = "Xqoparlpublic"  # the text of an item anyone may read
PUBLIC_DECISION = "Rådet beslutar att notera lägesbilden."

# The official OParl 1.1 schemas (OParl/spec, schema/*.json at 0ca3435), reduced to what the
# tests check: required properties, types, formats and patterns, and which objects are embedded.
SCHEMAS: dict[str, Any] = json.loads(
    (Path(__file__).parent / "oparl_schemas.json").read_text(encoding="utf-8")
)


OPARL = "http://testserver/oparl/1.1/"


def publishing(council: Council) -> Council:
    """The council publishes (its bodies publish their minutes unless told not to)."""
    Council.objects.filter(pk=council.pk).update(publishes=True)
    council.refresh_from_db()
    return council


def links_in(value: Any) -> list[str]:
    """The OParl addresses in an answer."""
    if isinstance(value, str):
        return [value] if value.startswith(OPARL) else []
    if isinstance(value, dict):
        return [link for entry in value.values() for link in links_in(entry)]
    if isinstance(value, list):
        return [link for entry in value for link in links_in(entry)]
    return []


def crawl(client: Client, start: str = OPARL) -> dict[str, HttpResponse]:
    """Every OParl address reachable from `start` by links, with what it answered; a client
    that follows every link, as a mirror does."""
    seen: dict[str, HttpResponse] = {}
    queue = [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        assert isinstance(response, HttpResponse)  # noqa: S101 (OParl never streams)
        seen[url] = response
        if response.status_code == 200 and response["Content-Type"].startswith("application/json"):
            queue += links_in(json.loads(response.content))
    return seen


def held_meeting(body: Body, day: dt.date, *, person: Person | None = None) -> Meeting:
    """A held meeting with an item not for publication, a public item, a guest and an adjuster
    (`person`, if given, is present and linked)."""
    meeting = Meeting.objects.create(
        body=body,
        date=day,
        status="held",
        place="Rådhuset, sal 3",
        start_time=dt.time(13, 15),
        end_time=dt.time(15, 0),
    )
    secret = AgendaItem.objects.create(
        meeting=meeting,
        number=1,
        title="Kameraövervakning",
        text=f"{SECRET_TEXT} om kamerorna vid Gläntan",
        presenter="Xqoparlpresenter",
        not_for_publication=True,
    )
    Decision.objects.create(item=secret, text=f"{SECRET_DECISION} kameror", kind="adopted")
    public = AgendaItem.objects.create(
        meeting=meeting, number=2, title="Lägesbild", text=f"{PUBLIC_TEXT} om läget"
    )
    Decision.objects.create(item=public, text=PUBLIC_DECISION, kind="noted")
    if person is not None:
        Attendance.objects.create(
            meeting=meeting, person=person, name=person.name, kind="present", position=1
        )
        Signature.objects.create(meeting=meeting, role="adjuster", name=person.name, person=person)
    Attendance.objects.create(meeting=meeting, name="Gästa Gästsson", kind="guest")
    Attendance.objects.create(meeting=meeting, name="Frånvaro Frånvarosson", kind="absent")
    return meeting


def adjust(meeting: Meeting, *, number: int = 1) -> MinutesRevision:
    """Freeze the working copy as revision `number`, adjusted now and on the notice board."""
    content = minutes_content(meeting_in(meeting.body.council, meeting.pk))
    revision = MinutesRevision.objects.create(
        meeting=meeting,
        number=number,
        content=content,
        content_hash=content_hash(content),
        adjusted_at=timezone.now(),
    )
    today = timezone.localdate()
    Posting.objects.create(
        revision=revision,
        posted_on=today,
        removed_on=today + dt.timedelta(weeks=3),
        kept_at="Kommunledningskontoret",
    )
    return revision


def notice_sent(meeting: Meeting) -> NoticeDispatch:
    """That the notice went to the members (as notice_send records it)."""
    return NoticeDispatch.objects.create(meeting=meeting, recipient_count=3)
