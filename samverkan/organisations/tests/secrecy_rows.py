"""Secrecy-matrix rows for a person's data (docs/design/personal-data.md): the ZIP handed out
about one person holds their own contact details, for those who manage access, and never another
person's, nor the text of an item not for publication (see accounts/tests/secrecy.py).

The people are those meetings/tests/secrecy_rows.py seats on the body, each with an address of
their own; the export read is the coordinator's, whose login made the council's records
(activities from a decision not for publication, internal notes, the notice)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.urls import reverse

from samverkan.accounts.tests.secrecy import Ids, Place, get
from samverkan.meetings.tests.secrecy_rows import DECISION, EMAIL, ITEM_TEXT, NOTICE_TEXT
from samverkan.organisations.models import Council, Person

MANAGE_ACCESS = frozenset({"site_admin", "coordinator"})
SUBJECT = f"{EMAIL}.coordinator@example.se"
OTHERS = tuple(f"{EMAIL}.{role}@" for role in ("secretary", "member", "reporter", "viewer"))


def plant(council: Council, users: dict[str, User | None]) -> Ids:
    return {"data_subject_person": Person.objects.get(email=SUBJECT).pk}


PLACES = [
    Place(
        "a person's data export",
        get(
            lambda i: reverse(
                "organisations:person_data_export", args=[i["slug"], i["data_subject_person"]]
            )
        ),
        secrets=(SUBJECT,),
        readers=MANAGE_ACCESS,
        never=(*OTHERS, ITEM_TEXT, DECISION, NOTICE_TEXT),
        shown=("Person coordinator",),
        shown_to=MANAGE_ACCESS,
        routes=("organisations:person_data_export",),
    ),
]
