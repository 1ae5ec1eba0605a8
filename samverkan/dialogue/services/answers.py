"""Storing one anonymous response: every answer is checked first, then all are saved at once.

A tampered form (an option of another question, a scale value outside 1–5, an oversized text,
an area the survey does not name) is refused as a whole: nothing of it is saved. A point given
to a place question is kept only as the middle of its map cell (docs/design/surveys.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import h3  # type: ignore[import-untyped]
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.core.errors import ServiceError
from samverkan.dialogue.models import (
    SCALE_MAX,
    SCALE_MIN,
    TEXT_MAX,
    Answer,
    Question,
    QuestionKind,
    Response,
    ResponseSource,
    Survey,
    SurveyStatus,
)
from samverkan.dialogue.selectors.surveys import questions_of, survey_place_names
from samverkan.incidents import geo

# Latitude and longitude of a point: within Sweden, with some margin.
LATITUDES = (Decimal("55"), Decimal("70"))
LONGITUDES = (Decimal("10"), Decimal("25"))
FIRST_DAY = dt.date(1990, 1, 1)


class AnswerError(ServiceError):
    """The form's answers were refused; `errors` maps each field name to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(_("Some answers could not be accepted. Nothing was saved."))
        self.errors = errors


@dataclass
class ParsedResponse:
    area: str = ""
    group: str = ""
    answers: list[Answer] = field(default_factory=list)


class FormData:
    """Raw form values by name, as a QueryDict gives them (a list for each name)."""

    def __init__(self, data: Mapping[str, Sequence[str]]) -> None:
        self._data = data

    def all(self, name: str) -> list[str]:
        values = self._data.get(name, [])
        return [values] if isinstance(values, str) else [str(v) for v in values]

    def one(self, name: str) -> str:
        values = self.all(name)
        return values[-1].strip() if values else ""


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def _choice(survey_names: list[str], value: str) -> str | None:
    return value if value in survey_names else None


def _point(raw_lat: str, raw_lon: str) -> tuple[Decimal, Decimal] | None | str:
    """A point, None when neither part is given, or an error message."""
    if not raw_lat and not raw_lon:
        return None
    if not raw_lat or not raw_lon:
        return _("Give both latitude and longitude, or neither.")
    try:
        lat, lon = Decimal(raw_lat.replace(",", ".")), Decimal(raw_lon.replace(",", "."))
    except InvalidOperation:
        return _("Latitude and longitude are decimal numbers, such as 59.51 and 15.99.")
    if not lat.is_finite() or not lon.is_finite():
        return _("Latitude and longitude are decimal numbers, such as 59.51 and 15.99.")
    if not (LATITUDES[0] <= lat <= LATITUDES[1] and LONGITUDES[0] <= lon <= LONGITUDES[1]):
        return _("The point must be in Sweden.")
    return coarse_point(float(lat), float(lon))


def coarse_point(latitude: float, longitude: float) -> tuple[Decimal, Decimal]:
    """The middle of the point's map cell (H3, about 350 m across): never the point itself.

    The same cells as the incident maps (incidents.geo), so the answers can be laid over them.
    """
    middle_lat, middle_lon = h3.cell_to_latlng(geo.h3_cell(latitude, longitude))
    return Decimal(f"{middle_lat:.5f}"), Decimal(f"{middle_lon:.5f}")


def _parse_question(
    survey: Survey,
    question: Question,
    form: FormData,
    errors: dict[str, str],
    places: list[str],
) -> list[Answer]:
    name = field_name(question)
    options = {str(option.pk): option for option in question.options.all()}
    answers: list[Answer] = []
    if question.kind == QuestionKind.SCALE:
        raw = form.one(name)
        if raw:
            if raw not in {str(n) for n in range(SCALE_MIN, SCALE_MAX + 1)}:
                errors[name] = _("Choose a value from 1 to 5.")
            else:
                answers.append(Answer(question=question, value=int(raw)))
    elif question.kind == QuestionKind.SINGLE:
        raw = form.one(name)
        if raw:
            if raw not in options or len(form.all(name)) > 1:
                errors[name] = _("Choose one of the options shown.")
            else:
                answers.append(Answer(question=question, option=options[raw]))
    elif question.kind == QuestionKind.MULTIPLE:
        chosen = [value.strip() for value in form.all(name) if value.strip()]
        if any(value not in options for value in chosen) or len(set(chosen)) != len(chosen):
            errors[name] = _("Choose among the options shown.")
        else:
            answers += [Answer(question=question, option=options[value]) for value in chosen]
    elif question.kind == QuestionKind.TEXT:
        raw = form.one(name)
        if len(raw) > TEXT_MAX:
            errors[name] = _("Write at most %(max)s characters.") % {"max": TEXT_MAX}
        elif "\x00" in raw:
            errors[name] = _("The text contains characters that cannot be saved.")
        elif raw:
            answers.append(Answer(question=question, text=raw))
    elif question.kind == QuestionKind.PLACE:
        raw = form.one(name)
        point = _point(form.one(f"{name}_lat"), form.one(f"{name}_lon"))
        if raw and _choice(places, raw) is None:
            errors[name] = _("Choose one of the places shown.")
        elif point is not None and not survey.place_points:
            errors[name] = _("This survey asks for a named place, not a point.")
        elif isinstance(point, str):
            errors[name] = point
        elif raw or point is not None:
            lat, lon = point if point is not None else (None, None)
            answers.append(Answer(question=question, text=raw, latitude=lat, longitude=lon))
    if question.required and not answers and name not in errors:
        errors[name] = _("Answer this question.")
    return answers


def parse_response(survey: Survey, data: Mapping[str, Sequence[str]]) -> ParsedResponse:
    """Check every answer of the form; raise AnswerError listing every refused one."""
    form = FormData(data)
    errors: dict[str, str] = {}
    parsed = ParsedResponse()
    area, group = form.one("area"), form.one("group")
    if area and _choice(survey.areas, area) is None:
        errors["area"] = _("Choose one of the areas shown.")
    if group and _choice(survey.groups, group) is None:
        errors["group"] = _("Choose one of the groups shown.")
    parsed.area, parsed.group = area, group
    questions = questions_of(survey)
    places = (
        survey_place_names(survey) if any(q.kind == QuestionKind.PLACE for q in questions) else []
    )
    for question in questions:
        parsed.answers += _parse_question(survey, question, form, errors, places)
    if errors:
        raise AnswerError(errors)
    return parsed


@transaction.atomic
def response_submit(
    *,
    survey: Survey,
    data: Mapping[str, Sequence[str]],
    answered_on: dt.date,
    source: str = ResponseSource.WEB,
) -> Response:
    """Save one anonymous response with its answers, all or nothing.

    Not audited: an audit event carries a time and an actor, which would undo the anonymity.
    """
    if survey.imported or survey.status == SurveyStatus.DRAFT:
        raise ServiceError(_("This survey is not open for answers."))
    if source == ResponseSource.WEB and survey.status != SurveyStatus.PUBLISHED:
        raise ServiceError(_("This survey is closed. Thank you for your interest."))
    if source not in ResponseSource.values:
        raise ServiceError(_("Unknown source of the answers."))
    if not FIRST_DAY <= answered_on <= timezone.localdate() + dt.timedelta(days=1):
        raise AnswerError({"answered_on": _("Give the date the form was filled in.")})
    parsed = parse_response(survey, data)
    if not parsed.answers:
        raise AnswerError({"form": _("Answer at least one question.")})
    response = Response.objects.create(
        survey=survey,
        answered_on=answered_on,
        area=parsed.area,
        group=parsed.group,
        source=source,
    )
    for answer in parsed.answers:
        answer.response = response
    Answer.objects.bulk_create(parsed.answers)
    return response
