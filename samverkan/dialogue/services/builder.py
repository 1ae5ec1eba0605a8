"""Writes for the survey builder: surveys, sections, questions and their options; publishing.

The structure of a survey may change only while it is a draft: once answers come in, a changed
question would change what earlier answers mean. Every write is audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F, Max, QuerySet
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor, audit_create, audit_delete, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.dialogue.models import (
    Option,
    Question,
    QuestionKind,
    Section,
    Survey,
    SurveyStatus,
)
from samverkan.organisations.models import Council

MAX_OPTIONS = 30
MAX_NAMES = 50


def _clean(text: str) -> str:
    return " ".join(text.split())


def clean_names(names: list[str]) -> list[str]:
    """Area or group names: trimmed, without blanks and repeats, in the given order."""
    result: list[str] = []
    for name in names:
        name = _clean(name)[:100]
        if name and name not in result:
            result.append(name)
    return result


@dataclass
class SurveyFields:
    title_sv: str
    title_en: str = ""
    intro_sv: str = ""
    intro_en: str = ""
    opens_on: dt.date | None = None
    closes_on: dt.date | None = None
    areas: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    previous: Survey | None = None
    place_points: bool = False


@dataclass
class QuestionFields:
    kind: str
    text_sv: str
    text_en: str = ""
    help_sv: str = ""
    help_en: str = ""
    required: bool = False
    low_label_sv: str = ""
    low_label_en: str = ""
    high_label_sv: str = ""
    high_label_en: str = ""
    # Option texts in order, line by line: the English list is empty (all show in Swedish) or
    # has a line for each Swedish one (an empty line shows that option in Swedish).
    options_sv: list[str] = field(default_factory=list)
    options_en: list[str] = field(default_factory=list)


def _apply_survey_fields(survey: Survey, fields: SurveyFields) -> None:
    title = _clean(fields.title_sv)
    if not title:
        raise ServiceError(_("Give the survey a Swedish title."), field="title_sv")
    if fields.opens_on and fields.closes_on and fields.closes_on < fields.opens_on:
        raise ServiceError(
            _("The closing date must not be before the opening date."), field="closes_on"
        )
    areas, groups = clean_names(fields.areas), clean_names(fields.groups)
    if len(areas) > MAX_NAMES or len(groups) > MAX_NAMES:
        raise ServiceError(_("A survey has at most %(max)s areas and groups.") % {"max": MAX_NAMES})
    previous = fields.previous
    if previous is not None:
        if previous.council_id != survey.council_id:
            raise ServiceError(
                _("The previous survey must be the council's own."), field="previous"
            )
        if previous.pk is not None and previous.pk == survey.pk:
            raise ServiceError(_("A survey cannot be its own previous survey."), field="previous")
    survey.title_sv = title[:200]
    survey.title_en = _clean(fields.title_en)[:200]
    survey.intro_sv = fields.intro_sv.strip()[:4000]
    survey.intro_en = fields.intro_en.strip()[:4000]
    survey.opens_on, survey.closes_on = fields.opens_on, fields.closes_on
    survey.areas, survey.groups = areas, groups
    survey.previous = previous
    survey.place_points = fields.place_points


@transaction.atomic
def survey_create(*, actor: Actor, council: Council, fields: SurveyFields) -> Survey:
    survey = Survey(council=council)
    _apply_survey_fields(survey, fields)
    survey.save()
    audit_create(actor=actor, instance=survey, council_id=council.pk)
    return survey


@transaction.atomic
def survey_update(*, actor: Actor, survey: Survey, fields: SurveyFields) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    before = snapshot(survey)
    _apply_survey_fields(survey, fields)
    survey.save()
    audit_update(actor=actor, instance=survey, before=before, council_id=survey.council_id)
    return survey


def _require_draft(survey: Survey) -> None:
    if survey.status != SurveyStatus.DRAFT:
        raise ServiceError(
            _("Only a draft survey can be changed: its answers would lose their meaning.")
        )


@transaction.atomic
def survey_publish(*, actor: Actor, survey: Survey) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.imported:
        raise ServiceError(_("Imported results cannot be published."))
    if survey.status == SurveyStatus.PUBLISHED:
        return survey
    if not Question.objects.filter(section__survey=survey).exists():
        raise ServiceError(_("Add at least one question before publishing."))
    empty = Question.objects.filter(
        section__survey=survey,
        kind__in=[QuestionKind.SINGLE, QuestionKind.MULTIPLE],
        options__isnull=True,
    ).first()
    if empty is not None:
        raise ServiceError(
            _("The question “%(question)s” has no options.") % {"question": empty.text_sv}
        )
    before = snapshot(survey)
    survey.status = SurveyStatus.PUBLISHED
    survey.save(update_fields=["status", "updated_at"])
    audit_update(actor=actor, instance=survey, before=before, council_id=survey.council_id)
    return survey


@transaction.atomic
def survey_close(*, actor: Actor, survey: Survey) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != SurveyStatus.PUBLISHED:
        raise ServiceError(_("Only a published survey can be closed."))
    before = snapshot(survey)
    survey.status = SurveyStatus.CLOSED
    survey.save(update_fields=["status", "updated_at"])
    audit_update(actor=actor, instance=survey, before=before, council_id=survey.council_id)
    return survey


# Sections ---------------------------------------------------------------------------------


def _next_position(queryset: QuerySet[Section] | QuerySet[Question]) -> int:
    top = queryset.aggregate(top=Max("position"))["top"]
    return 0 if top is None else int(top) + 1


@transaction.atomic
def section_create(*, actor: Actor, survey: Survey, title_sv: str, title_en: str = "") -> Section:
    _require_draft(survey)
    title = _clean(title_sv)
    if not title:
        raise ServiceError(_("Give the section a Swedish heading."), field="title_sv")
    section = Section.objects.create(
        survey=survey,
        position=_next_position(survey.sections.all()),
        title_sv=title[:200],
        title_en=_clean(title_en)[:200],
    )
    audit_create(actor=actor, instance=section, council_id=survey.council_id)
    return section


@transaction.atomic
def section_update(*, actor: Actor, section: Section, title_sv: str, title_en: str = "") -> Section:
    _require_draft(section.survey)
    title = _clean(title_sv)
    if not title:
        raise ServiceError(_("Give the section a Swedish heading."), field="title_sv")
    before = snapshot(section)
    section.title_sv, section.title_en = title[:200], _clean(title_en)[:200]
    section.save()
    audit_update(actor=actor, instance=section, before=before, council_id=section.survey.council_id)
    return section


@transaction.atomic
def section_delete(*, actor: Actor, section: Section) -> None:
    _require_draft(section.survey)
    audit_delete(actor=actor, instance=section, council_id=section.survey.council_id)
    section.delete()


def _move(items: list[Any], index: int, step: int) -> list[int]:
    """Swap the item at `index` with its neighbour; return the changed primary keys."""
    other = index + step
    if not 0 <= other < len(items):
        return []
    items[index], items[other] = items[other], items[index]
    changed = []
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
            changed.append(item.pk)
    return changed


@transaction.atomic
def section_move(*, actor: Actor, section: Section, up: bool) -> None:
    survey = Survey.objects.select_for_update().get(pk=section.survey_id)
    _require_draft(survey)
    sections = list(survey.sections.all())
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    before = {s.pk: s.position for s in sections}
    _move(sections, index, -1 if up else 1)
    for item in sections:
        if before[item.pk] != item.position:
            audit_update(
                actor=actor,
                instance=item,
                before={**snapshot(item), "position": before[item.pk]},
                council_id=survey.council_id,
            )


# Questions --------------------------------------------------------------------------------


def _validate_question(fields: QuestionFields) -> tuple[list[str], list[str]]:
    if fields.kind not in QuestionKind.values:
        raise ServiceError(_("Choose a kind of question."), field="kind")
    if not _clean(fields.text_sv):
        raise ServiceError(_("Write the question in Swedish."), field="text_sv")
    if fields.kind in {QuestionKind.SINGLE, QuestionKind.MULTIPLE}:
        options_sv, options_en = _paired_options(fields.options_sv, fields.options_en)
        if len(options_sv) < 2:
            raise ServiceError(
                _("A single-choice question needs at least two options.")
                if fields.kind == QuestionKind.SINGLE
                else _("A multiple-choice question needs at least two options."),
                field="options_sv",
            )
        if len(options_sv) > MAX_OPTIONS:
            raise ServiceError(
                _("A question has at most %(max)s options.") % {"max": MAX_OPTIONS},
                field="options_sv",
            )
        if len(set(options_sv)) != len(options_sv):
            raise ServiceError(_("Each option must be different."), field="options_sv")
    else:
        options_sv, options_en = [], []
    return options_sv, options_en


def _paired_options(lines_sv: list[str], lines_en: list[str]) -> tuple[list[str], list[str]]:
    """The Swedish options and their English texts, paired line by line.

    Refuses English lines that do not match the Swedish ones: with three Swedish options and
    two English ones there is no telling which English text belongs to which option.
    """
    sv = [_clean(text)[:200] for text in lines_sv]
    en = [_clean(text)[:200] for text in lines_en]
    while sv and not sv[-1]:
        sv.pop()
    while en and not en[-1]:
        en.pop()
    if not en:
        return [text for text in sv if text], []
    if len(en) != len(sv):
        raise ServiceError(
            _(
                "The English options do not match the Swedish ones: %(sv)s Swedish and %(en)s"
                " English lines. Write one English line for each Swedish line, in the same"
                " order, or leave the English options empty (the Swedish texts are shown)."
            )
            % {"sv": len(sv), "en": len(en)},
            field="options_en",
        )
    for line, (text_sv, text_en) in enumerate(zip(sv, en, strict=True), start=1):
        if text_en and not text_sv:
            raise ServiceError(
                _("Line %(line)s has an English option but no Swedish one.") % {"line": line},
                field="options_en",
            )
    pairs = [(text_sv, text_en) for text_sv, text_en in zip(sv, en, strict=True) if text_sv]
    return [text_sv for text_sv, _en in pairs], [text_en for _sv, text_en in pairs]


def _apply_question_fields(question: Question, fields: QuestionFields) -> None:
    question.kind = fields.kind
    question.text_sv = _clean(fields.text_sv)[:500]
    question.text_en = _clean(fields.text_en)[:500]
    question.help_sv = _clean(fields.help_sv)[:500]
    question.help_en = _clean(fields.help_en)[:500]
    question.required = fields.required
    scale = fields.kind == QuestionKind.SCALE
    question.low_label_sv = _clean(fields.low_label_sv)[:100] if scale else ""
    question.low_label_en = _clean(fields.low_label_en)[:100] if scale else ""
    question.high_label_sv = _clean(fields.high_label_sv)[:100] if scale else ""
    question.high_label_en = _clean(fields.high_label_en)[:100] if scale else ""


def _set_options(question: Question, options_sv: list[str], options_en: list[str]) -> None:
    """Replace the options: a draft has no answers that point to the old ones."""
    question.options.all().delete()
    Option.objects.bulk_create(
        Option(
            question=question,
            position=position,
            text_sv=text,
            text_en=options_en[position] if position < len(options_en) else "",
        )
        for position, text in enumerate(options_sv)
    )


@transaction.atomic
def question_create(*, actor: Actor, section: Section, fields: QuestionFields) -> Question:
    _require_draft(section.survey)
    options_sv, options_en = _validate_question(fields)
    question = Question(section=section, position=_next_position(section.questions.all()))
    _apply_question_fields(question, fields)
    question.save()
    _set_options(question, options_sv, options_en)
    audit_create(actor=actor, instance=question, council_id=section.survey.council_id)
    return question


@transaction.atomic
def question_update(*, actor: Actor, question: Question, fields: QuestionFields) -> Question:
    survey = question.section.survey
    _require_draft(survey)
    options_sv, options_en = _validate_question(fields)
    before = snapshot(question)
    _apply_question_fields(question, fields)
    question.save()
    # The options are part of the question as its builder edits them (one text per line).
    _set_options(question, options_sv, options_en)
    audit_update(actor=actor, instance=question, before=before, council_id=survey.council_id)
    return question


@transaction.atomic
def question_delete(*, actor: Actor, question: Question) -> None:
    survey = question.section.survey
    _require_draft(survey)
    audit_delete(actor=actor, instance=question, council_id=survey.council_id)
    question.delete()


@transaction.atomic
def question_move(*, actor: Actor, question: Question, up: bool) -> None:
    """Move a question up or down within its section, or into the neighbouring section."""
    section = question.section
    survey = Survey.objects.select_for_update().get(pk=section.survey_id)
    _require_draft(survey)
    questions = list(section.questions.all())
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    before = snapshot(question)
    if (up and index == 0) or (not up and index == len(questions) - 1):
        sections = list(survey.sections.all())
        where = next(i for i, s in enumerate(sections) if s.pk == section.pk)
        neighbour = where + (-1 if up else 1)
        if not 0 <= neighbour < len(sections):
            return
        target = sections[neighbour]
        question.section = target
        question.position = (
            _next_position(target.questions.all())
            if up
            else min((q.position for q in target.questions.all()), default=1) - 1
        )
        if question.position < 0:
            target.questions.update(position=F("position") + 1)
            question.position = 0
        question.save(update_fields=["section", "position"])
    else:
        _move(questions, index, -1 if up else 1)
        question.refresh_from_db()
    audit_update(actor=actor, instance=question, before=before, council_id=survey.council_id)
