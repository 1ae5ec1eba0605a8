"""API v1: meetings and the decision register, read with a token as the pages read them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from samverkan.accounts.services import api_token_create
from samverkan.opendata.tests.published import (
    PUBLIC_DECISION,
    PUBLIC_TEXT,
    SECRET_DECISION,
    SECRET_TEXT,
    held_meeting,
)
from samverkan.organisations.models import Body, Council


def get(client: Any, user: Any, path: str, **headers: str) -> Any:
    _token, key = api_token_create(user=user, name="test")
    return client.get(path, headers={"Authorization": f"Bearer {key}", **headers})


@pytest.fixture
def meeting(council: Council) -> Any:
    return held_meeting(Body.objects.get(council=council), dt.date(2026, 3, 5))


def test_a_member_reads_the_meeting_with_the_item_not_for_publication(client, users, meeting):
    response = get(client, users["member"], f"/api/v1/councils/koping/meetings/{meeting.pk}")
    assert response.status_code == 200
    secret, public = response.json()["items"]
    assert secret["public"] is False
    assert SECRET_TEXT in secret["text"]
    assert secret["decisions"][0]["text"].startswith(SECRET_DECISION)
    assert PUBLIC_TEXT in public["text"]


def test_a_reporter_reads_the_secret_item_by_its_title_only(client, users, meeting):
    response = get(client, users["reporter"], f"/api/v1/councils/koping/meetings/{meeting.pk}")
    secret, public = response.json()["items"]
    assert secret == {
        "id": secret["id"],
        "number": 1,
        "title": "Kameraövervakning",
        "public": False,
        "text": "",
        "decisions": [],
    }
    assert public["decisions"] == [{"text": PUBLIC_DECISION, "kind": "noted"}]
    register = get(client, users["reporter"], "/api/v1/councils/koping/decisions").json()
    assert [d["text"] for d in register["items"]] == [PUBLIC_DECISION]
    register = get(client, users["member"], "/api/v1/councils/koping/decisions").json()
    assert len(register["items"]) == 2


def test_the_meetings_are_paged_and_filtered_by_year(client, users, council):
    body = Body.objects.get(council=council)
    for day in (dt.date(2025, 5, 1), dt.date(2026, 3, 5), dt.date(2026, 4, 2)):
        held_meeting(body, day)
    user = users["viewer"]
    page = get(client, user, "/api/v1/councils/koping/meetings?limit=2").json()
    assert page["count"] == 3
    assert [m["date"] for m in page["items"]] == ["2026-04-02", "2026-03-05"]
    assert page["items"][0]["item_count"] == 2
    year = get(client, user, "/api/v1/councils/koping/meetings?year=2025").json()
    assert [m["date"] for m in year["items"]] == ["2025-05-01"]


@pytest.mark.parametrize("count", [1, 4])
def test_the_meeting_list_reads_a_fixed_number_of_queries(
    client, users, council, django_assert_num_queries, count
):
    body = Body.objects.get(council=council)
    for day in range(1, count + 1):
        held_meeting(body, dt.date(2026, 3, day))
    _token, key = api_token_create(user=users["viewer"], name="test")
    # the token, its last use, the token's first count against its rate limit (six: a window
    # is started), the council, the login's role, the count and the page
    with django_assert_num_queries(12):
        response = client.get(
            "/api/v1/councils/koping/meetings", headers={"Authorization": f"Bearer {key}"}
        )
    assert len(response.json()["items"]) == count


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/councils/koping/meetings/999999", 404),
        ("/api/v1/councils/koping/meetings/99999999999999999999", 404),
        ("/api/v1/councils/arboga/meetings", 404),
        ("/api/v1/councils/koping/meetings?year=igår", 422),
        ("/api/v1/councils/koping/decisions?kind=whatever", 422),
        ("/api/v1/councils/koping/meetings?limit=0", 422),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(client, users, meeting, path, status):
    response = get(client, users["coordinator"], path)
    assert response.status_code == status
    assert response.json()["detail"]


def test_without_a_token_the_meetings_are_refused(client, meeting):
    assert client.get("/api/v1/councils/koping/meetings").status_code == 401
