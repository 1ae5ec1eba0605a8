"""A partner reports an incident: where, what, when, cost and photos; bad input saves nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from PIL import Image

from samverkan.core.errors import ServiceError
from samverkan.core.models import AuditEvent
from samverkan.incidents.models import Category, Incident, IncidentStatus, Photo
from samverkan.incidents.services.categories import categories_ensure_defaults
from samverkan.incidents.services.incidents import What, Where, incident_report
from samverkan.incidents.tests.conftest import INSIDE_SCHOOL, photo_bytes, upload


def _what(category, **kwargs):
    return What(category=category, occurred_from=timezone.now(), **kwargs)


def test_it_saves_a_report_at_a_named_place_with_its_cell_and_audit(
    council, users, categories, school
):
    incident = incident_report(
        actor=users["reporter"],
        council=council,
        where=Where(place=school),
        what=_what(categories["broken_glass"], cost=4500),
    )
    assert incident.status == IncidentStatus.NEW
    assert incident.reported_by == users["reporter"]
    assert len(incident.h3_cell) == 15
    assert AuditEvent.objects.filter(
        model="incidents.Incident", object_id=str(incident.pk)
    ).exists()


def test_a_point_finds_the_smallest_place_around_it(council, users, categories, school, area):
    incident = incident_report(
        actor=users["reporter"],
        council=council,
        where=Where(latitude=INSIDE_SCHOOL[0], longitude=INSIDE_SCHOOL[1]),
        what=_what(categories["graffiti"]),
    )
    assert incident.place == school


def test_a_point_outside_every_place_keeps_no_place(council, users, categories, school):
    incident = incident_report(
        actor=users["reporter"],
        council=council,
        where=Where(latitude=59.40, longitude=16.10),
        what=_what(categories["graffiti"]),
    )
    assert incident.place is None
    assert incident.h3_cell


@pytest.mark.parametrize(
    ("where", "field"),
    [
        (Where(latitude=52.52, longitude=13.40), "latitude"),  # Berlin
        (Where(latitude=59.5), "latitude"),
        (Where(), "place"),
    ],
)
def test_it_refuses_a_bad_place(council, users, categories, where, field):
    with pytest.raises(ServiceError) as refused:
        incident_report(
            actor=users["reporter"],
            council=council,
            where=where,
            what=_what(categories["graffiti"]),
        )
    assert refused.value.field == field
    assert not Incident.objects.exists()


def test_it_refuses_negative_cost_a_future_time_and_a_reversed_span(council, users, categories):
    now = timezone.now()
    bad = [
        What(category=categories["graffiti"], occurred_from=now, cost=-1),
        What(category=categories["graffiti"], occurred_from=now + dt.timedelta(days=1)),
        What(
            category=categories["graffiti"],
            occurred_from=now,
            occurred_to=now - dt.timedelta(hours=1),
        ),
    ]
    for what in bad:
        with pytest.raises(ServiceError):
            incident_report(
                actor=users["reporter"],
                council=council,
                where=Where(address="Glasgatan 3"),
                what=what,
            )
    assert not Incident.objects.exists()


def test_it_refuses_another_councils_category(council, other_council, users, categories):
    categories_ensure_defaults(council=other_council)
    foreign = Category.objects.get(council=other_council, code="graffiti")
    with pytest.raises(ServiceError):
        incident_report(
            actor=users["reporter"],
            council=council,
            where=Where(address="Torget"),
            what=_what(foreign),
        )
    assert not Incident.objects.exists()


def test_photos_are_stored_without_exif_or_gps(council, users, categories, school):
    incident = incident_report(
        actor=users["reporter"],
        council=council,
        where=Where(place=school),
        what=_what(categories["broken_glass"]),
        photos=[
            upload(),
            upload("b.png", photo_bytes("PNG"), "image/png"),
            upload("c.webp", photo_bytes("WEBP"), "image/webp"),
        ],
    )
    photos = list(incident.photos.all())
    assert [p.content_type for p in photos] == ["image/jpeg", "image/png", "image/webp"]
    for photo in photos:
        with photo.image.open("rb") as stored:
            image = Image.open(io.BytesIO(stored.read()))
            assert not dict(image.getexif())
            assert "exif" not in image.info
        assert (photo.width, photo.height) == (64, 48)


@pytest.mark.parametrize(
    "bad",
    [
        upload("fake.jpg", b"GIF89a not really a photo"),
        upload("doc.jpg", b"%PDF-1.4\n"),
        upload("anim.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
    ],
)
def test_it_refuses_a_fake_image_and_saves_nothing(council, users, categories, bad):
    with pytest.raises(ServiceError) as refused:
        incident_report(
            actor=users["reporter"],
            council=council,
            where=Where(address="Torget"),
            what=_what(categories["graffiti"]),
            photos=[bad],
        )
    assert refused.value.field == "photos"
    assert not Incident.objects.exists()
    assert not Photo.objects.exists()


def test_it_refuses_an_oversized_image(council, users, categories, monkeypatch):
    monkeypatch.setattr("samverkan.incidents.photos.MAX_BYTES", 100)
    with pytest.raises(ServiceError, match="10 MB"):
        incident_report(
            actor=users["reporter"],
            council=council,
            where=Where(address="Torget"),
            what=_what(categories["graffiti"]),
            photos=[upload()],
        )
    assert not Incident.objects.exists()
