"""OParl 1.1: crawled from the System by links as a client would, every object checked against
the official schemas, and nothing unpublished in any answer."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema_rs
import pytest
from django.test import Client
from django.utils import timezone

from samverkan.accounts.tests.secrecy import pdf_text, response_text
from samverkan.demo.loader import seed_text
from samverkan.meetings.models import AgendaItem, Meeting, MinutesRevision
from samverkan.meetings.selectors.meetings import meeting_in
from samverkan.meetings.services import adjustment
from samverkan.meetings.services.minutes_import import minutes_import
from samverkan.opendata.tests.published import (
    OPARL,
    PUBLIC_DECISION,
    PUBLIC_TEXT,
    SCHEMAS,
    SECRET_DECISION,
    SECRET_TEXT,
    adjust,
    crawl,
    held_meeting,
    notice_sent,
    publishing,
)
from samverkan.organisations.models import Body, Council, Person
from samverkan.organisations.services import person_create, person_link_user

ROOT = OPARL
NEVER = (SECRET_TEXT, SECRET_DECISION, "Xqoparlpresenter", "@example.se", "roger@")


def check(obj: dict[str, Any], kind: str | None = None, *, where: str = "") -> str:
    """Validate an object (and the objects embedded in it) against its official schema."""
    kind = kind or obj["type"].rsplit("/", 1)[-1]
    assert obj["type"] == f"https://schema.oparl.org/1.1/{kind}", where
    schema = SCHEMAS[kind]
    if obj.get("deleted"):
        # A withdrawn object keeps id, type, created and modified, nothing else.
        assert set(obj) == {"id", "type", "created", "modified", "deleted"}, where
        schema = {**schema, "required": ["id", "type"]}
    errors = [e.message for e in jsonschema_rs.Draft7Validator(schema).iter_errors(obj)]
    assert not errors, f"{where}: {errors}"
    for name, spec in schema["properties"].items():
        if name not in obj:
            continue
        if "embedded" in spec:
            check(obj[name], spec["embedded"], where=f"{where}.{name}")
        if "embedded" in spec.get("items", {}):
            for entry in obj[name]:
                check(entry, spec["items"]["embedded"], where=f"{where}.{name}[]")
    return kind


def crawl_checked(client: Client) -> dict[str, dict[str, Any]]:
    """Crawl from the System; every answer is JSON for any origin, without a marker."""
    found = {}
    for url, response in crawl(client).items():
        assert response.status_code == 200, url
        assert response["Access-Control-Allow-Origin"] == "*"
        text = response_text(response)
        for marker in NEVER:
            assert marker not in text, f"{marker} in {url}"
        if response["Content-Type"].startswith("application/json"):
            found[url] = json.loads(text)
        else:
            assert response["Content-Type"] == "application/pdf", url
    return found


@pytest.fixture
def seed_published(council: Council, users: dict[str, Any]) -> Meeting:
    """The seed's minutes imported, adjusted by their adjuster and published, with one item
    marked not for publication before the minutes were frozen."""
    from conftest import make_user

    publishing(council)
    imported, _plan = minutes_import(
        actor=None, council=council, data=seed_text().encode(), filename="seed.txt"
    )
    AgendaItem.objects.filter(meeting=imported, number=5).update(
        not_for_publication=True, text=SECRET_TEXT
    )
    adjuster = make_user("andreas", council, "member")
    person = person_create(actor=None, council=council, name="Andreas Trygg")
    person_link_user(actor=None, person=person, user=adjuster)
    adjuster.refresh_from_db()
    meeting = meeting_in(council, imported.pk)
    notice_sent(meeting)
    frozen = adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    adjustment.minutes_approve(
        actor=adjuster, meeting=meeting, role="adjuster", content_hash=frozen.content_hash
    )
    return meeting


def test_a_client_crawls_the_seed_meeting_from_the_system_and_every_object_is_valid(
    client, seed_published
):
    # when: a client follows every link from the System
    found = crawl_checked(client)
    # then: every object and every page of every list is valid OParl 1.1
    kinds: set[str] = set()
    for url, answer in found.items():
        if "data" in answer:
            assert set(answer) == {"data", "pagination", "links"}, url
            kinds |= {check(entry, where=url) for entry in answer["data"]}
        else:
            kinds.add(check(answer, where=url))
    assert kinds >= {
        "System",
        "Body",
        "Organization",
        "Person",
        "Membership",
        "Meeting",
        "AgendaItem",
        "Location",
        "File",
    }
    # and the seed's meeting is there with its 12 items, the secret one by its title only
    meetings = [a for a in found.values() if a.get("type", "").endswith("/Meeting")]
    assert len(meetings) == 1
    meeting = meetings[0]
    assert meeting["start"] == "2018-05-24T10:00:00+02:00"
    assert len(meeting["agendaItem"]) == 12
    secret = meeting["agendaItem"][4]
    assert secret["public"] is False
    assert secret["number"] == "5"
    assert secret["name"]
    assert "resolutionText" not in secret
    assert "samverkan:text" not in secret
    assert meeting["resultsProtocol"]["downloadUrl"].endswith("protokoll.pdf")
    assert "Andreas Trygg" in meeting["samverkan:adjuster"]
    assert meeting["invitation"]["accessUrl"].endswith("/kallelse.pdf")


def test_the_minutes_file_is_the_public_pdf(client, seed_published):
    meeting = client.get(ROOT).json()  # the System
    body = client.get(client.get(meeting["body"]).json()["data"][0]["meeting"]).json()
    protocol = body["data"][0]["resultsProtocol"]
    response = client.get(protocol["downloadUrl"])
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    assert SECRET_TEXT.encode() not in response.content


@pytest.fixture
def published(council: Council) -> dict[str, Any]:
    publishing(council)
    body = Body.objects.get(council=council)
    roger = Person.objects.get(name="Roger Eklund")
    meeting = held_meeting(body, dt.date(2026, 3, 5), person=roger)
    revision = adjust(meeting)
    return {"council": council, "body": body, "meeting": meeting, "revision": revision}


def _meeting_url(council: Council, meeting: Meeting) -> str:
    return f"{ROOT}body/{council.slug}/meeting/{meeting.pk}/"


def test_an_item_not_for_publication_keeps_its_title_and_loses_its_text(client, published):
    data = client.get(_meeting_url(published["council"], published["meeting"])).json()
    secret, public = data["agendaItem"]
    assert secret == {
        "id": secret["id"],
        "type": "https://schema.oparl.org/1.1/AgendaItem",
        "number": "1",
        "order": 1,
        "name": "Kameraövervakning",
        "public": False,
        "created": secret["created"],
        "modified": secret["modified"],
    }
    assert public["public"] is True
    assert public["resolutionText"] == PUBLIC_DECISION
    assert PUBLIC_TEXT in public["samverkan:text"]
    # the item at its own address is the same, with its meeting
    alone = client.get(secret["id"]).json()
    assert alone["meeting"] == data["id"]
    assert alone["public"] is False


def test_swedish_attendance_and_the_adjuster_are_extension_fields(client, published):
    data = client.get(_meeting_url(published["council"], published["meeting"])).json()
    assert data["start"] == "2026-03-05T13:15:00+01:00"
    assert data["end"] == "2026-03-05T15:00:00+01:00"
    assert data["location"]["description"] == "Rådhuset, sal 3"
    assert data["samverkan:attendance"] == {
        "present": [{"name": "Roger Eklund"}],
        "guest": [{"name": "Gästa Gästsson"}],
        "absent": [{"name": "Frånvaro Frånvarosson"}],
    }
    assert data["samverkan:adjuster"] == ["Roger Eklund"]
    # the registered person is a participant; the guest without a record is not a Person
    person = client.get(data["participant"][0]).json()
    assert person["name"] == "Roger Eklund"
    assert not {"email", "phone"} & set(person)
    assert person["membership"][0]["role"]


def test_nothing_unpublished_appears(client, published, other_council):
    council, body = published["council"], published["body"]
    # a meeting held but not adjusted, and one of a council that does not publish
    held = held_meeting(body, dt.date(2026, 4, 2))
    publishing(other_council)
    Council.objects.filter(pk=other_council.pk).update(publishes=False)
    # then
    meetings = client.get(f"{ROOT}body/{council.slug}/meetings/").json()["data"]
    assert [m["id"] for m in meetings] == [_meeting_url(council, published["meeting"])]
    assert client.get(_meeting_url(council, held)).status_code == 404
    bodies = client.get(f"{ROOT}bodies/").json()["data"]
    assert [b["shortName"] for b in bodies] == ["Brottsförebyggande rådet"]
    assert client.get(f"{ROOT}body/{other_council.slug}/").status_code == 404
    # a body that stops publishing takes its minutes out; a mirror learns it by modified_since
    Body.objects.filter(pk=body.pk).update(publishes_minutes=False, updated_at=timezone.now())
    assert client.get(f"{ROOT}body/{council.slug}/meetings/").json()["data"] == []
    since = "2020-01-01T00:00:00+01:00"
    listed = client.get(f"{ROOT}body/{council.slug}/meetings/", {"modified_since": since})
    [withdrawn] = listed.json()["data"]
    assert withdrawn["deleted"] is True
    check(withdrawn)
    alone = client.get(_meeting_url(council, published["meeting"])).json()
    assert alone["deleted"] is True
    assert PUBLIC_TEXT not in json.dumps(alone)


def test_a_correction_withdraws_the_removed_item_and_the_replaced_file(client, published):
    council, meeting = published["council"], published["meeting"]
    first = client.get(_meeting_url(council, meeting)).json()
    removed = first["agendaItem"][0]["id"]
    # when: the minutes are corrected without the first item and adjusted again
    AgendaItem.objects.filter(meeting=meeting, number=1).delete()
    adjust(meeting, number=2)
    # then
    now = client.get(_meeting_url(council, meeting)).json()
    assert [i["name"] for i in now["agendaItem"]] == ["Lägesbild"]
    assert now["resultsProtocol"]["id"] != first["resultsProtocol"]["id"]
    assert client.get(removed).json()["deleted"] is True
    assert client.get(first["resultsProtocol"]["id"]).json()["deleted"] is True


def test_lists_page_with_links_next_and_keep_their_filters(client, published):
    council, body = published["council"], published["body"]
    adjust(held_meeting(body, dt.date(2026, 4, 2)))
    adjust(held_meeting(body, dt.date(2026, 5, 7)))
    url = f"{ROOT}body/{council.slug}/meetings/"
    page = client.get(url, {"limit": "2", "created_since": "2020-01-01T00:00:00+01:00"}).json()
    assert page["pagination"] == {
        "totalElements": 3,
        "elementsPerPage": 2,
        "currentPage": 1,
        "totalPages": 2,
    }
    assert "created_since=2020-01-01T00%3A00%3A00%2B01%3A00" in page["links"]["next"]
    last = client.get(page["links"]["next"]).json()
    assert len(last["data"]) == 1
    assert "next" not in last["links"]
    assert {m["id"] for m in page["data"] + last["data"]} == {
        m["id"] for m in client.get(url).json()["data"]
    }


def test_the_filters_select_by_modified_and_created(client, published):
    url = f"{ROOT}body/{published['council'].slug}/meetings/"
    later = (timezone.now() + dt.timedelta(hours=1)).isoformat()
    assert client.get(url, {"modified_since": later}).json()["data"] == []
    assert len(client.get(url, {"created_until": later}).json()["data"]) == 1


def test_a_bad_filter_is_refused_with_a_message_in_swedish(client, published):
    url = f"{ROOT}body/{published['council'].slug}/meetings/"
    response = client.get(url, {"modified_since": "igår"})
    assert response.status_code == 400
    assert "modified_since" in response.json()["detail"]
    assert "datum" in response.json()["detail"]
    english = client.get(url, {"modified_since": "igår"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "date" in english.json()["detail"]


def test_an_unknown_object_is_not_found_as_json(client, published):
    response = client.get(f"{ROOT}body/{published['council'].slug}/meeting/999999/")
    assert response.status_code == 404
    assert response.json()["detail"]


@pytest.mark.parametrize("count", [1, 3])
def test_the_meeting_list_reads_a_fixed_number_of_queries(
    client, published, django_assert_num_queries, count
):
    for day in range(1, count):
        adjust(held_meeting(published["body"], dt.date(2026, 6, day)))
    url = f"{ROOT}body/{published['council'].slug}/meetings/"
    # the council; meetings, their revisions, notices sent, attendance and signatures; bodies,
    # people, memberships, withdrawn meetings, organisations
    with django_assert_num_queries(11):
        assert len(client.get(url).json()["data"]) == count


def test_the_sent_notice_is_published_masked_while_the_adjusted_minutes_stand(client, published):
    council, meeting = published["council"], published["meeting"]
    url = _meeting_url(council, meeting)
    assert "invitation" not in client.get(url).json()  # not sent: not published
    notice_sent(meeting)
    invitation = client.get(url).json()["invitation"]
    check(invitation, "File")
    pdf = client.get(invitation["accessUrl"])
    assert pdf.status_code == 200
    text = pdf_text(pdf.content)
    assert "Kameraövervakning" in text
    assert SECRET_TEXT not in text
    assert "Lägesbild" in text
    # a correction being written takes the notice out until the minutes are adjusted again
    MinutesRevision.objects.create(meeting=meeting, number=2, content={}, content_hash="")
    assert "invitation" not in client.get(url).json()
    assert client.get(invitation["accessUrl"]).status_code == 404
