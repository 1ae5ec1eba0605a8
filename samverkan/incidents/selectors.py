"""Reads of incidents, categories, places and period totals, scoped to one council."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from samverkan.core.errors import NotFoundError
from samverkan.incidents.models import (
    COUNTED_STATUSES,
    AggregateReport,
    Category,
    Incident,
    Place,
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


def incidents_of(council: Council, filters: IncidentFilter | None = None) -> QuerySet[Incident]:
    """Every report of the council (merged and pending too), newest first, for review."""
    f = filters or IncidentFilter()
    qs = Incident.objects.filter(council=council).select_related(
        "category", "category__parent", "place", "organisation"
    )
    if f.category is not None:
        qs = qs.filter(Q(category=f.category) | Q(category__parent=f.category))
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
    incidents = counted_incidents(council).filter(**within(period_from, period_to))
    covered = Q()
    for aggregate in aggregates:
        covered |= Q(
            organisation_id=aggregate.organisation_id,
            category_id=aggregate.category_id,
            **within(aggregate.period_from, aggregate.period_to),
        )
    if aggregates:
        incidents = incidents.exclude(covered)
    rows = incidents.values("category_id").annotate(n=Count("id"), kr=Sum("cost"))
    totals: dict[int, CategoryTotal] = {}
    listed = list(categories_of(council))
    categories = {c.pk: c for c in listed}
    for row in rows:
        total = totals.setdefault(row["category_id"], CategoryTotal(categories[row["category_id"]]))
        total.count += row["n"]
        total.cost += row["kr"] or 0
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
