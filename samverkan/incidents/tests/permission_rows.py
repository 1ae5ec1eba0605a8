"""Permission-matrix rows for incident reporting, review, categories, places and citizens' form."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from samverkan.accounts.tests.matrix import CHANGE, EVERYONE, SEE_COUNCIL, VIEW_INCIDENTS
from samverkan.incidents.models import (
    Category,
    Incident,
    IncidentSource,
    IncidentStatus,
    Photo,
    Place,
)
from samverkan.incidents.services.categories import categories_ensure_defaults
from samverkan.incidents.services.tallies import incidents_insert
from samverkan.organisations.models import Council

# The smallest PNG: one transparent pixel.
MATRIX_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
MATRIX_PNG_NAME = "incidents/tests/matrix-photo.png"


def _incident(
    council: Council,
    category: Category,
    source: str = IncidentSource.PARTNER,
    status: str = IncidentStatus.NEW,
) -> Incident:
    return incidents_insert(
        [
            Incident(
                council=council,
                category=category,
                address="Torget",
                occurred_from=timezone.now() - dt.timedelta(hours=1),
                source=source,
                status=status,
            )
        ]
    )[0]


def extra_ids(council: Council, user: object) -> dict[str, object]:
    Council.objects.filter(pk=council.pk).update(publishes=True)
    categories_ensure_defaults(council=council)
    glass = Category.objects.get(council=council, code="broken_glass")
    place = Place.objects.filter(council=council).first() or Place.objects.create(
        council=council,
        name="Resecentrum",
        kind="station",
        geometry={"type": "Point", "coordinates": [15.9925, 59.5105]},
    )
    incident = _incident(council, glass)
    target = _incident(council, glass)
    citizen = _incident(
        council, glass, source=IncidentSource.CITIZEN, status=IncidentStatus.PENDING
    )
    if not default_storage.exists(MATRIX_PNG_NAME):
        default_storage.save(MATRIX_PNG_NAME, ContentFile(MATRIX_PNG))
    photo = Photo.objects.create(
        incident=incident,
        image=MATRIX_PNG_NAME,
        content_type="image/png",
        size=70,
        width=1,
        height=1,
    )
    return {
        "inc_category": glass.pk,
        "inc_place": place.pk,
        "incident": incident.pk,
        "inc_target": target.pk,
        "inc_citizen": citizen.pk,
        "inc_photo": photo.pk,
    }


def _slug(i: dict[str, object]) -> dict[str, object]:
    return {"slug": i["slug"]}


def _pk(key: str):
    return lambda i: {"slug": i["slug"], "pk": i[key]}


def _report(i: dict[str, object]) -> dict[str, object]:
    return {
        "category": i["inc_category"],
        "occurred_from": "2026-01-10T08:00",
        "address": "Glasgatan 3",
        "description": "Krossad ruta i trapphuset.",
    }


def _citizen(i: dict[str, object]) -> dict[str, object]:
    group = Category.objects.get(pk=str(i["inc_category"])).parent_id
    return {"category": group, "address": "Torget", "description": "Trasig belysning."}


# (url name, kwargs from ids, method, answers[, POST data]). A POST that succeeds redirects.
PAGES = [
    ("incidents:report", _slug, "get", SEE_COUNCIL),
    ("incidents:report", _slug, "post", SEE_COUNCIL, _report),
    ("incidents:aggregate_create", _slug, "get", SEE_COUNCIL),
    ("incidents:incident_list", _slug, "get", VIEW_INCIDENTS),
    ("incidents:my_reports", _slug, "get", SEE_COUNCIL),
    ("incidents:incident_detail", _pk("incident"), "get", CHANGE),
    ("incidents:incident_edit", _pk("incident"), "get", CHANGE),
    ("incidents:incident_edit", _pk("incident"), "post", CHANGE, _report),
    ("incidents:incident_handle", _pk("incident"), "post", CHANGE, lambda i: {"go": "1"}),
    (
        "incidents:incident_moderate",
        _pk("inc_citizen"),
        "post",
        CHANGE,
        lambda i: {"decision": "publish"},
    ),
    ("incidents:incident_merge", _pk("incident"), "get", CHANGE),
    (
        "incidents:incident_merge",
        _pk("incident"),
        "post",
        CHANGE,
        lambda i: {"into": i["inc_target"]},
    ),
    ("incidents:photo", _pk("inc_photo"), "get", CHANGE),
    ("incidents:aggregate_list", _slug, "get", CHANGE),
    ("incidents:category_list", _slug, "get", CHANGE),
    ("incidents:category_list", _slug, "post", CHANGE, lambda i: {"defaults": "1"}),
    ("incidents:category_create", _slug, "get", CHANGE),
    ("incidents:category_edit", _pk("inc_category"), "get", CHANGE),
    ("incidents:place_list", _slug, "get", CHANGE),
    ("incidents:place_create", _slug, "get", CHANGE),
    ("incidents:place_edit", _pk("inc_place"), "get", CHANGE),
    ("incidents:address_register", _slug, "get", CHANGE),
    # No login: any visitor may report to a council that publishes.
    ("incidents:citizen_report", _slug, "get", EVERYONE),
    ("incidents:citizen_report", _slug, "post", EVERYONE, _citizen),
    ("incidents:citizen_thanks", _slug, "get", EVERYONE),
    # The address search of the citizens' form: addresses are public facts.
    ("incidents:address_search", _slug, "get", EVERYONE),
]
