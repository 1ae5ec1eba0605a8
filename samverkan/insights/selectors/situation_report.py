"""Reads of the lägesbild (SituationReport): which reports a viewer may read, one report with
its sections, tables and problems, and its kartläggning computed live from the areas below
(the council's incidents, who is affected, places with many incidents, survey results and the
police-reported crime of the statistics selectors)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from samverkan.accounts.access import Capability, Viewer, can
from samverkan.core.errors import NotFoundError
from samverkan.incidents.selectors import CategoryTotal
from samverkan.insights.models import (
    Problem,
    ReportSection,
    SectionKey,
    SituationReport,
    SituationReportStatus,
    SourceKind,
    SourceTable,
)
from samverkan.insights.selectors import dashboard as figures
from samverkan.insights.selectors import statistics
from samverkan.insights.selectors.problem_picture import SurveySummary, year_surveys
from samverkan.organisations.models import Council

# A place is one "with many incidents" when it is among this many of the year's busiest.
MANY_PLACES = 10


def reports_visible_to(viewer: Viewer, council: Council) -> QuerySet[SituationReport]:
    """The council's reports the viewer may read: drafts only for those who read what is not
    yet public (view_restricted); newest year first."""
    reports = SituationReport.objects.filter(council=council).select_related(
        "decided_item__meeting__body"
    )
    if not can(viewer, council, Capability.VIEW_RESTRICTED):
        reports = reports.exclude(status=SituationReportStatus.DRAFT)
    return reports.order_by("-year")


def _with_parts(reports: QuerySet[SituationReport]) -> QuerySet[SituationReport]:
    return reports.prefetch_related(
        Prefetch("sections", ReportSection.objects.select_related("written_by")),
        Prefetch("tables", SourceTable.objects.select_related("written_by")),
        Prefetch("problems", Problem.objects.select_related("written_by")),
    )


def access_situation_report(viewer: Viewer, council: Council, year: int) -> SituationReport:
    """The year's report with its parts, if the viewer may read it; else NotFoundError (a
    draft is as missing as a report that does not exist to those who may not read it)."""
    report = _with_parts(reports_visible_to(viewer, council)).filter(year=year).first()
    if report is None:
        raise NotFoundError
    return report


def public_situation_reports(council: Council) -> QuerySet[SituationReport]:
    """The published reports of a publishing council; nothing else is ever public."""
    if not council.publishes:
        return SituationReport.objects.none()
    return (
        SituationReport.objects.filter(council=council, status=SituationReportStatus.PUBLISHED)
        .select_related("decided_item__meeting__body", "decided_file")
        .order_by("-year")
    )


def public_situation_report(council: Council, year: int) -> SituationReport:
    report = _with_parts(public_situation_reports(council)).filter(year=year).first()
    if report is None:
        raise NotFoundError
    return report


@dataclass(frozen=True)
class Parts:
    """A report's written parts in the document's order."""

    sections: dict[str, ReportSection]
    other_tables: list[SourceTable]
    police_tables: list[SourceTable]
    problems: list[Problem]

    @property
    def prioritised(self) -> list[Problem]:
        return sorted(
            (p for p in self.problems if p.prioritised), key=lambda p: (p.priority or 0, p.pk)
        )

    def text(self, key: str) -> str:
        section = self.sections.get(key)
        return section.text if section else ""


def report_parts(report: SituationReport) -> Parts:
    """The parts of a report fetched by access_situation_report (no query of its own)."""
    tables = list(report.tables.all())
    return Parts(
        sections={s.key: s for s in report.sections.all()},
        other_tables=[t for t in tables if t.kind == SourceKind.OTHER],
        police_tables=[t for t in tables if t.kind == SourceKind.POLICE],
        problems=list(report.problems.all()),
    )


@dataclass(frozen=True)
class CrimeRow:
    """Police-reported crime of a year as the statistics selectors give it."""

    year: int
    crimes: int
    per_100k: float | None


@dataclass(frozen=True)
class Mapping:
    """The kartläggning of a year, computed from live figures."""

    council: Council
    year: int
    totals: list[CategoryTotal]
    incident_count: int
    incident_cost: int
    trend: list[figures.MonthRow]
    targets: list[figures.TargetRow]
    places: list[figures.PlaceRow]
    surveys: list[SurveySummary]
    crime: list[CrimeRow]
    # Per offence type against the county, the group and the country, when the statistics
    # selectors give it (crime_by_offence_type); None until they do.
    crime_by_offence_type: Any = None


def crime_of_year(council: Council, year: int) -> list[CrimeRow]:
    """The police-reported crime of the year and the year before, from the statistics
    selectors (totals per year: the rows per month are summed)."""
    totals: dict[int, tuple[int, int | None]] = {}
    for row in statistics.statistics_by_period(council):
        if row.year not in (year - 1, year):
            continue
        crimes, _population = totals.get(row.year, (0, row.population))
        totals[row.year] = (crimes + row.crimes, row.population)
    return [
        CrimeRow(y, n, None if not population else n * 100_000 / population)
        for y, (n, population) in sorted(totals.items())
    ]


def crime_by_offence_type_hook(council: Council, year: int) -> Any:
    """The hook for reported crime per offence type with comparison areas: the statistics
    selectors' `crime_by_offence_type(council, year)` when it exists (engineer h-sta's work),
    else None and the document shows the yearly totals only."""
    selector = getattr(statistics, "crime_by_offence_type", None)
    return selector(council, year) if callable(selector) else None


def mapping(council: Council, year: int) -> Mapping:
    """The year's kartläggning: incidents per category and month against the year before, who
    is affected, the places with many incidents (named, never map cells), the year's surveys
    and the police-reported crime."""
    f = figures.DashboardFilter(dt.date(year, 1, 1), dt.date(year, 12, 31))
    totals = figures.category_totals(council, f)
    return Mapping(
        council=council,
        year=year,
        totals=totals,
        incident_count=sum(t.count for t in totals),
        incident_cost=sum(t.cost for t in totals),
        trend=figures.monthly_trend(council, f),
        targets=figures.target_groups(council, f),
        places=figures.top_places(council, f, limit=MANY_PLACES),
        surveys=year_surveys(council, year),
        crime=crime_of_year(council, year),
        crime_by_offence_type=crime_by_offence_type_hook(council, year),
    )


SECTION_ORDER = [
    SectionKey.SUMMARY,
    SectionKey.CONSEQUENCES,
    SectionKey.POLICE,
    SectionKey.ANALYSIS,
    SectionKey.SOURCES,
]
