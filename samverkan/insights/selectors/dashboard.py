"""The situational picture (lägesbild): figures for a period and filter, aggregated in the database.

The one module the dashboard, its map, downloads, the period report and the public variant read
through. Every figure is one query (incidents.selectors.tallied): the whole months of the period
from the tallies counted ahead per council and local month (incidents.models.CategoryTally and its
siblings, kept by incidents/services/tallies.py), the days at the edges from the counted reports
themselves, so any period is exact. A filter a tally has no column for (an area, say) reads the
whole period from the reports. Reports are grouped by their stored local month, weekday and hour
(the council's time zone), never by a time-zone function per row.

Partners' period totals (AggregateReport) count once: in the figures per category they replace
the same partner's single reports of that category and period (incidents.selectors.period_totals).
They have no month, weekday, hour or place, so the trend, the places, the weekday table and the
map hold single reports only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import h3  # type: ignore[import-untyped]
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from shapely.geometry import shape

from samverkan.incidents import selectors
from samverkan.incidents.geo import H3_RESOLUTION
from samverkan.incidents.models import (
    AggregateReport,
    Category,
    CategoryTally,
    CellTally,
    HourTally,
    Incident,
    IncidentSource,
    Place,
    PlaceKind,
    PlaceTally,
    TargetGroup,
)
from samverkan.incidents.selectors import CategoryTotal
from samverkan.incidents.selectors import default_period as default_period
from samverkan.organisations.models import Council, Organisation

# Counts below this are shown as "<5" publicly, so that no single event can be picked out.
PUBLIC_MIN_COUNT = 5
PUBLIC_MAX_RESOLUTION = 7
TOP_PLACES = 10
TOP_CELLS = 15
# An area polygon is matched through its map cells; a larger one falls back to its place only.
MAX_AREA_CELLS = 20_000


@dataclass(frozen=True)
class DashboardFilter:
    period_from: dt.date
    period_to: dt.date
    category: Category | None = None
    place: Place | None = None
    area: Place | None = None
    organisation: Organisation | None = None
    source: str = ""
    # The ids the category stands for (its own and its subcategories'), when the caller knows
    # them (the filter form does); worked out once otherwise.
    category_ids: tuple[int, ...] | None = None

    @cached_property
    def categories(self) -> tuple[int, ...]:
        """The category ids a report of the filter has: the chosen category and its
        subcategories, as a list, so no OR crosses a join (issue 17); () for none chosen."""
        if self.category is None:
            return ()
        return self.category_ids or selectors.category_family(self.category)

    @property
    def narrowed(self) -> bool:
        """True when anything but the period is chosen."""
        return any((self.category, self.place, self.area, self.organisation, self.source))

    @cached_property
    def area_where(self) -> Q:
        """The reports in the area: at its places or in its map cells (worked out once)."""
        return Q() if self.area is None else in_area(self.area)


def month_end(day: dt.date) -> dt.date:
    """The last day of the day's month."""
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def default_public_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last twelve whole months that have ended."""
    today = today or timezone.localdate()
    return default_period(today.replace(day=1) - dt.timedelta(days=1))


def public_period(
    start: dt.date | None, end: dt.date | None, today: dt.date | None = None
) -> tuple[dt.date, dt.date] | None:
    """The whole calendar months that have ended from `start`'s month to `end`'s; by default
    the last twelve. None when no such month is asked for (the month under way, or later).

    Public figures never count part of a month, so two periods asked for (or the same page
    read on consecutive days) differ by whole months and cannot single out one report.
    """
    first, last = default_public_period(today)
    start = (start or first).replace(day=1)
    end = min(month_end(end) if end else last, last)
    return (start, end) if start <= end else None


def area_cells(area: Place) -> list[str]:
    """The resolution-9 map cells inside an area's polygon (none for a point)."""
    geometry = shape(area.geometry)
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        return []
    cells = h3.geo_to_cells(area.geometry, H3_RESOLUTION)
    return [str(c) for c in cells][:MAX_AREA_CELLS]


def places_in_area(area: Place, among: list[Place] | None = None) -> list[int]:
    """The area itself and the named places whose representative point lies within it.

    among: the council's places when the caller has them already (no query then).
    """
    geometry = shape(area.geometry)
    ids = [area.pk]
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        if among is None:
            among = list(Place.objects.filter(council_id=area.council_id).only("id", "geometry"))
        for place in among:
            if place.pk != area.pk and geometry.contains(
                shape(place.geometry).representative_point()
            ):
                ids.append(place.pk)
    return ids


def in_area(area: Place, among: list[Place] | None = None) -> Q:
    """The reports in an area: at its places or in its map cells."""
    where = Q(place_id__in=places_in_area(area, among))
    cells = area_cells(area)
    if cells:
        where |= Q(h3_cell__in=cells)
    return where


def _narrow(council: Council, qs: QuerySet[Incident], f: DashboardFilter) -> QuerySet[Incident]:
    if f.category is not None:
        qs = qs.filter(category_id__in=f.categories)
    if f.place is not None:
        qs = qs.filter(place=f.place)
    if f.area is not None:
        qs = qs.filter(f.area_where)
    if f.organisation is not None:
        qs = qs.filter(organisation=f.organisation)
    if f.source:
        qs = qs.filter(source=f.source)
    return qs


def matching_incidents(council: Council, f: DashboardFilter) -> QuerySet[Incident]:
    """The counted reports that match the filter, of any time (selectors.tallied takes the days
    it needs)."""
    return _narrow(council, selectors.counted_incidents(council), f)


def aggregates_partly_within(
    council: Council, period_from: dt.date, period_to: dt.date
) -> QuerySet[AggregateReport]:
    """Period totals that overlap the period without lying wholly in it: they are not counted
    in it (a total cannot be split by day), and the dashboard says so."""
    return (
        selectors.aggregates_of(council)
        .filter(period_from__lte=period_to, period_to__gte=period_from)
        .exclude(period_from__gte=period_from, period_to__lte=period_to)
        .order_by("period_from", "organisation__name", "category__name")
    )


# Counts and costs per category ------------------------------------------------------------------


def category_totals(council: Council, f: DashboardFilter) -> list[CategoryTotal]:
    """Count and cost per category; partners' period totals count once (selectors.period_totals).

    Without a filter this is period_totals itself. A place, area or source other than partners
    leaves the period totals out (they have no place); a category or organisation narrows them.
    """
    if not f.narrowed:
        return selectors.period_totals(council, f.period_from, f.period_to)
    aggregates = list(
        selectors.aggregates_of(council).filter(
            period_from__gte=f.period_from, period_to__lte=f.period_to
        )
    )
    if f.place is not None or f.area is not None or f.source not in ("", IncidentSource.PARTNER):
        aggregates = []
    if f.category is not None:
        aggregates = [a for a in aggregates if a.category_id in f.categories]
    if f.organisation is not None:
        aggregates = [a for a in aggregates if a.organisation_id == f.organisation.pk]
    return selectors.category_sums(
        council,
        f.period_from,
        f.period_to,
        aggregates=aggregates,
        tally=_category_tally(council, f),
        raw=matching_incidents(council, f),
    )


def _tally_of_category(
    council: Council, f: DashboardFilter, model: type[HourTally] | type[CellTally]
) -> QuerySet[Any] | None:
    """The hour or cell tally, narrowed to the category, when nothing else is chosen (they
    have no place, organisation or source column)."""
    if f.place is not None or f.area is not None or f.organisation is not None or f.source:
        return None
    tally = model.objects.filter(council=council)
    return tally.filter(category_id__in=f.categories) if f.category is not None else tally


def _category_tally(council: Council, f: DashboardFilter) -> QuerySet[CategoryTally] | None:
    """The tally per category, organisation and source narrowed by the filter, if it can be."""
    if f.place is not None or f.area is not None:
        return None
    tally = CategoryTally.objects.filter(council=council)
    if f.category is not None:
        tally = tally.filter(category_id__in=f.categories)
    if f.organisation is not None:
        tally = tally.filter(organisation_key=f.organisation.pk)
    if f.source:
        tally = tally.filter(source=f.source)
    return tally


# The trend per month against the same months a year earlier ---------------------------------


@dataclass(frozen=True)
class MonthRow:
    month: dt.date  # the first of the month
    count: int
    cost: int
    previous_count: int  # the same month a year earlier
    previous_cost: int


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months = []
    month = dt.date(start.year, start.month, 1)
    while month <= end:
        months.append(month)
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def _year_earlier(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def monthly_trend(council: Council, f: DashboardFilter) -> list[MonthRow]:
    """Count and cost per month of the period, and of the same days a year earlier (two
    queries): a period that starts or ends within a month counts the same days of both years,
    never a whole month against a part of one."""

    def per_month(start: dt.date, end: dt.date) -> dict[dt.date, tuple[int, int]]:
        sums = selectors.tallied(
            start,
            end,
            tally=_category_tally(council, f),
            raw=matching_incidents(council, f),
            keys=[("month", "local_month")],
        )
        return {month: value for (month,), value in sums.items()}

    now = per_month(f.period_from, f.period_to)
    before = per_month(_year_earlier(f.period_from), _year_earlier(f.period_to))
    result = []
    for month in _months(f.period_from, f.period_to):
        count, cost = now.get(month, (0, 0))
        previous = before.get(dt.date(month.year - 1, month.month, 1), (0, 0))
        result.append(MonthRow(month, count, cost, previous[0], previous[1]))
    return result


# Places, weekdays and hours -----------------------------------------------------------------


@dataclass(frozen=True)
class PlaceRow:
    place_id: int
    name: str
    kind: str
    count: int
    cost: int

    @property
    def kind_label(self) -> str:
        return str(PlaceKind(self.kind).label) if self.kind in PlaceKind.values else self.kind


def top_places(council: Council, f: DashboardFilter, limit: int = TOP_PLACES) -> list[PlaceRow]:
    """The named places with the most reports in the period (one query)."""
    tally = None
    if f.area is None and f.organisation is None and not f.source:
        tally = PlaceTally.objects.filter(council=council)
        if f.category is not None:
            tally = tally.filter(category_id__in=f.categories)
        if f.place is not None:
            tally = tally.filter(place=f.place)
    sums = selectors.tallied(
        f.period_from,
        f.period_to,
        tally=tally,
        raw=matching_incidents(council, f).filter(place__isnull=False),
        keys=[(k, k) for k in ("place_id", "place__name", "place__kind")],
    )
    rows = sorted(sums.items(), key=lambda item: (-item[1][0], item[0][1]))[:limit]
    return [PlaceRow(pk, name, kind, n, kr) for (pk, name, kind), (n, kr) in rows]


@dataclass(frozen=True)
class TargetRow:
    """Reports of the period by who was affected; "" for reports that do not say."""

    target_group: str
    count: int
    cost: int

    @property
    def label(self) -> str:
        if self.target_group in TargetGroup.values:
            return str(TargetGroup(self.target_group).label)
        return str(_("not said"))


def target_groups(council: Council, f: DashboardFilter) -> list[TargetRow]:
    """Who is affected: reports and cost per target group in the period, largest first, those
    that do not say last (one query; the category tally keeps the group)."""
    sums = selectors.tallied(
        f.period_from,
        f.period_to,
        tally=_category_tally(council, f),
        raw=matching_incidents(council, f),
        keys=[("target_group", "target_group")],
    )
    rows = [TargetRow(group, n, kr) for (group,), (n, kr) in sums.items()]
    return sorted(rows, key=lambda r: (r.target_group == "", -r.count, r.label))


@dataclass
class WeekdayHours:
    """Counts per ISO weekday (1 = Monday) and hour, with the largest count for shading."""

    cells: dict[int, list[int]] = field(default_factory=dict)
    largest: int = 0

    def row(self, weekday: int) -> list[int]:
        return self.cells.get(weekday, [0] * 24)


def weekday_hours(council: Council, f: DashboardFilter) -> WeekdayHours:
    """Reports per weekday and hour of the day, in the council's time zone (one query)."""
    sums = selectors.tallied(
        f.period_from,
        f.period_to,
        tally=_tally_of_category(council, f, HourTally),
        raw=matching_incidents(council, f),
        keys=[("weekday", "local_weekday"), ("hour", "local_hour")],
        cost=False,
    )
    table = WeekdayHours(cells={d: [0] * 24 for d in range(1, 8)})
    for (weekday, hour), (n, _kr) in sums.items():
        table.cells[weekday][hour] += n
        table.largest = max(table.largest, table.cells[weekday][hour])
    return table


# Map cells ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellRow:
    cell: str
    count: int
    latitude: float
    longitude: float
    place_names: tuple[str, ...] = ()


def resolution_for_zoom(zoom: int, *, public: bool = False) -> int:
    """Coarser cells when zoomed out: zoom 12 shows resolution 8, zoom 14 and closer 9."""
    resolution = max(5, min(H3_RESOLUTION, zoom - 5))
    return min(resolution, PUBLIC_MAX_RESOLUTION) if public else resolution


def cell_counts(
    council: Council,
    f: DashboardFilter,
    resolution: int,
    bbox: tuple[float, float, float, float] | None = None,
) -> list[CellRow]:
    """Reports per map cell at the resolution, largest first (one GROUP BY query).

    The database groups by the stored resolution-9 cell; the distinct cells (not the reports)
    are then folded into their parents with h3.cell_to_parent. bbox is (west, south, east,
    north); cells whose centre lies outside it are left out.
    """
    sums = selectors.tallied(
        f.period_from,
        f.period_to,
        tally=_tally_of_category(council, f, CellTally),
        raw=matching_incidents(council, f).exclude(h3_cell=""),
        keys=[("h3_cell", "h3_cell")],
        cost=False,
    )
    counts: dict[str, int] = defaultdict(int)
    for (cell,), (n, _kr) in sums.items():
        parent = h3.cell_to_parent(cell, resolution) if resolution < H3_RESOLUTION else cell
        counts[str(parent)] += n
    result = []
    for cell, count in counts.items():
        lat, lon = h3.cell_to_latlng(cell)
        if bbox is not None:
            west, south, east, north = bbox
            if not (south <= lat <= north and west <= lon <= east):
                continue
        result.append(CellRow(cell, count, lat, lon))
    result.sort(key=lambda r: (-r.count, r.cell))
    return result


def name_cells(council: Council, rows: list[CellRow]) -> list[CellRow]:
    """The cells with the named places whose point or representative point lies in them."""
    if not rows:
        return rows
    resolution = h3.get_resolution(rows[0].cell)
    names: dict[str, list[str]] = defaultdict(list)
    for place in selectors.places_of(council).only("name", "geometry"):
        point = shape(place.geometry).representative_point()
        names[str(h3.latlng_to_cell(point.y, point.x, resolution))].append(place.name)
    return [
        CellRow(r.cell, r.count, r.latitude, r.longitude, tuple(names.get(r.cell, ())))
        for r in rows
    ]


def cells_geojson(rows: list[CellRow], *, public: bool = False) -> dict[str, Any]:
    """The cells as GeoJSON polygons; publicly, counts under 5 read "<5" and are not given."""
    features = []
    for row in rows:
        ring = [[lon, lat] for lat, lon in h3.cell_to_boundary(row.cell)]
        ring.append(ring[0])
        hidden = public and row.count < PUBLIC_MIN_COUNT
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [ring]},
                "properties": {
                    "cell": row.cell,
                    "count": None if hidden else row.count,
                    "label": f"<{PUBLIC_MIN_COUNT}" if hidden else str(row.count),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def public_count(count: int) -> str:
    """A count as the public sees it."""
    return f"<{PUBLIC_MIN_COUNT}" if 0 < count < PUBLIC_MIN_COUNT else str(count)


# Everything of the dashboard at once ----------------------------------------------------------


@dataclass
class Dashboard:
    filters: DashboardFilter
    totals: list[CategoryTotal]
    trend: list[MonthRow]
    places: list[PlaceRow]
    targets: list[TargetRow]
    weekdays: WeekdayHours
    cells: list[CellRow]
    cell_resolution: int

    @property
    def total_count(self) -> int:
        return sum(t.count for t in self.totals)

    @property
    def total_cost(self) -> int:
        return sum(t.cost for t in self.totals)


def dashboard(council: Council, f: DashboardFilter, *, cell_resolution: int = 8) -> Dashboard:
    cells = name_cells(council, cell_counts(council, f, cell_resolution)[:TOP_CELLS])
    return Dashboard(
        filters=f,
        totals=category_totals(council, f),
        trend=monthly_trend(council, f),
        places=top_places(council, f),
        targets=target_groups(council, f),
        weekdays=weekday_hours(council, f),
        cells=cells,
        cell_resolution=cell_resolution,
    )
