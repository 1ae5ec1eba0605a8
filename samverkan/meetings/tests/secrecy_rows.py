"""Secrecy-matrix rows for meetings: an item not for publication (OSL 18:8) in held minutes and
on a planned meeting's notice, and the people who get the notice by e-mail
(see accounts/tests/secrecy.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverkan.accounts.services import api_token_create
from samverkan.accounts.tests.secrecy import (
    NOBODY,
    PEOPLE_READERS,
    Ids,
    Place,
    get,
    login_of,
    pdf_text,
    response_text,
)
from samverkan.meetings.models import AgendaItem, Decision, Meeting
from samverkan.meetings.services.notice import notice_send
from samverkan.organisations import services as organisations
from samverkan.organisations.models import Body, Council, Person

ITEM_TEXT = "Xqmeetitem"  # the text of an item not for publication, in held minutes
DECISION = "Xqmeetdecision"  # its decision
PRESENTER = "Xqpresenter"
NOTICE_TEXT = "Xqnoticeitem"  # the text of an item not for publication on a notice
PUBLIC_ITEM = "Xqpublicitem"  # the text of an item anyone may read
EMAIL = "xqcontact"  # the start of every planted person's e-mail address


def plant(council: Council, users: dict[str, User | None]) -> Ids:
    body = Body.objects.filter(council=council).first()
    assert body is not None
    today = timezone.localdate()
    held = Meeting.objects.create(body=body, date=today, status="held", place="Rådhuset")
    secret = AgendaItem.objects.create(
        meeting=held,
        number=1,
        title="Kameraövervakning",
        text=f"{ITEM_TEXT} om kamerorna vid Gläntan",
        presenter=PRESENTER,
        not_for_publication=True,
    )
    Decision.objects.create(item=secret, text=f"{DECISION} kameror vid Gläntan", kind="decided")
    public = AgendaItem.objects.create(
        meeting=held, number=2, title="Lägesbild", text=f"{PUBLIC_ITEM} om Gläntan"
    )
    Decision.objects.create(item=public, text="Rådet beslutar att notera.", kind="noted")

    planned = Meeting.objects.create(
        body=body, date=today + dt.timedelta(days=30), status="planned", place="Rådhuset"
    )
    AgendaItem.objects.create(
        meeting=planned,
        number=1,
        title="Väktarronder",
        text=f"{NOTICE_TEXT} om ronderna",
        not_for_publication=True,
    )
    AgendaItem.objects.create(
        meeting=planned, number=2, title="Lägesbild", text=f"{PUBLIC_ITEM} om läget"
    )
    # Every login of the council is a seated member with an address of its own.
    addresses = {}
    for role, user in users.items():
        if user is None or role in ("outsider", "site_admin"):
            continue
        person = organisations.person_create(
            actor=None, council=council, name=f"Person {role}", email=f"{EMAIL}.{role}@example.se"
        )
        organisations.person_link_user(actor=None, person=person, user=user)
        organisations.membership_create(actor=None, body=body, person=person, role="member")
        addresses[role] = person.email
    mail.outbox = []
    notice_send(actor=users["coordinator"], meeting=planned)
    notices = {}
    for message in mail.outbox:
        attached = "".join(pdf_text(content) for _name, content, _type in message.attachments)
        notices[message.to[0]] = f"{message.subject}\n{message.body}\n{attached}"
    mail.outbox = []
    return {
        "held_meeting": held.pk,
        "planned_meeting": planned.pk,
        "notice_person": next(iter(addresses.values())),
        "notices": {role: notices.get(address, "") for role, address in addresses.items()},
        "secret_meeting_person": Person.objects.get(name="Person member").pk,
    }


def _read_notice_mail(client: Client, ids: Ids) -> str:
    """The message the notice_send above sent to the person of the client's login (their
    username is their role)."""
    login = login_of(client)
    notices: dict[str, str] = ids["notices"]
    return notices.get(login.username, "") if login is not None else ""


def _read_api_people(client: Client, ids: Ids) -> str:
    login = login_of(client)
    headers = {}
    if login is not None:
        _token, key = api_token_create(user=login, name="secrecy")
        headers["Authorization"] = f"Bearer {key}"
    return response_text(client.get(f"/api/councils/{ids['slug']}/people", headers=headers))


def _meeting(name: str, key: str) -> Any:
    return get(lambda i: reverse(name, kwargs={"slug": i["slug"], "pk": i[key]}))


def _archive(name: str, query: str) -> Any:
    return get(lambda i: reverse(name, kwargs={"slug": i["slug"]}) + query)


PLACES = [
    Place(
        "meeting page",
        _meeting("meetings:meeting_detail", "held_meeting"),
        secrets=(ITEM_TEXT, DECISION, PRESENTER),
        shown=(PUBLIC_ITEM,),
    ),
    Place(
        "minutes PDF",
        _meeting("meetings:minutes_pdf", "held_meeting"),
        secrets=(ITEM_TEXT, DECISION),
        shown=(PUBLIC_ITEM,),
    ),
    Place(
        "minutes DOCX",
        _meeting("meetings:minutes_docx", "held_meeting"),
        secrets=(ITEM_TEXT, DECISION),
        shown=(PUBLIC_ITEM,),
    ),
    Place(
        "archive search",
        _archive("meetings:archive_search", "?q=Gläntan"),
        secrets=(ITEM_TEXT,),
        shown=(PUBLIC_ITEM,),
    ),
    Place(
        "decision register",
        _archive("meetings:decision_register", ""),
        secrets=(DECISION,),
        shown=("Rådet beslutar att notera.",),
    ),
    Place(
        "meeting calendar (ICS)",
        _meeting("meetings:meeting_ics", "planned_meeting"),
        secrets=(),
        never=(ITEM_TEXT, DECISION, NOTICE_TEXT),
        shown=("Rådhuset",),
    ),
    Place(
        "notice PDF",
        _meeting("meetings:notice_pdf", "planned_meeting"),
        secrets=(NOTICE_TEXT,),
        shown=(PUBLIC_ITEM,),
    ),
    Place(
        "notice DOCX",
        _meeting("meetings:notice_docx", "planned_meeting"),
        secrets=(NOTICE_TEXT,),
        shown=(PUBLIC_ITEM,),
    ),
    Place(
        "notice e-mail and its PDF",
        _read_notice_mail,
        secrets=(NOTICE_TEXT,),
        # Only the council's own logins sit on the body; the site administrator does not.
        readers=frozenset({"coordinator", "secretary", "member", "viewer"}),
        shown=(PUBLIC_ITEM, "Väktarronder"),
        shown_to=frozenset({"coordinator", "secretary", "member", "viewer", "reporter"}),
        per_login=True,
    ),
    Place(
        "person page",
        get(
            lambda i: reverse(
                "organisations:person_detail", args=[i["slug"], i["secret_meeting_person"]]
            )
        ),
        secrets=(EMAIL,),
        readers=PEOPLE_READERS,
    ),
    Place(
        "body page",
        get(lambda i: reverse("organisations:body_list", args=[i["slug"]])),
        secrets=(EMAIL,),
        readers=NOBODY,
        shown=("Brottsförebyggande rådet",),
    ),
    Place(
        "people in the API",
        _read_api_people,
        secrets=(EMAIL,),
        readers=PEOPLE_READERS,
        shown_to=NOBODY,
    ),
]
