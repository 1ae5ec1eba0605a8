"""API v1: plans, their activities and status updates; a partner's reporter posts a status."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from samverkan.accounts.models import ApiScope
from samverkan.accounts.services import api_token_create
from samverkan.organisations.models import Body, Organisation
from samverkan.organisations.services import membership_create, person_create, person_link_user
from samverkan.plans.models import Activity, Plan, StatusUpdate
from samverkan.plans.services.activities import (
    ActivityFields,
    activity_create,
    activity_update_status,
)

BASE = "/api/v1/councils/koping"


def bearer(user: Any, *scopes: str) -> dict[str, str]:
    _token, key = api_token_create(user=user, name="test", scopes=scopes or ApiScope.values)
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def plan(council: Any, users: Any) -> Plan:
    plan = Plan.objects.create(council=council, title="Åtgärdsplan 2031", year=2031)
    kommun = Organisation.objects.get(council=council, name="Köpings kommun")
    for text in ("Belysning i Gläntan", "Fotpatrull fredagar"):
        activity = activity_create(
            actor=None, plan=plan, fields=ActivityFields(text=text, organisations=[kommun])
        )
        activity_update_status(actor=None, activity=activity, status="in_progress", note="Pågår.")
    secret = activity_create(
        actor=None, plan=plan, fields=ActivityFields(text="Kameror vid skolan Xqapisecret")
    )
    Activity.objects.filter(pk=secret.pk).update(not_for_publication=True)
    first = Activity.objects.get(plan=plan, text="Belysning i Gläntan")
    activity_update_status(
        actor=None, activity=first, status="delayed", note="Xqapiinternal", internal=True
    )
    return plan


@pytest.fixture
def partner(council: Any, users: Any) -> Any:
    """The reporter sits for the municipality, which is responsible for the plan's activities."""
    reporter = users["reporter"]
    person = person_create(actor=None, council=council, name="Rita Rapportör")
    person_link_user(actor=None, person=person, user=reporter)
    body = Body.objects.get(council=council)
    kommun = Organisation.objects.get(council=council, name="Köpings kommun")
    membership_create(actor=None, body=body, person=person, role="member", organisation=kommun)
    return reporter


def test_a_viewer_reads_the_plans_and_their_activities_with_status(
    client, users, plan, django_assert_num_queries
):
    headers = bearer(users["viewer"])
    plans = client.get(f"{BASE}/plans", headers=headers).json()
    assert [p["title"] for p in plans["items"]] == ["Åtgärdsplan 2031"]
    # when: the activities, a page of them
    url = f"{BASE}/plans/{plan.pk}/activities?limit=2"
    client.get(url, headers=headers)  # the token's first use is noted once
    with django_assert_num_queries(12):
        page = client.get(url, headers=headers).json()
    # then
    assert page["count"] == 3
    first = page["items"][0]
    assert first["text"] == "Belysning i Gläntan"
    assert first["status"] == "delayed"
    assert first["status_note"] == "Pågår."  # the internal note is not the plan's
    assert first["responsible"] == [{"id": first["responsible"][0]["id"], "name": "Köpings kommun"}]


def test_an_activity_not_for_publication_is_masked_for_a_viewer(client, users, plan):
    viewer = client.get(f"{BASE}/plans/{plan.pk}/activities", headers=bearer(users["viewer"]))
    member = client.get(f"{BASE}/plans/{plan.pk}/activities", headers=bearer(users["member"]))
    assert "Xqapisecret" not in viewer.content.decode()
    assert '"public": false' in viewer.content.decode().replace('"public":false', '"public": false')
    assert "Xqapisecret" in member.content.decode()


def test_internal_status_notes_reach_only_those_who_read_restricted_content(client, users, plan):
    activity = Activity.objects.get(plan=plan, text="Belysning i Gläntan")
    url = f"{BASE}/activities/{activity.pk}/statuses"
    viewer = client.get(url, headers=bearer(users["viewer"])).json()
    member = client.get(url, headers=bearer(users["member"])).json()
    assert [u["note"] for u in viewer["items"]] == ["Pågår."]
    assert [u["note"] for u in member["items"]] == ["Xqapiinternal", "Pågår."]


def test_the_lists_filter_by_modified_time(client, users, plan):
    later = (timezone.now() + timezone.timedelta(minutes=1)).isoformat()
    headers = bearer(users["viewer"])
    response = client.get(f"{BASE}/plans", {"modified_since": later}, headers=headers)
    assert response.json()["count"] == 0
    activities = client.get(
        f"{BASE}/plans/{plan.pk}/activities", {"modified_since": "2000-01-01T00:00:00Z"}
    )
    assert activities.status_code == 401
    assert (
        client.get(
            f"{BASE}/plans/{plan.pk}/activities",
            {"modified_since": "2000-01-01T00:00:00Z"},
            headers=headers,
        ).json()["count"]
        == 3
    )


def test_a_partners_reporter_posts_a_status_through_the_service(client, partner, plan):
    # given
    activity = Activity.objects.get(plan=plan, text="Fotpatrull fredagar")
    # when
    response = client.post(
        f"{BASE}/activities/{activity.pk}/statuses",
        {"status": "done", "note": "Klart i vecka 12.", "figure_label": "pass", "figure": 14},
        content_type="application/json",
        headers=bearer(partner, ApiScope.WRITE_STATUS),
    )
    # then: kept with who sent it, on the plan, and waiting for review as a partner's report
    assert response.status_code == 201, response.content
    assert response.json()["needs_review"] is True
    update = StatusUpdate.objects.get(pk=response.json()["id"])
    assert update.author == partner
    activity.refresh_from_db()
    assert (activity.status, activity.status_note) == ("done", "Klart i vecka 12.")


def test_a_login_that_may_not_report_on_the_activity_is_refused(client, users, plan):
    activity = Activity.objects.get(plan=plan, text="Fotpatrull fredagar")
    response = client.post(
        f"{BASE}/activities/{activity.pk}/statuses",
        {"status": "done"},
        content_type="application/json",
        headers=bearer(users["viewer"]),
    )
    assert response.status_code == 403
    assert not StatusUpdate.objects.filter(activity=activity, status="done").exists()


def test_a_bad_status_is_refused_in_swedish_and_changes_nothing(client, partner, plan):
    activity = Activity.objects.get(plan=plan, text="Fotpatrull fredagar")
    url = f"{BASE}/activities/{activity.pk}/statuses"
    headers = bearer(partner, ApiScope.WRITE_STATUS)
    bad = client.post(url, {"status": "klar"}, content_type="application/json", headers=headers)
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["field"] == "body.payload.status"
    assert "Välj" in bad.json()["detail"][0]["message"]
    half = client.post(
        url,
        {"status": "done", "figure": 3},
        content_type="application/json",
        headers=headers,
    )
    assert half.status_code == 400
    assert half.json()["detail"][0]["field"] == "figure_label"
    assert StatusUpdate.objects.filter(activity=activity).count() == 1
