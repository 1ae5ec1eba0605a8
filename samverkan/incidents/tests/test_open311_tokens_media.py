"""Open311 GeoReport v2 beyond the basics: the token a POST answers with and the tokens endpoint,
media_url (stored, never fetched, public only once published), the rate limit per API key and
CORS on the read-only endpoints. In JSON and XML, against the specification's text."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse

from samverkan.incidents.models import Incident, Open311Request
from samverkan.incidents.open311.keys import key_create
from samverkan.incidents.services.incidents import incident_moderate
from samverkan.incidents.tests.test_open311 import PORT, assert_error, create, url, xml
from samverkan.organisations.models import Council

IMAGE = "https://bilder.example.se/rapporter/ruta-123.jpg"


@pytest.fixture
def publishing(council: Council) -> Council:
    Council.objects.filter(pk=council.pk).update(publishes=True)
    council.refresh_from_db()
    return council


@pytest.fixture
def form(db, categories) -> dict[str, str]:
    return {
        "api_key": key_create(name="Fixa min gata")[1],
        "service_code": "broken_glass",
        "lat": str(PORT[0]),
        "long": str(PORT[1]),
        "description": "Krossad ruta i väntkuren.",
    }


def _created(response: Any, fmt: str) -> dict[str, str]:
    assert response.status_code == 200, response.content
    if fmt == "xml":
        root = xml(response)
        assert root.tag == "service_requests"
        (item,) = root.findall("request")
        return {child.tag: child.text or "" for child in item}
    (item,) = response.json()
    return dict(item)


# ----- The token


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_post_answers_with_the_id_and_a_token(client, publishing, form, fmt):
    answer = _created(create(client, form, fmt), fmt)
    link = Open311Request.objects.get()
    assert answer["service_request_id"] == str(link.incident_id)
    assert answer["token"] == link.token
    assert len(link.token or "") == 32


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_the_tokens_endpoint_maps_a_token_to_its_request(client, publishing, form, fmt):
    token = create(client, form).json()[0]["token"]
    incident = Incident.objects.get()
    response = client.get(url("token", fmt, token_id=token))
    assert response.status_code == 200
    if fmt == "xml":
        root = xml(response)
        assert root.tag == "service_requests"
        assert root.findtext("request/service_request_id") == str(incident.pk)
        assert root.findtext("request/token") == token
    else:
        assert response.json() == [{"service_request_id": str(incident.pk), "token": token}]


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    "token_id", ["0" * 32, "nope", "A" * 32, "%00", "1" * 100, "'; drop table"]
)
def test_an_unknown_or_malformed_token_is_404_in_the_error_format(
    client, publishing, form, fmt, token_id
):
    create(client, form)
    assert_error(client.get(url("token", fmt, token_id=token_id)), 404, fmt)


def test_a_token_of_another_councils_request_is_404(client, publishing, form, other_council):
    token = create(client, form).json()[0]["token"]
    Council.objects.filter(pk=other_council.pk).update(publishes=True)
    response = client.get(url("token", token_id=token), {"jurisdiction_id": other_council.slug})
    assert_error(response, 404)
    mine = client.get(url("token", token_id=token), {"jurisdiction_id": publishing.slug})
    assert mine.status_code == 200


def test_the_tokens_endpoint_is_under_v2():
    assert reverse("incidents:open311_token", kwargs={"fmt": "xml", "token_id": "ab"}) == (
        "/open311/v2/tokens/ab.xml"
    )


# ----- media_url


def test_media_url_is_stored_as_given_and_never_fetched(client, publishing, form, monkeypatch):
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the server must not fetch media_url")

    monkeypatch.setattr("socket.create_connection", no_network)
    monkeypatch.setattr("urllib.request.urlopen", no_network)
    response = create(client, {**form, "media_url": f"  {IMAGE} "})
    assert response.status_code == 200
    assert Open311Request.objects.get().media_url == IMAGE


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    "media_url",
    [
        "ftp://bilder.example.se/a.jpg",
        "javascript:alert(1)",
        "bilder.example.se/a.jpg",
        "https://",
        "https://anna:hemligt@bilder.example.se/a.jpg",
        "https://bilder.example.se/a b.jpg",
        "https://bilder.example.se/\x00.jpg",
        "https://bilder.example.se/" + "a" * 1000 + ".jpg",
    ],
)
def test_a_bad_media_url_is_400_and_nothing_is_saved(client, publishing, form, fmt, media_url):
    response = create(client, {**form, "media_url": media_url}, fmt)
    description = assert_error(response, 400, fmt)
    assert "media_url" in description
    assert not Incident.objects.exists()


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_media_url_is_public_only_once_a_coordinator_publishes(client, publishing, form, fmt):
    # given a request with an image, awaiting moderation, read by the app that sent it
    (sent,) = create(client, {**form, "media_url": IMAGE}).json()
    request_id, token = sent["service_request_id"], sent["token"]

    def shown() -> str | None:
        response = client.get(url("request", fmt, request_id=request_id), {"token": token})
        if fmt == "xml":
            return xml(response).findtext("request/media_url") or None
        value: str | None = response.json()[0]["media_url"]
        return value

    # then it is not shown
    assert shown() is None
    # when a coordinator publishes it
    incident_moderate(actor=None, incident=Incident.objects.get(), publish=True)
    # then it is, in the request and in the list
    assert shown() == IMAGE
    listed = client.get(url("requests", fmt))
    if fmt == "xml":
        assert xml(listed).findtext("request/media_url") == IMAGE
    else:
        assert listed.json()[0]["media_url"] == IMAGE
    # and when the report is withdrawn, no longer
    incident_moderate(actor=None, incident=Incident.objects.get(), publish=False)
    assert shown() is None


def test_the_staff_see_the_media_url_as_a_link(client, publishing, form, coordinator_client):
    create(client, {**form, "media_url": IMAGE})
    incident = Incident.objects.get()
    page = coordinator_client.get(
        reverse("incidents:incident_detail", kwargs={"slug": publishing.slug, "pk": incident.pk})
    )
    assert page.status_code == 200
    assert f'<a href="{IMAGE}" rel="noopener noreferrer nofollow">' in page.content.decode()


def test_the_detail_page_takes_no_more_queries_for_an_open311_report(
    client, publishing, form, coordinator_client, django_assert_num_queries
):
    create(client, {**form, "media_url": IMAGE})
    incident = Incident.objects.get()
    detail = reverse(
        "incidents:incident_detail", kwargs={"slug": publishing.slug, "pk": incident.pk}
    )
    coordinator_client.get(detail)
    # as for any report (test_review_pages): the Open311 row comes with the report
    with django_assert_num_queries(8):
        assert coordinator_client.get(detail).status_code == 200


# ----- Rate limit per API key


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_key_over_its_hourly_limit_gets_429_and_another_key_does_not(
    client, publishing, form, settings, fmt
):
    cache.clear()
    settings.OPEN311_POSTS_PER_HOUR = 2
    assert create(client, form, fmt).status_code == 200
    assert create(client, {**form, "service_code": "nope"}, fmt).status_code == 404
    # the third request of the hour, even a good one
    response = create(client, form, fmt)
    assert_error(response, 429, fmt)
    assert response["Retry-After"] == "3600"
    assert Incident.objects.count() == 1
    other = key_create(name="En annan app")[1]
    assert create(client, {**form, "api_key": other}, fmt).status_code == 200


def test_unknown_keys_are_not_counted_against_a_real_one(client, publishing, form, settings):
    cache.clear()
    settings.OPEN311_POSTS_PER_HOUR = 1
    for _attempt in range(3):
        assert_error(create(client, {**form, "api_key": "x" * 40}), 403)
    assert create(client, form).status_code == 200


# ----- CORS


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("discovery", {}),
        ("services", {}),
        ("service_definition", {"code": "broken_glass"}),
        ("service_definition", {"code": "unknown"}),
        ("requests", {}),
        ("request", {"request_id": "1"}),
        ("token", {"token_id": "0" * 32}),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_every_get_answer_may_be_read_from_any_origin(
    client, publishing, categories, name, kwargs, fmt
):
    response = client.get(url(name, fmt, **kwargs), HTTP_ORIGIN="https://app.example.se")
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_post_answer_is_not_open_to_other_origins(client, publishing, form, fmt):
    ok = create(client, form, fmt)
    refused = create(client, {**form, "api_key": ""}, fmt)
    not_allowed = client.post(url("services", fmt), HTTP_ORIGIN="https://app.example.se")
    for response in (ok, refused, not_allowed):
        assert "Access-Control-Allow-Origin" not in response


def test_the_refusals_are_in_swedish_by_default(client, publishing, form, settings):
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
    description = assert_error(client.get(url("token", token_id="0" * 32)), 404)
    assert description == "Angivet token_id finns inte."
    description = assert_error(create(client, {**form, "media_url": "ftp://x.se/a"}), 400)
    assert description == "media_url måste vara en http- eller https-adress."


def test_a_limit_below_one_stops_the_start():
    environment = {**os.environ, "OPEN311_POSTS_PER_HOUR": "0"}
    result = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-c", "import samverkan.settings"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "OPEN311_POSTS_PER_HOUR" in result.stderr
