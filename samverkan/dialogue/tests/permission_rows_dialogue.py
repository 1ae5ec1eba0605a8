"""Permission-matrix rows for the safety survey: the builder, results, exports, paper entry,
import, and the public answer pages (open to everyone, logged in or not)."""

from __future__ import annotations

from samverkan.accounts.tests.matrix import CHANGE, EVERYONE, SEE_COUNCIL
from samverkan.dialogue.models import (
    Option,
    Question,
    QuestionKind,
    Section,
    Survey,
    SurveyStatus,
)


def _list(i):
    return {"slug": i["slug"]}


def _draft(i):
    return {"slug": i["slug"], "pk": i["dialogue_draft"]}


def _published(i):
    return {"slug": i["slug"], "pk": i["dialogue_published"]}


def _section(i):
    return {"slug": i["slug"], "pk": i["dialogue_draft"], "section_pk": i["dialogue_section"]}


def _question(i):
    return {"slug": i["slug"], "pk": i["dialogue_draft"], "question_pk": i["dialogue_question"]}


def _public(i):
    return {"slug": i["slug"], "token": i["dialogue_token"]}


def _answer(i):
    return {f"q{i['dialogue_public_question']}": "3"}


# (url name, kwargs from ids, method, answers[, POST data]). A POST that succeeds redirects.
PAGES = [
    ("dialogue:survey_list", _list, "get", SEE_COUNCIL),
    ("dialogue:survey_create", _list, "get", CHANGE),
    ("dialogue:survey_create", _list, "post", CHANGE, lambda i: {"title_sv": "Enkät 2027"}),
    ("dialogue:survey_create_default", _list, "post", CHANGE),
    ("dialogue:survey_detail", _draft, "get", SEE_COUNCIL),
    ("dialogue:survey_edit", _draft, "get", CHANGE),
    ("dialogue:survey_publish", _draft, "post", CHANGE),
    ("dialogue:survey_close", _published, "post", CHANGE),
    ("dialogue:survey_preview", _draft, "get", SEE_COUNCIL),
    ("dialogue:survey_poster", _published, "get", SEE_COUNCIL),
    ("dialogue:section_create", _draft, "get", CHANGE),
    ("dialogue:section_create", _draft, "post", CHANGE, lambda i: {"title_sv": "Om dig"}),
    ("dialogue:section_edit", _section, "get", CHANGE),
    ("dialogue:section_delete", _section, "get", CHANGE),
    ("dialogue:section_delete", _section, "post", CHANGE),
    ("dialogue:section_move", _section, "post", CHANGE, lambda i: {"up": "1"}),
    ("dialogue:question_create", _section, "get", CHANGE),
    (
        "dialogue:question_create",
        _section,
        "post",
        CHANGE,
        lambda i: {"kind": "text", "text_sv": "Något mer?"},
    ),
    ("dialogue:question_edit", _question, "get", CHANGE),
    ("dialogue:question_delete", _question, "get", CHANGE),
    ("dialogue:question_delete", _question, "post", CHANGE),
    ("dialogue:question_move", _question, "post", CHANGE, lambda i: {"up": "0"}),
    ("dialogue:survey_results", _published, "get", SEE_COUNCIL),
    ("dialogue:survey_results_csv", _published, "get", SEE_COUNCIL),
    ("dialogue:survey_results_xlsx", _published, "get", SEE_COUNCIL),
    ("dialogue:free_text", _published, "get", CHANGE),
    ("dialogue:paper_entry", _published, "get", CHANGE),
    (
        "dialogue:paper_entry",
        _published,
        "post",
        CHANGE,
        lambda i: {"answered_on": "2026-09-01", **_answer(i)},
    ),
    ("dialogue:import_results", _published, "get", CHANGE),
    # Anyone answers the public survey, without logging in; the answer leads to the thanks.
    ("dialogue:answer", _public, "get", EVERYONE),
    ("dialogue:answer", _public, "post", EVERYONE, _answer),
    ("dialogue:thanks", _public, "get", EVERYONE),
]


def _survey(council, status):
    survey = Survey.objects.create(council=council, title_sv="Trygghetsenkät", status=status)
    section = Section.objects.create(survey=survey, title_sv="Problem")
    question = Question.objects.create(
        section=section, kind=QuestionKind.SCALE, text_sv="Klotter: hur stort problem?"
    )
    choice = Question.objects.create(
        section=section, kind=QuestionKind.SINGLE, text_sv="Trygg ute?", position=1
    )
    Option.objects.create(question=choice, text_sv="Ja")
    Option.objects.create(question=choice, text_sv="Nej", position=1)
    return survey, section, question


def extra_ids(council, user=None):
    """A draft survey to build on, and a published one to answer and read results of."""
    draft, section, question = _survey(council, SurveyStatus.DRAFT)
    published, _section, public_question = _survey(council, SurveyStatus.PUBLISHED)
    return {
        "dialogue_draft": draft.pk,
        "dialogue_section": section.pk,
        "dialogue_question": question.pk,
        "dialogue_published": published.pk,
        "dialogue_token": published.token,
        "dialogue_public_question": public_question.pk,
    }
