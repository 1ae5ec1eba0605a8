"""Open311 GeoReport v2, tested against the specification's text (wiki.open311.org/GeoReport_v2).

Every endpoint in both formats, every error the specification names, and the privacy rules:
a request sent by an app can be read back while it awaits moderation, without what was written.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverkan.incidents.models import (
    Category,
    Incident,
    IncidentSource,
    IncidentStatus,
    Open311Request,
)
from samverkan.incidents.open311.keys import key_create, key_revoke
from samverkan.incidents.services.incidents import incident_merge, incident_moderate
from samverkan.incidents.services.tallies import incidents_insert
from samverkan.organisations.models import Council

PORT = (59.5105, 15.9925)  # Köping's travel centre


def url(name: str, fmt: str = "json", **kwargs: Any) -> str:
    return reverse(f"incidents:open311_{name}", kwargs={"fmt": fmt, **kwargs})


def xml(response: Any) -> ET.Element:
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    # Our own answer, parsed to check that it is well-formed.
    return ET.fromstring(response.content)  # noqa: S314


def assert_error(response: Any, status: int, fmt: str = "json") -> str:
    """The specification's error format: [{code, description}] or <errors><error>…."""
    assert response.status_code == status, response.content
    if fmt == "xml":
        root = xml(response)
        assert root.tag == "errors"
        (item,) = root.findall("error")
        assert item.findtext("code") == str(status)
        description = item.findtext("description") or ""
    else:
        assert response["Content-Type"] == "application/json; charset=utf-8"
        (item,) = response.json()
        assert set(item) == {"code", "description"}
        assert item["code"] == status
        description = item["description"]
    assert description
    return description


@pytest.fixture
def publishing(council: Council) -> Council:
    Council.objects.filter(pk=council.pk).update(publishes=True)
    council.refresh_from_db()
    return council


@pytest.fixture
def api_key(db) -> str:
    return key_create(name="Fixa min gata")[1]


@pytest.fixture
def form(api_key, categories) -> dict[str, str]:
    return {
        "api_key": api_key,
        "service_code": "broken_glass",
        "lat": str(PORT[0]),
        "long": str(PORT[1]),
        "description": "Krossad ruta i väntkuren.",
    }


def create(client: Client, data: dict[str, str], fmt: str = "json") -> Any:
    return client.post(url("requests", fmt), data)


def published(council: Council, category: Category, **fields: Any) -> Incident:
    values: dict[str, Any] = {
        "council": council,
        "category": category,
        "occurred_from": timezone.now(),
        "source": IncidentSource.CITIZEN,
        "status": IncidentStatus.PUBLISHED,
        "description": "Klotter på muren.",
        "address": "Stora torget",
        "latitude": PORT[0],
        "longitude": PORT[1],
        **fields,
    }
    return incidents_insert([Incident(**values)])[0]


# ----- Service discovery


@pytest.mark.django_db
def test_discovery_names_the_v2_endpoint_and_its_formats(client):
    # when
    answer = client.get(url("discovery")).json()
    root = xml(client.get(url("discovery", "xml")))
    # then
    (endpoint,) = answer["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert endpoint["type"] == "production"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert {"changeset", "contact", "key_service"} <= set(answer)
    assert root.tag == "discovery"
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == [
        "text/xml",
        "application/json",
    ]
    assert reverse("incidents:open311_discovery", kwargs={"fmt": "json"}) == (
        "/open311/discovery.json"
    )


# ----- Service list and definitions


def test_the_service_list_is_the_councils_categories_in_both_formats(
    client, publishing, categories
):
    # when
    services = client.get(url("services")).json()
    root = xml(client.get(url("services", "xml")))
    # then
    by_code = {s["service_code"]: s for s in services}
    glass = by_code["broken_glass"]
    assert glass["service_name"] == categories["broken_glass"].name
    assert glass["group"] == categories["broken_glass"].parent.name
    assert glass["metadata"] is False
    assert glass["type"] == "realtime"
    assert set(glass) == {
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    }
    assert len(services) == Category.objects.filter(council=publishing).count()
    codes = [s.findtext("service_code") for s in root.findall("service")]
    assert codes == [s["service_code"] for s in services]
    assert root.findtext("service/metadata") == "false"


def test_a_category_without_a_code_is_served_by_its_id(client, publishing, categories):
    # given
    own = Category.objects.create(council=publishing, name="Trasig belysning", position=999)
    # when
    services = client.get(url("services")).json()
    definition = client.get(url("service_definition", code=str(own.pk))).json()
    # then
    assert str(own.pk) in {s["service_code"] for s in services}
    assert definition == {"service_code": str(own.pk), "attributes": []}


def test_a_service_definition_has_its_code_and_no_attributes(client, publishing, categories):
    # when
    answer = client.get(url("service_definition", code="broken_glass")).json()
    root = xml(client.get(url("service_definition", "xml", code="broken_glass")))
    # then
    assert answer == {"service_code": "broken_glass", "attributes": []}
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "broken_glass"
    assert root.find("attributes") is not None


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_service_code_is_404(client, publishing, categories, fmt):
    assert_error(client.get(url("service_definition", fmt, code="unknown")), 404, fmt)
    assert_error(client.get(url("service_definition", fmt, code="99999999")), 404, fmt)


# ----- jurisdiction_id


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_jurisdiction_id_is_needed_only_when_several_councils_report(
    client, publishing, other_council, categories, fmt
):
    # given: one council takes reports
    assert client.get(url("services", fmt)).status_code == 200
    # when: a second one does too
    Council.objects.filter(pk=other_council.pk).update(publishes=True)
    # then
    assert "jurisdiction_id" in assert_error(client.get(url("services", fmt)), 400, fmt)
    named = client.get(url("services", fmt), {"jurisdiction_id": publishing.slug})
    assert named.status_code == 200
    assert_error(client.get(url("services", fmt), {"jurisdiction_id": "nowhere"}), 404, fmt)


def test_a_council_that_does_not_publish_is_not_a_jurisdiction(client, publishing, other_council):
    response = client.get(url("services"), {"jurisdiction_id": other_council.slug})
    assert_error(response, 404)


@pytest.mark.django_db
def test_without_any_council_taking_reports_every_endpoint_is_404(client):
    assert_error(client.get(url("services")), 404)
    assert_error(client.get(url("requests")), 404)


# ----- POST Service Request


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_request_becomes_a_citizens_report_awaiting_moderation(client, publishing, form, fmt):
    # given
    form |= {
        "email": "anna@example.se",
        "first_name": "Anna",
        "last_name": "Svensson",
        "phone": "070-123 45 67",
        "device_id": "abc",
        "media_url": "https://example.org/photo.jpg",
    }
    # when
    response = create(client, form, fmt)
    # then
    assert response.status_code == 200, response.content
    incident = Incident.objects.get()
    if fmt == "json":
        (answer,) = response.json()
        assert answer["service_request_id"] == str(incident.pk)
        assert answer["service_notice"]
        assert answer["account_id"] is None
    else:
        root = xml(response)
        assert root.tag == "service_requests"
        assert root.findtext("request/service_request_id") == str(incident.pk)
        assert root.find("request/account_id") is not None
    assert incident.source == IncidentSource.CITIZEN
    assert incident.status == IncidentStatus.PENDING
    assert incident.category.code == "broken_glass"
    assert incident.description == "Krossad ruta i väntkuren."
    assert incident.contact_email == "anna@example.se"
    assert incident.h3_cell
    assert Open311Request.objects.get().incident == incident
    # Names and phone numbers are not kept anywhere on the report.
    stored = " ".join(str(v) for v in Incident.objects.values().get().values())
    assert "Anna" not in stored
    assert "Svensson" not in stored
    assert "123 45 67" not in stored


def test_a_request_with_only_an_address_is_taken(client, publishing, form):
    form.pop("lat")
    form.pop("long")
    response = create(client, form | {"address_string": "Stora torget 1"})
    assert response.status_code == 200
    assert Incident.objects.get().address == "Stora torget 1"


def test_an_app_posts_without_a_csrf_token(publishing, form):
    client = Client(enforce_csrf_checks=True)
    assert create(client, form).status_code == 200


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_missing_invalid_or_revoked_api_key_is_403(client, publishing, form, fmt):
    assert_error(create(client, form | {"api_key": ""}, fmt), 403, fmt)
    assert_error(create(client, form | {"api_key": "x" * 43}, fmt), 403, fmt)
    assert_error(create(client, form | {"api_key": "x" * 5000}, fmt), 403, fmt)
    key_revoke(name="Fixa min gata")
    assert_error(create(client, form, fmt), 403, fmt)
    assert not Incident.objects.exists()


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        ({"service_code": ""}, 400, "service_code"),
        ({"service_code": "unknown"}, 404, "service_code"),
        ({"service_code": "x" * 500}, 400, "service_code"),
        ({"lat": "", "long": ""}, 400, "location"),
        ({"lat": "", "long": "", "address_id": "4711"}, 400, "address_id"),
        ({"long": ""}, 400, "lat and long"),
        ({"lat": "abc"}, 400, "lat"),
        ({"lat": "nan"}, 400, "lat"),
        ({"long": "inf"}, 400, "long"),
        ({"lat": "40.7", "long": "-74.0"}, 400, "outside Sweden"),
        ({"description": "x" * 4001}, 400, "description"),
        ({"description": "Ring 070-123 45 67"}, 400, "phone number"),
        ({"description": "Trasig\x00ruta"}, 400, "control characters"),
        ({"address_string": "x" * 201}, 400, "address_string"),
        ({"email": "not-an-address"}, 400, "email"),
        ({"jurisdiction_id": "nowhere"}, 404, "jurisdiction_id"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_bad_requests_are_refused_in_the_error_format_and_save_nothing(
    client, publishing, form, change, status, words, fmt
):
    description = assert_error(create(client, form | change, fmt), status, fmt)
    assert words in description
    assert not Incident.objects.exists()


def test_a_category_of_another_council_is_not_a_service(client, publishing, other_council, form):
    other = Category.objects.create(council=other_council, name="Annat")
    response = create(client, form | {"service_code": str(other.pk)})
    assert_error(response, 404)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_oversized_or_overfull_body_is_400_not_500(client, publishing, form, settings, fmt):
    # given
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    # when
    big = create(client, form | {"description": "x" * 20_000}, fmt)
    many = create(client, form | {f"attribute[a{i}]": "1" for i in range(100)}, fmt)
    # then
    assert_error(big, 400, fmt)
    assert_error(many, 400, fmt)
    assert not Incident.objects.exists()


def test_a_tampered_body_is_answered_in_the_error_format(client, publishing, form):
    # A body that is not form data at all: no field can be read, so the key is missing.
    response = client.post(url("requests"), data=b"\xff\xfe<x>", content_type="text/xml")
    assert_error(response, 403)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_other_methods_are_refused_in_the_error_format(client, publishing, fmt):
    response = client.put(url("services", fmt))
    assert_error(response, 405, fmt)
    assert response["Allow"] == "GET"


# ----- GET Service Request(s)


def _read(client: Client, incident_id: int | str, fmt: str = "json", token: str = "") -> Any:
    params = {"token": token} if token else {}
    return client.get(url("request", fmt, request_id=str(incident_id)), params)


def test_a_request_sent_is_read_back_while_pending_without_what_was_written(
    client, publishing, form
):
    # given
    (sent,) = create(client, form | {"address_string": "Vid kiosken"}).json()
    incident = Incident.objects.get()
    token = sent["token"]
    # when
    (pending,) = _read(client, incident.pk, token=token).json()
    root = xml(_read(client, incident.pk, "xml", token=token))
    # then
    assert pending["service_request_id"] == str(incident.pk)
    assert pending["status"] == "open"
    assert pending["service_code"] == "broken_glass"
    assert pending["status_notes"] == "Awaiting moderation."
    assert pending["description"] == ""
    assert pending["address"] == ""
    assert pending["lat"] is None
    assert pending["long"] is None
    assert "Krossad" not in json.dumps(pending)
    assert b"Krossad" not in _read(client, incident.pk, "xml", token=token).content
    assert root.findtext("request/status") == "open"
    # when: a coordinator publishes it
    incident_moderate(actor=None, incident=incident, publish=True)
    (public,) = _read(client, incident.pk).json()
    # then
    assert public["description"] == "Krossad ruta i väntkuren."
    assert public["address"] == "Vid kiosken"
    assert public["lat"] == PORT[0]
    assert public["long"] == PORT[1]
    assert public["status_notes"] == ""


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_only_the_token_holder_reads_a_request_before_it_is_published(
    client, publishing, form, fmt
):
    # given: a request sent by an app, awaiting moderation, and the next id unused
    (sent,) = create(client, form).json()
    incident = Incident.objects.get()
    # then: its id alone, or with another token, answers as an unknown id does
    unknown = assert_error(_read(client, incident.pk + 1, fmt), 404, fmt)
    for token in ("", "0" * 32, sent["token"].upper(), "x" * 200):
        assert assert_error(_read(client, incident.pk, fmt, token=token), 404, fmt) == unknown
    assert _read(client, incident.pk, fmt, token=sent["token"]).status_code == 200
    # when it is rejected, still only the token holder reads it
    incident_moderate(actor=None, incident=incident, publish=False)
    assert_error(_read(client, incident.pk, fmt), 404, fmt)
    assert _read(client, incident.pk, fmt, token=sent["token"]).status_code == 200


def test_a_published_request_is_read_by_anyone(client, publishing, form):
    create(client, form)
    incident = Incident.objects.get()
    incident_moderate(actor=None, incident=incident, publish=True)
    (answer,) = _read(client, incident.pk).json()
    assert answer["description"] == "Krossad ruta i väntkuren."


def test_a_rejected_request_is_closed_and_says_nothing_more(client, publishing, form):
    (sent,) = create(client, form).json()
    incident = Incident.objects.get()
    incident_moderate(actor=None, incident=incident, publish=False)
    (answer,) = _read(client, incident.pk, token=sent["token"]).json()
    assert answer["status"] == "closed"
    assert answer["description"] == ""


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_only_published_or_app_sent_reports_can_be_read(client, publishing, categories, fmt):
    # given: a citizen's report from the form, awaiting moderation, and a partner's report
    glass = categories["broken_glass"]
    pending = published(publishing, glass, status=IncidentStatus.PENDING)
    partner = published(publishing, glass, source=IncidentSource.PARTNER, status="new")
    # then
    for missing in (pending.pk, partner.pk, 99999999, "abc", "1" * 40):
        assert_error(_read(client, missing, fmt), 404, fmt)


def test_the_list_holds_published_reports_only(client, publishing, categories, form):
    # given
    create(client, form)
    visible = published(publishing, categories["graffiti"])
    published(publishing, categories["graffiti"], status=IncidentStatus.REJECTED)
    published(publishing, categories["graffiti"], source=IncidentSource.PARTNER, status="new")
    # when
    answer = client.get(url("requests")).json()
    root = xml(client.get(url("requests", "xml")))
    # then
    assert [r["service_request_id"] for r in answer] == [str(visible.pk)]
    assert answer[0]["description"] == "Klotter på muren."
    assert dt.datetime.fromisoformat(answer[0]["requested_datetime"]).utcoffset() is not None
    assert [r.findtext("service_request_id") for r in root.findall("request")] == [str(visible.pk)]
    assert root.findtext("request/lat") == str(PORT[0])


def test_the_list_filters_as_the_specification_says(client, publishing, categories):
    # given
    glass = published(publishing, categories["broken_glass"])
    graffiti = published(publishing, categories["graffiti"])
    old = published(publishing, categories["graffiti"])
    Incident.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=200))
    incident_merge(actor=None, incident=graffiti, into=glass)

    def ids(**params: str) -> list[str]:
        response = client.get(url("requests"), params)
        assert response.status_code == 200, response.content
        return sorted(r["service_request_id"] for r in response.json())

    # then: the default is the last 90 days
    assert ids() == sorted([str(glass.pk), str(graffiti.pk)])
    assert ids(service_code="graffiti") == [str(graffiti.pk)]
    assert ids(service_code="graffiti,broken_glass,nothing") == ids()
    assert ids(service_code="nothing") == []
    assert ids(status="open") == [str(glass.pk)]
    assert ids(status="closed") == [str(graffiti.pk)]
    assert ids(status="open,closed") == ids()
    # service_request_id overrides the other filters, the date span included
    assert ids(service_request_id=f"{old.pk},{glass.pk}", status="closed") == sorted(
        [str(old.pk), str(glass.pk)]
    )
    start = (timezone.now() - dt.timedelta(days=220)).isoformat()
    assert ids(start_date=start) == [str(old.pk)]
    end = (timezone.now() - dt.timedelta(days=150)).isoformat()
    assert ids(end_date=end) == [str(old.pk)]
    assert ids(start_date="2020-01-01T00:00:00Z", end_date="2020-02-01T00:00:00Z") == []
    assert ids(page_size="1", page="2") == [sorted([str(glass.pk), str(graffiti.pk)])[0]]
    closed = next(
        r for r in client.get(url("requests")).json() if r["service_request_id"] == str(graffiti.pk)
    )
    assert closed["status"] == "closed"


@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "yesterday"},
        {"start_date": "2026-13-45T00:00:00Z"},
        {"start_date": "9999-12-31T23:59:59Z"},  # the 90-day span would overflow
        {"end_date": "0001-01-01T00:00:00Z"},
        {"end_date": "2026-01-01T00:00:00\x00"},
        {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},
        {"start_date": "2026-06-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"},
        {"status": "pending"},
        {"service_request_id": "1,abc"},
        {"service_request_id": ",".join(["1"] * 1001)},
        {"page_size": "0"},
        {"page_size": "100000"},
        {"page": "-1"},
    ],
)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_bad_list_parameters_are_400(client, publishing, params, fmt):
    assert_error(client.get(url("requests", fmt), params), 400, fmt)


def test_the_list_takes_a_fixed_number_of_queries(
    client, publishing, categories, django_assert_num_queries
):
    # given
    for _ in range(5):
        published(publishing, categories["graffiti"])
    # then: council, page count, page
    with django_assert_num_queries(3):
        response = client.get(url("requests"))
    assert len(response.json()) == 5


def test_text_is_escaped_in_xml_and_json(client, publishing, categories):
    # given: text a coordinator published, with markup and a character XML cannot hold
    tricky = 'Fönster <script>alert("x")</script> & \x01 ]]>'
    incident = published(publishing, categories["graffiti"], description=tricky)
    # when
    root = xml(_read(client, incident.pk, "xml"))
    (answer,) = _read(client, incident.pk).json()
    # then
    assert root.findtext("request/description") == tricky.replace("\x01", "")
    assert answer["description"] == tricky


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_nul_characters_in_addresses_and_parameters_are_404_or_400(client, publishing, form, fmt):
    # A database cannot compare text with NUL in it: such input is refused before any query.
    assert_error(client.get(f"/open311/v2/services/a%00b.{fmt}"), 404, fmt)
    assert_error(client.get(url("services", fmt), {"jurisdiction_id": "kop\x00ing"}), 404, fmt)
    assert client.get(url("requests", fmt), {"service_code": "a\x00,graffiti"}).status_code == 200
    assert_error(create(client, form | {"jurisdiction_id": "\x00"}, fmt), 404, fmt)
    assert_error(create(client, form | {"service_code": "\x00"}, fmt), 400, fmt)
    assert_error(create(client, form | {"email": "a\x00@example.se"}, fmt), 400, fmt)
    assert_error(create(client, form | {"api_key": form["api_key"] + "\x00"}, fmt), 403, fmt)
