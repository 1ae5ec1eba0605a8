"""The staff pages: the list of surveys, building through the forms, results and free text."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samverkan.dialogue.models import Question, Survey, SurveyStatus
from samverkan.dialogue.services.builder import SurveyFields, survey_create, survey_publish

from .conftest import answer


def _url(name, survey, **kwargs):
    return reverse(
        f"dialogue:{name}", kwargs={"slug": survey.council.slug, "pk": survey.pk, **kwargs}
    )


def test_the_list_of_surveys_takes_a_fixed_number_of_queries(
    coordinator_client, council, django_assert_num_queries
):
    # given
    for number in range(30):
        survey_create(actor=None, council=council, fields=SurveyFields(f"Enkät {number}"))
    url = reverse("dialogue:survey_list", kwargs={"slug": council.slug})
    coordinator_client.get(url)
    # then: session, user, council, role, count, page
    with django_assert_num_queries(6):
        page = coordinator_client.get(url)
    assert page.status_code == 200
    assert "Enkät 29" in page.content.decode()
    assert coordinator_client.get(url + "?page=2").status_code == 200


def test_the_free_text_list_takes_a_fixed_number_of_queries_and_masks(
    coordinator_client, survey, django_assert_num_queries
):
    for number in range(30):
        answer(survey, text=f"Ring 070-123 45 {number:02d} om lampan")
    url = _url("free_text", survey)
    coordinator_client.get(url)
    # the same number whatever the number of answers
    with django_assert_num_queries(8):
        page = coordinator_client.get(url)
    html = page.content.decode()
    assert "lampan" in html
    assert "070-123" not in html


def test_the_free_text_is_for_staff_only(client, users, survey):
    client.force_login(users["member"])
    assert client.get(_url("free_text", survey)).status_code == 403
    assert client.get(_url("survey_results", survey)).status_code == 200


def test_a_coordinator_builds_and_publishes_a_survey_with_the_forms(coordinator_client, council):
    # given: an empty survey
    sent = coordinator_client.post(
        reverse("dialogue:survey_create", kwargs={"slug": council.slug}),
        {"title_sv": "Enkät om centrum", "title_en": "Town centre", "areas": "Centrum\nNygård"},
    )
    survey = Survey.objects.get()
    assert sent.status_code == 302
    assert survey.areas == ["Centrum", "Nygård"]
    # A place question takes no point on the map unless the survey says so.
    assert survey.place_points is False
    # when: a section and a question are added, previewed and published
    coordinator_client.post(_url("section_create", survey), {"title_sv": "Trygghet"})
    section = survey.sections.get()
    added = coordinator_client.post(
        _url("question_create", survey, section_pk=section.pk),
        {
            "kind": "single",
            "text_sv": "Är det tryggt?",
            "options_sv": "Ja\nNej",
            "options_en": "Yes\nNo",
        },
    )
    assert added.status_code == 302
    question = Question.objects.get()
    assert coordinator_client.get(_url("survey_preview", survey)).status_code == 200
    edited = coordinator_client.post(
        _url("question_edit", survey, question_pk=question.pk),
        {"kind": "single", "text_sv": "Är det tryggt?", "options_sv": "Nej\nJa\nVet inte"},
    )
    assert edited.status_code == 302
    assert [o.text_sv for o in question.options.all()] == ["Nej", "Ja", "Vet inte"]
    coordinator_client.post(_url("survey_publish", survey))
    # then
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.PUBLISHED
    detail = coordinator_client.get(_url("survey_detail", survey)).content.decode()
    assert survey.token in detail
    poster = coordinator_client.get(_url("survey_poster", survey)).content.decode()
    assert f"/r/{council.slug}/enkat/{survey.token}/" in poster
    # whose survey it is, for a passer-by: the council's name alone is every council's
    assert "Brottsförebyggande rådet i Köpings kommun" in poster
    # The QR code is drawn by the platform: an SVG in the page, named for screen readers.
    assert '<svg role="img"' in poster
    assert "<title>" in poster
    svg = poster.split('<svg role="img"', 1)[1].split("</svg>", 1)[0]
    assert "href" not in svg


def test_a_bad_question_form_answers_400_and_keeps_the_input(coordinator_client, draft):
    section = draft.sections.first()
    page = coordinator_client.post(
        _url("question_create", draft, section_pk=section.pk),
        {"kind": "single", "text_sv": "Bara ett svar?", "options_sv": "Ja"},
    )
    assert page.status_code == 400
    assert "Bara ett svar?" in page.content.decode()
    assert "En enkelvalsfråga behöver minst två svarsalternativ." in page.content.decode()


def test_english_options_that_do_not_match_are_refused_on_the_page(coordinator_client, draft):
    # given
    section = draft.sections.first()
    before = Question.objects.count()
    # when: three Swedish options, two English ones
    page = coordinator_client.post(
        _url("question_create", draft, section_pk=section.pk),
        {
            "kind": "single",
            "text_sv": "Hur rör du dig?",
            "options_sv": "Går\nCyklar\nKör bil",
            "options_en": "Walk\nDrive",
        },
    )
    # then: refused with the reason, nothing saved, the typed options kept
    html = page.content.decode()
    assert page.status_code == 400
    assert "3 svenska och 2 engelska rader" in html
    assert "Walk\nDrive" in html
    assert Question.objects.count() == before


def test_the_default_survey_is_started_with_one_button(coordinator_client, council):
    sent = coordinator_client.post(
        reverse("dialogue:survey_create_default", kwargs={"slug": council.slug})
    )
    assert sent.status_code == 302
    assert Question.objects.count() == 17  # with gender and age, to cross the results by


@pytest.mark.parametrize("by", ["none", "area", "group", "nonsense"])
def test_the_results_page_shows_charts_and_small_groups_as_suppressed(
    coordinator_client, survey, by
):
    for area, count in [("Nygård", 6), ("Centrum", 5), ("Malmön", 2)]:
        for _number in range(count):
            answer(survey, area=area, scale=3)
    page = coordinator_client.get(_url("survey_results", survey) + f"?by={by}")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'role="img"' in html
    assert "<title id=" in html
    if by == "area":
        assert "&lt;5" in html


def test_the_exports_download(coordinator_client, survey):
    csv = coordinator_client.get(_url("survey_results_csv", survey))
    xlsx = coordinator_client.get(_url("survey_results_xlsx", survey))
    assert csv["Content-Type"].startswith("text/csv")
    assert xlsx.content[:2] == b"PK"


@pytest.mark.parametrize("by", ["none", "area", "group"])
def test_the_results_page_takes_the_same_queries_however_many_answers(
    coordinator_client, survey, by, django_assert_num_queries
):
    url = _url("survey_results", survey) + f"?by={by}"
    answer(survey, area="Nygård", scale=3)
    coordinator_client.get(url)
    # One of them reads the council's named places, the rows of the place question.
    with django_assert_num_queries(14) as few:
        coordinator_client.get(url)
    for area in ["Nygård", "Centrum", "Malmön"] * 4:
        answer(survey, area=area, group="16–29 år", scale=4, single="Mycket trygg", text="Hej")
    with django_assert_num_queries(len(few.captured_queries)):
        coordinator_client.get(url)


def test_the_survey_page_takes_a_fixed_number_of_queries(
    coordinator_client, draft, django_assert_num_queries
):
    url = _url("survey_detail", draft)
    coordinator_client.get(url)
    with django_assert_num_queries(11):
        page = coordinator_client.get(url)
    assert "Klotter" in page.content.decode()


def test_free_text_is_exported_masked_to_staff_only(client, users, survey):
    import io

    from openpyxl import load_workbook

    answer(survey, text="Mejla mig: kim@example.se")
    url = _url("survey_results_xlsx", survey)
    client.force_login(users["coordinator"])
    book = load_workbook(io.BytesIO(client.get(url).content))
    assert len(book.sheetnames) == 2
    texts = [row[1].value for row in book.worksheets[1].iter_rows(min_row=2)]
    assert texts == ["Mejla mig: [e-mail address]"] or texts == ["Mejla mig: [e-postadress]"]
    client.force_login(users["member"])
    assert len(load_workbook(io.BytesIO(client.get(url).content)).sheetnames) == 1


def test_a_survey_may_let_place_questions_take_a_point(coordinator_client, draft):
    draft.place_points = False
    draft.save()
    url = _url("survey_edit", draft)
    sent = coordinator_client.post(url, {"title_sv": draft.title_sv, "place_points": "on"})
    assert sent.status_code == 302
    draft.refresh_from_db()
    assert draft.place_points is True


def test_a_survey_nobody_answered_shows_0_answers_not_suppressed(coordinator_client, draft):
    # given: a draft with no answers; then one with three
    detail = coordinator_client.get(_url("survey_detail", draft)).content.decode()
    listing = coordinator_client.get(
        reverse("dialogue:survey_list", kwargs={"slug": draft.council.slug})
    ).content.decode()
    results = coordinator_client.get(_url("survey_results", draft)).content.decode()
    # then: zero gives nobody away
    assert "<dd>0</dd>" in detail
    assert "<td>0</td>" in listing
    assert "Antal svar: 0." in results
    assert "Inga svar ännu." in results
    # and one to four answers are still hidden
    survey = survey_publish(actor=None, survey=draft)
    for _number in range(3):
        answer(survey, scale=3)
    detail = coordinator_client.get(_url("survey_detail", survey)).content.decode()
    assert "<dd>&lt;5</dd>" in detail
