"""Permission-matrix rows for OParl and the feeds (see accounts/tests/matrix.py): everyone,
without login, reads what a publishing council publishes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from samverkan.accounts.tests.matrix import EVERYONE
from samverkan.opendata.tests.published import adjust, held_meeting, notice_sent, publishing
from samverkan.organisations.models import Body, Council, Membership, Organisation, Person


def extra_ids(council: Council, user: object) -> dict[str, object]:
    publishing(council)
    body = Body.objects.filter(council=council).order_by("id").first()
    assert body is not None
    roger = Person.objects.get(name="Roger Eklund", councils=council)
    meeting = held_meeting(body, dt.date(2026, 3, 5), person=roger)
    notice_sent(meeting)
    revision = adjust(meeting)
    membership = Membership.objects.filter(person=roger, body=body).first()
    assert membership is not None
    party = Organisation.objects.filter(council=council).order_by("id").first()
    assert party is not None
    item = meeting.items.order_by("number").first()
    assert item is not None
    return {
        "oparl_body": body.pk,
        "oparl_party": party.pk,
        "oparl_person": roger.pk,
        "oparl_membership": membership.pk,
        "oparl_meeting": meeting.pk,
        "oparl_item": item.pk,
        "oparl_revision": revision.pk,
    }


def _slug(i: dict[str, Any]) -> dict[str, Any]:
    return {"slug": i["slug"]}


def _pk(key: str) -> Any:
    return lambda i: {"slug": i["slug"], "pk": i[key]}


PAGES = [
    ("opendata:oparl_system", lambda i: {}, "get", EVERYONE),
    ("opendata:oparl_bodies", lambda i: {}, "get", EVERYONE),
    ("opendata:oparl_body", _slug, "get", EVERYONE),
    ("opendata:oparl_organizations", _slug, "get", EVERYONE),
    ("opendata:oparl_people", _slug, "get", EVERYONE),
    ("opendata:oparl_memberships", _slug, "get", EVERYONE),
    ("opendata:oparl_meetings", _slug, "get", EVERYONE),
    ("opendata:oparl_papers", _slug, "get", EVERYONE),
    ("opendata:oparl_locations", _slug, "get", EVERYONE),
    ("opendata:oparl_files", _slug, "get", EVERYONE),
    ("opendata:oparl_body_organization", _pk("oparl_body"), "get", EVERYONE),
    ("opendata:oparl_party_organization", _pk("oparl_party"), "get", EVERYONE),
    ("opendata:oparl_person", _pk("oparl_person"), "get", EVERYONE),
    ("opendata:oparl_membership", _pk("oparl_membership"), "get", EVERYONE),
    ("opendata:oparl_meeting", _pk("oparl_meeting"), "get", EVERYONE),
    (
        "opendata:oparl_agenda_item",
        lambda i: {"slug": i["slug"], "meeting": i["oparl_meeting"], "pk": i["oparl_item"]},
        "get",
        EVERYONE,
    ),
    ("opendata:oparl_location", _pk("oparl_meeting"), "get", EVERYONE),
    ("opendata:oparl_file", _pk("oparl_revision"), "get", EVERYONE),
    ("opendata:oparl_notice_file", _pk("oparl_meeting"), "get", EVERYONE),
    ("opendata:oparl_notice_pdf", _pk("oparl_meeting"), "get", EVERYONE),
    ("opendata:notice_board_feed", _slug, "get", EVERYONE),
    ("opendata:minutes_feed", _slug, "get", EVERYONE),
]
