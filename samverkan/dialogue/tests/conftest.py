"""Fixtures of the survey tests: the default survey of the council, published, and a helper
that answers it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from samverkan.dialogue.models import Question, QuestionKind, ResponseSource, Survey
from samverkan.dialogue.selectors.surveys import questions_of
from samverkan.dialogue.services.answers import field_name, response_submit
from samverkan.dialogue.services.builder import survey_publish
from samverkan.dialogue.services.default_survey import survey_create_default

AREAS = ["Nygård", "Centrum", "Malmön"]
DAY = dt.date(2026, 9, 10)


def question_of(survey: Survey, kind: str, index: int = 0) -> Question:
    return [q for q in questions_of(survey) if q.kind == kind][index]


def answer(survey: Survey, *, area: str = "", group: str = "", **by_kind: object) -> None:
    """Save one paper answer: scale=3 answers the first scale question, single="Mycket trygg"."""
    data: dict[str, list[str]] = {"area": [area], "group": [group]}
    for kind, value in by_kind.items():
        question = question_of(survey, kind)
        if kind in {QuestionKind.SINGLE, QuestionKind.MULTIPLE}:
            option = question.options.get(text_sv=value)
            data[field_name(question)] = [str(option.pk)]
        else:
            data[field_name(question)] = [str(value)]
    response_submit(survey=survey, data=data, answered_on=DAY, source=ResponseSource.PAPER)


@pytest.fixture(autouse=True)
def _english_messages():
    """Services speak English here; pages follow the request's language (Swedish by default)."""
    with translation.override("en"):
        yield


@pytest.fixture
def draft(council) -> Survey:
    return survey_create_default(actor=None, council=council, areas=AREAS)


@pytest.fixture
def survey(draft) -> Survey:
    return survey_publish(actor=None, survey=draft)
