"""A partner's system, written against the generated OpenAPI document, reports an activity's
status and an incident to a live server on 127.0.0.1, by the document's operationIds."""

from __future__ import annotations

from typing import Any

import pytest

from samverkan.accounts.models import ApiScope
from samverkan.accounts.services import api_token_create
from samverkan.api.tests.openapi_client import ClientError, OpenApiClient
from samverkan.incidents.models import Incident
from samverkan.incidents.services.categories import categories_ensure_defaults
from samverkan.organisations.models import Body, Organisation
from samverkan.organisations.services import membership_create, person_create, person_link_user
from samverkan.plans.models import Plan, StatusUpdate
from samverkan.plans.services.activities import ActivityFields, activity_create


@pytest.fixture
def partner_system(live_server: Any, council: Any, users: Any) -> OpenApiClient:
    """The housing company's system, with a token of its caretaker's login."""
    caretaker = users["reporter"]
    kbab = Organisation.objects.create(council=council, name="Köpings Bostads AB")
    person = person_create(actor=None, council=council, name="Vera Vaktmästare")
    person_link_user(actor=None, person=person, user=caretaker)
    body = Body.objects.get(council=council)
    membership_create(actor=None, body=body, person=person, role="member", organisation=kbab)
    plan = Plan.objects.create(council=council, title="Åtgärdsplan 2032", year=2032)
    activity_create(
        actor=None,
        plan=plan,
        fields=ActivityFields(text="Belysning i Gläntan", organisations=[kbab]),
    )
    categories_ensure_defaults(actor=None, council=council)
    _token, key = api_token_create(
        user=caretaker,
        name="Fastighetssystemet",
        scopes=[ApiScope.READ, ApiScope.WRITE_STATUS, ApiScope.WRITE_INCIDENTS],
    )
    base = live_server.url.replace("localhost", "127.0.0.1")
    return OpenApiClient(base, key)


def test_a_partners_system_reports_a_status_and_an_incident_by_the_document(partner_system):
    api = partner_system
    # the plan and its activity, found as the system would
    plans = api.call("listPlans", slug="koping", limit=10)
    assert plans.status == 200
    plan_id = plans.body["items"][0]["id"]
    activities = api.call("listActivities", slug="koping", pk=plan_id)
    activity = activities.body["items"][0]
    # a status, through the document's operation
    created = api.call(
        "createStatusUpdate",
        slug="koping",
        pk=activity["id"],
        body={"status": "in_progress", "note": "Armaturerna är beställda."},
    )
    assert created.status == 201, created.body
    update = StatusUpdate.objects.get(pk=created.body["id"])
    assert update.author is not None
    assert update.author.username == "reporter"
    read_back = api.call("getActivity", slug="koping", pk=activity["id"])
    assert read_back.body["status"] == "in_progress"
    # an incident: the category from the document's list, then the report
    categories = api.call("listIncidentCategories", slug="koping").body
    glass = next(c for c in categories if c["code"] == "broken_glass")
    kbab = Organisation.objects.get(name="Köpings Bostads AB")
    reported = api.call(
        "reportIncident",
        slug="koping",
        body={
            "category_id": glass["id"],
            "occurred_from": "2026-11-30T22:15:00+01:00",
            "address": "Glasgatan 3",
            "description": "Krossad ruta i porten.",
            "organisation_id": kbab.pk,
        },
    )
    assert reported.status == 201, reported.body
    assert Incident.objects.get(pk=reported.body["id"]).organisation == kbab
    # a refusal comes back in the one error format, in Swedish
    refused = api.call("createStatusUpdate", slug="koping", pk=activity["id"], body={"status": "x"})
    assert refused.status == 422
    assert refused.body["detail"][0]["field"] == "body.payload.status"


def test_the_client_refuses_what_the_document_does_not_describe(partner_system):
    with pytest.raises(ClientError):
        partner_system.call("createStatusUpdate", slug="koping", body={"status": "done"})
    with pytest.raises(ClientError):
        partner_system.call("reportIncident", slug="koping", body={"kategori": 1})
    with pytest.raises(ClientError):
        partner_system.call("deleteEverything", slug="koping")
