"""Every place restricted content can reach, read as every role: the markers planted in the
restricted fields reach the roles that may read them and no other (accounts/tests/secrecy.py).

The permission matrix says who may open a route; this one says what they read there. It is the
test that would have caught an activity showing a decision not for publication to a partner's
reporter, internal status notes on the activity page, and an unmasked notice in the mail.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client

from conftest import make_council, make_other_council, make_users
from samverkan.accounts.access import capabilities_in
from samverkan.accounts.tests import secrecy
from samverkan.accounts.tests.matrix import ROLES
from samverkan.accounts.tests.test_permission_matrix import API as API_ROWS
from samverkan.accounts.tests.test_permission_matrix import PAGES as PAGE_ROWS
from samverkan.organisations.models import Council

PLACES = secrecy.PLACES
CHANGE_RECORDS = secrecy.CHANGE_RECORDS


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """The council, one login per role and the planted markers, built once for the module
    in a transaction rolled back at its end (as the permission matrix does)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            council = make_council()
            users = make_users(council, make_other_council())
            ids: dict[str, Any] = {"slug": council.slug}
            for plant in secrecy.PLANTS:
                ids.update(plant(council, users))
            yield council, users, ids, {}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def group_of(council: Council, user: User | None) -> object:
    """Roles whose capabilities in the council are the same read the same: a document is
    rendered once per such group (PDFs take a second each)."""
    if user is None:
        return "anonymous"
    return (user.is_authenticated, frozenset(capabilities_in(user, council)))


def _read(world: Any, place: secrecy.Place, role: str) -> str:
    council, users, ids, cache = world
    key = (place.name, role if place.per_login else group_of(council, users[role]))
    if key not in cache:
        client = Client()
        if users[role] is not None:
            client.force_login(users[role])
        cache[key] = place.read(client, ids)
    text: str = cache[key]
    return text


def test_every_place_has_a_name_of_its_own_and_a_marker_to_keep() -> None:
    assert PLACES
    assert len({place.name for place in PLACES}) == len(PLACES)
    for place in PLACES:
        assert place.secrets or place.never, place.name
        assert set(place.readers) <= set(ROLES), place.name
        assert set(place.shown_to) <= set(ROLES), place.name


def _get_routes() -> dict[str, dict[str, object]]:
    """Every GET route of the permission matrix, with its answers per role: url names of
    pages (Open311 included) and "GET <path>" of the API."""
    routes = {row[0]: row[3] for row in PAGE_ROWS if row[2] == "get"}
    routes.update({f"GET {row[1]}": row[3] for row in API_ROWS if row[0] == "get"})
    return routes


def _opened_only_by(answers: dict[str, object], roles: frozenset[str]) -> bool:
    return all(answer not in (200, 302) for role, answer in answers.items() if role not in roles)


def test_every_route_is_a_place_or_holds_nothing_restricted() -> None:
    # given
    routes = _get_routes()
    read = {route for place in PLACES for route in place.routes}
    exempt = secrecy.HOLDS_NOTHING_RESTRICTED
    # when
    staff_only = {r for r, answers in routes.items() if _opened_only_by(answers, CHANGE_RECORDS)}
    unaccounted = sorted(set(routes) - read - staff_only - set(exempt))
    # then
    assert not unaccounted, (
        "These GET routes of the permission matrix are in no place of the secrecy matrix: "
        + ", ".join(unaccounted)
        + ". If restricted content can reach one (items not for publication and their "
        "decisions, internal status notes, restricted activities, people's contact details, "
        "citizens' e-mail addresses, reporters' identities, free-text answers, photos and "
        "descriptions of unpublished reports), add a Place(..., routes=(ROUTE,)) with a marker "
        "to <app>/tests/secrecy_rows.py; otherwise add ROUTE: 'why nothing restricted shows' "
        "to HOLDS_NOTHING_RESTRICTED in samverkan/accounts/tests/secrecy.py."
    )
    assert read <= set(routes), (
        f"places read routes the permission matrix lacks: {read - set(routes)}"
    )
    stale = set(exempt) - set(routes)
    assert not stale, f"HOLDS_NOTHING_RESTRICTED names routes that are gone: {sorted(stale)}"
    both = set(exempt) & read
    assert not both, f"read by a place, so not without restricted content: {sorted(both)}"
    needless = set(exempt) & staff_only
    assert not needless, f"opened only by staff, need no reason: {sorted(needless)}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("place", PLACES, ids=[place.name for place in PLACES])
def test_restricted_content_reaches_only_its_readers(
    world: Any, db: Any, role: str, place: secrecy.Place
) -> None:
    # when
    text = _read(world, place, role)
    # then
    for marker in place.secrets:
        if role in place.readers:
            assert marker in text, f"{marker} is missing for {role} in {place.name}"
        else:
            assert marker not in text, f"{marker} reached {role} in {place.name}"
    for marker in place.never:
        assert marker not in text, f"{marker} reached {role} in {place.name}"
    if role in place.shown_to:
        for marker in place.shown:
            assert marker in text, f"{marker} is missing for {role} in {place.name}"
