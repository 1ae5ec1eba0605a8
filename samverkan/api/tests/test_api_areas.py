"""API v1: a partner reports an incident through the report service; survey results with the
pages' suppression; the police's events."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from samverkan.accounts.models import ApiScope
from samverkan.accounts.services import api_token_create
from samverkan.dialogue.services.builder import survey_publish
from samverkan.dialogue.services.default_survey import survey_create_default
from samverkan.dialogue.tests.conftest import answer
from samverkan.incidents.models import Category, Incident, IncidentSource, IncidentStatus
from samverkan.incidents.police.models import PoliceEvent
from samverkan.incidents.services.categories import categories_ensure_defaults
from samverkan.organisations.models import Body, Organisation
from samverkan.organisations.services import membership_create, person_create, person_link_user

BASE = "/api/v1/councils/koping"


def bearer(user: Any, *scopes: str) -> dict[str, str]:
    _token, key = api_token_create(user=user, name="test", scopes=scopes or ApiScope.values)
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def glass(council: Any) -> Category:
    categories_ensure_defaults(actor=None, council=council)
    return Category.objects.get(council=council, code="broken_glass")


@pytest.fixture
def kbab(council: Any, users: Any) -> Organisation:
    """The housing company, for which the reporter sits."""
    kbab = Organisation.objects.create(council=council, name="Köpings Bostads AB")
    person = person_create(actor=None, council=council, name="Vera Vaktmästare")
    person_link_user(actor=None, person=person, user=users["reporter"])
    body = Body.objects.get(council=council)
    membership_create(actor=None, body=body, person=person, role="member", organisation=kbab)
    return kbab


def _report(client: Any, user: Any, body: dict[str, Any], *scopes: str) -> Any:
    return client.post(
        f"{BASE}/incidents",
        body,
        content_type="application/json",
        headers=bearer(user, *(scopes or (ApiScope.WRITE_INCIDENTS,))),
    )


def test_a_partner_reports_an_incident_for_its_organisation(client, users, glass, kbab):
    # given: the categories, as the partner's system reads them
    categories = client.get(f"{BASE}/incidents/categories", headers=bearer(users["reporter"]))
    assert glass.pk in [c["id"] for c in categories.json()]
    # when
    response = _report(
        client,
        users["reporter"],
        {
            "category_id": glass.pk,
            "occurred_from": "2026-11-02T07:30:00+01:00",
            "address": "Glasgatan 3",
            "description": "Krossad ruta i trapphuset.",
            "organisation_id": kbab.pk,
            "cost": 4500,
        },
    )
    # then: saved as on the report form, as the partner's report
    assert response.status_code == 201, response.content
    incident = Incident.objects.get(pk=response.json()["id"])
    assert incident.reported_by == users["reporter"]
    assert (incident.organisation, incident.source) == (kbab, IncidentSource.PARTNER)
    assert incident.status == IncidentStatus.NEW
    assert response.json()["status"] == "new"


def test_a_report_for_an_organisation_the_login_does_not_sit_for_is_refused(
    client, users, glass, kbab
):
    kommun = Organisation.objects.get(name="Köpings kommun")
    response = _report(
        client,
        users["reporter"],
        {
            "category_id": glass.pk,
            "occurred_from": "2026-11-02T07:30:00+01:00",
            "address": "Torget",
            "organisation_id": kommun.pk,
        },
    )
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "organisation_id"
    assert not Incident.objects.exists()


def test_bad_reports_are_refused_with_a_message_and_change_nothing(client, users, glass, kbab):
    base = {"category_id": glass.pk, "occurred_from": "2026-11-02T07:30:00+01:00"}
    nowhere = _report(client, users["reporter"], base)
    assert nowhere.status_code == 400
    assert "Ange var det hände" in nowhere.json()["detail"][0]["message"]
    naive = _report(client, users["reporter"], {**base, "occurred_from": "2026-11-02T07:30"})
    assert naive.status_code == 400
    future = (timezone.now() + dt.timedelta(days=2)).isoformat()
    assert _report(client, users["reporter"], {**base, "occurred_from": future}).status_code == 400
    other = _report(client, users["reporter"], {**base, "category_id": 2**40, "address": "Torget"})
    assert other.status_code == 400
    personal = {**base, "address": "Torget", "description": "Ring 070-123 45 67."}
    refused = _report(client, users["reporter"], personal)
    assert refused.status_code == 400
    assert "telefonnummer" in refused.json()["detail"][0]["message"]
    assert not Incident.objects.exists()
    confirmed = _report(client, users["reporter"], {**personal, "confirm_personal_data": True})
    assert confirmed.status_code == 201


def test_reporting_needs_the_incidents_scope(client, users, glass):
    response = _report(
        client,
        users["coordinator"],
        {"category_id": glass.pk, "occurred_from": "2026-11-02T07:30:00+01:00", "address": "X"},
        ApiScope.READ,
        ApiScope.WRITE_STATUS,
    )
    assert response.status_code == 403
    assert "write:incidents" in response.json()["detail"]
    assert not Incident.objects.exists()


@pytest.fixture
def survey(council: Any) -> Any:
    draft = survey_create_default(actor=None, council=council, areas=["Nygård", "Malmön"])
    return survey_publish(actor=None, survey=draft)


def test_survey_results_are_aggregates_with_small_groups_suppressed(client, users, survey):
    # given: Nygård 6 respondents, Malmön 2
    for area, values in {"Nygård": [1, 2, 2, 5, 5, 5], "Malmön": [4, 4]}.items():
        for value in values:
            answer(survey, area=area, group="16–29 år", scale=value)
    headers = bearer(users["reporter"])
    listed = client.get(f"{BASE}/surveys", headers=headers).json()
    assert [s["responses"] for s in listed["items"]] == ["8"]
    # when
    url = f"{BASE}/surveys/{survey.pk}/results"
    whole = client.get(url, headers=headers).json()
    by_area = client.get(url, {"by": "area"}, headers=headers).json()
    # then
    scale = next(q for q in whole["questions"] if q["kind"] == "scale")
    assert scale["series"][0]["respondents"] == "8"
    assert scale["series"][0]["counts"] == [1, 2, 0, 2, 3]
    scale_by_area = next(q for q in by_area["questions"] if q["kind"] == "scale")
    series = {s["label"]: s for s in scale_by_area["series"]}
    assert series["Malmön"] == {
        "label": "Malmön",
        "respondents": "<5",
        "suppressed": True,
        "counts": None,
        "percents": None,
        "earlier": False,
    }
    # Nygård is hidden too: it would be the total minus Malmön
    assert series["Nygård"]["counts"] is None


def test_a_survey_of_fewer_than_five_shows_no_counts(client, users, survey):
    answer(survey, area="Nygård", scale=3)
    result = client.get(f"{BASE}/surveys/{survey.pk}/results", headers=bearer(users["viewer"]))
    assert result.json()["responses"] == "<5"
    for question in result.json()["questions"]:
        assert all(s["counts"] is None for s in question["series"])
    assert client.get(f"{BASE}/surveys/{survey.pk}/results?by=street").status_code == 401
    refused = client.get(
        f"{BASE}/surveys/{survey.pk}/results?by=street", headers=bearer(users["viewer"])
    )
    assert refused.status_code == 422


def test_the_police_events_of_a_period_page_by_page(
    client, users, council, django_assert_num_queries
):
    for number in range(3):
        PoliceEvent.objects.create(
            council=council,
            event_id=900 + number,
            occurred_at=timezone.now() - dt.timedelta(days=number),
            published_at=timezone.now(),
            type="Skadegörelse",
            name=f"Skadegörelse, Köping {number}",
            url="/aktuellt/handelser/1/",
        )
    headers = bearer(users["viewer"])
    url = f"{BASE}/police-events?limit=2"
    client.get(url, headers=headers)
    with django_assert_num_queries(10):
        page = client.get(url, headers=headers).json()
    assert page["count"] == 3
    assert page["items"][0]["url"] == "https://polisen.se/aktuellt/handelser/1/"
    old = client.get(f"{BASE}/police-events?start=2020-01-01&end=2020-12-31", headers=headers)
    assert old.json()["count"] == 0
    backwards = client.get(f"{BASE}/police-events?start=2020-12-31&end=2020-01-01", headers=headers)
    assert backwards.status_code == 400


@pytest.mark.parametrize("area", ["police-events", "plans", "surveys"])
def test_a_changed_since_time_is_read_in_utc_and_one_out_of_range_is_refused(
    client, users, council, area
):
    headers = bearer(users["coordinator"])
    # An offset is honoured: 12:00 at +02:00 is 10:00 UTC.
    since = "2020-06-01T12:00:00%2B02:00"
    assert client.get(f"{BASE}/{area}?modified_since={since}", headers=headers).status_code == 200
    # Valid ISO 8601 that PostgreSQL cannot hold (found by schemathesis): refused, not a 500.
    far = "0151-05-13T19:01:57.804%2B23:55"
    refused = client.get(f"{BASE}/{area}?modified_since={far}", headers=headers)
    assert refused.status_code == 422
    assert "1900" in refused.json()["detail"][0]["message"]
