"""Survey results crossed by two questions ("who is affected"): the answers to a chosen question
in one column per pair of answers to two single-choice questions (gender × age).

Each column is a group of respondents and is suppressed as every result is (`results.py`): a
column of 1 to 4 respondents shows "<5". Because a column's group is also part of a row of the
cross (all women, all 16–29-year-olds), the complement rule runs within each answer of either
question: when one column of "Kvinna" alone is hidden, the next smallest of "Kvinna" is hidden
too, and so on until nothing changes. Answers such as "Vet ej" or "Vill inte svara" are options
like the others and get their own columns; a respondent who skipped a question is "not stated".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from samverkan.core import exports
from samverkan.core.errors import ServiceError
from samverkan.dialogue.models import Answer, Question, QuestionKind, Survey
from samverkan.dialogue.results import (
    NOT_STATED,
    QuestionResult,
    Series,
    Tally,
    _series,
    answer_key,
    rows_of,
)
from samverkan.dialogue.selectors.surveys import survey_place_names


@dataclass
class Crossing:
    """The three questions of a cross: the chosen question, and the two it is crossed by."""

    question: Question
    first: Question
    second: Question


def cross_choices(questions: list[Question]) -> tuple[list[Question], list[Question]]:
    """(the single-choice questions to cross by, the questions whose answers can be crossed),
    of a survey's questions (`selectors.surveys.questions_of`, with their options)."""
    by = [q for q in questions if q.kind == QuestionKind.SINGLE]
    crossed = [q for q in questions if q.kind != QuestionKind.TEXT]
    return by, crossed


def crossing_of(questions: list[Question], *, question: int, first: int, second: int) -> Crossing:
    """The questions of a cross by their ids among a survey's questions, checked: two different
    single-choice questions and a third question that is neither of them."""
    by, crossed = cross_choices(questions)
    by_id = {q.pk: q for q in by}
    crossed_id = {q.pk: q for q in crossed}
    if first not in by_id or second not in by_id:
        raise ServiceError(_("Choose two single-choice questions to cross by."), field="first")
    if first == second:
        raise ServiceError(_("Choose two different questions to cross by."), field="second")
    if question not in crossed_id or question in (first, second):
        raise ServiceError(
            _("Choose a question to show that is not one of the two crossed by."),
            field="question",
        )
    return Crossing(crossed_id[question], by_id[first], by_id[second])


def _labels(question: Question, found: set[str]) -> list[tuple[str, str]]:
    """(key, label) of each answer of a question to cross by: its options, then "not stated"."""
    labels = [(option.text_sv, option.text) for option in question.options.all()]
    if "" in found:
        labels.append((NOT_STATED, _("not stated")))
    return labels


def _suppress_within(columns: dict[tuple[str, str], Series]) -> None:
    """The complement rule within each answer of either question, until nothing changes."""
    changed = True
    while changed:
        changed = False
        for position in (0, 1):
            groups: dict[str, list[Series]] = defaultdict(list)
            for key, series in columns.items():
                groups[key[position]].append(series)
            for members in groups.values():
                hidden = [s for s in members if s.suppressed]
                shown = [s for s in members if not s.suppressed and s.respondents > 0]
                if len(hidden) == 1 and shown:
                    min(shown, key=lambda s: s.respondents).suppressed = True
                    changed = True


def cross_results(survey: Survey, crossing: Crossing) -> QuestionResult:
    """The chosen question's answers in one column per pair of answers (two queries)."""
    if survey.imported:
        raise ServiceError(
            _("Imported results hold only totals per question, so they cannot be crossed.")
        )
    first, second, question = crossing.first, crossing.second, crossing.question
    # Each respondent's answer to the two questions crossed by ("" when skipped).
    keys: dict[int, list[str]] = defaultdict(lambda: ["", ""])
    for response_id, question_id, option in Answer.objects.filter(
        response__survey=survey, question_id__in=(first.pk, second.pk)
    ).values_list("response_id", "question_id", "option__text_sv"):
        keys[response_id][0 if question_id == first.pk else 1] = option or ""
    # The chosen question's answers, counted per pair as a tally of (first, second, answer).
    tally = Tally()
    people: dict[tuple[str, str], set[int]] = defaultdict(set)
    for response_id, option, value, text, latitude in Answer.objects.filter(
        response__survey=survey, question=question
    ).values_list("response_id", "option__text_sv", "value", "text", "latitude"):
        a, b = keys.get(response_id, ["", ""])
        key = answer_key(option, value, text, latitude is not None)
        tally.counts[question.text_sv][(a, b, key)] += 1
        people[(a, b)].add(response_id)
    for cell, members in people.items():
        tally.respondents[question.text_sv][cell] = len(members)
    places = survey_place_names(survey) if question.kind == QuestionKind.PLACE else []
    rows = rows_of(question, places)
    firsts = _labels(first, {a for a, _b in people})
    seconds = _labels(second, {b for _a, b in people})
    columns: dict[tuple[str, str], Series] = {}
    for a, a_label in firsts:
        for b, b_label in seconds:
            # The tally's area and group hold the two answers crossed by.
            columns[(a, b)] = _series(tally, question, rows, f"{a_label}, {b_label}", a, b)
    _suppress_within(columns)
    return QuestionResult(question, rows, list(columns.values()))


def cross_table(survey: Survey, crossing: Crossing) -> exports.Table:
    """The cross as a table for the CSV: a row per answer, a column per pair, with n."""
    result = cross_results(survey, crossing)
    header = [crossing.question.text, *(series.label for series in result.series)]
    rows: list[list[exports.Cell]] = [
        ["n", *(series.shown_respondents for series in result.series)]
    ]
    rows += [[label, *cells] for label, cells in result.table()]
    return exports.Table(
        header=header,
        rows=rows,
        name=_("Survey results crossed"),
        title=_("%(question)s by %(first)s and %(second)s")
        % {
            "question": crossing.question.text,
            "first": crossing.first.text,
            "second": crossing.second.text,
        },
    )
