"""The police's public events feed: reading its traps, keeping the council's events once,
the page with counts per type, the upload, the feed setting and the scheduled fetch."""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.core.errors import ServiceError
from samverkan.core.models import AuditEvent
from samverkan.incidents.police import services
from samverkan.incidents.police.models import PoliceEvent, PoliceFeed
from samverkan.incidents.police.parse import (
    event_time,
    location_names,
    parse_feed,
    parse_published,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def notice(event_id, name, kind, *, when="2025-06-07 7:32:06 +02:00", place="Köping", **more):
    return {
        "id": event_id,
        "datetime": when,
        "name": name,
        "summary": more.get("summary", "Bilist misstänks för brott."),
        "url": more.get("url", f"/aktuellt/handelser/2025/juni/6/{event_id}/"),
        "type": kind,
        "location": {"name": place, "gps": "59.511,15.995"},
    }


FEED = [
    notice(1, "06 juni 18.50, Skadegörelse, Köping", "Skadegörelse"),
    notice(2, "06 juni 22.10, Bråk, Köping", "Bråk"),
    notice(3, "06 juni 23.00, Skadegörelse, Köping", "Skadegörelse"),
    notice(4, "06 juni 18.50, Trafikbrott, Kungsör", "Trafikbrott", place="Kungsör"),
    notice(5, "06 juni 21.00, Sammanfattning natt, Köping", "Sammanfattning natt"),
    notice(6, "05 juni 12.00, Skyddslagen, Köping", "Skyddslagen"),
]


def as_bytes(records) -> bytes:
    return json.dumps(records, ensure_ascii=False).encode()


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# Reading the feed --------------------------------------------------------------------------


def test_it_reads_the_publication_time_with_an_unpadded_hour():
    published = parse_published("2025-06-07 7:32:06 +02:00")
    assert published == dt.datetime(2025, 6, 7, 5, 32, 6, tzinfo=dt.UTC)


def test_it_takes_the_event_time_from_the_name_not_the_publication():
    published = parse_published("2025-06-07 7:32:06 +02:00")
    at, known = event_time("06 juni 18.50, Trafikbrott, Kungsör", published)
    assert (at, known) == (dt.datetime(2025, 6, 6, 18, 50, tzinfo=STOCKHOLM), True)


def test_an_event_of_new_years_eve_published_in_january_is_of_the_year_before():
    published = parse_published("2019-01-02 8:00:00 +01:00")
    at, _known = event_time("31 december 23.45, Brand, Köping", published)
    assert at == dt.datetime(2018, 12, 31, 23, 45, tzinfo=STOCKHOLM)


def test_a_name_without_a_time_of_day_keeps_the_day_and_says_so():
    published = parse_published("2025-06-07 7:32:06 +02:00")
    at, known = event_time("06 juni, Skadegörelse, Köping", published)
    assert at.date() == dt.date(2025, 6, 6)
    assert known is False


def test_summaries_are_left_out_and_unknown_types_kept():
    parsed = parse_feed(as_bytes(FEED))
    assert parsed.problems == []
    assert parsed.summaries == 1
    assert {n.type for n in parsed.notices} == {
        "Skadegörelse",
        "Bråk",
        "Trafikbrott",
        "Skyddslagen",
    }


def test_a_notice_given_twice_counts_once():
    parsed = parse_feed(as_bytes([FEED[0], {**FEED[0], "summary": "Uppdaterad."}]))
    assert [(n.event_id, n.summary) for n in parsed.notices] == [(1, "Uppdaterad.")]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"<html>", "not JSON"),
        (b'{"a": 1}', "no list"),
        (as_bytes([{"name": "x"}]), "no valid id"),
        (as_bytes([{**FEED[0], "datetime": "igår"}]), "no readable time"),
        (as_bytes([{**FEED[0], "summary": 5}]), "not text"),
        (as_bytes(["text"]), "not an object"),
    ],
)
def test_a_broken_file_is_a_problem(data, problem):
    assert problem in " ".join(parse_feed(data).problems)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_notices_or_problems_never_an_error(data):
    parsed = parse_feed(data)
    assert isinstance(parsed.notices, list)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "id": st.one_of(st.integers(), st.text(max_size=5), json_values),
                "datetime": st.one_of(st.text(max_size=40), json_values),
                "name": st.one_of(st.text(max_size=60), json_values),
                "type": st.one_of(st.text(max_size=20), json_values),
                "location": json_values,
            }
        ),
        max_size=5,
    )
)
def test_any_json_records_give_notices_or_problems_never_an_error(records):
    parse_feed(json.dumps(records).encode())


@given(st.text(max_size=60))
def test_any_name_gives_a_time(name):
    published = parse_published("2025-06-07 7:32:06 +02:00")
    at, _known = event_time(name, published)
    assert at.tzinfo is not None


def test_the_feeds_names_of_a_municipality():
    assert location_names("Köpings kommun") == ["Köpings", "Köping"]
    assert location_names("Arboga kommun") == ["Arboga"]


# Importing ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_keeps_the_events_of_the_councils_municipality_once(council):
    result = services.police_events_import(actor=None, council=council, data=as_bytes(FEED))
    assert (result.created, result.other_places, result.summaries) == (4, 1, 1)
    assert set(PoliceEvent.objects.filter(council=council).values_list("event_id", flat=True)) == {
        1,
        2,
        3,
        6,
    }
    again = services.police_events_import(actor=None, council=council, data=as_bytes(FEED))
    assert (again.created, again.unchanged) == (0, 4)
    assert PoliceEvent.objects.filter(council=council).count() == 4


@pytest.mark.django_db
def test_an_event_the_police_changed_is_updated(council):
    services.police_events_import(actor=None, council=council, data=as_bytes(FEED))
    changed = [{**FEED[0], "summary": "Fönster krossade vid skolan."}]
    result = services.police_events_import(actor=None, council=council, data=as_bytes(changed))
    assert result.updated == 1
    assert PoliceEvent.objects.get(council=council, event_id=1).summary == (
        "Fönster krossade vid skolan."
    )


@pytest.mark.django_db
def test_the_event_keeps_its_own_time_and_no_point(council):
    services.police_events_import(actor=None, council=council, data=as_bytes(FEED))
    event = PoliceEvent.objects.get(council=council, event_id=1)
    assert event.occurred_at == dt.datetime(2025, 6, 6, 18, 50, tzinfo=STOCKHOLM)
    assert event.published_at == dt.datetime(2025, 6, 7, 7, 32, 6, tzinfo=STOCKHOLM)
    assert event.link == "https://polisen.se/aktuellt/handelser/2025/juni/6/1/"
    assert not hasattr(event, "latitude")


@pytest.mark.django_db
def test_a_broken_notice_saves_nothing(council):
    broken = [*FEED[:3], {"name": "utan id"}]
    with pytest.raises(ServiceError, match="Nothing was imported"):
        services.police_events_import(actor=None, council=council, data=as_bytes(broken))
    assert not PoliceEvent.objects.exists()


@pytest.mark.django_db
def test_each_import_is_audited_with_its_counts(council):
    services.police_events_import(actor=None, council=council, data=as_bytes(FEED))
    feed = PoliceFeed.objects.get(council=council)
    event = AuditEvent.objects.filter(model="incidents.PoliceFeed", object_id=str(feed.pk)).last()
    assert event is not None
    assert "4 new events" in event.changes["last_result"][1]


@pytest.mark.django_db
def test_the_council_names_its_own_location_names(council, users):
    services.police_feed_update(
        actor=users["coordinator"], council=council, enabled=False, location_names="Kungsör"
    )
    result = services.police_events_import(actor=None, council=council, data=as_bytes(FEED))
    assert result.created == 1


# Pages ------------------------------------------------------------------------------------


def _events_url(council):
    return reverse("incidents:police_events", args=[council.slug])


@pytest.mark.django_db
def test_the_page_counts_the_events_per_type(council, client, users):
    services.police_events_import(actor=None, council=council, data=as_bytes(FEED))
    client.force_login(users["viewer"])
    response = client.get(
        _events_url(council), {"period_from": "2025-06-01", "period_to": "2025-06-30"}
    )
    assert response.status_code == 200
    counts = [(row.type, row.count) for row in response.context["counts"]]
    assert counts == [("Skadegörelse", 2), ("Bråk", 1), ("Skyddslagen", 1)]
    assert b"police-types-chart" in response.content
    csv = client.get(
        _events_url(council),
        {"period_from": "2025-06-01", "period_to": "2025-06-30", "format": "csv"},
    )
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert "Skadegörelse;2" in csv.content.decode("utf-8-sig")


@pytest.mark.django_db
def test_the_page_filters_by_type_and_period(council, client, users):
    services.police_events_import(actor=None, council=council, data=as_bytes(FEED))
    client.force_login(users["viewer"])
    response = client.get(
        _events_url(council),
        {"period_from": "2025-06-06", "period_to": "2025-06-06", "type": "Skadegörelse"},
    )
    assert [e.event_id for e in response.context["page"].object_list] == [3, 1]


@pytest.mark.django_db
def test_a_bad_filter_is_a_message_not_an_error(council, client, users):
    client.force_login(users["viewer"])
    response = client.get(
        _events_url(council), {"period_from": "2025-06-30", "period_to": "2025-06-01", "type": "x"}
    )
    assert response.status_code == 400
    assert b"error-summary" in response.content


@pytest.mark.django_db
def test_the_list_pages_in_a_fixed_number_of_queries(
    council, client, users, settings, django_assert_num_queries
):
    settings.PAGE_SIZE = 2
    services.police_events_import(actor=None, council=council, data=as_bytes(FEED))
    client.force_login(users["viewer"])
    query = {"period_from": "2025-06-01", "period_to": "2025-06-30"}
    with django_assert_num_queries(9) as first:
        client.get(_events_url(council), query)
    many = [notice(100 + n, f"06 juni 1{n % 10}.00, Stöld, Köping", "Stöld") for n in range(30)]
    services.police_events_import(actor=None, council=council, data=as_bytes(many))
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(_events_url(council), {**query, "page": "3"})
    assert response.context["page"].number == 3


@pytest.mark.django_db
def test_the_coordinator_uploads_a_file(council, client, users):
    client.force_login(users["coordinator"])
    url = reverse("incidents:police_events_upload", args=[council.slug])
    upload = SimpleUploadedFile("events.json", as_bytes(FEED), content_type="application/json")
    # the worker imports it (here at once); its page shows the outcome
    response = client.post(url, {"file": upload}, follow=True)
    assert response.status_code == 200
    assert "4 nya händelser" in response.content.decode()
    assert PoliceEvent.objects.filter(council=council).count() == 4


@pytest.mark.django_db
def test_a_bad_upload_is_a_message_and_saves_nothing(council, client, users):
    client.force_login(users["coordinator"])
    url = reverse("incidents:police_events_upload", args=[council.slug])
    upload = SimpleUploadedFile("events.json", b"[{", content_type="application/json")
    response = client.post(url, {"file": upload}, follow=True)
    assert response.status_code == 400
    assert "Filen är inte JSON från polisens händelseflöde." in response.content.decode()
    assert not PoliceEvent.objects.exists()


@pytest.mark.django_db
def test_a_member_cannot_import(council, client, users):
    client.force_login(users["member"])
    url = reverse("incidents:police_events_upload", args=[council.slug])
    upload = SimpleUploadedFile("events.json", as_bytes(FEED), content_type="application/json")
    assert client.post(url, {"file": upload}).status_code == 403
    assert not PoliceEvent.objects.exists()


@pytest.mark.django_db
def test_the_coordinator_turns_the_feed_on(council, client, users):
    client.force_login(users["coordinator"])
    url = reverse("incidents:police_feed_edit", args=[council.slug])
    response = client.post(url, {"enabled": "on", "location_names": "Köping, Köpings"})
    assert response.status_code == 302
    feed = PoliceFeed.objects.get(council=council)
    assert feed.enabled
    assert feed.location_names == "Köping, Köpings"
    assert AuditEvent.objects.filter(model="incidents.PoliceFeed").exists()


@pytest.mark.django_db
def test_a_too_long_location_name_keeps_what_was_typed(council, client, users):
    client.force_login(users["coordinator"])
    url = reverse("incidents:police_feed_edit", args=[council.slug])
    response = client.post(url, {"enabled": "on", "location_names": "x" * 120})
    assert response.status_code == 400
    assert "x" * 120 in response.content.decode()
    assert not PoliceFeed.objects.filter(council=council, enabled=True).exists()


# Commands and the scheduled fetch ------------------------------------------------------------


@pytest.mark.django_db
def test_the_import_command(council, tmp_path, capsys):
    path = tmp_path / "events.json"
    path.write_bytes(as_bytes(FEED))
    call_command("import_police_events", council.slug, str(path))
    assert PoliceEvent.objects.filter(council=council).count() == 4
    broken = tmp_path / "broken.json"
    broken.write_bytes(b"nej")
    with pytest.raises(CommandError):
        call_command("import_police_events", council.slug, str(broken))


class _Feed(BaseHTTPRequestHandler):
    body = b"[]"
    status = 200
    seen: list[tuple[str, str]] = []  # noqa: RUF012 (the test server's log)

    def do_GET(self):  # noqa: N802 (http.server's name)
        type(self).seen.append((self.path, self.headers.get("User-Agent", "")))
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_server(settings):
    server = HTTPServer(("127.0.0.1", 0), _Feed)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.POLICE_EVENTS_URL = f"http://127.0.0.1:{server.server_port}/api/events"
    _Feed.seen = []
    _Feed.body = as_bytes(FEED)
    _Feed.status = 200
    yield _Feed
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_the_fetch_asks_for_the_councils_places_and_keeps_its_events(council, feed_server):
    services.police_feed_update(actor=None, council=council, enabled=True, location_names="")
    call_command("fetch_police_events")
    path, agent = feed_server.seen[0]
    assert path.startswith("/api/events?locationname=K%C3%B6pings%3BK%C3%B6ping")
    assert agent.startswith("Samverkan")
    assert PoliceEvent.objects.filter(council=council).count() == 4
    assert "4 new events" in PoliceFeed.objects.get(council=council).last_result


@pytest.mark.django_db
def test_a_council_that_has_not_turned_it_on_is_not_fetched(council, feed_server):
    call_command("fetch_police_events")
    assert feed_server.seen == []


@pytest.mark.django_db
def test_a_failed_fetch_is_kept_on_the_setting_and_saves_nothing(council, feed_server):
    services.police_feed_update(actor=None, council=council, enabled=True, location_names="")
    feed_server.status = 503
    with pytest.raises(CommandError):
        call_command("fetch_police_events")
    assert not PoliceEvent.objects.exists()
    assert "could not be fetched" in PoliceFeed.objects.get(council=council).last_result
