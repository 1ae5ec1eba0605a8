"""Reads of the figures from others: reported crimes beside the council's own incidents, Kolada
key figures and the population (imported by incidents/services/statistics.py)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet, Sum

from samverkan.incidents.models import CategoryTally, CrimeStatistic, KeyFigure, Population
from samverkan.organisations.models import Council


@dataclass
class PeriodRow:
    year: int
    month: int
    crimes: int
    incidents: int
    population: int | None

    @property
    def crimes_per_100k(self) -> float | None:
        return None if not self.population else self.crimes * 100_000 / self.population

    @property
    def incidents_per_100k(self) -> float | None:
        return None if not self.population else self.incidents * 100_000 / self.population


def statistics_by_period(council: Council) -> list[PeriodRow]:
    """Reported crimes per period beside the council's own incident counts for the same periods,
    with rates per 100,000 inhabitants where the year's population is known (three queries)."""
    crimes = {
        (row["year"], row["month"]): row["total"] or 0
        for row in CrimeStatistic.objects.filter(council=council)
        .values("year", "month")
        .annotate(total=Sum("count"))
    }
    if not crimes:
        return []
    years = {year for year, _month in crimes}
    # Whole local months and years: the tallies hold them (models.CategoryTally).
    by_month: dict[tuple[int, int], int] = {}
    for month, n in (
        CategoryTally.objects.filter(council=council, month__year__in=years)
        .order_by()
        .values("month")
        .annotate(n=Sum("count"))
        .values_list("month", "n")
    ):
        by_month[(month.year, month.month)] = n
    populations = dict(
        Population.objects.filter(council=council, year__in=years).values_list("year", "count")
    )
    rows = []
    for (year, month), total in sorted(crimes.items()):
        if month:
            own = by_month.get((year, month), 0)
        else:
            own = sum(n for (y, _m), n in by_month.items() if y == year)
        rows.append(PeriodRow(year, month, total, own, populations.get(year)))
    return rows


def key_figures_of(council: Council) -> QuerySet[KeyFigure]:
    return KeyFigure.objects.filter(council=council)


def populations_of(council: Council, *, limit: int = 20) -> list[Population]:
    """The latest years' populations, newest first."""
    return list(Population.objects.filter(council=council).order_by("-year")[:limit])
