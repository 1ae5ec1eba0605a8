"""Demo data for incidents: the default categories, places of Köping, KBAB's period totals, and
a year and a half of invented reports up to today (so that the situational picture, its map and
the review queue show something), with three citizens' reports waiting for moderation.

samverkan/demo.py calls `load_demo_incidents` after the organisations exist, and
`remove_demo_incidents` before it removes the organisations of a council.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone
from shapely.geometry import shape

from samverkan.incidents.models import (
    AggregateReport,
    Category,
    Incident,
    IncidentSource,
    Place,
)
from samverkan.incidents.services.aggregates import Total, aggregates_report
from samverkan.incidents.services.categories import categories_ensure_defaults, place_create
from samverkan.incidents.services.incidents import What, Where, incident_report
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

# Invented reports of the last 18 months: (category code, weight, typical cost in kr or 0, the
# hours it happens, the names of the organisations that report it).
RECENT_DAYS = 548
RECENT_COUNT = 240
EVENING = (17, 18, 19, 20, 21, 22, 23, 0, 1)
DAYTIME = (7, 8, 9, 10, 11, 12, 13, 14, 15, 16)
RECENT_KINDS: list[tuple[str, int, int, tuple[int, ...], tuple[str, ...]]] = [
    ("broken_glass", 14, 8_000, EVENING, (KBAB, "Köpings kommun")),
    ("graffiti", 12, 2_500, EVENING, (KBAB, "Köpings kommun")),
    ("other_damage", 7, 4_000, EVENING, (KBAB, "Köpings kommun")),
    ("litter", 8, 500, DAYTIME, ("Köpings kommun",)),
    ("arson_small", 3, 3_000, EVENING, (KBAB, "Köpings kommun")),
    ("gathering", 6, 0, EVENING, ("Köpings kommun",)),
    ("disturbance", 4, 0, EVENING, (KBAB,)),
    ("lighting", 3, 1_500, EVENING, ("Köpings kommun",)),
    ("bike_theft", 3, 3_000, DAYTIME, (KBAB,)),
]
CITIZEN_REPORTS = [
    ("lighting", "Resecentrum", "Lampan vid cykelstället är trasig, mörkt på kvällen."),
    ("graffiti", "Köpings centrum", "Nytt klotter på elskåpet vid torget."),
    ("litter", "Nygården", "Mycket skräp vid lekplatsen efter helgen."),
]


def load_demo_incidents(council: Council) -> None:
    categories_ensure_defaults(actor=None, council=council)
    for name, kind, geometry in PLACES:
        if not Place.objects.filter(council=council, name=name).exists():
            place_create(actor=None, council=council, name=name, kind=kind, geometry=geometry)
    kbab = Organisation.objects.filter(council=council, name=KBAB).first()
    if kbab is None:
        return
    by_code = {c.code: c for c in Category.objects.filter(council=council).exclude(code="")}
    if not Incident.objects.filter(council=council).exists():
        _recent_reports(council, by_code)
    aggregates_report(
        actor=None,
        council=council,
        organisation=kbab,
        period_from=KBAB_PERIOD[0],
        period_to=KBAB_PERIOD[1],
        totals=[Total(category=by_code[code], cost=cost) for code, cost in KBAB_TOTALS],
    )


def _recent_reports(council: Council, by_code: dict[str, Category]) -> None:
    """Invented partner reports near the named places, and citizens' reports to moderate."""
    rng = random.Random(2018)  # noqa: S311 (demo data, not secrets)
    places = list(Place.objects.filter(council=council))
    organisations = {o.name: o for o in Organisation.objects.filter(council=council)}
    now = timezone.localtime()
    kinds = [k for k in RECENT_KINDS if k[0] in by_code]
    weights = [k[1] for k in kinds]
    for _n in range(RECENT_COUNT):
        code, _weight, cost, hours, reporters = rng.choices(kinds, weights)[0]
        place = rng.choice(places)
        centre = shape(place.geometry).representative_point()
        day = now - dt.timedelta(days=rng.randrange(1, RECENT_DAYS))
        at = day.replace(hour=rng.choice(hours), minute=rng.randrange(60), second=0, microsecond=0)
        organisation = organisations.get(rng.choice(reporters))
        incident_report(
            actor=None,
            council=council,
            where=Where(
                latitude=round(centre.y + rng.gauss(0, 0.0008), 6),
                longitude=round(centre.x + rng.gauss(0, 0.0015), 6),
            ),
            what=What(
                category=by_code[code],
                occurred_from=at,
                cost=int(round(rng.lognormvariate(0, 0.5) * cost, -2)) or None if cost else None,
            ),
            organisation=organisation,
        )
    for code, place_name, text in CITIZEN_REPORTS:
        named = next((p for p in places if p.name == place_name), None)
        if code in by_code and named is not None:
            incident_report(
                actor=None,
                council=council,
                where=Where(place=named),
                what=What(
                    category=by_code[code],
                    occurred_from=now - dt.timedelta(days=2),
                    description=text,
                ),
                source=IncidentSource.CITIZEN,
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
