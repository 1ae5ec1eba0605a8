"""Secrecy-matrix rows for OParl and the feeds (see accounts/tests/secrecy.py): a client that
crawls OParl from the System, and the Atom feeds, read as every role, never get the text or
decision of an item not for publication, a presenter of one, or anyone's e-mail address, of
this area's meeting or of the meetings area's planted minutes."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from samverkan.accounts.tests.secrecy import EVERYONE, Ids, Place, get, response_text
from samverkan.meetings.tests import secrecy_rows as meetings_rows
from samverkan.opendata.tests.published import (
    PUBLIC_TEXT,
    SECRET_DECISION,
    SECRET_TEXT,
    adjust,
    crawl,
    held_meeting,
    notice_sent,
    publishing,
)
from samverkan.organisations.models import Body, Council, Person

NEVER = (
    SECRET_TEXT,
    SECRET_DECISION,
    "Xqoparlpresenter",
    meetings_rows.ITEM_TEXT,
    meetings_rows.DECISION,
    meetings_rows.PRESENTER,
    meetings_rows.NOTICE_TEXT,
    meetings_rows.EMAIL,
    "@example.se",
)


def plant(council: Council, users: dict[str, User | None]) -> Ids:
    publishing(council)
    body = Body.objects.filter(council=council).order_by("id").first()
    assert body is not None
    Body.objects.filter(pk=body.pk).update(publishes_minutes=True)
    roger = Person.objects.get(name="Roger Eklund", councils=council)
    meeting = held_meeting(body, dt.date(2026, 2, 5), person=roger)
    notice_sent(meeting)
    adjust(meeting)
    return {}


def _crawled(client: Client, ids: Ids) -> str:
    return "\n".join(response_text(response) for response in crawl(client).values())


_OPARL_ROUTES = tuple(
    f"opendata:oparl_{name}"
    for name in (
        "system",
        "bodies",
        "body",
        "organizations",
        "people",
        "memberships",
        "meetings",
        "papers",
        "locations",
        "files",
        "body_organization",
        "party_organization",
        "person",
        "membership",
        "meeting",
        "agenda_item",
        "location",
        "file",
        "notice_file",
        "notice_pdf",
    )
)

PLACES = [
    Place(
        "OParl, crawled from the System",
        _crawled,
        secrets=(),
        never=NEVER,
        shown=(PUBLIC_TEXT, "Kameraövervakning", "Roger Eklund"),
        shown_to=EVERYONE,
        routes=_OPARL_ROUTES,
    ),
    Place(
        "the notice board's Atom feed",
        get(lambda i: reverse("opendata:notice_board_feed", kwargs={"slug": i["slug"]})),
        secrets=(),
        never=NEVER,
        shown=("Brottsförebyggande rådet 2026-02-05",),
        shown_to=EVERYONE,
        routes=("opendata:notice_board_feed",),
    ),
    Place(
        "the published minutes' Atom feed",
        get(lambda i: reverse("opendata:minutes_feed", kwargs={"slug": i["slug"]})),
        secrets=(),
        never=NEVER,
        shown=("Brottsförebyggande rådet 2026-02-05",),
        shown_to=EVERYONE,
        routes=("opendata:minutes_feed",),
    ),
]
