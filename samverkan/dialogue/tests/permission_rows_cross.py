"""Permission-matrix rows of the survey results crossed by two questions: the CSV of a cross of
a published survey with two single-choice questions (the page itself is the results page)."""

from __future__ import annotations

from samverkan.accounts.tests.matrix import SEE_COUNCIL
from samverkan.dialogue.models import QuestionKind
from samverkan.dialogue.selectors.surveys import questions_of
from samverkan.dialogue.services.builder import (
    QuestionFields,
    question_create,
    section_create,
    survey_publish,
)
from samverkan.dialogue.services.default_survey import survey_create_default


def extra_ids(council, user=None):
    draft = survey_create_default(actor=None, council=council, title_sv="Korstabell")
    about = section_create(actor=None, survey=draft, title_sv="Om dig")
    for text, options in (("Kön", ["Kvinna", "Man"]), ("Ålder", ["16–29 år", "30 år eller äldre"])):
        question_create(
            actor=None,
            section=about,
            fields=QuestionFields(kind=QuestionKind.SINGLE, text_sv=text, options_sv=options),
        )
    survey = survey_publish(actor=None, survey=draft)
    singles = [q.pk for q in questions_of(survey) if q.kind == QuestionKind.SINGLE]
    return {
        "cross_survey": survey.pk,
        "cross_query": {"question": singles[0], "first": singles[1], "second": singles[2]},
    }


PAGES = [
    (
        "dialogue:survey_results_cross_csv",
        lambda i: {"slug": i["slug"], "pk": i["cross_survey"]},
        "get",
        SEE_COUNCIL,
        lambda i: i["cross_query"],
    ),
]
