"""Reads for the safety survey, scoped to one council, with their related rows fetched inside."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from samverkan.core.errors import NotFoundError
from samverkan.core.pages import one_or_not_found, parse_id
from samverkan.dialogue.models import (
    Answer,
    Question,
    QuestionKind,
    Section,
    Survey,
    SurveyStatus,
)
from samverkan.incidents.models import Place
from samverkan.organisations.models import Council


def surveys_of(council: Council) -> QuerySet[Survey]:
    """The council's surveys, newest first, each with its number of responses."""
    return (
        Survey.objects.filter(council=council)
        .annotate(response_count=Count("responses", distinct=True))
        .order_by("-created_at", "-id")
    )


def survey_in(council: Council, pk: object) -> Survey:
    return one_or_not_found(
        Survey.objects.filter(council=council).select_related("previous"),
        pk=parse_id(pk),
    )


def section_in(survey: Survey, pk: object) -> Section:
    return one_or_not_found(
        Section.objects.filter(survey=survey).select_related("survey"),
        pk=parse_id(pk),
    )


def question_in(survey: Survey, pk: object) -> Question:
    return one_or_not_found(
        Question.objects.filter(section__survey=survey)
        .select_related("section__survey")
        .prefetch_related("options"),
        pk=parse_id(pk),
    )


def public_survey(slug: str, token: str) -> Survey:
    """A survey open to the public by its link: published or closed, never a draft."""
    if "\x00" in slug or "\x00" in token:
        raise NotFoundError
    survey = (
        Survey.objects.filter(
            council__slug=slug,
            token=token,
            imported=False,
            status__in=[SurveyStatus.PUBLISHED, SurveyStatus.CLOSED],
        )
        .select_related("council")
        .first()
    )
    if survey is None:
        raise NotFoundError
    return survey


def sections_of(survey: Survey) -> list[Section]:
    """The survey's sections with their questions and options, in order (three queries)."""
    questions = Question.objects.prefetch_related("options").order_by("position", "id")
    return list(survey.sections.prefetch_related(Prefetch("questions", queryset=questions)))


def survey_place_names(survey: Survey) -> list[str]:
    """What a place question offers: the council's named places, then the survey's own areas.

    Named places are those of the incident maps (incidents.Place); an area that is also a named
    place is offered once. An answer keeps the name, so results count by it (one query).
    """
    named = list(Place.objects.filter(council_id=survey.council_id).values_list("name", flat=True))
    return named + [area for area in survey.areas if area not in named]


def questions_of(survey: Survey) -> list[Question]:
    return [question for section in sections_of(survey) for question in section.questions.all()]


def free_text_answers(survey: Survey) -> QuerySet[Answer]:
    """The free-text answers, with their question; the response's area for context."""
    return (
        Answer.objects.filter(question__section__survey=survey, question__kind=QuestionKind.TEXT)
        .exclude(text="")
        .select_related("question", "response")
        .order_by("question__section__position", "question__position", "id")
    )
