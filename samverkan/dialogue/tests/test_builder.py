"""The survey builder: sections, questions and options, order, publishing and closing."""

from __future__ import annotations

import pytest
from django.utils import translation

from samverkan.core.errors import ServiceError
from samverkan.core.models import AuditEvent
from samverkan.dialogue.models import Question, QuestionKind, SurveyStatus
from samverkan.dialogue.selectors.surveys import questions_of, sections_of
from samverkan.dialogue.services import builder
from samverkan.dialogue.services.builder import QuestionFields, SurveyFields


def _empty(council):
    return builder.survey_create(
        actor=None, council=council, fields=SurveyFields(title_sv="Enkät", areas=["A", " A ", ""])
    )


def test_it_builds_a_survey_with_sections_questions_and_options(council):
    # given
    survey = _empty(council)
    # when
    section = builder.section_create(actor=None, survey=survey, title_sv="Om dig", title_en="You")
    builder.question_create(
        actor=None,
        section=section,
        fields=QuestionFields(
            kind=QuestionKind.MULTIPLE,
            text_sv="Hur rör du dig?",
            text_en="How do you travel?",
            options_sv=["Går", "Cyklar", "Kör bil"],
            options_en=["Walk", "", "Drive"],
        ),
    )
    # then: an empty English line shows that option in Swedish
    question = questions_of(survey)[0]
    assert [(o.text_sv, o.text_en) for o in question.options.all()] == [
        ("Går", "Walk"),
        ("Cyklar", ""),
        ("Kör bil", "Drive"),
    ]
    assert survey.areas == ["A"]
    assert AuditEvent.objects.filter(model="dialogue.Question").count() == 1


def test_it_edits_removes_and_reorders_options(draft):
    question = next(q for q in questions_of(draft) if q.kind == QuestionKind.SINGLE)
    builder.question_update(
        actor=None,
        question=question,
        fields=QuestionFields(
            kind=QuestionKind.SINGLE, text_sv=question.text_sv, options_sv=["Otrygg", "Trygg"]
        ),
    )
    assert [o.text_sv for o in question.options.all()] == ["Otrygg", "Trygg"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        (QuestionFields(kind="scale", text_sv="  "), "text_sv"),
        (QuestionFields(kind="nonsense", text_sv="Fråga"), "kind"),
        (QuestionFields(kind="single", text_sv="Fråga", options_sv=["Ja"]), "options_sv"),
        (QuestionFields(kind="single", text_sv="Fråga", options_sv=["Ja", "Ja"]), "options_sv"),
        (
            QuestionFields(
                kind="single", text_sv="F", options_sv=["Ja", "Nej"], options_en=list("abc")
            ),
            "options_en",
        ),
    ],
)
def test_it_refuses_a_bad_question(council, fields, field):
    section = builder.section_create(actor=None, survey=_empty(council), title_sv="Del")
    with pytest.raises(ServiceError) as error:
        builder.question_create(actor=None, section=section, fields=fields)
    assert error.value.field == field


def test_sections_and_questions_move_up_and_down(draft):
    first, second, *rest = sections_of(draft)
    rest_pks = [s.pk for s in rest]
    builder.section_move(actor=None, section=second, up=True)
    assert [s.pk for s in sections_of(draft)] == [second.pk, first.pk, *rest_pks]
    builder.section_move(actor=None, section=second, up=True)  # already first: nothing happens
    assert [s.pk for s in sections_of(draft)] == [second.pk, first.pk, *rest_pks]
    questions = list(first.questions.all())
    builder.question_move(actor=None, question=questions[1], up=True)
    moved = Question.objects.filter(section=first).order_by("position", "id")
    assert [q.pk for q in moved][:2] == [questions[1].pk, questions[0].pk]


def test_a_question_moves_into_the_next_section(draft):
    first, second, *_rest = sections_of(draft)
    last = list(first.questions.all())[-1]
    builder.question_move(actor=None, question=last, up=False)
    assert Question.objects.filter(section=second).order_by("position").first().pk == last.pk


def test_a_published_survey_cannot_be_changed_and_can_be_closed(survey):
    section = sections_of(survey)[0]
    with pytest.raises(ServiceError):
        builder.section_create(actor=None, survey=survey, title_sv="Ny")
    with pytest.raises(ServiceError):
        builder.question_delete(actor=None, question=section.questions.first())
    closed = builder.survey_close(actor=None, survey=survey)
    assert closed.status == SurveyStatus.CLOSED
    with pytest.raises(ServiceError):
        builder.survey_close(actor=None, survey=closed)


def test_a_survey_without_questions_is_not_published(council):
    with pytest.raises(ServiceError):
        builder.survey_publish(actor=None, survey=_empty(council))


def test_the_previous_survey_must_be_the_councils_own(council, other_council):
    other = builder.survey_create(actor=None, council=other_council, fields=SurveyFields("X"))
    with pytest.raises(ServiceError):
        builder.survey_create(
            actor=None, council=council, fields=SurveyFields("Enkät", previous=other)
        )


def test_the_closing_date_is_not_before_the_opening(council):
    import datetime as dt

    with pytest.raises(ServiceError):
        builder.survey_create(
            actor=None,
            council=council,
            fields=SurveyFields(
                "Enkät", opens_on=dt.date(2026, 9, 2), closes_on=dt.date(2026, 9, 1)
            ),
        )


def test_it_refuses_english_options_that_do_not_match_the_swedish_ones(council):
    # given: three Swedish options and two English ones: which one has no English?
    section = builder.section_create(actor=None, survey=_empty(council), title_sv="Del")
    fields = QuestionFields(
        kind=QuestionKind.SINGLE,
        text_sv="Hur rör du dig?",
        options_sv=["Går", "Cyklar", "Kör bil"],
        options_en=["Walk", "Drive"],
    )
    # when
    with pytest.raises(ServiceError) as error:
        builder.question_create(actor=None, section=section, fields=fields)
    # then: a clear message, and nothing saved
    assert error.value.field == "options_en"
    assert "3 Swedish and 2 English lines" in error.value.message
    assert not Question.objects.filter(section=section).exists()


def test_english_options_may_be_left_out_and_blank_lines_pair_up(council):
    section = builder.section_create(actor=None, survey=_empty(council), title_sv="Del")
    # no English at all: every option shows in Swedish
    question = builder.question_create(
        actor=None,
        section=section,
        fields=QuestionFields(kind="multiple", text_sv="Vad?", options_sv=["Ja", "Nej"]),
    )
    assert [o.text_en for o in question.options.all()] == ["", ""]
    # a blank line on both sides is skipped on both sides
    question = builder.question_create(
        actor=None,
        section=section,
        fields=QuestionFields(
            kind="multiple",
            text_sv="Vem?",
            options_sv=["Ja", "", "Nej"],
            options_en=["Yes", "", "No"],
        ),
    )
    assert [(o.text_sv, o.text_en) for o in question.options.all()] == [
        ("Ja", "Yes"),
        ("Nej", "No"),
    ]
    # an English option on a line without a Swedish one is refused
    with pytest.raises(ServiceError) as error:
        builder.question_create(
            actor=None,
            section=section,
            fields=QuestionFields(
                kind="single",
                text_sv="Var?",
                options_sv=["Ja", "", "Nej"],
                options_en=["Yes", "Maybe", "No"],
            ),
        )
    assert "Line 2" in error.value.message


@pytest.mark.parametrize(
    ("kind", "swedish"),
    [
        (QuestionKind.SINGLE, "En enkelvalsfråga behöver minst två svarsalternativ."),
        (QuestionKind.MULTIPLE, "En flervalsfråga behöver minst två svarsalternativ."),
    ],
)
def test_a_choice_question_with_one_option_is_named_by_its_kind(council, kind, swedish):
    section = builder.section_create(actor=None, survey=_empty(council), title_sv="Del")
    fields = QuestionFields(kind=kind, text_sv="Fråga", options_sv=["Ja"])
    with translation.override("sv"), pytest.raises(ServiceError) as error:
        builder.question_create(actor=None, section=section, fields=fields)
    assert error.value.message == swedish
