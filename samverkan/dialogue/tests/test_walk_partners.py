"""A joint safety walk: a partner's reporter who sits for one of the walk's participating
organisations records findings on it, and does nothing else with them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from samverkan.core.models import AuditEvent
from samverkan.dialogue.models import Finding, SafetyWalk
from samverkan.dialogue.services.walks import FindingFields, WalkFields, finding_add, walk_create
from samverkan.organisations.models import Body, Organisation
from samverkan.organisations.services import (
    membership_create,
    organisation_create,
    person_create,
    person_link_user,
)
from samverkan.plans.services.activities import plan_create

POINT = {"latitude": "59.5118", "longitude": "15.9931", "kind": "lighting"}


@pytest.fixture
def housing(council) -> Organisation:
    return organisation_create(actor=None, council=council, name="Köpings Bostads AB")


@pytest.fixture
def partner(client, users, council, housing):
    """The council's reporter, linked to a person who sits for the housing company."""
    person = person_create(actor=None, council=council, name="Peter Landin")
    person_link_user(actor=None, person=person, user=users["reporter"])
    body = Body.objects.get(council=council)
    membership_create(actor=None, body=body, person=person, role="member", organisation=housing)
    client.force_login(users["reporter"])
    return client


def _walk(council, *organisations: Organisation) -> SafetyWalk:
    return walk_create(
        actor=None,
        council=council,
        fields=WalkFields(
            walked_on=dt.date(2018, 10, 3), area_text="Nygård", organisations=list(organisations)
        ),
    )


def _url(name: str, walk: SafetyWalk, **kwargs: object) -> str:
    return reverse(f"dialogue:{name}", kwargs={"slug": walk.council.slug, "pk": walk.pk, **kwargs})


def test_a_partner_records_a_finding_on_a_joint_walk(partner, users, council, housing):
    # given: a walk the housing company takes part in
    walk = _walk(council, housing)
    detail = partner.get(_url("walk_detail", walk)).content.decode()
    assert _url("walk_finding_add", walk) in detail
    assert partner.get(_url("walk_finding_add", walk)).status_code == 200
    # when
    response = partner.post(_url("walk_finding_add", walk), POINT)
    # then
    assert response.status_code == 302
    finding = Finding.objects.get(walk=walk)
    event = AuditEvent.objects.get(model="dialogue.Finding", action="create")
    assert (event.actor_id, event.object_id) == (users["reporter"].pk, str(finding.pk))


def test_a_partner_records_nothing_on_a_walk_of_others(partner, council):
    walk = _walk(council, *Organisation.objects.filter(name="Köpings kommun"))
    assert (
        _url("walk_finding_add", walk)
        not in partner.get(_url("walk_detail", walk)).content.decode()
    )
    assert partner.get(_url("walk_finding_add", walk)).status_code == 403
    assert partner.post(_url("walk_finding_add", walk), POINT).status_code == 403
    assert not Finding.objects.exists()


def test_a_reporter_without_a_seat_records_nothing(client, users, council, housing):
    client.force_login(users["reporter"])
    walk = _walk(council, housing)
    assert client.post(_url("walk_finding_add", walk), POINT).status_code == 403


def test_a_partner_neither_removes_corrects_nor_takes_up_a_finding(partner, council, housing):
    # given: a finding another participant recorded
    walk = _walk(council, housing)
    finding = finding_add(
        actor=None,
        walk=walk,
        fields=FindingFields(latitude=59.512, longitude=15.993, kind="damage", description="Ruta"),
    )
    plan = plan_create(actor=None, council=council, title="Plan", year=2018)
    detail = partner.get(_url("walk_detail", walk)).content.decode()
    # then: the page offers none of it, and the routes refuse it
    for name in ("walk_finding_edit", "walk_finding_delete", "walk_finding_to_activity"):
        url = _url(name, walk, finding_pk=finding.pk)
        assert url not in detail
        assert partner.post(url, {"plan": plan.pk}).status_code == 403
    assert (
        partner.get(_url("walk_finding_to_incident", walk, finding_pk=finding.pk)).status_code
        == 403
    )
    finding.refresh_from_db()
    assert (finding.description, finding.activity_id, finding.incident_id) == ("Ruta", None, None)
