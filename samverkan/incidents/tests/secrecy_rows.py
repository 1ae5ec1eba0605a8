"""Secrecy-matrix rows for incidents: a citizen's e-mail address for feedback, which only
those who change records read on the report's page, and a report's free text, which no public
output holds (see accounts/tests/secrecy.py)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import make_user
from samverkan.accounts.models import Role
from samverkan.accounts.services import mail_choices_change
from samverkan.accounts.tests.secrecy import (
    CHANGE_RECORDS,
    EVERYONE,
    NOBODY,
    Ids,
    Place,
    get,
    login_of,
)
from samverkan.core.models import MailSending
from samverkan.incidents.models import Category, Open311Request
from samverkan.incidents.open311.keys import key_create
from samverkan.incidents.open311.services import open311_request_create
from samverkan.incidents.services.categories import categories_ensure_defaults
from samverkan.incidents.services.incidents import What, Where, incident_report
from samverkan.organisations.models import Council


def _queued_mail(client: Client, ids: Ids) -> str:
    """Every mail queued for the client's login (subject and body), as the worker sends it."""
    login = login_of(client)
    if login is None:
        return ""
    return "\n".join(
        f"{sending.subject}\n{sending.body}"
        for sending in MailSending.objects.filter(recipient=login).order_by("pk")
    )


CITIZEN_EMAIL = "xqcitizen@example.se"
REPORTER_LOGIN = "xqcaretaker"  # the login that made a partner's report: personal data
DESCRIPTION = "Xqdescription"


def plant(council: Council, users: dict[str, User | None]) -> Ids:
    Council.objects.filter(pk=council.pk).update(publishes=True)
    categories_ensure_defaults(council=council)
    glass = Category.objects.get(council=council, code="broken_glass")
    key = key_create(name="secrecy")[0]
    # The coordinator wants a word at once when a citizen's report waits: the mail is a place.
    coordinator = users["coordinator"]
    assert coordinator is not None
    coordinator.email = "xqcoordinator@example.se"
    coordinator.save(update_fields=["email"])
    mail_choices_change(
        actor=coordinator, user=coordinator, minutes_approval=True, moderation="at_once"
    )
    incident = open311_request_create(
        key=key,
        council=council,
        category=glass,
        where=Where(address="Torget"),
        description=f"{DESCRIPTION} krossad ruta",
        contact_email=CITIZEN_EMAIL,
    )
    caretaker = make_user(REPORTER_LOGIN, council, Role.REPORTER)
    partner = incident_report(
        actor=caretaker,
        council=council,
        where=Where(address="Gläntan"),
        what=What(category=glass, occurred_from=timezone.now() - dt.timedelta(hours=2)),
    )
    return {
        "citizen_incident": incident.pk,
        "citizen_token": Open311Request.objects.get(incident=incident).token,
        "partner_incident": partner.pk,
    }


# Who reads the list of reports (view_incidents): those who review them and the police member.
LIST_READERS = frozenset({"site_admin", "coordinator", "secretary", "police"})

PLACES = [
    Place(
        "list of incident reports",
        get(lambda i: reverse("incidents:incident_list", args=[i["slug"]])),
        secrets=(),
        # Where and what, never what was written, by whom or a citizen's address.
        never=(CITIZEN_EMAIL, DESCRIPTION, REPORTER_LOGIN),
        shown=("Torget", "Gläntan"),
        shown_to=LIST_READERS,
        routes=("incidents:incident_list",),
    ),
    Place(
        "partner's incident report",
        get(
            lambda i: reverse("incidents:incident_detail", args=[i["slug"], i["partner_incident"]])
        ),
        secrets=(REPORTER_LOGIN,),
        # Another partner's report is for those who review reports (change_records).
        readers=CHANGE_RECORDS,
        shown=("Gläntan",),
        shown_to=CHANGE_RECORDS,
        routes=("incidents:incident_detail",),
    ),
    Place(
        "incident page",
        get(
            lambda i: reverse("incidents:incident_detail", args=[i["slug"], i["citizen_incident"]])
        ),
        secrets=(CITIZEN_EMAIL,),
        readers=CHANGE_RECORDS,
        shown=("Torget",),
        shown_to=CHANGE_RECORDS,
        routes=("incidents:incident_detail",),
    ),
    Place(
        "Open311 request",
        get(
            lambda i: reverse(
                "incidents:open311_request",
                kwargs={"fmt": "json", "request_id": str(i["citizen_incident"])},
            )
        ),
        secrets=(),
        # Pending: without its token the same 404 as an unknown id.
        never=(CITIZEN_EMAIL, DESCRIPTION, "Torget"),
        routes=("incidents:open311_request",),
    ),
    Place(
        "Open311 pending request read with its token",
        get(
            lambda i: (
                reverse(
                    "incidents:open311_request",
                    kwargs={"fmt": "json", "request_id": str(i["citizen_incident"])},
                )
                + f"?token={i['citizen_token']}"
            )
        ),
        secrets=(),
        # The app that sent it learns its status, nothing a citizen wrote nor where.
        never=(CITIZEN_EMAIL, DESCRIPTION, "Torget"),
        shown=("broken_glass",),
        shown_to=EVERYONE,
        routes=("incidents:open311_request",),
    ),
    Place(
        "Open311 requests",
        get(lambda i: reverse("incidents:open311_requests", kwargs={"fmt": "xml"})),
        secrets=(),
        never=(CITIZEN_EMAIL, DESCRIPTION),
        shown_to=NOBODY,
        routes=("incidents:open311_requests",),
    ),
    Place(
        "mail to a moderator about a citizen's report",
        _queued_mail,
        secrets=(),
        # The number, category and a link: never what the citizen wrote or their address.
        never=(CITIZEN_EMAIL, DESCRIPTION, "Torget"),
        shown=("väntar",),
        shown_to=frozenset({"coordinator"}),
        per_login=True,
    ),
]
