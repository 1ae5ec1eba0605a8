"""Realistic synthetic incidents of any size, for `make bench` (never for real councils).

The council gets the default categories, named places of Köping and three partners. Reports
follow the patterns of the domain: glass breaks on autumn evenings near schools, fireworks
around New Year, littering in summer, disorder on Friday and Saturday nights. Every report has
its H3 cell and local time parts worked out before the insert, and rows go in with one
executemany per chunk of 10,000 (no model instances), so a million reports take a minute or two
rather than hours; the tallies are then counted with one INSERT … SELECT each
(services/tallies.tallies_rebuild). The same seed gives the same rows.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import h3  # type: ignore[import-untyped]
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from shapely.geometry import shape

from samverkan.incidents.demo import PLACES
from samverkan.incidents.geo import H3_RESOLUTION
from samverkan.incidents.models import (
    Category,
    CategoryTally,
    CellTally,
    HourTally,
    Incident,
    IncidentStatus,
    Place,
    PlaceTally,
)
from samverkan.incidents.services.categories import categories_ensure_defaults, place_create
from samverkan.incidents.services.tallies import local_parts, tallies_rebuild
from samverkan.organisations import services as organisation_services
from samverkan.organisations.models import Council, Organisation

SLUG = "bench-incidents"
CHUNK = 10_000
YEARS = 10
# The town centre of Köping and how far reports spread from it (degrees, one standard deviation).
CENTRE = (59.5135, 15.9950)
SPREAD = (0.012, 0.024)
# More named places, around the town (name, kind, latitude, longitude).
EXTRA_PLACES = [
    ("Scheelegymnasiet", "school", 59.5150, 16.0010),
    ("Ullvibadet", "centre", 59.5060, 15.9830),
    ("Västra Ringvägen, gångtunneln", "passage", 59.5170, 15.9780),
    ("Malmaskolan", "school", 59.5250, 16.0150),
    ("Stadsparken", "area", 59.5120, 15.9990),
    ("Hamnen", "area", 59.5020, 16.0120),
    ("Brunnsgatan, gångbron", "passage", 59.5100, 15.9900),
]
PARTNERS = ["Köpings kommun", "Polisen", "Köpings Bostads AB"]

# Per category code: (share of reports, median cost in kr or 0 for none, season, time of day).
# Seasons: a weight per month, January first. Times: a weight per hour, midnight first.
_FLAT_MONTHS = (1,) * 12
_AUTUMN = (0.8, 0.8, 0.9, 1.0, 1.0, 0.8, 0.6, 0.9, 1.3, 1.4, 1.3, 1.0)
_SUMMER = (0.5, 0.5, 0.7, 0.9, 1.3, 1.6, 1.7, 1.5, 1.0, 0.8, 0.6, 0.5)
_NEW_YEAR = (3.0, 0.3, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.8, 4.0)
_DARK = (1.4, 1.3, 1.1, 0.9, 0.8, 0.6, 0.5, 0.6, 0.9, 1.2, 1.4, 1.5)
_EVENING = (5, 4, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 8, 7)
_DAYTIME = (1, 1, 1, 1, 1, 2, 3, 5, 7, 8, 8, 8, 8, 8, 8, 7, 6, 5, 4, 3, 2, 2, 1, 1)
_NIGHT = (8, 8, 7, 5, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4, 5, 6, 7, 8)
CATEGORY_PATTERNS: dict[str, tuple[float, int, tuple[float, ...], tuple[float, ...]]] = {
    "broken_glass": (14, 8_000, _AUTUMN, _EVENING),
    "graffiti": (12, 2_500, _FLAT_MONTHS, _EVENING),
    "other_damage": (7, 4_000, _AUTUMN, _EVENING),
    "vehicle_damage": (4, 6_000, _AUTUMN, _NIGHT),
    "arson_small": (3, 3_000, _SUMMER, _NIGHT),
    "vehicle_fire": (1, 25_000, _AUTUMN, _NIGHT),
    "fireworks": (2, 1_000, _NEW_YEAR, _EVENING),
    "litter": (10, 500, _SUMMER, _DAYTIME),
    "dumping": (3, 3_000, _SUMMER, _DAYTIME),
    "needles": (1, 0, _FLAT_MONTHS, _DAYTIME),
    "gathering": (6, 0, _SUMMER, _EVENING),
    "intoxicated": (4, 0, _SUMMER, _NIGHT),
    "disturbance": (5, 0, _FLAT_MONTHS, _NIGHT),
    "reckless_driving": (4, 0, _SUMMER, _EVENING),
    "throwing": (2, 2_000, _AUTUMN, _EVENING),
    "dealing_suspected": (2, 0, _FLAT_MONTHS, _EVENING),
    "drug_find": (1, 0, _FLAT_MONTHS, _DAYTIME),
    "threat_staff": (2, 0, _FLAT_MONTHS, _DAYTIME),
    "assault": (2, 0, _SUMMER, _NIGHT),
    "threat": (2, 0, _FLAT_MONTHS, _EVENING),
    "burglary": (3, 15_000, _DARK, _NIGHT),
    "theft_other": (3, 5_000, _FLAT_MONTHS, _DAYTIME),
    "bike_theft": (3, 3_000, _SUMMER, _DAYTIME),
    "lighting": (3, 1_500, _DARK, _EVENING),
    "vegetation": (1, 0, _SUMMER, _DAYTIME),
    "broken_equipment": (2, 5_000, _SUMMER, _DAYTIME),
    "abandoned_vehicle": (1, 0, _FLAT_MONTHS, _DAYTIME),
    "event": (0.5, 0, _SUMMER, _EVENING),
    "observation": (3, 0, _FLAT_MONTHS, _DAYTIME),
}
# Monday first: more on Friday and Saturday.
WEEKDAYS = (0.9, 0.9, 0.95, 1.0, 1.3, 1.4, 1.1)
STATUSES = [
    (IncidentStatus.HANDLED, 80),
    (IncidentStatus.NEW, 12),
    (IncidentStatus.PUBLISHED, 4),
    (IncidentStatus.PENDING, 2),
    (IncidentStatus.REJECTED, 2),
]
DESCRIPTIONS = ["", "", "", "Upptäckt vid morgonrundan.", "Anmält till polisen.", "Åtgärdat."]


@dataclass(frozen=True)
class Site:
    """Where reports gather: a named place (or none) at a point."""

    place_id: int | None
    latitude: float
    longitude: float
    weight: float


def synthetic_council() -> tuple[Council, list[Category], list[Site], list[Organisation]]:
    """The bench council with default categories, places and partners (created once)."""
    council = Council.objects.filter(slug=SLUG).first()
    if council is None:
        council = organisation_services.council_create(
            actor=None, municipality_name="Syntetiska kommun", name="Brå (syntetisk)", slug=SLUG
        )
    categories_ensure_defaults(actor=None, council=council)
    named = {p.name: p for p in Place.objects.filter(council=council)}
    wanted = [(n, k, g) for n, k, g in PLACES] + [
        (n, k, {"type": "Point", "coordinates": [lon, lat]}) for n, k, lat, lon in EXTRA_PLACES
    ]
    for name, kind, geometry in wanted:
        if name not in named:
            named[name] = place_create(
                actor=None, council=council, name=name, kind=kind, geometry=geometry
            )
    organisations = []
    for name in PARTNERS:
        organisation = Organisation.objects.filter(council=council, name=name).first()
        if organisation is None:
            organisation = organisation_services.organisation_create(
                actor=None, council=council, name=name
            )
        organisations.append(organisation)
    categories = list(Category.objects.filter(council=council, parent__isnull=False))
    sites = []
    for place in sorted(named.values(), key=lambda p: p.name):
        point = shape(place.geometry).representative_point()
        weight = 3.0 if place.kind in ("school", "centre", "station") else 1.5
        sites.append(Site(place.pk, point.y, point.x, weight))
    return council, categories, sites, organisations


# The columns of a generated row, in the order of the tuples synthetic_rows yields.
COLUMNS = (
    "council_id",
    "category_id",
    "place_id",
    "latitude",
    "longitude",
    "address",
    "h3_cell",
    "occurred_from",
    "cost",
    "description",
    "source",
    "organisation_id",
    "contact_email",
    "status",
    "local_month",
    "local_weekday",
    "local_hour",
)
Row = tuple[
    int,
    int,
    int | None,
    float | None,
    float | None,
    str,
    str,
    dt.datetime,
    int | None,
    str,
    str,
    int | None,
    str,
    str,
    dt.date,
    int,
    int,
]


def synthetic_rows(
    council: Council,
    categories: list[Category],
    sites: list[Site],
    organisations: list[Organisation],
    n: int,
    *,
    seed: int = 2018,
    end: dt.date | None = None,
    years: int = YEARS,
) -> Iterator[list[Row]]:
    """n reports over `years` years up to `end`, as tuples of COLUMNS in chunks of CHUNK.

    The same seed gives the same rows.
    """
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    zone = ZoneInfo(settings.TIME_ZONE)
    end = end or dt.datetime.now(tz=zone).date()
    first = end.replace(year=end.year - years, day=1)
    days = [first + dt.timedelta(days=i) for i in range((end - first).days + 1)]
    by_code = sorted((c for c in categories if c.code in CATEGORY_PATTERNS), key=lambda c: c.code)
    category_weights = [CATEGORY_PATTERNS[c.code][0] for c in by_code]
    # Per category: the cumulative weights of the days (season × weekday) and of the hours.
    day_weights: dict[str, list[float]] = {}
    hour_weights: dict[str, list[float]] = {}
    for category in by_code:
        _share, _cost, months, hourly = CATEGORY_PATTERNS[category.code]
        total, cumulative = 0.0, []
        for day in days:
            total += months[day.month - 1] * WEEKDAYS[day.weekday()]
            cumulative.append(total)
        day_weights[category.code] = cumulative
        hour_weights[category.code] = list(itertools.accumulate(hourly))
    hours = list(range(24))
    site_weights = list(itertools.accumulate(s.weight for s in sites))
    statuses = [str(s) for s, _w in STATUSES]
    status_weights = list(itertools.accumulate(w for _s, w in STATUSES))
    organisation_ids = [o.pk for o in organisations]
    choices, random_ = rng.choices, rng.random
    produced = 0
    while produced < n:
        size = min(CHUNK, n - produced)
        produced += size
        chunk: list[Row] = []
        for category in choices(by_code, category_weights, k=size):
            code = category.code
            median_cost = CATEGORY_PATTERNS[code][1]
            day = choices(days, cum_weights=day_weights[code])[0]
            hour = choices(hours, cum_weights=hour_weights[code])[0]
            occurred = dt.datetime(
                day.year, day.month, day.day, hour, rng.randrange(60), tzinfo=zone
            )
            where = random_()
            site = choices(sites, cum_weights=site_weights)[0]
            place_id: int | None = None
            lat: float | None = None
            lon: float | None = None
            if where < 0.55:  # at or near a named place
                place_id = site.place_id
                lat = round(rng.gauss(site.latitude, 0.0008), 6)
                lon = round(rng.gauss(site.longitude, 0.0015), 6)
            elif where < 0.95:  # somewhere in town, most near the centre
                lat = round(rng.gauss(CENTRE[0], SPREAD[0]), 6)
                lon = round(rng.gauss(CENTRE[1], SPREAD[1]), 6)
            elif random_() < 0.6:  # no point: a place only
                place_id = site.place_id
            if lat is not None and lon is not None:
                cell = str(h3.latlng_to_cell(lat, lon, H3_RESOLUTION))
            elif place_id is not None:
                cell = str(h3.latlng_to_cell(site.latitude, site.longitude, H3_RESOLUTION))
            else:
                cell = ""
            cost = None
            if median_cost and random_() < 0.7:
                cost = max(100, int(round(rng.lognormvariate(math.log(median_cost), 0.8), -2)))
            source_roll = random_()
            organisation_id: int | None = None
            if source_roll < 0.8:
                source, organisation_id = "partner", rng.choice(organisation_ids)
            elif source_roll < 0.9:
                source = "citizen"
            else:
                source, organisation_id = "import", rng.choice(organisation_ids)
            status = choices(statuses, cum_weights=status_weights)[0]
            if source == "citizen" and status == "handled":
                status = "published"
            chunk.append(
                (
                    council.pk,
                    category.pk,
                    place_id,
                    lat,
                    lon,
                    "",
                    cell,
                    occurred,
                    cost,
                    rng.choice(DESCRIPTIONS),
                    source,
                    organisation_id,
                    "",
                    status,
                    *local_parts(occurred),
                )
            )
        yield chunk


def synthetic_insert(rows: list[Row]) -> None:
    """Insert generated rows with one executemany (no model instances: fast at a million)."""
    adapt = connection.ops.adapt_datetimefield_value
    adapt_date = connection.ops.adapt_datefield_value
    now = adapt(timezone.now())
    table = connection.ops.quote_name(Incident._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in (*COLUMNS, "created_at", "updated_at"))
    marks = ", ".join(["%s"] * (len(COLUMNS) + 2))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608 (no user input)
            [
                (
                    *row[:7],
                    adapt(row[7]),  # occurred_from
                    *row[8:14],
                    adapt_date(row[14]),  # local_month
                    *row[15:],
                    now,
                    now,
                )
                for row in rows
            ],
        )


def synthetic_load(n: int, *, seed: int = 2018, end: dt.date | None = None) -> Council:
    """The bench council with exactly n synthetic reports; kept when it has them already."""
    council, categories, sites, organisations = synthetic_council()
    incidents = Incident.objects.filter(council=council)
    if incidents.count() == n:
        return council
    with transaction.atomic():
        incidents.exclude(merged_into=None).delete()
        incidents._raw_delete(incidents.db)  # noqa: SLF001 (no photos or requests: bench data)
        for chunk in synthetic_rows(
            council, categories, sites, organisations, n, seed=seed, end=end
        ):
            synthetic_insert(chunk)
        tallies_rebuild(council.pk)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (Incident, CategoryTally, PlaceTally, HourTally, CellTally):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
    return council
