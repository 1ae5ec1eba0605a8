"""Fixtures for incidents: the default categories, places of Köping, a housing company."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from samverkan.incidents.models import Category, Place
from samverkan.incidents.services.categories import categories_ensure_defaults, place_create
from samverkan.organisations import services as org_services
from samverkan.organisations.models import Organisation

NYGARDSSKOLAN = {
    "type": "Polygon",
    "coordinates": [
        [
            [15.977, 59.5185],
            [15.981, 59.5185],
            [15.981, 59.5205],
            [15.977, 59.5205],
            [15.977, 59.5185],
        ]
    ],
}
NYGARDEN = {
    "type": "Polygon",
    "coordinates": [
        [[15.973, 59.516], [15.985, 59.516], [15.985, 59.522], [15.973, 59.522], [15.973, 59.516]]
    ],
}
INSIDE_SCHOOL = (59.5195, 15.979)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english(client, settings):
    # Messages are asserted in English (the msgids); the Swedish ones live in the catalogue.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def categories(council) -> dict[str, Category]:
    categories_ensure_defaults(actor=None, council=council)
    return {c.code: c for c in Category.objects.filter(council=council)}


@pytest.fixture
def school(council) -> Place:
    return place_create(
        actor=None, council=council, name="Nygårdsskolan", kind="school", geometry=NYGARDSSKOLAN
    )


@pytest.fixture
def area(council) -> Place:
    return place_create(
        actor=None, council=council, name="Nygården", kind="area", geometry=NYGARDEN
    )


@pytest.fixture
def kbab(council) -> Organisation:
    return org_services.organisation_create(
        actor=None, council=council, name="Köpings Bostads AB", short_name="KBAB"
    )


def photo_bytes(kind: str = "JPEG", size: tuple[int, int] = (64, 48), gps: bool = True) -> bytes:
    """A small photo with camera and GPS data in its EXIF, as a phone takes it."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Kameratillverkare AB"
    if gps:
        exif[0x8825] = {1: "N", 2: (59.0, 31.0, 10.0), 3: "E", 4: (15.0, 59.0, 24.0)}
    out = io.BytesIO()
    image.save(out, format=kind, exif=exif.tobytes())
    return out.getvalue()


def upload(name: str = "glas.jpg", data: bytes | None = None, content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, photo_bytes() if data is None else data, content_type)
