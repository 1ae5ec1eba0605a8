"""Citizens report without a login; every report waits for a coordinator before anything shows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samverkan.incidents.models import Incident, IncidentSource, IncidentStatus
from samverkan.incidents.selectors import counted_incidents
from samverkan.incidents.tests.conftest import upload


@pytest.fixture
def publishing(council):
    council.publishes = True
    council.save()
    return council


def _url(council):
    return reverse("incidents:citizen_report", args=[council.slug])


def _data(categories, **extra):
    return {
        "category": categories["unsafe_place"].pk,
        "address": "Gångtunneln under Östra Långgatan",
        "description": "Belysningen i tunneln är trasig sedan en vecka.",
        **extra,
    }


def test_a_council_that_does_not_publish_has_no_form(client, council, categories):
    assert client.get(_url(council)).status_code == 404


def test_the_form_offers_the_groups_including_unsafe_place(client, publishing, categories):
    response = client.get(_url(publishing))
    assert response.status_code == 200
    choices = [label for _value, label in response.context["form"].fields["category"].choices]
    assert "Otrygg plats" in choices
    assert "Skadegörelse" in choices
    assert "Glaskross" not in choices


def test_a_citizen_report_waits_for_moderation_and_keeps_the_address_private(
    client, publishing, categories, users
):
    # given a logged-in user who uses the public form: the report is still anonymous
    client.force_login(users["viewer"])
    response = client.post(
        _url(publishing), _data(categories, email="medborgare@example.se", photo=upload())
    )
    assert response.status_code == 302
    assert response.url == reverse("incidents:citizen_thanks", args=[publishing.slug])
    incident = Incident.objects.get()
    assert incident.source == IncidentSource.CITIZEN
    assert incident.status == IncidentStatus.PENDING
    assert incident.reported_by is None
    assert incident.contact_email == "medborgare@example.se"
    assert incident.photos.count() == 1
    assert not counted_incidents(publishing).exists()
    thanks = client.get(response.url).content.decode()
    assert "medborgare@example.se" not in thanks


def test_a_coordinator_publishes_it(client, coordinator_client, publishing, categories):
    client.post(_url(publishing), _data(categories))
    incident = Incident.objects.get()
    moderate = reverse("incidents:incident_moderate", args=[publishing.slug, incident.pk])
    assert coordinator_client.post(moderate, {"decision": "publish"}).status_code == 302
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.PUBLISHED
    assert counted_incidents(publishing).get() == incident
    assert coordinator_client.post(moderate, {"decision": "reject"}).status_code == 302
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.REJECTED


def test_the_honeypot_thanks_a_robot_and_keeps_nothing(client, publishing, categories):
    response = client.post(_url(publishing), _data(categories, website="http://spam.example"))
    assert response.status_code == 302
    assert not Incident.objects.exists()


def test_reports_are_rate_limited_per_address(client, publishing, categories):
    for _ in range(5):
        assert client.post(_url(publishing), _data(categories)).status_code == 302
    response = client.post(_url(publishing), _data(categories))
    assert response.status_code == 429
    assert "Too many reports" in response.content.decode()
    assert Incident.objects.count() == 5
    # Another address is not held back.
    other = client.post(_url(publishing), _data(categories), REMOTE_ADDR="192.0.2.77")
    assert other.status_code == 302


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"description": "Det var Kalle, 070-123 45 67."}, "Do not write personal data"),
        ({"category": "999999"}, "Choose one of the categories in the list."),
        ({"latitude": "48.85", "longitude": "2.35"}, "The point is outside Sweden"),
        ({"address": ""}, "Say where it happened"),
        ({"photo": upload("fake.jpg", b"not a photo")}, "is not a JPEG, PNG or WebP photo"),
        ({"email": "inte en adress"}, "valid email"),
    ],
)
def test_bad_input_answers_400_and_saves_nothing(client, publishing, categories, extra, message):
    response = client.post(_url(publishing), _data(categories, **extra))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Incident.objects.exists()


def test_the_citizens_form_has_the_map_of_the_named_places(client, council, school):
    council.publishes = True
    council.save()
    page = client.get(reverse("incidents:citizen_report", args=[council.slug])).content.decode()
    assert '<script id="citizen-map-places" type="application/json">' in page
    assert 'data-latitude="id_latitude"' in page
    assert "data-place-select" not in page
