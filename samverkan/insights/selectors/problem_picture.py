"""The problem picture (problembild) of a council's year: the incident figures and costs by
category, the safety surveys' results, the dialogue inputs by theme and the walk findings by kind,
read together; the coordinator's analysis is the only thing stored (services/problem_picture.py).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import shapely
from django.db.models import Avg, Count, Q, Sum
from shapely.geometry import shape

from samverkan.accounts.access import Capability, Viewer, can
from samverkan.dialogue.models import (
    DialogueInput,
    Finding,
    FindingKind,
    Question,
    QuestionKind,
    Response,
    Survey,
)
from samverkan.dialogue.results import HIDDEN_MEAN, is_suppressed, shown_count
from samverkan.incidents.models import Place, PlaceKind
from samverkan.incidents.selectors import CategoryTotal, counted_incidents, period_totals, within
from samverkan.insights.models import SectionKey, SituationReport, SituationReportStatus
from samverkan.insights.selectors.dashboard import in_area, places_in_area
from samverkan.organisations.models import Council


@dataclass(frozen=True)
class Mean:
    question: str
    # The mean on the 1–5 scale as shown; "–" when hidden or when nobody answered.
    shown: str
    # Hidden because 1 to 4 answered: the page says so (never "<5", which reads as a value).
    hidden: bool = False


@dataclass(frozen=True)
class SurveySummary:
    survey: Survey
    responses: str
    means: list[Mean]


@dataclass(frozen=True)
class AreaRow:
    """One of the council's areas (named places of the kind area) with what the year holds."""

    name: str
    incidents: int
    cost: int
    answers: str  # survey answers from the area, as shown ("<5" for 1 to 4)
    inputs: int
    findings: int


@dataclass(frozen=True)
class Picture:
    council: Council
    year: int
    incidents: list[CategoryTotal]
    incident_count: int
    incident_cost: int
    surveys: list[SurveySummary]
    themes: list[tuple[str, int]]
    inputs_by_place: list[tuple[str, int]]
    findings: list[tuple[str, int]]
    findings_by_area: list[tuple[str, int]]
    # From the year's lägesbild, the one source of the analysis (if the viewer may read it).
    analysis: str
    areas: list[AreaRow] = field(default_factory=list)
    # The lägesbild's prioritised problems: (title, rationale), in priority order.
    prioritised: list[tuple[str, str]] = field(default_factory=list)
    has_report: bool = False


def lagesbild_analysis(report: SituationReport | None) -> tuple[str, list[tuple[str, str]]]:
    """The analysis section and the prioritised problems of a lägesbild (the report fetched
    with its sections and problems), or nothing."""
    if report is None:
        return "", []
    analysis = next(
        (s.text for s in report.sections.all() if s.key == SectionKey.ANALYSIS), ""
    ).strip()
    problems = sorted(
        (p for p in report.problems.all() if p.prioritised), key=lambda p: (p.priority or 0, p.pk)
    )
    return analysis, [(p.title, p.rationale) for p in problems]


def current_picture_text(analysis: str, prioritised: list[tuple[str, str]]) -> str:
    """The text copied into citizen promises as their current picture (aktuell bild)."""
    parts = [analysis] if analysis else []
    if prioritised:
        lines = [
            f"{n}. {title}" + (f": {rationale}" if rationale else "")
            for n, (title, rationale) in enumerate(prioritised, start=1)
        ]
        parts.append("Prioriterade problem:\n" + "\n".join(lines))
    return "\n\n".join(parts)


def year_surveys(council: Council, year: int) -> list[SurveySummary]:
    """The surveys of the year with the mean of each scale question (two queries).

    A survey is the year's when it opened in the year or, without an opening date, when it has
    answers dated in the year. The same figures as the first series of survey_results: the
    mean of a question answered by 1 to 4 respondents is hidden.
    """
    answered_in_year = Response.objects.filter(answered_on__year=year).values("survey_id")
    surveys = list(
        Survey.objects.filter(council=council, imported=False)
        .filter(Q(opens_on__year=year) | Q(opens_on=None, pk__in=answered_in_year))
        .annotate(answered=Count("responses"))
    )
    questions = (
        Question.objects.filter(section__survey__in=surveys, kind=QuestionKind.SCALE)
        .annotate(respondents=Count("answers__response", distinct=True), mean=Avg("answers__value"))
        .order_by("section__survey", "section__position", "section__id", "position", "id")
        .select_related("section")
    )
    means: dict[int, list[Mean]] = defaultdict(list)
    for question in questions:
        hidden = is_suppressed(question.respondents)
        shown = HIDDEN_MEAN if hidden or question.mean is None else f"{round(question.mean, 2):.1f}"
        means[question.section.survey_id].append(Mean(question.text, shown, hidden))
    return [
        SurveySummary(survey, shown_count(survey.answered), means[survey.pk]) for survey in surveys
    ]


def _areas(council: Council, year: int, inputs: Any, findings: Any) -> list[AreaRow]:
    """The year by area: incidents in the area (at its places or in its map cells), survey
    answers whose area names it (either name holding the other: "Nygård" and "Nygården"),
    dialogue inputs at its places and walk findings within it. One query per area for the
    incidents (an area's reports are at its places or in its map cells, which no grouping
    gives); the rest in one query each."""
    places = list(Place.objects.filter(council=council).order_by("name"))
    areas = [place for place in places if place.kind == PlaceKind.AREA]
    if not areas:
        return []
    answers = list(
        Response.objects.filter(survey__council=council, answered_on__year=year)
        .exclude(area="")
        .values("area")
        .annotate(n=Count("id"))
    )
    by_place = dict(
        inputs.exclude(place=None).values_list("place_id").annotate(n=Count("id")).order_by()
    )
    points = [shapely.Point(lon, lat) for lat, lon in findings.values_list("latitude", "longitude")]
    counted = counted_incidents(council).filter(
        **within(dt.date(year, 1, 1), dt.date(year, 12, 31))
    )
    rows = []
    for area in areas:
        geometry = shape(area.geometry)
        name = area.name.casefold()
        said = sum(
            row["n"]
            for row in answers
            if row["area"].casefold() in name or name in row["area"].casefold()
        )
        totals = counted.filter(in_area(area, places)).aggregate(n=Count("id"), kr=Sum("cost"))
        inside = places_in_area(area, places)
        rows.append(
            AreaRow(
                name=area.name,
                incidents=totals["n"],
                cost=totals["kr"] or 0,
                answers=shown_count(said),
                inputs=sum(by_place.get(pk, 0) for pk in inside),
                findings=sum(1 for point in points if geometry.covers(point)),
            )
        )
    return rows


def problem_picture(council: Council, year: int, viewer: Viewer | None = None) -> Picture:
    """Everything the page and the report show, in a fixed number of queries; the analysis
    and the prioritised problems are the year's lägesbild's, when the viewer may read it (a
    draft only for those who read what is not yet public; no viewer reads no draft)."""
    incidents = period_totals(council, dt.date(year, 1, 1), dt.date(year, 12, 31))
    inputs = DialogueInput.objects.filter(dialogue__council=council, dialogue__held_on__year=year)
    themes = [
        (row["theme__name"] or "–", row["n"])
        for row in inputs.values("theme__name")
        .annotate(n=Count("id"))
        .order_by("-n", "theme__name")
    ]
    inputs_by_place = [
        (row["place__name"], row["n"])
        for row in inputs.exclude(place=None)
        .values("place__name")
        .annotate(n=Count("id"))
        .order_by("-n", "place__name")
    ]
    findings = Finding.objects.filter(walk__council=council, walk__walked_on__year=year)
    labels = dict(FindingKind.choices)
    by_kind = [
        (str(labels.get(row["kind"], row["kind"])), row["n"])
        for row in findings.values("kind").annotate(n=Count("id")).order_by("-n", "kind")
    ]
    by_area = [
        (row["walk__area_text"] or "–", row["n"])
        for row in findings.values("walk__area_text")
        .annotate(n=Count("id"))
        .order_by("-n", "walk__area_text")
    ]
    reports = SituationReport.objects.filter(council=council, year=year)
    if viewer is None or not can(viewer, council, Capability.VIEW_RESTRICTED):
        reports = reports.exclude(status=SituationReportStatus.DRAFT)
    report = reports.prefetch_related("sections", "problems").first()
    analysis, prioritised = lagesbild_analysis(report)
    return Picture(
        council=council,
        year=year,
        incidents=incidents,
        incident_count=sum(t.count for t in incidents),
        incident_cost=sum(t.cost for t in incidents),
        surveys=year_surveys(council, year),
        themes=themes,
        inputs_by_place=inputs_by_place,
        findings=by_kind,
        findings_by_area=by_area,
        analysis=analysis,
        areas=_areas(council, year, inputs, findings),
        prioritised=prioritised,
        has_report=report is not None,
    )
