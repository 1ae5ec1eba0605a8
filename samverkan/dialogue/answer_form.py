"""The answer form's fields, prepared for `dialogue/answer_field.html`.

The template cannot look values up by a computed name, so each question becomes a field with
its name, its error and what the respondent had chosen (kept when the form comes back).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from samverkan.dialogue.models import SCALE_MAX, SCALE_MIN, Question, QuestionKind, Survey
from samverkan.dialogue.selectors.surveys import sections_of, survey_place_names
from samverkan.dialogue.services.answers import FormData, field_name
from samverkan.incidents.selectors import places_geojson


@dataclass
class Choice:
    value: str
    label: str
    checked: bool
    id: str


@dataclass
class Field:
    question: Question
    name: str
    error: str = ""
    choices: list[Choice] = field(default_factory=list)
    text: str = ""
    latitude: str = ""
    longitude: str = ""
    # A place question: the named places for its map, and whether a point may be given.
    map_places: dict[str, Any] | None = None
    points: bool = False


@dataclass
class FormSection:
    title: str
    fields: list[Field]


@dataclass
class _Places:
    """The place question's names and map, read once for the whole form."""

    names: list[str]
    geojson: dict[str, Any]


def _field(
    survey: Survey,
    question: Question,
    form: FormData,
    errors: Mapping[str, str],
    places: _Places | None,
) -> Field:
    name = field_name(question)
    chosen = set(form.all(name))
    if question.kind == "scale":
        values = [
            (str(n), question.low_label if n == SCALE_MIN else "") for n in range(1, SCALE_MAX + 1)
        ]
        values[-1] = (values[-1][0], question.high_label)
        labels = [(value, f"{value} {words}".strip()) for value, words in values]
    elif question.kind == QuestionKind.PLACE:
        labels = [(name, name) for name in (places.names if places else [])]
    else:
        labels = [(str(option.pk), option.text) for option in question.options.all()]
    return Field(
        question=question,
        name=name,
        error=errors.get(name, ""),
        choices=[
            Choice(value, label, value in chosen, f"{name}-{index}")
            for index, (value, label) in enumerate(labels)
        ],
        text=form.one(name) if question.kind == "text" else "",
        latitude=form.one(f"{name}_lat"),
        longitude=form.one(f"{name}_lon"),
        map_places=places.geojson if places and question.kind == QuestionKind.PLACE else None,
        points=survey.place_points,
    )


def answer_sections(
    survey: Survey,
    data: Mapping[str, Sequence[str]] | None = None,
    errors: Mapping[str, str] | None = None,
) -> list[FormSection]:
    form = FormData(data or {})
    sections = sections_of(survey)
    places = None
    if any(q.kind == QuestionKind.PLACE for s in sections for q in s.questions.all()):
        places = _Places(survey_place_names(survey), places_geojson(survey.council))
    return [
        FormSection(
            title=section.title,
            fields=[_field(survey, q, form, errors or {}, places) for q in section.questions.all()],
        )
        for section in sections
    ]
