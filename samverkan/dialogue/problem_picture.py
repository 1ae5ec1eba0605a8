"""The problem picture (problembild) of a council's year: the incident figures and costs by
category, the safety surveys' results, the dialogue inputs by theme and the walk findings by kind,
read together; the coordinator's analysis is the only thing stored (services/problem_picture.py).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Avg, Count

from samverkan.dialogue.models import (
    DialogueInput,
    Finding,
    FindingKind,
    ProblemPicture,
    Question,
    QuestionKind,
    Survey,
)
from samverkan.dialogue.results import SUPPRESS_BELOW, SUPPRESSED, shown_count
from samverkan.incidents.selectors import CategoryTotal, period_totals
from samverkan.organisations.models import Council


@dataclass(frozen=True)
class SurveySummary:
    survey: Survey
    responses: str
    # (question, mean on the 1–5 scale as shown, "<5" when too few answered)
    means: list[tuple[str, str]]


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
    analysis: str


def _surveys(council: Council, year: int) -> list[SurveySummary]:
    """The surveys opened in the year with the mean of each scale question (two queries).

    The same figures as the first series of survey_results: a question answered by fewer than
    SUPPRESS_BELOW respondents shows "<5".
    """
    surveys = list(
        Survey.objects.filter(council=council, opens_on__year=year, imported=False).annotate(
            answered=Count("responses")
        )
    )
    questions = (
        Question.objects.filter(section__survey__in=surveys, kind=QuestionKind.SCALE)
        .annotate(respondents=Count("answers__response", distinct=True), mean=Avg("answers__value"))
        .order_by("section__survey", "section__position", "section__id", "position", "id")
        .select_related("section")
    )
    means: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for question in questions:
        mean = question.mean if question.respondents >= SUPPRESS_BELOW else None
        means[question.section.survey_id].append(
            (question.text, SUPPRESSED if mean is None else f"{round(mean, 2):.1f}")
        )
    return [
        SurveySummary(survey, shown_count(survey.answered), means[survey.pk]) for survey in surveys
    ]


def problem_picture(council: Council, year: int) -> Picture:
    """Everything the page and the report show, in a fixed number of queries."""
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
    stored = ProblemPicture.objects.filter(council=council, year=year).first()
    return Picture(
        council=council,
        year=year,
        incidents=incidents,
        incident_count=sum(t.count for t in incidents),
        incident_cost=sum(t.cost for t in incidents),
        surveys=_surveys(council, year),
        themes=themes,
        inputs_by_place=inputs_by_place,
        findings=by_kind,
        findings_by_area=by_area,
        analysis=stored.analysis if stored else "",
    )
