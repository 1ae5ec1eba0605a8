"""Importing an earlier survey's aggregate results from CSV, so that a trend reaches back.

The file has the columns question, answer, count and area (area may be empty for the whole
municipality). Questions are matched to the current survey's questions by their Swedish or
English text, answers to its options or to a scale value 1–5. All or nothing: one bad line
refuses the file, and every problem is reported with its line number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor, audit_create, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.dialogue.models import (
    SCALE_MAX,
    SCALE_MIN,
    ImportedCount,
    Question,
    QuestionKind,
    Survey,
    SurveyStatus,
)
from samverkan.dialogue.selectors.surveys import questions_of

MAX_BYTES = 1_000_000
MAX_LINES = 10_000
MAX_COUNT = 10_000_000
COLUMNS = ("question", "answer", "count", "area")
# Swedish headings are accepted as well.
HEADINGS = {"fråga": "question", "svar": "answer", "antal": "count", "område": "area"}


class ImportRefusedError(ServiceError):
    """The file was refused; `problems` lists each one with its line number."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(_("The file was not imported. Nothing was saved."))
        self.problems = problems


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _rows(data: bytes) -> list[dict[str, str]]:
    if len(data) > MAX_BYTES:
        raise ImportRefusedError([_("The file is larger than 1 MB.")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefusedError([_("The file is not UTF-8 text.")]) from None
    if "\x00" in text:
        raise ImportRefusedError([_("The file is not a CSV file.")])
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        lines = list(reader)
    except csv.Error:
        raise ImportRefusedError([_("The file is not a CSV file.")]) from None
    if not lines:
        raise ImportRefusedError([_("The file is empty.")])
    header = [HEADINGS.get(_norm(cell), _norm(cell)) for cell in lines[0]]
    missing = [column for column in COLUMNS[:3] if column not in header]
    if missing:
        raise ImportRefusedError(
            [
                _("Line 1: the columns question, answer and count are needed (missing: %(m)s).")
                % {"m": ", ".join(missing)}
            ]
        )
    if len(lines) > MAX_LINES + 1:
        raise ImportRefusedError([_("The file has more than %(max)s lines.") % {"max": MAX_LINES}])
    return [
        {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)}
        for row in lines[1:]
    ]


def _answer_key(question: Question, raw: str) -> str | None:
    if question.kind == QuestionKind.SCALE:
        values = {str(n) for n in range(SCALE_MIN, SCALE_MAX + 1)}
        return raw if raw in values else None
    if question.kind == QuestionKind.PLACE:
        return raw[:100] or None
    for option in question.options.all():
        if _norm(raw) in {_norm(option.text_sv), _norm(option.text_en)}:
            return option.text_sv
    return None


@transaction.atomic
def results_import(
    *, actor: Actor, survey: Survey, title: str, held_on: dt.date | None, data: bytes
) -> Survey:
    """Create the earlier survey with the file's figures and make it the survey's previous."""
    title = " ".join(title.split())
    if not title:
        raise ServiceError(
            _("Name the earlier survey, for example “Trygghetsenkät 2016”."), field="title"
        )
    if survey.imported:
        raise ServiceError(_("Import into a survey held in the platform."))
    questions: dict[str, Question] = {}
    for question in questions_of(survey):
        if question.kind != QuestionKind.TEXT:
            questions.setdefault(_norm(question.text_sv), question)
            if question.text_en:
                questions.setdefault(_norm(question.text_en), question)
    problems: list[str] = []
    counts: list[ImportedCount] = []
    seen: set[tuple[str, str, str]] = set()
    for number, line in enumerate(_rows(data), start=2):
        row = line
        if not any(row.values()):
            continue
        found = questions.get(_norm(row.get("question", "")))
        if found is None:
            problems.append(
                _("Line %(n)s: the question “%(q)s” is not in this survey.")
                % {"n": number, "q": row.get("question", "")[:80]}
            )
            continue
        question = found
        answer = _answer_key(question, row.get("answer", ""))
        if answer is None:
            problems.append(
                _("Line %(n)s: “%(a)s” is not an answer to this question.")
                % {"n": number, "a": row.get("answer", "")[:80]}
            )
            continue
        raw_count = row.get("count", "")
        if not raw_count.isascii() or not raw_count.isdigit() or int(raw_count) > MAX_COUNT:
            problems.append(
                _("Line %(n)s: the count must be a whole number from 0, not “%(c)s”.")
                % {"n": number, "c": raw_count[:20]}
            )
            continue
        area = " ".join(row.get("area", "").split())[:100]
        key = (question.text_sv, answer, area)
        if key in seen:
            problems.append(_("Line %(n)s: the same answer and area again.") % {"n": number})
            continue
        seen.add(key)
        counts.append(
            ImportedCount(
                question_sv=question.text_sv,
                kind=question.kind,
                answer=answer,
                area=area,
                count=int(raw_count),
            )
        )
    if problems:
        raise ImportRefusedError(problems)
    if not counts:
        raise ImportRefusedError([_("The file has no figures.")])
    earlier = Survey.objects.create(
        council=survey.council,
        title_sv=title[:200],
        status=SurveyStatus.CLOSED,
        imported=True,
        closes_on=held_on,
        opens_on=held_on,
        areas=sorted({count.area for count in counts if count.area}),
        previous=survey.previous,
    )
    for count in counts:
        count.survey = earlier
    ImportedCount.objects.bulk_create(counts)
    audit_create(actor=actor, instance=earlier, council_id=survey.council_id)
    before = snapshot(survey)
    survey.previous = earlier
    survey.save(update_fields=["previous", "updated_at"])
    audit_update(actor=actor, instance=survey, before=before, council_id=survey.council_id)
    return earlier
