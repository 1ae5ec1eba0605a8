"""Every form refuses malformed input with a 400 and a message, keeps what was typed, and
changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from samverkan.accounts.models import CouncilRole
from samverkan.core.models import AuditEvent, Feedback
from samverkan.organisations.models import Body, Council, Membership, Organisation, Person

LONG = "å" * 600


def _new_login(
    username: str = "ny", password: str = "Lång-fras-2026", email: str = ""
) -> dict[str, str]:
    return {
        "create": "1",
        "new-username": username,
        "new-password": password,
        "new-role": "viewer",
        "new-email": email,
    }


# (path template, bad POST bodies). Ids in braces are filled in from the council fixture.
FORMS: dict[str, list[dict[str, Any]]] = {
    "/councils/new/": [
        {},
        {"municipality_name": "", "name": "Rådet"},
        {"municipality_name": LONG, "name": "Rådet"},
        {"municipality_name": "Arboga", "name": "Rådet", "slug": "inte en slug!"},
        {"municipality_name": "Arboga", "name": "Rådet", "slug": "koping"},
    ],
    "/councils/koping/organisations/new/": [
        {},
        {"name": ""},
        {"name": LONG},
        {"name": "Ok", "parent": "ett"},
        {"name": "Ok", "parent": "999999"},
        {"name": "Ok", "parent": "{foreign_org}"},
        {"name": "Köpings kommun"},
    ],
    "/councils/koping/organisations/{org}/edit/": [
        {"name": ""},
        {"name": "Ok", "short_name": LONG},
        {"name": "Tekniska kontoret", "parent": "{org}"},
        {"name": "Köpings kommun"},
    ],
    "/councils/koping/organisations/{org}/end/": [
        {},
        {"ended_on": "igår"},
        {"ended_on": "2026-02-30"},
    ],
    "/councils/koping/people/new/": [
        {},
        {"name": ""},
        {"name": LONG},
        {"name": "Ok", "email": "inte-en-adress"},
        {"name": "Ok", "phone": LONG},
    ],
    "/councils/koping/people/{person}/edit/": [
        {"name": ""},
        {"name": "Ok", "email": "@@"},
    ],
    "/councils/koping/bodies/new/": [
        {},
        {"name": "Grupp", "kind": "klubb"},
        {"name": LONG, "kind": "council"},
        {"name": "Brottsförebyggande rådet", "kind": "council"},
        {"name": "Grupp", "kind": "council", "description": LONG * 4},
    ],
    "/councils/koping/bodies/{body}/edit/": [
        {"name": "", "kind": "council"},
        {"name": "Rådet", "kind": ""},
    ],
    "/councils/koping/bodies/{body}/end/": [{"ended_on": "31 dec"}],
    "/councils/koping/bodies/{body}/members/new/": [
        {},
        {"person": "{person}", "role": "kung"},
        {"person": "999999", "role": "member"},
        {"person": "{foreign_person}", "role": "member"},
        {"person": "{person}", "role": "member", "organisation": "{foreign_org}"},
        {"person": "{person}", "role": "member", "start_date": "snart"},
        {"person": "{person}", "role": "member", "title": LONG},
        {
            "person": "{person}",
            "role": "member",
            "start_date": "2026-02-01",
            "end_date": "2026-01-01",
        },
    ],
    "/councils/koping/memberships/{seat}/edit/": [
        {"role": ""},
        {"role": "member", "end_date": "inte ett datum"},
        {"role": "member", "organisation": "ett"},
    ],
    "/councils/koping/access/": [
        {"grant": "1", "grant-username": "", "grant-role": "viewer"},
        {"grant": "1", "grant-username": "finns-inte", "grant-role": "viewer"},
        {"grant": "1", "grant-username": "viewer", "grant-role": "kung"},
        {"create": "1", "new-username": "ny", "new-password": "123", "new-role": "viewer"},
        {
            "create": "1",
            "new-username": "viewer",
            "new-password": "Lång-fras-2026",
            "new-role": "viewer",
        },
        {
            "create": "1",
            "new-username": LONG,
            "new-password": "Lång-fras-2026",
            "new-role": "viewer",
        },
        {
            "create": "1",
            "new-username": "ny",
            "new-password": "Lång-fras-2026",
            "new-role": "viewer",
            "new-email": "fel",
        },
    ],
    "/tillganglighet/": [
        {},
        {"message": ""},
        {"message": "Hej", "email": "inte-en-adress"},
        {"message": LONG * 10},
    ],
    "/login/": [
        {},
        {"username": "", "password": ""},
        {"username": LONG, "password": "x"},
    ],
}
CASES = [(path, body) for path, bodies in FORMS.items() for body in bodies]
MODELS = [Council, Organisation, Person, Body, Membership, CouncilRole, User, Feedback, AuditEvent]


def _state():
    return [list(model.objects.order_by("pk").values()) for model in MODELS]


def _fill(body: dict[str, Any], ids: dict[str, int]) -> dict[str, Any]:
    filled = {}
    for key, value in body.items():
        if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
            value = str(ids[value[1:-1]])
        filled[key] = value
    return filled


@pytest.mark.parametrize(("path", "body"), CASES)
def test_bad_input_is_refused_kept_and_changes_nothing(
    client, users, council, other_council, path, body
):
    # given
    client.force_login(users["site_admin"])
    ids = {
        "org": Organisation.objects.get(council=council, name="Tekniska kontoret").pk,
        "person": Person.objects.get(name="Roger Eklund").pk,
        "body": Body.objects.get(council=council).pk,
        "seat": Membership.objects.get(body__council=council, person__name="Roger Eklund").pk,
        "foreign_org": Organisation.objects.get(council=other_council).pk,
        "foreign_person": Person.objects.create(name="Främling").pk,
    }
    if path == "/login/":
        client.logout()
    before = _state()
    # when
    response = client.post(path.format(**ids), _fill(body, ids))
    # then
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    for key, value in _fill(body, ids).items():
        # What the user typed is shown again (passwords excepted).
        if value and "password" not in key and key not in ("grant", "create") and len(value) < 200:
            assert value in html or value.isdigit(), (key, value)
    assert _state() == before
