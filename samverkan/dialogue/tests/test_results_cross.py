"""Survey results crossed by two questions (gender × age): a column per pair of answers, the
same suppression of small groups as every result (with the complement rule within each answer
of either question), "Vet ej" and "Vill inte svara" as columns of their own, a CSV export."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from samverkan.core.errors import ServiceError
from samverkan.dialogue.cross_results import cross_results, cross_table, crossing_of
from samverkan.dialogue.models import Question, QuestionKind, ResponseSource, Survey
from samverkan.dialogue.selectors.surveys import questions_of
from samverkan.dialogue.services.answers import field_name, response_submit
from samverkan.dialogue.services.builder import (
    survey_publish,
)
from samverkan.dialogue.services.default_survey import survey_create_default

from .conftest import AREAS, DAY

SAFE = (
    "Hur trygg eller otrygg känner du dig om du går ut ensam sent en kväll "
    "i ditt eget bostadsområde?"
)
# The results page (14) and the cross: the answers crossed by and those of the question shown.
QUERIES = 16


@pytest.fixture(autouse=True)
def swedish():
    """The answers' labels in Swedish, as the pages show them by default."""
    with translation.override("sv"):
        yield


@pytest.fixture
def crossed_survey(council) -> Survey:
    """The default survey, which asks gender and age with "Vet ej" and "Vill inte svara"."""
    return survey_publish(
        actor=None, survey=survey_create_default(actor=None, council=council, areas=AREAS)
    )


def _question(survey: Survey, text_sv: str) -> Question:
    return Question.objects.get(section__survey=survey, text_sv=text_sv)


def _answer(survey: Survey, gender: str | None, age: str | None, safe: str, times: int) -> None:
    questions = {text: _question(survey, text) for text in ("Kön", "Ålder", SAFE)}
    for _time in range(times):
        data: dict[str, list[str]] = {"area": [""], "group": [""]}
        for text, value in (("Kön", gender), ("Ålder", age), (SAFE, safe)):
            if value is not None:
                option = questions[text].options.get(text_sv=value)
                data[field_name(questions[text])] = [str(option.pk)]
        response_submit(survey=survey, data=data, answered_on=DAY, source=ResponseSource.PAPER)


def _crossing(survey: Survey):
    return crossing_of(
        questions_of(survey),
        question=_question(survey, SAFE).pk,
        first=_question(survey, "Kön").pk,
        second=_question(survey, "Ålder").pk,
    )


def test_the_answers_are_counted_per_pair_of_answers(crossed_survey):
    # given women and men of two ages, and some who would not say their gender
    _answer(crossed_survey, "Kvinna", "16–29 år", "Ganska otrygg", 6)
    _answer(crossed_survey, "Kvinna", "30–49 år", "Mycket trygg", 7)
    _answer(crossed_survey, "Man", "16–29 år", "Mycket trygg", 5)
    _answer(crossed_survey, "Man", "30–49 år", "Ganska trygg", 8)
    _answer(crossed_survey, "Vill inte svara", "Vet ej", "Ganska trygg", 5)
    # when the feeling of safety is crossed by gender and age
    result = cross_results(crossed_survey, _crossing(crossed_survey))
    columns = {series.label: series for series in result.series}
    # then each pair is a column, "Vill inte svara" and "Vet ej" included
    assert columns["Kvinna, 16–29 år"].respondents == 6
    assert columns["Kvinna, 16–29 år"].counts == [0, 0, 6, 0, 0]
    assert columns["Man, 30–49 år"].counts == [0, 8, 0, 0, 0]
    assert columns["Vill inte svara, Vet ej"].respondents == 5
    assert not any(series.suppressed for series in result.series)
    assert "Kvinna, 16–29 år" in [s.label for s in result.series]


def test_a_small_pair_is_hidden_and_one_more_beside_it(crossed_survey):
    # given three young men beside many others
    _answer(crossed_survey, "Kvinna", "16–29 år", "Ganska otrygg", 9)
    _answer(crossed_survey, "Kvinna", "30–49 år", "Mycket trygg", 6)
    _answer(crossed_survey, "Man", "16–29 år", "Mycket otrygg", 3)
    _answer(crossed_survey, "Man", "30–49 år", "Ganska trygg", 7)
    # when crossed
    result = cross_results(crossed_survey, _crossing(crossed_survey))
    columns = {series.label: series for series in result.series}
    # then the three are "<5", and so is the next smallest of the men and of the young, so the
    # three cannot be worked out from either total
    assert columns["Man, 16–29 år"].shown_respondents == "<5"
    assert columns["Man, 30–49 år"].suppressed
    assert columns["Kvinna, 16–29 år"].suppressed
    assert all(cell == "<5" for cell in [row[1][0] for row in result.table()] if cell)


def test_a_respondent_who_skipped_a_question_is_not_stated(crossed_survey):
    _answer(crossed_survey, None, "16–29 år", "Mycket trygg", 5)
    result = cross_results(crossed_survey, _crossing(crossed_survey))
    columns = {series.label: series for series in result.series}
    assert columns["ej angivet, 16–29 år"].respondents == 5


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"second": "first"}, "two different questions"),
        ({"question": "first"}, "not one of the two crossed by"),
        ({"first": "scale"}, "two single-choice questions"),
    ],
)
def test_a_bad_choice_of_questions_is_a_clear_message(crossed_survey, change, message):
    ids = {
        "first": _question(crossed_survey, "Kön").pk,
        "second": _question(crossed_survey, "Ålder").pk,
        "safe": _question(crossed_survey, SAFE).pk,
        "scale": Question.objects.filter(section__survey=crossed_survey, kind=QuestionKind.SCALE)
        .first()
        .pk,
    }
    chosen = {"question": ids["safe"], "first": ids["first"], "second": ids["second"]}
    chosen.update({name: ids[value] for name, value in change.items()})
    with translation.override("en"), pytest.raises(ServiceError, match=message):
        crossing_of(questions_of(crossed_survey), **chosen)


def test_the_cross_table_exports_with_its_suppression(crossed_survey):
    _answer(crossed_survey, "Kvinna", "16–29 år", "Ganska otrygg", 6)
    _answer(crossed_survey, "Man", "16–29 år", "Ganska otrygg", 2)
    table = cross_table(crossed_survey, _crossing(crossed_survey))
    assert table.header[0] == SAFE or table.header[0].startswith("How safe")
    assert "Kvinna, 16–29 år" in table.header
    n_row = table.rows[0]
    assert n_row[table.header.index("Man, 16–29 år")] == "<5"
    assert n_row[table.header.index("Kvinna, 16–29 år")] == "<5"  # the complement


def _url(survey, **query):
    url = reverse("dialogue:survey_results", args=[survey.council.slug, survey.pk])
    return url + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def test_the_results_page_shows_the_cross_and_its_csv(client, users, crossed_survey):
    _answer(crossed_survey, "Kvinna", "16–29 år", "Ganska otrygg", 6)
    _answer(crossed_survey, "Man", "16–29 år", "Mycket trygg", 5)
    client.force_login(users["coordinator"])
    ids = {
        "question": _question(crossed_survey, SAFE).pk,
        "first": _question(crossed_survey, "Kön").pk,
        "second": _question(crossed_survey, "Ålder").pk,
    }
    page = client.get(_url(crossed_survey, **ids))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Kvinna, 16–29 år" in text
    assert "Vill inte svara, Vet ej" in text
    # a chart beside the table, of its own id, its legend naming the pairs
    assert 'id="chart-cross"' in text
    chart = text[
        text.index('id="chart-cross"') : text.index("</svg>", text.index('id="chart-cross"'))
    ]
    assert "Kvinna, 16–29 år (" in chart  # the description reads each pair's shares
    assert "Ganska otrygg 100 %" in chart
    csv = client.get(
        reverse(
            "dialogue:survey_results_cross_csv",
            args=[crossed_survey.council.slug, crossed_survey.pk],
        )
        + "?"
        + "&".join(f"{k}={v}" for k, v in ids.items())
    )
    assert csv.status_code == 200
    assert "Kvinna, 16–29 år" in csv.content.decode("utf-8-sig")


def test_bad_input_on_the_page_is_a_message_and_400(client, users, crossed_survey):
    client.force_login(users["coordinator"])
    gender = _question(crossed_survey, "Kön").pk
    page = client.get(_url(crossed_survey, question="x", first=gender, second=gender))
    assert page.status_code == 400
    page = client.get(
        _url(
            crossed_survey, question=_question(crossed_survey, SAFE).pk, first=gender, second=gender
        )
    )
    assert page.status_code == 400
    assert "Choose two different questions" in page.content.decode() or "två olika" in (
        page.content.decode()
    )
    # the CSV with bad input leads back to the page with the message
    csv = client.get(
        reverse(
            "dialogue:survey_results_cross_csv",
            args=[crossed_survey.council.slug, crossed_survey.pk],
        )
        + f"?question=0&first={gender}&second={gender}"
    )
    assert csv.status_code == 302


def test_the_page_with_a_cross_has_a_fixed_number_of_queries(
    client, users, crossed_survey, django_assert_num_queries
):
    ids = {
        "question": _question(crossed_survey, SAFE).pk,
        "first": _question(crossed_survey, "Kön").pk,
        "second": _question(crossed_survey, "Ålder").pk,
    }
    client.force_login(users["coordinator"])
    _answer(crossed_survey, "Kvinna", "16–29 år", "Ganska otrygg", 6)
    client.get(_url(crossed_survey, **ids))
    with django_assert_num_queries(QUERIES):
        client.get(_url(crossed_survey, **ids))
    # as many with more answers in more pairs
    _answer(crossed_survey, "Man", "30–49 år", "Mycket trygg", 20)
    _answer(crossed_survey, "Annat", "Vet ej", "Mycket trygg", 5)
    with django_assert_num_queries(QUERIES):
        client.get(_url(crossed_survey, **ids))


def test_the_form_offers_the_last_two_single_choice_questions_to_cross_by(
    client, users, crossed_survey
):
    client.force_login(users["coordinator"])
    page = client.get(
        reverse("dialogue:survey_results", args=[crossed_survey.council.slug, crossed_survey.pk])
    )
    text = page.content.decode()
    gender, age = _question(crossed_survey, "Kön").pk, _question(crossed_survey, "Ålder").pk
    assert f'<option value="{gender}" selected>' in text
    assert f'<option value="{age}" selected>' in text


def test_the_chart_leaves_out_a_hidden_pair_and_says_so(client, users, crossed_survey):
    _answer(crossed_survey, "Kvinna", "16–29 år", "Ganska otrygg", 9)
    _answer(crossed_survey, "Kvinna", "30–49 år", "Mycket trygg", 6)
    _answer(crossed_survey, "Man", "16–29 år", "Mycket otrygg", 3)
    _answer(crossed_survey, "Man", "30–49 år", "Ganska trygg", 7)
    _answer(crossed_survey, "Kvinna", "50–64 år", "Ganska trygg", 8)
    _answer(crossed_survey, "Man", "50–64 år", "Ganska trygg", 10)
    client.force_login(users["coordinator"])
    ids = {
        "question": _question(crossed_survey, SAFE).pk,
        "first": _question(crossed_survey, "Kön").pk,
        "second": _question(crossed_survey, "Ålder").pk,
    }
    text = client.get(_url(crossed_survey, **ids)).content.decode()
    start = text.index('id="chart-cross"')
    chart = text[start : text.index("</svg>", start)]
    # the three young men's answers are in no bar, and the chart says the pair is hidden
    assert "Mycket otrygg 100 %" not in chart
    assert "(&lt;5): " in chart
    assert "Man, 16–29 år" in chart.split("(&lt;5): ")[1]
    assert "Man, 16–29 år: färre än 5 svar" in text or "Man, 16–29 år: fewer than 5" in text


def test_the_default_survey_asks_gender_and_age_with_dont_know_and_prefer_not_to_say(council):
    survey = survey_create_default(actor=None, council=council, areas=AREAS)
    for text_sv in ("Kön", "Ålder"):
        question = _question(survey, text_sv)
        assert question.kind == QuestionKind.SINGLE
        options = [o.text_sv for o in question.options.all()]
        assert options[-2:] == ["Vet ej", "Vill inte svara"]
    assert [o.text_sv for o in _question(survey, "Kön").options.all()][:2] == ["Kvinna", "Man"]
