"""The JSON API: tokens, pagination, writes through the services, and bad input refused."""

from __future__ import annotations

from typing import Any

import pytest

from samverkan.accounts.services import api_token_create, api_token_revoke
from samverkan.core.audit import history_of
from samverkan.organisations.models import Body, Membership, Organisation, Person


@pytest.fixture
def api(client, users):
    token, key = api_token_create(user=users["coordinator"], name="test")

    class Api:
        def __init__(self):
            self.token = token

        def __call__(self, method, path, body=None, **headers):
            return getattr(client, method)(
                path,
                data=body,
                content_type="application/json",
                headers={"Authorization": f"Bearer {key}", **headers},
            )

    return Api()


def test_it_lists_the_councils_of_the_token_owner(api, council):
    response = api("get", "/api/councils")
    assert response.status_code == 200
    assert response.json() == {
        "items": [
            {
                "slug": "koping",
                "name": "Brottsförebyggande rådet",
                "municipality": "Köpings kommun",
                "publishes": False,
            }
        ],
        "count": 1,
    }


def test_lists_are_paginated(api, council):
    for i in range(5):
        api("post", "/api/councils/koping/organisations", {"name": f"Förening {i}"})
    page = api("get", "/api/councils/koping/organisations?limit=3&offset=3").json()
    # 2 of the council, 1 of the police member's seat (conftest.make_users), 5 new
    assert page["count"] == 8
    assert len(page["items"]) == 3


def test_a_write_is_audited_with_the_token_owner(api, council, users):
    response = api("post", "/api/councils/koping/organisations", {"name": "Centrumföreningen"})
    assert response.status_code == 201
    created = Organisation.objects.get(pk=response.json()["id"])
    assert history_of(created).get().actor == users["coordinator"]


def test_a_patch_changes_only_the_fields_given(api, council):
    kommun = Organisation.objects.get(name="Köpings kommun")
    unit = Organisation.objects.get(name="Tekniska kontoret")
    response = api("patch", f"/api/councils/koping/organisations/{unit.pk}", {"short_name": "TK"})
    assert response.status_code == 200
    assert response.json()["parent_id"] == kommun.pk
    assert response.json()["short_name"] == "TK"
    assert response.json()["name"] == "Tekniska kontoret"


def test_a_membership_is_created_and_ended(api, council):
    body = Body.objects.get(council=council)
    person = Person.objects.get(name="Roger Eklund")
    response = api(
        "post",
        "/api/councils/koping/memberships",
        {"body_id": body.pk, "person_id": person.pk, "role": "deputy", "start_date": "2026-01-01"},
    )
    assert response.status_code == 201
    seat = response.json()["id"]
    ended = api("patch", f"/api/councils/koping/memberships/{seat}", {"end_date": "2026-06-30"})
    assert ended.json()["end_date"] == "2026-06-30"
    assert Membership.objects.get(pk=seat).end_date.isoformat() == "2026-06-30"


def test_a_revoked_token_is_refused(api, council):
    api_token_revoke(token=api.token)
    assert api("get", "/api/councils").status_code == 401


def test_a_missing_or_malformed_token_is_refused(client, council):
    assert client.get("/api/councils").status_code == 401
    response = client.get("/api/councils", headers={"Authorization": "Bearer x"})
    assert response.status_code == 401
    assert "detail" in response.json()


def test_the_openapi_schema_and_docs_are_served(client, db):
    schema = client.get("/api/openapi.json").json()
    assert "/api/councils/{slug}/organisations" in schema["paths"]
    assert client.get("/api/docs").status_code == 200


LONG = "x" * 1000
# For every write route: bodies that must be refused with a 4xx and change nothing.
BAD_BODIES: dict[tuple[str, str], list[dict[str, Any]]] = {
    ("post", "/api/councils/koping/organisations"): [
        {},
        {"name": ""},
        {"name": 12},
        {"name": LONG},
        {"name": "Ok", "parent_id": "ett"},
        {"name": "Ok", "parent_id": 999999},
        {"name": "Ok", "parent_id": True},
        {"name": "Ok", "parent_id": "1"},
        {"name": "Köpings kommun"},
    ],
    ("patch", "/api/councils/koping/organisations/{org}"): [
        {"name": ""},
        {"name": LONG},
        {"parent_id": 999999},
        {"parent_id": "{org}"},
        {"ended_on": "igår"},
        {"name": ["lista"]},
    ],
    ("post", "/api/councils/koping/people"): [
        {},
        {"name": ""},
        {"name": LONG},
        {"name": "Ok", "email": "inte-en-adress"},
        {"name": None},
    ],
    ("patch", "/api/councils/koping/people/{person}"): [
        {"email": "@"},
        {"phone": LONG},
        {"name": 5},
    ],
    ("post", "/api/councils/koping/bodies"): [
        {},
        {"name": "Grupp"},
        {"name": "Grupp", "kind": "klubb"},
        {"name": LONG, "kind": "council"},
        {"name": "Brottsförebyggande rådet", "kind": "council"},
    ],
    ("patch", "/api/councils/koping/bodies/{body}"): [
        {"kind": "klubb"},
        {"description": LONG * 3},
        {"ended_on": "2026-13-01"},
    ],
    ("post", "/api/councils/koping/memberships"): [
        {},
        {"body_id": "{body}", "person_id": "{person}"},
        {"body_id": "{body}", "person_id": "{person}", "role": "kung"},
        {"body_id": 999999, "person_id": "{person}", "role": "member"},
        {"body_id": "{body}", "person_id": 999999, "role": "member"},
        {"body_id": "{body}", "person_id": "{person}", "role": "member", "start_date": "snart"},
        {
            "body_id": "{body}",
            "person_id": "{person}",
            "role": "member",
            "start_date": "2026-02-01",
            "end_date": "2026-01-01",
        },
        {"body_id": "{body}", "person_id": "{person}", "role": "member", "title": LONG},
    ],
    ("patch", "/api/councils/koping/memberships/{seat}"): [
        {"role": "kung"},
        {"end_date": "inte ett datum"},
        {"start_date": "2030-01-01", "end_date": "2020-01-01"},
        {"organisation_id": 999999},
    ],
}
CASES = [(method, path, body) for (method, path), bodies in BAD_BODIES.items() for body in bodies]


def _fill(value, ids):
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids[value[1:-1]]
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


@pytest.mark.parametrize(("method", "path", "body"), CASES)
def test_bad_input_is_refused_with_a_clear_4xx_and_changes_nothing(
    api, council, method, path, body
):
    # given
    ids = {
        "org": Organisation.objects.get(name="Tekniska kontoret").pk,
        "person": Person.objects.get(name="Roger Eklund").pk,
        "body": Body.objects.get(council=council).pk,
        "seat": Membership.objects.get(body__council=council, person__name="Roger Eklund").pk,
    }
    counts = [m.objects.count() for m in (Organisation, Person, Body, Membership)]
    snapshot = [list(m.objects.values()) for m in (Organisation, Person, Body, Membership)]
    # when
    response = api(method, path.format(**ids), _fill(body, ids))
    # then
    assert 400 <= response.status_code < 500, response.content
    detail = response.json()["detail"]
    assert detail
    assert [m.objects.count() for m in (Organisation, Person, Body, Membership)] == counts
    assert [list(m.objects.values()) for m in (Organisation, Person, Body, Membership)] == snapshot


@pytest.mark.parametrize(
    "path",
    [
        "/api/councils/finns-inte/organisations",
        "/api/councils/koping/organisations/999999",
        "/api/councils/koping/people/999999",
        "/api/councils/koping/bodies/999999",
        "/api/councils/koping/memberships/999999",
        "/api/councils/koping/organisations/ett",
        "/api/councils/koping/organisations?limit=-1",
        "/api/councils/koping/organisations?offset=x",
    ],
)
def test_unknown_ids_and_malformed_paths_are_refused(api, council, path):
    response = api("get", path)
    assert response.status_code in (404, 422)


def test_malformed_json_is_refused(client, users, council):
    _token, key = api_token_create(user=users["coordinator"], name="t")
    response = client.post(
        "/api/councils/koping/organisations",
        data="{inte json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Förfrågans innehåll är inte giltig JSON."}


def test_messages_follow_the_language_asked_for(api, council):
    response = api(
        "post",
        "/api/councils/koping/organisations",
        {"name": "Köpings kommun"},
        **{"Accept-Language": "en"},
    )
    assert response.json()["detail"][0]["message"] == (
        "An organisation with this name already exists in the council."
    )
    swedish = api("post", "/api/councils/koping/organisations", {"name": "Köpings kommun"})
    assert swedish.json()["detail"][0]["message"] == (
        "Det finns redan en organisation med det namnet i rådet."
    )


@pytest.mark.parametrize(
    "path",
    [
        "/api/councils/koping/organisations?offset=99999999999999999999",
        "/api/councils/koping/organisations?limit=99999999999999999999",
        "/api/councils/koping/organisations?limit=0",
        "/api/councils/koping/memberships?body_id=99999999999999999999",
    ],
)
def test_numbers_beyond_what_the_database_holds_are_refused(api, council, path):
    assert api("get", path).status_code == 422


def test_text_with_a_nul_character_is_refused(api, council):
    response = api("post", "/api/councils/koping/people", {"name": "a\u0000b"})
    assert response.status_code == 422
    assert api("get", "/api/councils/a%00b/organisations").status_code == 404


def test_a_name_sent_with_line_breaks_and_control_characters_is_kept_on_one_line(api, council):
    # given a name with a bare carriage return, a tab and an escape character
    payload = {"name": "Bostads\rbolaget\x1b", "short_name": "B\tB\r\n"}
    # when it is sent
    response = api("post", "/api/councils/koping/organisations", payload)
    # then it is kept as one line without them, as the forms keep it
    assert response.status_code == 201
    organisation = Organisation.objects.get(pk=response.json()["id"])
    assert (organisation.name, organisation.short_name) == ("Bostads bolaget", "B B")


NULLS = [
    ("/api/councils/koping/organisations/{org}", "name"),
    ("/api/councils/koping/organisations/{org}", "short_name"),
    ("/api/councils/koping/people/{person}", "name"),
    ("/api/councils/koping/people/{person}", "email"),
    ("/api/councils/koping/people/{person}", "phone"),
    ("/api/councils/koping/bodies/{body}", "name"),
    ("/api/councils/koping/bodies/{body}", "kind"),
    ("/api/councils/koping/bodies/{body}", "description"),
    ("/api/councils/koping/memberships/{seat}", "role"),
    ("/api/councils/koping/memberships/{seat}", "title"),
]


@pytest.mark.parametrize(("path", "field"), NULLS)
def test_null_for_a_field_that_cannot_be_empty_is_refused_in_the_users_language(
    api, council, path, field
):
    # given
    ids = {
        "org": Organisation.objects.get(name="Tekniska kontoret").pk,
        "person": Person.objects.get(name="Roger Eklund").pk,
        "body": Body.objects.get(council=council).pk,
        "seat": Membership.objects.get(body__council=council, person__name="Roger Eklund").pk,
    }
    snapshot = [list(m.objects.values()) for m in (Organisation, Person, Body, Membership)]
    # when
    swedish = api("patch", path.format(**ids), {field: None})
    english = api("patch", path.format(**ids), {field: None}, **{"Accept-Language": "en"})
    # then
    assert swedish.status_code == 422, swedish.content
    assert swedish.json()["detail"] == [
        {"field": f"body.payload.{field}", "message": "Får inte vara tom (null)."}
    ]
    assert english.json()["detail"] == [
        {"field": f"body.payload.{field}", "message": "May not be null."}
    ]
    assert [list(m.objects.values()) for m in (Organisation, Person, Body, Membership)] == snapshot


def test_validation_messages_follow_the_language_asked_for(api, council):
    # when
    swedish = api("post", "/api/councils/koping/organisations", {"name": ""})
    english = api(
        "post", "/api/councils/koping/organisations", {"name": ""}, **{"Accept-Language": "en"}
    )
    # then
    assert swedish.json()["detail"][0]["message"] == "Ange minst 1 tecken."
    assert english.json()["detail"][0]["message"] == "Give at least 1 characters."
