"""Bulk import of incidents from a CSV or XLSX table (a housing company's cost export, an older
system's history): read the table → map its columns → check every row → save all or nothing.

An import is idempotent by the source's own id: an id already imported for the same
organisation (or, without one, the same council) is skipped and counted, never duplicated.

Fast enough for 20,000 rows a second (`make bench`): the check builds plain rows, not model
instances; places are found for all points at once (shapely, vectorised) and map cells are
computed once per coordinate; the rows go in with `core.bulk_insert` (one statement per chunk);
and the run is audited once, as an `ImportBatch`, not once per incident.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import shapely
from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from shapely.geometry import shape

from samverkan.core.audit import Actor, audit_create
from samverkan.core.bulk_insert import insert_rows, max_variables
from samverkan.core.errors import ServiceError
from samverkan.core.importing import tables
from samverkan.core.importing.dates import parse_when
from samverkan.core.importing.tables import Table, parse_number
from samverkan.incidents import geo
from samverkan.incidents.models import (
    Category,
    ImportBatch,
    ImportedIncident,
    Incident,
    IncidentSource,
    IncidentStatus,
    Place,
)
from samverkan.incidents.services.incidents import CLOCK_SLACK, EARLIEST
from samverkan.incidents.services.tallies import local_parts, tallies_add_batch
from samverkan.organisations.models import Council, Organisation

CHUNK = 2000
# At most this many problems are listed; the count says how many there were in all.
MAX_PROBLEMS = 200
# Rows checked between two words to `progress`.
PROGRESS_EVERY = 2000

# The fields a column can be mapped to, and header names that suggest them (lower case).
FIELDS: dict[str, tuple[str, ...]] = {
    "source_id": ("id", "source id", "källid", "käll-id", "ärendenummer", "ärende", "nr", "löpnr"),
    "date": ("date", "datum", "time", "tid", "tidpunkt", "occurred", "händelsedatum", "när"),
    "category": ("category", "kategori", "typ", "type", "händelsetyp", "art"),
    "place": ("place", "plats", "address", "adress", "location", "område", "fastighet"),
    # WGS 84 degrees, or SWEREF 99 TM metres (geo.point_of): N/E, northing/easting, x/y.
    "latitude": ("lat", "latitude", "latitud", "y", "n", "northing", "nord", "sweref99 n"),
    "longitude": ("lon", "lng", "long", "longitude", "longitud", "x", "e", "easting", "öst"),
    "cost": ("cost", "kostnad", "belopp", "amount", "kr", "summa", "kostnad (kr)"),
    "description": ("description", "beskrivning", "text", "notering", "kommentar", "note"),
}
REQUIRED = ("date", "category")


def field_labels() -> dict[str, str]:
    return {
        "source_id": _("Id in the source"),
        "date": _("Date"),
        "category": _("Category"),
        "place": _("Place or address"),
        "latitude": _("Latitude"),
        "longitude": _("Longitude"),
        "cost": _("Cost (kr)"),
        "description": _("Description"),
    }


def guess_mapping(
    headers: Sequence[str], fields: dict[str, tuple[str, ...]] = FIELDS
) -> dict[str, int | None]:
    """For each field of an incident the column whose header names it, else None; a coordinate
    header with more words ("N (SWEREF 99 TM)", "Latitud WGS84") by its first word."""
    mapping = tables.guess_mapping(headers, fields)
    for name in ("latitude", "longitude"):
        if mapping.get(name) is not None or name not in fields:
            continue
        for index, header in enumerate(headers):
            first = re.split(r"[\s(,:_-]+", header.strip().lower(), maxsplit=1)[0]
            if first in fields[name] and index not in mapping.values():
                mapping[name] = index
                break
    return mapping


@dataclass
class Problem:
    row: int  # as the spreadsheet numbers it: the header is row 1
    message: str


@dataclass(slots=True)
class NewIncident:
    """A checked row, ready to insert as an incident (plain values: no model instance)."""

    source_id: str
    category_id: int
    place_id: int | None
    latitude: float | None
    longitude: float | None
    address: str
    h3_cell: str
    occurred_from: dt.datetime
    cost: int | None
    description: str


@dataclass
class CheckedImport:
    """What an import would do: the incidents to save, the skipped ids and the problems."""

    rows: int = 0
    incidents: list[NewIncident] = field(default_factory=list)
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0

    def problem(self, row: int, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(row, message))


def _column(rows: list[list[Any]], index: int | None) -> list[Any]:
    """The cells of a column, text stripped; None where a row is shorter or there is none."""
    if index is None:
        return [None] * len(rows)
    return [
        (value.strip() if isinstance(value, str) else value)
        if index < len(row) and (value := row[index]) is not None
        else None
        for row in rows
    ]


class _Places:
    """The council's places, looked up by name and by point, and map cells, worked out once per
    import (a cell once per place and once per coordinate)."""

    def __init__(self, council: Council) -> None:
        places = list(Place.objects.filter(council=council))
        self.by_name = {place.name.strip().lower(): place for place in places}
        self.place_cells: dict[int, str] = {}
        self.point_cells: dict[tuple[float, float], str] = {}
        self.polygons: list[tuple[float, Any, Place]] = []
        for place in places:
            geometry = shape(place.geometry)
            if geometry.geom_type != "Point":
                shapely.prepare(geometry)
                self.polygons.append((geometry.area, geometry, place))
        self.polygons.sort(key=lambda item: item[0])  # the smallest holding place wins

    def containing(self, points: list[tuple[float, float]]) -> list[Place | None]:
        """For each (latitude, longitude) the smallest place whose polygon holds it, if any:
        each polygon tests all points at once."""
        found: list[Place | None] = [None] * len(points)
        if not points or not self.polygons:
            return found
        latitudes = np.fromiter((point[0] for point in points), float, len(points))
        longitudes = np.fromiter((point[1] for point in points), float, len(points))
        left = np.ones(len(points), dtype=bool)
        for _area, geometry, place in self.polygons:
            inside = shapely.contains_xy(geometry, longitudes, latitudes) & left
            for index in np.flatnonzero(inside):
                found[index] = place
            left &= ~inside
        return found

    def cell(self, place: Place) -> str:
        if place.pk not in self.place_cells:
            self.place_cells[place.pk] = geo.place_cell(place.geometry)
        return self.place_cells[place.pk]

    def point_cell(self, latitude: float, longitude: float) -> str:
        key = (latitude, longitude)
        cell = self.point_cells.get(key)
        if cell is None:
            cell = self.point_cells[key] = geo.h3_cell(latitude, longitude)
        return cell


def _categories(council: Council) -> dict[str, Category]:
    lookup: dict[str, Category] = {}
    for category in Category.objects.filter(council=council).select_related("parent"):
        lookup.setdefault(category.name.strip().lower(), category)
        if category.code:
            lookup[category.code.lower()] = category
        if category.parent is not None:
            full = f"{category.parent.name} / {category.name}".lower()
            lookup[full] = category
    return lookup


def _source_id(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw if raw is not None else "").strip()


def _already_imported(council: Council, organisation_key: int, ids: Iterable[str]) -> set[str]:
    earlier = ImportedIncident.objects.filter(council=council, organisation_key=organisation_key)
    if not earlier.exists():  # the first import for the organisation: nothing to look up
        return set()
    wanted = list(set(ids))
    found: set[str] = set()
    size = max_variables() - 10  # room for the council and the organisation
    for start in range(0, len(wanted), size):
        found.update(
            earlier.filter(source_id__in=wanted[start : start + size]).values_list(
                "source_id", flat=True
            )
        )
    return found


def incidents_import_check(
    *,
    council: Council,
    table: Table,
    mapping: dict[str, int | None],
    organisation: Organisation | None = None,
    progress: Callable[[int], None] | None = None,
) -> CheckedImport:
    """Check every row against the mapping; build (unsaved) incidents for the good ones.
    `progress` is told the rows checked now and then (it may raise to stop the check)."""
    for name in REQUIRED:
        if mapping.get(name) is None:
            raise ServiceError(
                _("Choose the column of %(field)s.") % {"field": field_labels()[name]},
                field=name,
            )
    if organisation is not None and organisation.council_id != council.pk:
        raise ServiceError(_("Choose one of the council's organisations."), field="organisation")
    if (mapping.get("latitude") is None) != (mapping.get("longitude") is None):
        raise ServiceError(
            _("Choose both the latitude and the longitude column, or neither."), field="latitude"
        )
    organisation_key = organisation.pk if organisation is not None else 0
    zone = ZoneInfo(settings.TIME_ZONE)
    latest = timezone.now() + CLOCK_SLACK
    categories = _categories(council)
    places = _Places(council)
    m = {name: mapping.get(name) for name in FIELDS}
    id_column = m["source_id"]
    # The ids as they are kept: an Excel number 17.0 is the id "17".
    source_ids: list[str] = []
    existing: set[str] = set()
    if id_column is not None:
        source_ids = [_source_id(value) for value in _column(table.rows, id_column)]
        existing = _already_imported(council, organisation_key, source_ids)
    # The cells a column at a time (a comprehension each, not a call per cell).
    dates = _column(table.rows, m["date"])
    category_names = _column(table.rows, m["category"])
    costs = _column(table.rows, m["cost"])
    latitudes = _column(table.rows, m["latitude"])
    longitudes = _column(table.rows, m["longitude"])
    place_texts = _column(table.rows, m["place"])
    descriptions = _column(table.rows, m["description"])
    with_point = m["latitude"] is not None
    # Metres of SWEREF 99 TM when a coordinate header says so; else told by each row's values.
    sweref = with_point and any(
        geo.sweref_header(table.headers[index])
        for index in (m["latitude"], m["longitude"])
        if index is not None and index < len(table.headers)
    )
    checked = CheckedImport(rows=len(table.rows))
    seen: dict[str, int] = {}
    unplaced: list[int] = []  # incidents with a point and no named place
    for offset in range(len(table.rows)):
        if progress is not None and not offset % PROGRESS_EVERY:
            progress(offset)
        number = offset + 2
        source_id = ""
        if id_column is not None:
            source_id = source_ids[offset]
            if not source_id:
                checked.problem(number, _("The id is missing."))
                continue
            if len(source_id) > 100:
                checked.problem(number, _("The id is longer than 100 characters."))
                continue
            if source_id in seen:
                checked.problem(
                    number,
                    _("The id %(id)s is also on row %(row)d.")
                    % {"id": source_id, "row": seen[source_id]},
                )
                continue
            seen[source_id] = number
            if source_id in existing:
                checked.skipped += 1
                continue
        problems: list[str] = []
        when = parse_when(dates[offset], zone)
        if when is None:
            problems.append(_("The date is missing or not a date (write 2018-05-31)."))
        elif when < EARLIEST:
            problems.append(_("The time is too far back."))
        elif when > latest:
            problems.append(_("The time is in the future."))
        raw_category = str(category_names[offset] or "")
        category = categories.get(raw_category.lower())
        if category is None:
            problems.append(
                _("Unknown category “%(name)s”.") % {"name": raw_category}
                if raw_category
                else _("The category is missing.")
            )
        cost: int | None = None
        try:
            number_cost = parse_number(costs[offset])
        except ValueError:
            problems.append(_("The cost is not a number."))
        else:
            if number_cost is not None:
                if number_cost < 0:
                    problems.append(_("The cost cannot be negative."))
                elif number_cost > 2_000_000_000:
                    problems.append(_("The cost is too large."))
                else:
                    cost = round(number_cost)
        latitude = longitude = None
        if with_point:
            try:
                latitude = parse_number(latitudes[offset])
                longitude = parse_number(longitudes[offset])
            except ValueError:
                problems.append(_("The latitude or longitude is not a number."))
            else:
                if (latitude is None) != (longitude is None):
                    problems.append(_("Give both latitude and longitude, or neither."))
                elif latitude is not None and longitude is not None:
                    try:
                        latitude, longitude = geo.point_of(latitude, longitude, sweref=sweref)
                    except geo.PointError as exc:
                        problems.append(str(exc))
        place_text = str(place_texts[offset] or "")
        if not place_text and latitude is None:
            problems.append(_("Say where it happened: give a place, a point or an address."))
        description = str(descriptions[offset] or "")
        if problems:
            for message in problems:
                checked.problem(number, message)
            continue
        if when is None or category is None:  # pragma: no cover (a problem above)
            continue
        place = places.by_name.get(place_text.lower()) if place_text else None
        cell = ""
        if latitude is not None and longitude is not None:
            if place is None:
                unplaced.append(len(checked.incidents))
            cell = places.point_cell(latitude, longitude)
        elif place is not None:
            cell = places.cell(place)
        checked.incidents.append(
            NewIncident(
                source_id,
                category.id,
                place.id if place is not None else None,
                latitude,
                longitude,
                ""
                if place is not None and place.name.lower() == place_text.lower()
                else place_text[:200],
                cell,
                when,
                cost,
                description,
            )
        )
    # A point without a named place gets the smallest place that holds it: all points at once.
    points = [
        (checked.incidents[i].latitude or 0.0, checked.incidents[i].longitude or 0.0)
        for i in unplaced
    ]
    for index, holder in zip(unplaced, places.containing(points), strict=True):
        if holder is not None:
            checked.incidents[index].place_id = holder.pk
    return checked


@dataclass
class ImportResult:
    created: int
    skipped: int
    batch: ImportBatch | None = None  # None when the file held nothing new


# The columns of an imported incident that differ per row, in the order of NewIncident's values.
_ROW_COLUMNS = (
    "category",
    "place",
    "latitude",
    "longitude",
    "address",
    "h3_cell",
    "occurred_from",
    "cost",
    "description",
    "local_month",
    "local_weekday",
    "local_hour",
)


def incidents_import(
    *,
    actor: Actor,
    council: Council,
    table: Table,
    mapping: dict[str, int | None],
    organisation: Organisation | None = None,
    checked: CheckedImport | None = None,
) -> ImportResult:
    """Save every row or none: a single bad row refuses the whole file. `checked` is the
    check of this table and mapping made just before, when there is one.

    The run is recorded as one ImportBatch (who, when, the file's name and SHA-256, the counts)
    with one audit event; the incidents link to it and are not audited one by one.
    """
    if checked is None:
        checked = incidents_import_check(
            council=council, table=table, mapping=mapping, organisation=organisation
        )
    if checked.problem_count:
        raise ServiceError(
            _("%(count)d problems in the file; nothing was imported.")
            % {"count": checked.problem_count}
        )
    if not checked.incidents:
        return ImportResult(created=0, skipped=checked.skipped)
    reporter = actor if isinstance(actor, User) and actor.is_authenticated else None
    try:
        batch, created = _incidents_save(
            actor=actor,
            reporter=reporter,
            council=council,
            table=table,
            checked=checked,
            organisation=organisation,
        )
    except IntegrityError as exc:  # the same ids saved by another import since the check
        raise ServiceError(
            _(
                "Another import saved some of these ids at the same time; nothing was imported. "
                "Import the file again: the ids now known are skipped."
            )
        ) from exc
    return ImportResult(created=created, skipped=checked.skipped, batch=batch)


def _incidents_save(
    *,
    actor: Actor,
    reporter: User | None,
    council: Council,
    table: Table,
    checked: CheckedImport,
    organisation: Organisation | None,
) -> tuple[ImportBatch, int]:
    organisation_key = organisation.pk if organisation is not None else 0
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            council=council,
            organisation=organisation,
            imported_by=reporter,
            filename=table.filename[:255],
            sheet=table.sheet[:100],
            sha256=table.sha256,
            rows=checked.rows,
            created=len(checked.incidents),
            skipped=checked.skipped,
        )
        audit_create(actor=actor, instance=batch, council_id=council.pk)
        now = timezone.now()
        # In time order: the (council, time) index then grows at a few places instead of at
        # random ones, which on a large table is most of an insert's cost.
        checked.incidents.sort(key=lambda row: row.occurred_from)
        parts = [local_parts(row.occurred_from) for row in checked.incidents]
        ids = insert_rows(
            Incident,
            _ROW_COLUMNS,
            [
                (
                    row.category_id,
                    row.place_id,
                    row.latitude,
                    row.longitude,
                    row.address,
                    row.h3_cell,
                    row.occurred_from,
                    row.cost,
                    row.description,
                    *local,
                )
                for row, local in zip(checked.incidents, parts, strict=True)
            ],
            same={
                "council": council.pk,
                "source": IncidentSource.IMPORT.value,
                "status": IncidentStatus.NEW.value,
                "organisation": organisation.pk if organisation is not None else None,
                "reported_by": reporter.pk if reporter is not None else None,
                "import_batch": batch.pk,
                "contact_email": "",
                "target_group": "",  # a table names no one affected: "not said"
                "created_at": now,
                "updated_at": now,
            },
        )
        # The dashboard's tallies count the new reports in the same transaction.
        tallies_add_batch(council.pk, batch.pk)
        insert_rows(
            ImportedIncident,
            ("incident", "source_id"),
            [
                (incident_id, row.source_id)
                for incident_id, row in zip(ids, checked.incidents, strict=True)
                if row.source_id
            ],
            same={"council": council.pk, "organisation_key": organisation_key},
            returning=False,
        )
    return batch, len(ids)
