"""Every page and API route, walked with every role: the allowed/forbidden answer is pinned.

The tables below must name every route the project has; a new route without a row fails
`test_the_matrix_covers_every_route`.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from samverkan.accounts.services import api_token_create
from samverkan.accounts.tests import matrix
from samverkan.api.router import api

ROLES = matrix.ROLES
LOGIN = matrix.LOGIN
EVERYONE, SEE_COUNCIL, SEE_PEOPLE = matrix.EVERYONE, matrix.SEE_COUNCIL, matrix.SEE_PEOPLE
CHANGE, MANAGE_ACCESS, SITE_ADMIN = matrix.CHANGE, matrix.MANAGE_ACCESS, matrix.SITE_ADMIN
LOGGED_IN = matrix.LOGGED_IN
API_READ_COUNCIL, API_READ_PEOPLE = matrix.API_READ_COUNCIL, matrix.API_READ_PEOPLE
API_CHANGE, API_ANY_TOKEN = matrix.API_CHANGE, matrix.API_ANY_TOKEN


# (url name, kwargs from ids, method, answers). POSTs that succeed redirect: 302 stands for 200.
PAGES = [
    ("organisations:home", lambda i: {}, "get", EVERYONE),
    ("core:accessibility", lambda i: {}, "get", EVERYONE),
    ("core:privacy", lambda i: {}, "get", EVERYONE),
    ("organisations:council_create", lambda i: {}, "get", SITE_ADMIN),
    ("organisations:council_detail", lambda i: {"slug": i["slug"]}, "get", SEE_COUNCIL),
    ("organisations:organisation_list", lambda i: {"slug": i["slug"]}, "get", SEE_COUNCIL),
    ("organisations:organisation_create", lambda i: {"slug": i["slug"]}, "get", CHANGE),
    (
        "organisations:organisation_detail",
        lambda i: {"slug": i["slug"], "pk": i["organisation"]},
        "get",
        SEE_COUNCIL,
    ),
    (
        "organisations:organisation_edit",
        lambda i: {"slug": i["slug"], "pk": i["organisation"]},
        "get",
        CHANGE,
    ),
    (
        "organisations:organisation_end",
        lambda i: {"slug": i["slug"], "pk": i["organisation"]},
        "get",
        CHANGE,
    ),
    ("organisations:person_list", lambda i: {"slug": i["slug"]}, "get", SEE_PEOPLE),
    ("organisations:person_create", lambda i: {"slug": i["slug"]}, "get", CHANGE),
    (
        "organisations:person_detail",
        lambda i: {"slug": i["slug"], "pk": i["person"]},
        "get",
        SEE_PEOPLE,
    ),
    ("organisations:person_edit", lambda i: {"slug": i["slug"], "pk": i["person"]}, "get", CHANGE),
    ("organisations:body_list", lambda i: {"slug": i["slug"]}, "get", SEE_COUNCIL),
    ("organisations:body_create", lambda i: {"slug": i["slug"]}, "get", CHANGE),
    (
        "organisations:body_detail",
        lambda i: {"slug": i["slug"], "pk": i["body"]},
        "get",
        SEE_COUNCIL,
    ),
    ("organisations:body_edit", lambda i: {"slug": i["slug"], "pk": i["body"]}, "get", CHANGE),
    ("organisations:body_end", lambda i: {"slug": i["slug"], "pk": i["body"]}, "get", CHANGE),
    (
        "organisations:membership_create",
        lambda i: {"slug": i["slug"], "body_pk": i["body"]},
        "get",
        CHANGE,
    ),
    (
        "organisations:membership_edit",
        lambda i: {"slug": i["slug"], "pk": i["membership"]},
        "get",
        CHANGE,
    ),
    ("accounts:council_access", lambda i: {"slug": i["slug"]}, "get", MANAGE_ACCESS),
    (
        "accounts:council_role_revoke",
        lambda i: {"slug": i["slug"], "pk": i["viewer_role"]},
        "post",
        MANAGE_ACCESS,
    ),
    ("accounts:api_tokens", lambda i: {}, "get", LOGGED_IN),
]
PAGES += matrix.AREA_PAGES
# Pages whose answer does not depend on the role, checked in their own tests.
UNGUARDED = {"accounts:login", "accounts:logout", "set_language"}

# (method, path template, json body factory, answers)
API = [
    ("get", "/api/councils", None, API_ANY_TOKEN),
    ("get", "/api/councils/{slug}/organisations", None, API_READ_COUNCIL),
    ("post", "/api/councils/{slug}/organisations", lambda i: {"name": "Ny förening"}, API_CHANGE),
    ("get", "/api/councils/{slug}/organisations/{organisation}", None, API_READ_COUNCIL),
    (
        "patch",
        "/api/councils/{slug}/organisations/{organisation}",
        lambda i: {"short_name": "KK"},
        API_CHANGE,
    ),
    ("get", "/api/councils/{slug}/people", None, API_READ_PEOPLE),
    ("post", "/api/councils/{slug}/people", lambda i: {"name": "Ny Person"}, API_CHANGE),
    ("get", "/api/councils/{slug}/people/{person}", None, API_READ_PEOPLE),
    (
        "patch",
        "/api/councils/{slug}/people/{person}",
        lambda i: {"phone": "0221-250 00"},
        API_CHANGE,
    ),
    ("get", "/api/councils/{slug}/bodies", None, API_READ_COUNCIL),
    (
        "post",
        "/api/councils/{slug}/bodies",
        lambda i: {"name": "Arbetsgrupp centrum", "kind": "working_group"},
        API_CHANGE,
    ),
    ("get", "/api/councils/{slug}/bodies/{body}", None, API_READ_COUNCIL),
    ("patch", "/api/councils/{slug}/bodies/{body}", lambda i: {"description": "Rådet"}, API_CHANGE),
    ("get", "/api/councils/{slug}/memberships", None, API_READ_PEOPLE),
    (
        "post",
        "/api/councils/{slug}/memberships",
        lambda i: {"body_id": i["body"], "person_id": i["person"], "role": "member"},
        API_CHANGE,
    ),
    ("get", "/api/councils/{slug}/memberships/{membership}", None, API_READ_PEOPLE),
    (
        "patch",
        "/api/councils/{slug}/memberships/{membership}",
        lambda i: {"title": "ordförande"},
        API_CHANGE,
    ),
]
API += matrix.AREA_API


def _page_names(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "api":
                continue
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _page_names(pattern, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + pattern.name


def test_the_matrix_covers_every_route():
    assert set(_page_names()) == {row[0] for row in PAGES} | UNGUARDED
    schema = api.get_openapi_schema()
    routes = {
        (method, _normalise(path))
        for path, operations in schema["paths"].items()
        for method in operations
    }
    assert routes == {(method, _normalise(path)) for method, path, _, _ in API}


def _normalise(path: str) -> str:
    """Name every path parameter but the council's the same: {pk} and {body} are both ids."""
    return re.sub(r"\{(?!slug\})[a-z_]+\}", "{id}", path)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", PAGES, ids=[r[0] for r in PAGES])
def test_pages_answer_each_role_as_the_matrix_says(world, db, client, role, row):
    # given: (name, kwargs, method, answers) and optionally the POST data
    users, ids_by_role, _shared = world
    name, kwargs, method, expected = row[:4]
    # The Host header, as a browser sends it: SAML's pages answer 400 without one.
    client.defaults["HTTP_HOST"] = "testserver"
    if users[role] is not None:
        client.force_login(users[role])
    ids = ids_by_role[role]
    url = reverse(name, kwargs=kwargs(ids))
    data = row[4](ids) if len(row) > 4 else None
    # when
    response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
    # then
    want = expected[role]
    if want == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
    elif want == 200 and method == "post":
        assert response.status_code == 302, response.content[:3000]
    else:
        assert response.status_code == want


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "path", "body", "expected"), API, ids=[f"{r[0]} {r[1]}" for r in API]
)
def test_api_routes_answer_each_role_as_the_matrix_says(
    world, db, client, role, method, path, body, expected
):
    # given
    users, _ids_by_role, ids = world
    headers = {}
    if users[role] is not None:
        _token, key = api_token_create(user=users[role], name="test")
        headers["Authorization"] = f"Bearer {key}"
    # when
    response = getattr(client, method)(
        path.format(**ids),
        data=body(ids) if body else None,
        content_type="application/json",
        headers=headers,
    )
    # then
    want = expected[role]
    if want == 200 and method == "post":
        want = 201
    assert response.status_code == want, response.content
