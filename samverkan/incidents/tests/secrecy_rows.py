"""Secrecy-matrix rows for incidents: a citizen's e-mail address for feedback, which only
those who change records read on the report's page, and a report's free text, which no public
output holds (see accounts/tests/secrecy.py)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.urls import reverse

from samverkan.accounts.tests.secrecy import EVERYONE, NOBODY, Ids, Place, get
from samverkan.incidents.models import Category
from samverkan.incidents.open311.keys import key_create
from samverkan.incidents.open311.services import open311_request_create
from samverkan.incidents.services.categories import categories_ensure_defaults
from samverkan.incidents.services.incidents import Where
from samverkan.organisations.models import Council

CITIZEN_EMAIL = "xqcitizen@example.se"
DESCRIPTION = "Xqdescription"
CHANGE_RECORDS = frozenset({"site_admin", "coordinator", "secretary"})


def plant(council: Council, users: dict[str, User | None]) -> Ids:
    Council.objects.filter(pk=council.pk).update(publishes=True)
    categories_ensure_defaults(council=council)
    glass = Category.objects.get(council=council, code="broken_glass")
    key = key_create(name="secrecy")[0]
    incident = open311_request_create(
        key=key,
        council=council,
        category=glass,
        where=Where(address="Torget"),
        description=f"{DESCRIPTION} krossad ruta",
        contact_email=CITIZEN_EMAIL,
    )
    return {"citizen_incident": incident.pk}


PLACES = [
    Place(
        "incident page",
        get(
            lambda i: reverse("incidents:incident_detail", args=[i["slug"], i["citizen_incident"]])
        ),
        secrets=(CITIZEN_EMAIL,),
        readers=CHANGE_RECORDS,
        shown=("Torget",),
        shown_to=CHANGE_RECORDS,
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
        never=(CITIZEN_EMAIL,),
    ),
    Place(
        "Open311 requests",
        get(lambda i: reverse("incidents:open311_requests", kwargs={"fmt": "xml"})),
        secrets=(),
        never=(CITIZEN_EMAIL,),
        shown_to=NOBODY,
    ),
    Place(
        "public situational picture",
        get(lambda i: reverse("incidents:public_dashboard", args=[i["slug"]])),
        secrets=(),
        never=(CITIZEN_EMAIL, DESCRIPTION),
        shown=("Brottsförebyggande rådet",),
        shown_to=EVERYONE,
    ),
]
