"""Secrecy-matrix rows for meetings: an item not for publication (OSL 18:8) in held minutes and
on a planned meeting's notice, and the people who get the notice by e-mail
(see accounts/tests/secrecy.py)."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any
from unittest import mock

from django.contrib.auth.models import User
from django.core import mail
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverkan.accounts.services import api_token_create
from samverkan.accounts.tests.secrecy import (
    EVERYONE,
    NOBODY,
    PEOPLE_READERS,
    Ids,
    Place,
    get,
    login_of,
    pdf_text,
    response_text,
)
from samverkan.meetings.minutes_content import content_hash, minutes_content
from samverkan.meetings.models import (
    AgendaItem,
    Decision,
    ItemFile,
    Meeting,
    MinutesRevision,
    Posting,
)
from samverkan.meetings.selectors.meetings import meeting_in
from samverkan.meetings.services.feeds import calendar_feed_create
from samverkan.meetings.services.notice import notice_send
from samverkan.organisations.models import Body, Council, Membership, Person
from samverkan.organisations.services import (
    membership_create,
    person_create,
    person_link_user,
)

ITEM_TEXT = "Xqmeetitem"  # the text of an item not for publication, in held minutes
DECISION = "Xqmeetdecision"  # its decision
PRESENTER = "Xqpresenter"
NOTICE_TEXT = "Xqnoticeitem"  # the text of an item not for publication on a notice
NOTICE_FILE = "Xqnoticefile"  # a document of that item, attached to the notice e-mail
PUBLIC_FILE = "underlag-lagesbild.pdf"  # a document of an item anyone may read, attached too
PUBLIC_ITEM = "Xqpublicitem"  # the text of an item anyone may read
EMAIL = "xqcontact"  # the start of every planted person's e-mail address


def _held_with_secret(body: Body, day: dt.date) -> Meeting:
    held = Meeting.objects.create(body=body, date=day, status="held", place="Rådhuset")
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
    return held


def _adjusted_and_posted(meeting: Meeting) -> MinutesRevision:
    """The minutes frozen as revision 1, adjusted and on the notice board (as the adjustment
    flow leaves them)."""
    content = minutes_content(meeting_in(meeting.body.council, meeting.pk))
    revision = MinutesRevision.objects.create(
        meeting=meeting,
        number=1,
        content=content,
        content_hash=content_hash(content),
        adjusted_at=timezone.now(),
    )
    today = timezone.localdate()
    Posting.objects.create(
        revision=revision, posted_on=today, removed_on=today + dt.timedelta(weeks=3), kept_at="x"
    )
    return revision


def plant(council: Council, users: dict[str, User | None]) -> Ids:
    Council.objects.filter(pk=council.pk).update(publishes=True)
    body = Body.objects.filter(council=council).first()
    assert body is not None
    Body.objects.filter(pk=body.pk).update(publishes_minutes=True)
    today = timezone.localdate()
    held = _held_with_secret(body, today)
    adjusted = _held_with_secret(body, today - dt.timedelta(days=7))
    revision = _adjusted_and_posted(adjusted)

    planned = Meeting.objects.create(
        body=body, date=today + dt.timedelta(days=30), status="planned", place="Rådhuset"
    )
    rounds = AgendaItem.objects.create(
        meeting=planned,
        number=1,
        title="Väktarronder",
        text=f"{NOTICE_TEXT} om ronderna",
        not_for_publication=True,
    )
    situation = AgendaItem.objects.create(
        meeting=planned, number=2, title="Lägesbild", text=f"{PUBLIC_ITEM} om läget"
    )
    # Stored as item_file_add would, without its audit events (the console's trail is paged).
    for item, name in ((rounds, f"{NOTICE_FILE}.pdf"), (situation, PUBLIC_FILE)):
        content = f"%PDF-1.4\n% {name}\n".encode()
        item_file = ItemFile(item=item, filename=name, content_type="application/pdf")
        item_file.size = len(content)
        item_file.file.save(f"{secrets.token_hex(8)}.pdf", ContentFile(content), save=True)
    # Every login of the council is a seated member with an address of its own.
    addresses = {}
    for role, user in users.items():
        if user is None or role in ("outsider", "site_admin"):
            continue
        email = f"{EMAIL}.{role}@example.se"
        # A login may already act as a person, seated already: the police member, and the
        # permission matrix's partner on a joint walk.
        person = Person.objects.filter(user=user).first()
        if person is None:
            person = person_create(actor=None, council=council, name=f"Person {role}", email=email)
            person_link_user(actor=None, person=person, user=user)
            membership_create(actor=None, body=body, person=person, role="member")
        else:
            Person.objects.filter(pk=person.pk).update(email=email)
        addresses[role] = email
    mail.outbox = []
    # The notice's mails are queued (core/mail.py); here they leave at once, to be read.
    with mock.patch("samverkan.core.mail._after_commit", lambda enqueue: enqueue()):
        notice_send(actor=users["coordinator"], meeting=planned)
    notices = {}
    for message in mail.outbox:
        # The notice's own PDF first, then the item documents as they are.
        [(_name, notice, _type), *documents] = message.attachments
        attached = pdf_text(notice) + "".join(
            f"\n{name}\n{content.decode('latin-1')}" for name, content, _type in documents
        )
        notices[message.to[0]] = f"{message.subject}\n{message.body}\n{attached}"
    mail.outbox = []
    coordinator = users["coordinator"]
    assert coordinator is not None
    feed = calendar_feed_create(actor=coordinator, body=body, user=coordinator)
    member = Person.objects.get(name="Person member")
    return {
        "adjusted_meeting": adjusted.pk,
        "adjusted_revision": revision.pk,
        "calendar_feed": feed.token,
        "secret_meeting_membership": Membership.objects.get(person=member).pk,
        "held_meeting": held.pk,
        "planned_meeting": planned.pk,
        "notice_person": next(iter(addresses.values())),
        "notices": {role: notices.get(address, "") for role, address in addresses.items()},
        "secret_meeting_person": member.pk,
        "secret_body": body.pk,
    }


def _read_notice_mail(client: Client, ids: Ids) -> str:
    """The message the notice_send above sent to the person of the client's login (their
    username is their role)."""
    login = login_of(client)
    notices: dict[str, str] = ids["notices"]
    return notices.get(login.username, "") if login is not None else ""


def _api(path: str) -> Any:
    """A place read through the JSON API with a token of the client's login."""

    def read(client: Client, ids: Ids) -> str:
        login = login_of(client)
        headers = {}
        if login is not None:
            _token, key = api_token_create(user=login, name="secrecy")
            headers["Authorization"] = f"Bearer {key}"
        url = "/api/councils/{slug}/" + path.format(**ids)
        return response_text(client.get(url.replace("{slug}", ids["slug"]), headers=headers))

    return read


def _meeting(name: str, key: str) -> Any:
    return get(lambda i: reverse(name, kwargs={"slug": i["slug"], "pk": i[key]}))


def _meeting_of_body(name: str) -> Any:
    return get(lambda i: reverse(name, kwargs={"slug": i["slug"], "pk": i["secret_body"]}))


def _archive(name: str, query: str) -> Any:
    return get(lambda i: reverse(name, kwargs={"slug": i["slug"]}) + query)


PLACES = [
    Place(
        "meeting page",
        _meeting("meetings:meeting_detail", "held_meeting"),
        secrets=(ITEM_TEXT, DECISION, PRESENTER),
        shown=(PUBLIC_ITEM,),
        routes=("meetings:meeting_detail",),
    ),
    Place(
        "minutes PDF",
        _meeting("meetings:minutes_pdf", "held_meeting"),
        secrets=(ITEM_TEXT, DECISION),
        shown=(PUBLIC_ITEM,),
        routes=("meetings:minutes_pdf",),
    ),
    Place(
        "minutes DOCX",
        _meeting("meetings:minutes_docx", "held_meeting"),
        secrets=(ITEM_TEXT, DECISION),
        shown=(PUBLIC_ITEM,),
        routes=("meetings:minutes_docx",),
    ),
    Place(
        "archive search",
        _archive("meetings:archive_search", "?q=Gläntan"),
        secrets=(ITEM_TEXT,),
        shown=(PUBLIC_ITEM,),
        routes=("meetings:archive_search",),
    ),
    Place(
        "decision register",
        _archive("meetings:decision_register", ""),
        secrets=(DECISION,),
        shown=("Rådet beslutar att notera.",),
        routes=("meetings:decision_register",),
    ),
    Place(
        "meeting calendar (ICS)",
        _meeting("meetings:meeting_ics", "planned_meeting"),
        secrets=(),
        never=(ITEM_TEXT, DECISION, NOTICE_TEXT),
        shown=("Rådhuset",),
        routes=("meetings:meeting_ics",),
    ),
    Place(
        "notice PDF",
        _meeting("meetings:notice_pdf", "planned_meeting"),
        secrets=(NOTICE_TEXT,),
        shown=(PUBLIC_ITEM,),
        routes=("meetings:notice_pdf",),
    ),
    Place(
        "notice DOCX",
        _meeting("meetings:notice_docx", "planned_meeting"),
        secrets=(NOTICE_TEXT,),
        shown=(PUBLIC_ITEM,),
        routes=("meetings:notice_docx",),
    ),
    Place(
        "notice e-mail and its PDF",
        _read_notice_mail,
        # The text of an item not for publication, and its document, attached or linked.
        secrets=(NOTICE_TEXT, NOTICE_FILE),
        # Only the council's own logins sit on the body; the site administrator does not. A
        # viewer on the body's list gets the public version, as a reporter does.
        readers=frozenset({"coordinator", "secretary", "member", "police"}),
        shown=(PUBLIC_ITEM, "Väktarronder", PUBLIC_FILE),
        shown_to=frozenset({"coordinator", "secretary", "member", "police", "viewer", "reporter"}),
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
        routes=("organisations:person_detail",),
    ),
    Place(
        "body page",
        get(lambda i: reverse("organisations:body_list", args=[i["slug"]])),
        secrets=(EMAIL,),
        readers=NOBODY,
        shown=("Brottsförebyggande rådet",),
        routes=("organisations:body_list",),
    ),
    Place(
        "people in the API",
        _api("people"),
        secrets=(EMAIL,),
        readers=PEOPLE_READERS,
        shown_to=NOBODY,
        routes=("GET /api/councils/{slug}/people",),
    ),
    Place(
        "a person in the API",
        _api("people/{secret_meeting_person}"),
        secrets=(EMAIL,),
        readers=PEOPLE_READERS,
        shown_to=NOBODY,
        routes=("GET /api/councils/{slug}/people/{person}",),
    ),
    Place(
        "memberships in the API",
        _api("memberships"),
        secrets=(EMAIL,),
        readers=NOBODY,
        shown=("Person member",),
        shown_to=PEOPLE_READERS,
        routes=("GET /api/councils/{slug}/memberships",),
    ),
    Place(
        "a membership in the API",
        _api("memberships/{secret_meeting_membership}"),
        secrets=(EMAIL,),
        readers=NOBODY,
        shown=("Person member",),
        shown_to=PEOPLE_READERS,
        routes=("GET /api/councils/{slug}/memberships/{membership}",),
    ),
    Place(
        "body's members",
        _meeting_of_body("organisations:body_detail"),
        secrets=(EMAIL,),
        readers=NOBODY,
        shown=("Person member",),
        shown_to=PEOPLE_READERS,
        routes=("organisations:body_detail",),
    ),
    Place(
        "revision of adjusted minutes",
        get(
            lambda i: reverse(
                "meetings:revision_detail",
                kwargs={"slug": i["slug"], "pk": i["adjusted_meeting"], "number": 1},
            )
        ),
        secrets=(ITEM_TEXT, DECISION),
        shown=(PUBLIC_ITEM,),
        routes=("meetings:revision_detail",),
    ),
    Place(
        "public minutes",
        _meeting("meetings:public_minutes", "adjusted_revision"),
        secrets=(),
        never=(ITEM_TEXT, DECISION, PRESENTER),
        shown=(PUBLIC_ITEM,),
        shown_to=EVERYONE,
        routes=("meetings:public_minutes",),
    ),
    Place(
        "public minutes PDF",
        _meeting("meetings:public_minutes_pdf", "adjusted_revision"),
        secrets=(),
        never=(ITEM_TEXT, DECISION, PRESENTER),
        shown=(PUBLIC_ITEM,),
        shown_to=EVERYONE,
        routes=("meetings:public_minutes_pdf",),
    ),
    Place(
        "notice board",
        get(lambda i: reverse("meetings:notice_board", kwargs={"slug": i["slug"]}) + "?all=1"),
        secrets=(),
        never=(ITEM_TEXT, DECISION, PRESENTER, EMAIL),
        shown=("Brottsförebyggande rådet",),
        shown_to=EVERYONE,
        routes=("meetings:notice_board",),
    ),
    Place(
        "private calendar feed",
        get(lambda i: reverse("meetings:calendar_feed", args=[i["calendar_feed"]])),
        secrets=(),
        never=(ITEM_TEXT, DECISION, NOTICE_TEXT, PRESENTER),
        shown=("Rådhuset",),
        shown_to=EVERYONE,
        routes=("meetings:calendar_feed",),
    ),
]
