"""Reads of the figures from others: reported crimes beside the council's own incidents, reported
crimes per offence type against the comparison areas, Kolada key figures and the population
(imported by incidents/services/statistics.py).

`crime_by_offence_type` is read by the statistics page and by the lägesbild document: it returns
plain dataclasses, not models."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet, Sum

from samverkan.incidents.models import (
    CategoryTally,
    CrimeStatistic,
    KeyFigure,
    Population,
    StatisticArea,
)
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
        for row in CrimeStatistic.objects.filter(council=council, area=StatisticArea.MUNICIPALITY)
        .values("year", "month")
        .annotate(total=Sum("count"))
    }
    crimes = {key: total for key, total in crimes.items() if total}
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


@dataclass(frozen=True)
class OffenceTypeRow:
    """One offence type of a year: the municipality's reported crimes and its rate per 1,000
    inhabitants, the comparison areas' rates where known, and the change from the year before."""

    category: str
    count: int | None
    per_1000: float | None
    county_per_1000: float | None
    group_per_1000: float | None
    country_per_1000: float | None
    previous_count: int | None

    @property
    def change(self) -> int | None:
        if self.count is None or self.previous_count is None:
            return None
        return self.count - self.previous_count

    @property
    def change_percent(self) -> float | None:
        if self.change is None or not self.previous_count:
            return None
        return self.change * 100 / self.previous_count


@dataclass(frozen=True)
class _YearFigure:
    count: int | None
    per_1000: float | None


def _year_figures(
    rows: list[CrimeStatistic],
) -> dict[tuple[str, int, str], _YearFigure]:
    """(area, year, category) → the year's figure: the whole year's row where there is one, else
    the sum of the months (never a year's row plus its months)."""
    whole: dict[tuple[str, int, str], _YearFigure] = {}
    months: dict[tuple[str, int, str], list[CrimeStatistic]] = {}
    for row in rows:
        key = (row.area, row.year, row.category)
        if row.month == 0:
            whole[key] = _YearFigure(row.count, row.per_1000)
        else:
            months.setdefault(key, []).append(row)
    for key, parts in months.items():
        if key in whole:
            continue
        counts = [part.count for part in parts if part.count is not None]
        rates = [part.per_1000 for part in parts if part.per_1000 is not None]
        whole[key] = _YearFigure(
            sum(counts) if counts else None,
            sum(rates) if len(rates) == len(parts) else None,
        )
    return whole


def crime_by_offence_type(council: Council, year: int) -> list[OffenceTypeRow]:
    """Reported crimes per offence type in a year: the municipality's count and rate per 1,000
    inhabitants (the file's rate, else the count over the year's population), the county's, the
    municipality group's and the country's rates where a file gave them, and the year before's
    count; the largest first (two queries)."""
    rows = list(
        CrimeStatistic.objects.filter(council=council, year__in=(year, year - 1)).order_by()
    )
    figures = _year_figures(rows)
    population = (
        Population.objects.filter(council=council, year=year)
        .values_list("count", flat=True)
        .first()
    )
    categories = {category for area, y, category in figures if y == year}
    result = []
    for category in categories:
        own = figures.get((StatisticArea.MUNICIPALITY, year, category))
        before = figures.get((StatisticArea.MUNICIPALITY, year - 1, category))
        count = own.count if own else None
        rate = own.per_1000 if own else None
        if rate is None and count is not None and population:
            rate = count * 1_000 / population

        def compared(area: str, category: str = category) -> float | None:
            figure = figures.get((area, year, category))
            return figure.per_1000 if figure else None

        result.append(
            OffenceTypeRow(
                category=category,
                count=count,
                per_1000=rate,
                county_per_1000=compared(StatisticArea.COUNTY),
                group_per_1000=compared(StatisticArea.GROUP),
                country_per_1000=compared(StatisticArea.COUNTRY),
                previous_count=before.count if before else None,
            )
        )
    result.sort(key=lambda row: (-(row.count or 0), row.category.lower()))
    return result


def comparison_area_names(council: Council, year: int) -> dict[str, str]:
    """The names the files gave the comparison areas of a year: {"county": "Västmanlands län"}."""
    return dict(
        CrimeStatistic.objects.filter(council=council, year=year)
        .exclude(area=StatisticArea.MUNICIPALITY)
        .order_by("area", "area_name")
        .values_list("area", "area_name")
        .distinct()
    )


def crime_years(council: Council) -> list[int]:
    """The years with reported crimes of the municipality, newest first."""
    return list(
        CrimeStatistic.objects.filter(council=council, area=StatisticArea.MUNICIPALITY)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
