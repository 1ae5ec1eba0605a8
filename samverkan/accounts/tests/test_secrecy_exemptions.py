"""Keeps the secrecy matrix's list of routes that hold nothing restricted honest
(`HOLDS_NOTHING_RESTRICTED` in accounts/tests/secrecy.py): each such route is read as every
group of roles with the permission matrix's records and every marker of the secrecy matrix in
the database, and none of the markers may show. A list page that starts showing an item not
for publication, an internal note or a person's address fails here.

Its own module: the permission matrix's records are built first (their builders expect a fresh
council), then the secrecy matrix's markers beside them.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from conftest import make_council, make_other_council, make_users
from samverkan.accounts.services import api_token_create
from samverkan.accounts.tests import secrecy
from samverkan.accounts.tests.conftest import _ids as route_ids
from samverkan.accounts.tests.conftest import _user_ids as route_user_ids
from samverkan.accounts.tests.matrix import ROLES
from samverkan.accounts.tests.test_permission_matrix import API as API_ROWS
from samverkan.accounts.tests.test_permission_matrix import PAGES as PAGE_ROWS
from samverkan.accounts.tests.test_secrecy_matrix import group_of

# Every marker planted in a restricted field.
MARKERS = sorted({m for place in secrecy.PLACES for m in (*place.secrets, *place.never)})


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            council = make_council()
            users = make_users(council, make_other_council())
            shared = route_ids(council)
            ids = {role: {**shared, **route_user_ids(council, users[role])} for role in ROLES}
            for plant in secrecy.PLANTS:
                plant(council, users)
            yield council, users, ids
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _said_to_hold_nothing() -> list[tuple[str, Any]]:
    """The rows of the routes in HOLDS_NOTHING_RESTRICTED: (route, row)."""
    rows: list[tuple[str, Any]] = [(row[0], row) for row in PAGE_ROWS if row[2] == "get"]
    rows += [(f"GET {row[1]}", row) for row in API_ROWS if row[0] == "get"]
    return [(route, row) for route, row in rows if route in secrecy.HOLDS_NOTHING_RESTRICTED]


def _get_route(client: Client, route: str, row: Any, ids: dict[str, Any]) -> str:
    if not route.startswith("GET "):
        data = row[4](ids) if len(row) > 4 else None
        return secrecy.response_text(client.get(reverse(row[0], kwargs=row[1](ids)), data))
    login = secrecy.login_of(client)
    headers = {}
    if login is not None:
        headers["Authorization"] = f"Bearer {api_token_create(user=login, name='secrecy')[1]}"
    return secrecy.response_text(client.get(row[1].format(**ids), headers=headers))


@pytest.mark.parametrize(("route", "row"), _said_to_hold_nothing(), ids=lambda v: str(v)[:60])
def test_a_route_said_to_hold_nothing_restricted_shows_no_marker(
    world: Any, db: Any, route: str, row: Any
) -> None:
    council, users, route_world = world
    read: set[object] = set()
    for role in ROLES:
        group = group_of(council, users[role])
        if group in read:
            continue
        read.add(group)
        client = Client()
        if users[role] is not None:
            client.force_login(users[role])
        # when
        text = _get_route(client, route, row, route_world[role])
        # then
        leaked = [marker for marker in MARKERS if marker in text]
        assert not leaked, (
            f"{route} shows {leaked} to {role}: it holds restricted content, so take it out of "
            "HOLDS_NOTHING_RESTRICTED and give it a Place in <app>/tests/secrecy_rows.py"
        )
