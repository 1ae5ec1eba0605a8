"""Reads of incidents, categories, places and period totals, scoped to one council.

The counting rule lives here because the incident list shows it too: whole months from the
tallies and the edge days from the reports (`tallied`), a partner's period total counted once
against its single reports (`period_totals`). The situational picture's figures per filter build
on these in `insights/selectors/dashboard.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import h3  # type: ignore[import-untyped]
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import BigIntegerField, Count, ExpressionWrapper, Q, QuerySet, Sum
from django.utils import timezone
from shapely.geometry import shape

from samverkan.core.errors import NotFoundError
from samverkan.incidents.models import (
    COUNTED_STATUSES,
    Address,
    AggregateReport,
    Category,
    CategoryTally,
    Incident,
    Place,
    PlaceKind,
)
from samverkan.organisations.models import Council, Organisation


def categories_of(council: Council) -> QuerySet[Category]:
    """Groups first by position, each followed by its subcategories (see category_tree)."""
    return Category.objects.filter(council=council).select_related("parent")


def category_tree(council: Council) -> list[tuple[Category, list[Category]]]:
    """The two-level tree: each group with its subcategories, in the council's order."""
    return _tree(list(categories_of(council)))


def _tree(categories: list[Category]) -> list[tuple[Category, list[Category]]]:
    children: dict[int, list[Category]] = {}
    for category in categories:
        if category.parent_id is not None:
            children.setdefault(category.parent_id, []).append(category)
    return [(c, children.get(c.pk, [])) for c in categories if c.parent_id is None]


def category_family(category: Category) -> tuple[int, ...]:
    """The category's id and its subcategories' ids: a filter by a category counts them all.

    Reports are filtered by this list of ids, never by `category OR category.parent` across
    a join, which PostgreSQL's planner misjudges into a walk of the whole category index
    (issue 17).
    """
    children = Category.objects.filter(parent_id=category.pk).values_list("pk", flat=True)
    return (category.pk, *children)


def category_in(council: Council, pk: int) -> Category:
    category = Category.objects.filter(council=council, pk=pk).first()
    if category is None:
        raise NotFoundError
    return category


def places_of(council: Council) -> QuerySet[Place]:
    return Place.objects.filter(council=council)


def place_in(council: Council, pk: int) -> Place:
    place = places_of(council).filter(pk=pk).first()
    if place is None:
        raise NotFoundError
    return place


# How many matches a typed search offers, and how far a tapped point may be from the nearest
# address that names it (about 300 m).
ADDRESS_MATCHES = 8
NEAREST_WITHIN_DEGREES = 0.003


@dataclass(frozen=True)
class Found:
    """An address or named place that matches a search: what it is called and where it is."""

    label: str
    latitude: float
    longitude: float
    kind: str  # "address" or "place"


def address_count(council: Council) -> int:
    return Address.objects.filter(council=council).count()


def address_search(council: Council, text: str) -> list[Found]:
    """The named places whose name holds the text, then the addresses that start with it
    ("storg 1" finds Storgatan 1, 10, 12 …): two queries, at most ADDRESS_MATCHES in all."""
    typed = " ".join(text.split()).lower()[:100]
    if len(typed) < 2:
        return []
    found: list[Found] = []
    for place in Place.objects.filter(council=council, name__icontains=typed)[:ADDRESS_MATCHES]:
        point = _place_point(place.geometry)
        if point is not None:
            found.append(Found(place.name, point[0], point[1], "place"))
    addresses = Address.objects.filter(council=council, search_key__startswith=typed)
    for address in addresses[: ADDRESS_MATCHES - len(found)]:
        found.append(Found(address.label, address.latitude, address.longitude, "address"))
    return found


def address_nearest(council: Council, latitude: float, longitude: float) -> Found | None:
    """The address nearest a point on the map, if one is within about 300 m (one query over
    the addresses in a small box around the point)."""
    box = NEAREST_WITHIN_DEGREES
    # A degree of longitude is about half a degree of latitude this far north.
    candidates = Address.objects.filter(
        council=council,
        latitude__range=(latitude - box, latitude + box),
        longitude__range=(longitude - 2 * box, longitude + 2 * box),
    )[:2000]
    best: Address | None = None
    best_distance = float("inf")
    for address in candidates:
        distance = (address.latitude - latitude) ** 2 + ((address.longitude - longitude) / 2) ** 2
        if distance < best_distance:
            best, best_distance = address, distance
    if best is None:
        return None
    return Found(best.label, best.latitude, best.longitude, "address")


def _place_point(geometry: Any) -> tuple[float, float] | None:
    """A place's point, or the middle of its area, as (latitude, longitude)."""
    try:
        middle = shape(geometry).representative_point()
    except (ValueError, TypeError, AttributeError, KeyError):
        return None
    return (round(middle.y, 6), round(middle.x, 6))


def places_geojson(council: Council) -> dict[str, Any]:
    """The council's named places with their kind, for the maps (the dashboard's and the inputs').

    `point` is [latitude, longitude] of the place's point, or of a point surely inside its polygon.
    """
    features = []
    for place in places_of(council).only("id", "name", "kind", "geometry"):
        inside = shape(place.geometry).representative_point()
        features.append(
            {
                "type": "Feature",
                "geometry": place.geometry,
                "properties": {
                    "id": place.pk,
                    "name": place.name,
                    "kind": place.kind,
                    "kind_label": str(PlaceKind(place.kind).label) if place.kind else "",
                    "point": [round(inside.y, 6), round(inside.x, 6)],
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def own_organisations(viewer: User | AnonymousUser, council: Council) -> QuerySet[Organisation]:
    """The organisations the viewer's person sits for in this council's bodies."""
    if not viewer.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        council=council,
        ended_on__isnull=True,
        memberships__person__user_id=viewer.pk,
        memberships__body__council=council,
    ).distinct()


@dataclass(frozen=True)
class IncidentFilter:
    category: Category | None = None
    status: str = ""
    source: str = ""
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    # The ids the category stands for (category_family); worked out when not given.
    category_ids: tuple[int, ...] | None = None


def incidents_of(council: Council, filters: IncidentFilter | None = None) -> QuerySet[Incident]:
    """Every report of the council (merged and pending too), newest first, for review."""
    f = filters or IncidentFilter()
    qs = Incident.objects.filter(council=council).select_related(
        "category", "category__parent", "place", "organisation"
    )
    if f.category is not None:
        qs = qs.filter(category_id__in=f.category_ids or category_family(f.category))
    if f.status:
        qs = qs.filter(status=f.status)
    if f.source:
        qs = qs.filter(source=f.source)
    if f.period_from:
        qs = qs.filter(occurred_from__gte=day_start(f.period_from))
    if f.period_to:
        qs = qs.filter(occurred_from__lt=day_start(f.period_to + dt.timedelta(days=1)))
    return qs


def day_start(day: dt.date) -> dt.datetime:
    """Midnight starting the day in the platform's time zone (Europe/Stockholm)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def within(first: dt.date, last: dt.date) -> dict[str, dt.datetime]:
    """Filter arguments for reports that occurred from the first to the last local day: a
    range on the indexed column, not a function of it, so the (council, time) index serves."""
    return {
        "occurred_from__gte": day_start(first),
        "occurred_from__lt": day_start(last + dt.timedelta(days=1)),
    }


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last 12 months: from the first of the month eleven months back, up to today."""
    today = today or timezone.localdate()
    month = today.month - 11
    year = today.year
    if month < 1:
        month += 12
        year -= 1
    return dt.date(year, month, 1), today


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


@dataclass(frozen=True)
class PeriodSplit:
    """A period of local days as whole months (read from tallies) and the days at its edges."""

    first_month: dt.date  # the first day of the first whole month
    end_month: dt.date  # the first day after the last whole month; equal: no whole month
    # The days outside the whole months, as ranges of the indexed time (none, one or two).
    # Each is read by its own query joined with UNION ALL: an OR of two time ranges keeps
    # SQLite from the (council, time) index and sends it through another (issue 17).
    edges: tuple[Q, ...]

    @property
    def tally_where(self) -> dict[str, dt.date]:
        return {"month__gte": self.first_month, "month__lt": self.end_month}


def period_split(first: dt.date, last: dt.date) -> PeriodSplit:
    """Split the local days first..last into whole months and at most two edges."""
    start = first if first.day == 1 else next_month(first)
    after = last + dt.timedelta(days=1)
    end = after if after.day == 1 else month_start(last)
    if start >= end:
        return PeriodSplit(start, start, (Q(**within(first, last)),))
    edges = []
    if first < start:
        edges.append(Q(occurred_from__gte=day_start(first), occurred_from__lt=day_start(start)))
    if end < after:
        edges.append(Q(occurred_from__gte=day_start(end), occurred_from__lt=day_start(after)))
    return PeriodSplit(start, end, tuple(edges))


Sums = dict[tuple[Any, ...], tuple[int, int]]


def tallied(
    first: dt.date,
    last: dt.date,
    *,
    tally: QuerySet[Any] | None,
    raw: QuerySet[Incident],
    keys: Sequence[tuple[str, str]],
    cost: bool = True,
    less: QuerySet[Incident] | None = None,
) -> Sums:
    """Count and cost per key over the local days first..last, in one query.

    The whole months come from the tally, the days at the edges from the reports (through the
    (council, time) index): the figures are exact for any period. `tally` and `raw` are already
    scoped and narrowed alike; keys pairs a tally column with the reports' column. The reports in
    `less` (already narrowed to the period) are taken away, grouped by the same keys. Without a
    tally (a filter it cannot serve) every day comes from the reports. Keys whose count comes to
    zero are left out; a key tuple holds the values in the order of `keys`.
    """
    split = period_split(first, last)
    edges = split.edges if tally is not None else (Q(**within(first, last)),)
    tally_keys = [t for t, _r in keys]
    raw_keys = [r for _t, r in keys]
    sums: dict[str, Any] = {"n": Sum("count")}
    raw_sums: dict[str, Any] = {"n": Count("id")}
    less_sums: dict[str, Any] = {"n": Count("id") * -1}
    if cost:
        sums["kr"] = Sum("cost")
        raw_sums["kr"] = Sum("cost")
        less_sums["kr"] = ExpressionWrapper(Sum("cost") * -1, output_field=BigIntegerField())
    # The reports first: the rows of a union are named by its first part (the tally's when
    # the period is whole months).
    parts = [raw.filter(edge).order_by().values(*raw_keys).annotate(**raw_sums) for edge in edges]
    names = raw_keys if parts else tally_keys
    if tally is not None:
        parts.append(
            tally.filter(**split.tally_where).order_by().values(*tally_keys).annotate(**sums)
        )
    if less is not None:
        parts.append(less.order_by().values(*raw_keys).annotate(**less_sums))
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    result: dict[tuple[Any, ...], list[int]] = {}
    for row in rows:
        total = result.setdefault(tuple(row[k] for k in names), [0, 0])
        total[0] += row["n"]
        total[1] += (row["kr"] or 0) if cost else 0
    return {key: (n, kr) for key, (n, kr) in result.items() if n}


def incident_in(council: Council, pk: int) -> Incident:
    incident = (
        Incident.objects.filter(council=council, pk=pk)
        .select_related(
            "category",
            "category__parent",
            "place",
            "organisation",
            "reported_by",
            "merged_into",
            "open311",
            "import_batch__imported_by",
        )
        .prefetch_related("photos", "duplicates")
        .first()
    )
    if incident is None:
        raise NotFoundError
    return incident


def counted_incidents(council: Council) -> QuerySet[Incident]:
    """The reports that count in figures: not merged, not waiting for or refused in moderation."""
    return Incident.objects.filter(
        council=council, merged_into__isnull=True, status__in=COUNTED_STATUSES
    )


def aggregates_of(council: Council) -> QuerySet[AggregateReport]:
    return AggregateReport.objects.filter(council=council).select_related(
        "organisation", "category", "category__parent"
    )


def aggregate_in(council: Council, pk: int) -> AggregateReport:
    """One of the council's period totals; NotFoundError for another council's or none."""
    aggregate = aggregates_of(council).filter(pk=pk).first()
    if aggregate is None:
        raise NotFoundError()
    return aggregate


@dataclass
class CategoryTotal:
    category: Category
    count: int = 0
    cost: int = 0
    # True when a period total without a number of incidents is part of the figure.
    count_incomplete: bool = False
    sources: set[str] = field(default_factory=set)


def period_totals(
    council: Council, period_from: dt.date, period_to: dt.date
) -> list[CategoryTotal]:
    """Count and cost per category for a period; partners' period totals count once.

    A period total counts when its period lies within the asked one. When an organisation
    reported a period total for a category, its single reports of that category within that
    period are left out: the total already holds them. Three queries.
    """
    aggregates = list(
        aggregates_of(council).filter(period_from__gte=period_from, period_to__lte=period_to)
    )
    return category_sums(
        council,
        period_from,
        period_to,
        aggregates=aggregates,
        tally=CategoryTally.objects.filter(council=council),
        raw=counted_incidents(council),
    )


def category_sums(
    council: Council,
    period_from: dt.date,
    period_to: dt.date,
    *,
    aggregates: list[AggregateReport],
    tally: QuerySet[CategoryTally] | None,
    raw: QuerySet[Incident],
) -> list[CategoryTotal]:
    """The totals per category of the reports (tally and raw narrowed alike) with the period
    totals, each organisation's single reports covered by its period total taken away. Two
    queries: the grouped sums and the categories."""
    less = None
    if aggregates:
        covered = Q()
        for aggregate in aggregates:
            covered |= Q(
                organisation_id=aggregate.organisation_id,
                category_id=aggregate.category_id,
                **within(aggregate.period_from, aggregate.period_to),
            )
        less = raw.filter(**within(period_from, period_to)).filter(covered)
    sums = tallied(
        period_from,
        period_to,
        tally=tally,
        raw=raw,
        keys=[("category_id", "category_id")],
        less=less,
    )
    totals: dict[int, CategoryTotal] = {}
    listed = list(categories_of(council))
    categories = {c.pk: c for c in listed}
    for (category_id,), (n, kr) in sums.items():
        total = totals.setdefault(category_id, CategoryTotal(categories[category_id]))
        total.count += n
        total.cost += kr
        total.sources.add("incidents")
    for aggregate in aggregates:
        total = totals.setdefault(aggregate.category_id, CategoryTotal(aggregate.category))
        if aggregate.count is None:
            total.count_incomplete = True
        else:
            total.count += aggregate.count
        total.cost += aggregate.cost or 0
        total.sources.add("aggregates")
    flat = [c for group, subs in _tree(listed) for c in (group, *subs)]
    order = {c.pk: i for i, c in enumerate(flat)}
    return sorted(totals.values(), key=lambda t: order.get(t.category.pk, 0))


# Reports that may be the same event, offered when merging a duplicate.
DUPLICATE_DAYS = 3
DUPLICATE_LIMIT = 10


def likely_duplicates(incident: Incident) -> QuerySet[Incident]:
    """The council's counted reports of the same category a few days around this one, at
    the same named place or in the same or a neighbouring map cell (newest first)."""
    span = dt.timedelta(days=DUPLICATE_DAYS)
    near = Q(pk__in=[])
    if incident.place_id is not None:
        near |= Q(place_id=incident.place_id)
    if incident.h3_cell:
        near |= Q(h3_cell__in=[str(c) for c in h3.grid_disk(incident.h3_cell, 1)])
    if not incident.place_id and not incident.h3_cell:
        near = Q()
    return (
        Incident.objects.filter(
            council_id=incident.council_id, merged_into__isnull=True, status__in=COUNTED_STATUSES
        )
        .exclude(pk=incident.pk)
        .filter(category_id=incident.category_id)
        .filter(
            occurred_from__gte=incident.occurred_from - span,
            occurred_from__lte=incident.occurred_from + span,
        )
        .filter(near)
        .select_related("category", "place", "organisation")
        .order_by("-occurred_from", "-id")[:DUPLICATE_LIMIT]
    )
