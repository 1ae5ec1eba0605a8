"""Demo data for the safety survey: the default survey, published, with synthetic paper answers.

The answers are made up (a fixed random seed, so every demo looks the same) and spread over
three areas of Köping, so the results page has something to show, including a small group.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from samverkan.dialogue.models import QuestionKind, ResponseSource, Survey
from samverkan.dialogue.selectors import questions_of
from samverkan.dialogue.services.answers import field_name, response_submit
from samverkan.dialogue.services.builder import survey_publish
from samverkan.dialogue.services.default_survey import survey_create_default
from samverkan.organisations.models import Council

AREAS = ["Nygård", "Centrum", "Malmön"]
# How many answers each area gives, and how much bigger its problems are (on the 1–5 scale).
ANSWERS = {"Nygård": 18, "Centrum": 17, "Malmön": 5}
WORSE = {"Nygård": 1.0, "Centrum": 0.5, "Malmön": 0.0}
FREE_TEXTS = [
    "Gångtunneln vid stationen är mörk på kvällen.",
    "Mer belysning vid busshållplatsen, tack.",
    "Mopeder kör fort på cykelvägen längs ån.",
]


@transaction.atomic
def load_demo_survey(council: Council) -> Survey:
    """Create the default survey, publish it and add about 40 synthetic paper answers."""
    survey = survey_create_default(
        actor=None, council=council, title_sv="Trygghetsenkät 2018", areas=AREAS
    )
    survey = survey_publish(actor=None, survey=survey)
    rng = random.Random(2018)  # noqa: S311 (made-up demo answers, not security)
    questions = questions_of(survey)
    number = 0
    for area, count in ANSWERS.items():
        for _index in range(count):
            number += 1
            data: dict[str, list[str]] = {
                "area": [area],
                "group": [rng.choice(survey.groups)],
            }
            for question in questions:
                name = field_name(question)
                if question.kind == QuestionKind.SCALE:
                    value = round(rng.triangular(1, 5, 1.5 + WORSE[area] * 2))
                    data[name] = [str(min(5, max(1, value)))]
                elif question.kind == QuestionKind.SINGLE:
                    options = list(question.options.all())
                    weights = [4, 4, 2 + WORSE[area] * 3, 1 + WORSE[area] * 2, 1]
                    data[name] = [str(rng.choices(options, weights=weights[: len(options)])[0].pk)]
                elif question.kind == QuestionKind.PLACE and rng.random() < 0.5:
                    data[name] = [rng.choice(AREAS)]
                elif question.kind == QuestionKind.TEXT and number % 9 == 0:
                    data[name] = [FREE_TEXTS[number % len(FREE_TEXTS)]]
            response_submit(
                survey=survey,
                data=data,
                answered_on=dt.date(2018, 9, 10) + dt.timedelta(days=number % 14),
                source=ResponseSource.PAPER,
            )
    return survey
