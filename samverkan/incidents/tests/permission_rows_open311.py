"""Permission-matrix rows for Open311: open to every caller, whatever their login.

Apps authenticate with an Open311 API key, not a login: the answer never depends on the
role. Creating a request is tested with and without keys in test_open311.py.
"""

from __future__ import annotations

from samverkan.accounts.tests.matrix import EVERYONE
from samverkan.incidents.models import Category, Open311Request
from samverkan.incidents.open311.keys import key_create
from samverkan.incidents.open311.services import open311_request_create
from samverkan.incidents.services.categories import categories_ensure_defaults
from samverkan.incidents.services.incidents import Where
from samverkan.organisations.models import Council


def extra_ids(council: Council, user: object) -> dict[str, object]:
    Council.objects.filter(pk=council.pk).update(publishes=True)
    categories_ensure_defaults(council=council)
    glass = Category.objects.get(council=council, code="broken_glass")
    key = key_create(name=f"matrix {Council.objects.count()} {user}")[0]
    incident = open311_request_create(
        key=key,
        council=council,
        category=glass,
        where=Where(address="Torget"),
        description="Krossad ruta.",
        contact_email="",
    )
    token = Open311Request.objects.get(incident=incident).token
    return {"o311_request": incident.pk, "o311_token": token}


PAGES = [
    ("incidents:open311_discovery", lambda i: {"fmt": "json"}, "get", EVERYONE),
    ("incidents:open311_services", lambda i: {"fmt": "xml"}, "get", EVERYONE),
    (
        "incidents:open311_service_definition",
        lambda i: {"fmt": "json", "code": "broken_glass"},
        "get",
        EVERYONE,
    ),
    ("incidents:open311_requests", lambda i: {"fmt": "json"}, "get", EVERYONE),
    (
        # Awaiting moderation: read by the app that sent it, with its token.
        "incidents:open311_request",
        lambda i: {"fmt": "xml", "request_id": str(i["o311_request"])},
        "get",
        EVERYONE,
        lambda i: {"token": i["o311_token"]},
    ),
    (
        "incidents:open311_token",
        lambda i: {"fmt": "json", "token_id": i["o311_token"]},
        "get",
        EVERYONE,
    ),
]
