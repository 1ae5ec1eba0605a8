"""API v1 routes for the safety surveys' results: aggregates only, suppressed as on the results
page (dialogue/results.py: a group of one to four respondents shows no counts, and a second
group is hidden when one alone would let it be worked out). Never an answer's free text: a
text question gives only how many answered it.

No `from __future__ import annotations` here: django-ninja reads the annotations at run time.
"""

import datetime as dt
from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from samverkan.accounts.access import access_council
from samverkan.api.organisations import BIGGEST_ID, Pages
from samverkan.api.params import Since
from samverkan.dialogue.models import Survey
from samverkan.dialogue.results import (
    Breakdown,
    QuestionResult,
    Series,
    response_total,
    shown_count,
    survey_results,
)
from samverkan.dialogue.selectors.surveys import survey_in, surveys_of

router = Router(tags=["surveys (v1)"])


class SurveyFilter(Schema):
    modified_since: Since | None = Field(
        None, description="only what was changed at or after this time (ISO 8601, with zone)"
    )


class SurveyOut(Schema):
    id: int
    title: str
    status: str
    opens_on: dt.date | None
    closes_on: dt.date | None
    # The number of responses, or "<5" for one to four.
    responses: str
    modified: dt.datetime


class SeriesOut(Schema):
    label: str
    # The respondents of the series, or "<5" for one to four (then no counts).
    respondents: str
    suppressed: bool
    # Per row of the question; null when suppressed or not asked.
    counts: list[int] | None
    percents: list[int] | None
    # The previous survey's series, for comparison.
    earlier: bool


class QuestionResultOut(Schema):
    question_id: int
    text: str
    kind: str
    rows: list[str]
    series: list[SeriesOut]
    # A free-text question: how many answered it ("<5" for one to four); the answers stay on
    # the staff's page.
    text_answers: str


class ResultsOut(Schema):
    survey_id: int
    title: str
    responses: str
    by: str
    questions: list[QuestionResultOut]


class ResultsQuery(Schema):
    by: Literal["none", "area", "group"] = Field(
        "none", description="all respondents, or a series per area or respondent group"
    )


@router.get("/councils/{slug}/surveys", operation_id="listSurveys", response=list[SurveyOut])
@paginate(Pages)
def list_surveys(request: HttpRequest, slug: str, filters: Query[SurveyFilter]) -> Any:
    surveys: QuerySet[Survey] = surveys_of(access_council(request.user, slug))
    if filters.modified_since is not None:
        surveys = surveys.filter(updated_at__gte=filters.modified_since)
    return _SurveyRows(surveys)


class _SurveyRows:
    def __init__(self, surveys: QuerySet[Survey]) -> None:
        self.surveys = surveys

    def __len__(self) -> int:
        return self.surveys.count()

    def __getitem__(self, index: slice) -> list[dict[str, Any]]:
        return [
            {
                "id": s.pk,
                "title": s.title,
                "status": s.status,
                "opens_on": s.opens_on,
                "closes_on": s.closes_on,
                "responses": shown_count(getattr(s, "response_count", 0)),
                "modified": s.updated_at,
            }
            for s in self.surveys[index]
        ]


@router.get(
    "/councils/{slug}/surveys/{pk}/results", operation_id="getSurveyResults", response=ResultsOut
)
def get_results(request: HttpRequest, slug: str, pk: int, query: Query[ResultsQuery]) -> Any:
    survey = survey_in(access_council(request.user, slug), pk if 0 < pk <= BIGGEST_ID else 0)
    by = query.by if query.by in Breakdown.ALL else Breakdown.NONE
    return {
        "survey_id": survey.pk,
        "title": survey.title,
        "responses": response_total(survey),
        "by": by,
        "questions": [_question(result) for result in survey_results(survey, by=by)],
    }


def _question(result: QuestionResult) -> dict[str, Any]:
    return {
        "question_id": result.question.pk,
        "text": result.question.text,
        "kind": result.question.kind,
        "rows": [row.label for row in result.rows],
        "series": [_series(series) for series in result.series],
        "text_answers": shown_count(result.text_answers),
    }


def _series(series: Series) -> dict[str, Any]:
    visible = series.visible
    return {
        "label": series.label,
        "respondents": str(series.shown_respondents),
        "suppressed": series.suppressed,
        "counts": list(series.counts) if visible else None,
        "percents": series.percents() if visible else None,
        "earlier": series.earlier,
    }
