"""Malformed input on every incident form: a 400 with a message, never a 500, nothing saved."""

from __future__ import annotations

import datetime as dt
import json
import math
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverkan.incidents.models import AggregateReport, Category, Incident, Place
from samverkan.incidents.services.tallies import incidents_insert
from samverkan.organisations.models import Municipality

BIG = "9" * 30


@pytest.fixture
def incident(council, categories):
    return incidents_insert(
        [
            Incident(
                council=council,
                category=categories["graffiti"],
                address="Torget",
                occurred_from=dt.datetime.fromisoformat("2026-01-01T10:00:00+01:00"),
                source="partner",
            )
        ]
    )[0]


def _report(categories, **extra):
    return {
        "category": categories["graffiti"].pk,
        "address": "Torget",
        "occurred_from": "2026-01-01T10:00",
        **extra,
    }


def test_malformed_reports_answer_400(coordinator_client, council, categories):
    url = reverse("incidents:report", args=[council.slug])
    for extra in [
        {"place": BIG},
        {"place": "en skola"},
        {"cost": BIG},
        {"cost": "12,5"},
        {"occurred_from": "0001-01-01T00:00"},
        {"occurred_from": "igår"},
        {"occurred_from": "2026-02-30T10:00"},
        {"latitude": "1e309", "longitude": "nan"},
        {"latitude": "59.5"},
        {"organisation": BIG},
        {"description": "x" * 5000},
        {"category": ""},
    ]:
        response = coordinator_client.post(url, _report(categories, **extra))
        assert response.status_code == 400, extra
    assert not Incident.objects.exists()


def test_malformed_filters_merges_totals_categories_and_places_answer_400(
    coordinator_client, council, categories, incident
):
    c = council.slug
    assert coordinator_client.get(f"/councils/{c}/incidents/{BIG}/").status_code == 404
    response = coordinator_client.get(
        reverse("incidents:incident_list", args=[c]), {"category": BIG, "period_to": "x"}
    )
    assert response.status_code == 400
    merge = reverse("incidents:incident_merge", args=[c, incident.pk])
    for into in [BIG, "-1", "ett", ""]:
        assert coordinator_client.post(merge, {"into": into}).status_code == 400
    totals = reverse("incidents:aggregate_create", args=[c])
    head = {"period_from": "2018-01-01", "period_to": "2018-05-31"}
    rows = {"rows-TOTAL_FORMS": "1", "rows-INITIAL_FORMS": "0"}
    for bad in [
        {**head, **rows, "organisation": BIG},
        {**head, "organisation": ""},  # no management form
        {**head, **rows, "rows-0-category": BIG, "rows-0-count": "1"},
        {**head, **rows, "rows-0-category": categories["graffiti"].pk, "rows-0-count": BIG},
        {"period_from": "2018-05-31", "period_to": "2018-01-01", **rows},
    ]:
        assert coordinator_client.post(totals, bad).status_code == 400, bad
    assert not AggregateReport.objects.exists()
    count = Category.objects.count()
    new_category = reverse("incidents:category_create", args=[c])
    for bad in [{"name": "", "position": "0"}, {"name": "x", "parent": BIG, "position": BIG}]:
        assert coordinator_client.post(new_category, bad).status_code == 400
    assert Category.objects.count() == count
    new_place = reverse("incidents:place_create", args=[c])
    for geometry in [
        "[]",
        "null",
        '{"type": "Point", "coordinates": "x"}',
        '{"type": "Polygon"}',
        '{"type": "Point", "coordinates": ["15.99", "59.51"]}',
        "[" * 10_000 + "]" * 10_000,  # deeper than the JSON parser goes
    ]:
        response = coordinator_client.post(
            new_place, {"name": "Torget", "kind": "area", "geometry": geometry}
        )
        assert response.status_code == 400, geometry
    assert not Place.objects.exists()


def test_malformed_statistics_and_imports_answer_400(coordinator_client, council):
    Municipality.objects.filter(pk=council.municipality_id).update(code="1983")
    c = council.slug
    population = reverse("incidents:statistics_population", args=[c])
    for bad in [{}, {"year": "2018", "count": BIG}, {"year": BIG, "count": "1"}]:
        assert coordinator_client.post(population, bad).status_code == 400, bad
    kolada = reverse("incidents:statistics_kolada", args=[c])
    huge = b'{"values": [{"kpi": "N01951", "municipality": "1983", "period": 2018, "values": '
    for data in [
        b"",
        b"nonsense",
        b"null",
        b'{"values": [null]}',
        b"\xff\xfe",
        huge + b'[{"gender": "T", "value": 1e400}]}]}',
        huge + b'[{"gender": "T", "value": 1e12}]}]}',
    ]:
        upload = SimpleUploadedFile("kolada.json", data)
        assert coordinator_client.post(kolada, {"file": upload}).status_code == 400, data
    upload_url = reverse("incidents:import_upload", args=[c])
    for name, data in [("a.csv", b""), ("a.xlsx", b"PK\x03\x04broken"), ("a.pdf", b"%PDF")]:
        upload = SimpleUploadedFile(name, data)
        # the worker reads the file; the page it leads to says why it could not
        answer = coordinator_client.post(upload_url, {"file": upload}, follow=True)
        assert answer.status_code == 400, name
    assert coordinator_client.get(f"/councils/{c}/incidents/import/{BIG}/").status_code == 404


def _ring(points: int, radius: float) -> list[list[float]]:
    ring = [
        [
            16.0 + radius * math.cos(2 * math.pi * i / points),
            59.5 + radius * math.sin(2 * math.pi * i / points) / 2,
        ]
        for i in range(points)
    ]
    return [*ring, ring[0]]


@pytest.mark.parametrize(
    ("coordinates", "message"),
    [
        ([_ring(6_000, 0.01)], "at most 5,000 corners"),  # a small circle drawn with 6,000 points
        (
            [[[14.0, 58.0], [17.0, 58.0], [17.0, 60.0], [14.0, 60.0], [14.0, 58.0]]],
            "at most 20,000 km²",
        ),
    ],
)
def test_an_area_too_detailed_or_too_large_is_refused_when_saved(
    coordinator_client, council, coordinates, message
):
    # given a polygon the dashboard would filter on at every request (the client reads English)
    geometry = json.dumps({"type": "Polygon", "coordinates": coordinates})
    # (the address first: the first reverse() imports every view of the site, which is not
    # the request's time)
    url = reverse("incidents:place_create", args=[council.slug])
    # when the coordinator saves it as an area
    started = time.process_time()
    response = coordinator_client.post(
        url, {"name": "Hela länet", "kind": "area", "geometry": geometry}
    )
    # then it is refused with the limit, at once, and the form keeps what was typed
    assert time.process_time() - started < 1.0
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Hela länet" in response.content.decode()
    assert not Place.objects.exists()
