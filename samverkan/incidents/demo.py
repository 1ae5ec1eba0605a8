"""Demo data for incidents: the default categories, places of Köping, and KBAB's period totals.

samverkan/demo.py calls `load_demo_incidents` after the organisations exist, and
`remove_demo_incidents` before it removes the organisations of a council.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from samverkan.incidents.models import AggregateReport, Category, Incident, Place
from samverkan.incidents.services.aggregates import Total, aggregates_report
from samverkan.incidents.services.categories import categories_ensure_defaults, place_create
from samverkan.incidents.services.tallies import tallies_rebuild
from samverkan.organisations.models import Council, Organisation


def _square(lon: float, lat: float, half_lon: float, half_lat: float) -> dict[str, Any]:
    ring = [
        [lon - half_lon, lat - half_lat],
        [lon + half_lon, lat - half_lat],
        [lon + half_lon, lat + half_lat],
        [lon - half_lon, lat + half_lat],
        [lon - half_lon, lat - half_lat],
    ]
    return {"type": "Polygon", "coordinates": [[[round(x, 6) for x in p] for p in ring]]}


# Rough outlines around the places, not surveyed boundaries.
PLACES: list[tuple[str, str, dict[str, Any]]] = [
    ("Nygårdsskolan", "school", _square(15.9790, 59.5195, 0.0020, 0.0010)),
    ("Karlbergsskolan", "school", _square(16.0040, 59.5080, 0.0020, 0.0010)),
    ("Köpings centrum", "centre", _square(15.9950, 59.5135, 0.0040, 0.0020)),
    ("Resecentrum", "station", {"type": "Point", "coordinates": [15.9925, 59.5105]}),
    ("Nygården", "area", _square(15.9790, 59.5190, 0.0060, 0.0030)),
]

KBAB = "Köpings Bostads AB"
# The seed's "KBABs redovisning" read out at the meeting: January–May 2018, costs only.
KBAB_TOTALS = [("broken_glass", 325_000), ("graffiti", 16_000), ("other_damage", 25_000)]
KBAB_PERIOD = (dt.date(2018, 1, 1), dt.date(2018, 5, 31))


def load_demo_incidents(council: Council) -> None:
    categories_ensure_defaults(actor=None, council=council)
    for name, kind, geometry in PLACES:
        if not Place.objects.filter(council=council, name=name).exists():
            place_create(actor=None, council=council, name=name, kind=kind, geometry=geometry)
    kbab = Organisation.objects.filter(council=council, name=KBAB).first()
    if kbab is None:
        return
    by_code = {c.code: c for c in Category.objects.filter(council=council).exclude(code="")}
    aggregates_report(
        actor=None,
        council=council,
        organisation=kbab,
        period_from=KBAB_PERIOD[0],
        period_to=KBAB_PERIOD[1],
        totals=[Total(category=by_code[code], cost=cost) for code, cost in KBAB_TOTALS],
    )


def remove_demo_incidents(council: Council) -> None:
    """Remove the council's incident data, so that its organisations can be removed."""
    incidents = Incident.objects.filter(council=council)
    incidents.exclude(merged_into=None).delete()
    for incident in incidents:
        for photo in incident.photos.all():
            photo.image.delete(save=False)
    incidents.delete()
    tallies_rebuild(council.pk)  # none left: empties the council's tallies
    AggregateReport.objects.filter(council=council).delete()
    Place.objects.filter(council=council).delete()
    Category.objects.filter(council=council, parent__isnull=False).delete()
    Category.objects.filter(council=council).delete()
