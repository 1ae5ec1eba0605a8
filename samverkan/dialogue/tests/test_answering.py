"""Answering the public survey: anonymous, all or nothing, with a repeat guard and a rate limit."""

from __future__ import annotations

import h3  # type: ignore[import-untyped]
import pytest
from django.conf import settings
from django.urls import reverse

from samverkan.dialogue import guard
from samverkan.dialogue.models import Answer, Option, QuestionKind, Response, ResponseSource
from samverkan.dialogue.services import builder
from samverkan.dialogue.services.answers import field_name
from samverkan.incidents.geo import H3_RESOLUTION
from samverkan.incidents.services.categories import place_create

from .conftest import question_of


def coarse_middle(latitude: float, longitude: float) -> tuple[str, str]:
    middle = h3.cell_to_latlng(h3.latlng_to_cell(latitude, longitude, H3_RESOLUTION))
    return f"{middle[0]:.5f}", f"{middle[1]:.5f}"


def _url(survey, name="dialogue:answer"):
    return reverse(name, kwargs={"slug": survey.council.slug, "token": survey.token})


def _valid(survey):
    scale = question_of(survey, QuestionKind.SCALE)
    single = question_of(survey, QuestionKind.SINGLE)
    text = question_of(survey, QuestionKind.TEXT)
    place = question_of(survey, QuestionKind.PLACE)
    return {
        "area": "Nygård",
        "group": survey.groups[0],
        field_name(scale): "4",
        field_name(single): str(single.options.first().pk),
        field_name(text): "Mörkt vid stationen.",
        field_name(place): "Centrum",
        f"{field_name(place)}_lat": "59.5121",
        f"{field_name(place)}_lon": "15.9964",
    }


def test_anyone_answers_without_logging_in(client, survey):
    # when
    page = client.get(_url(survey))
    sent = client.post(_url(survey), _valid(survey))
    # then
    assert page.status_code == 200
    assert sent.status_code == 302
    assert sent.url == _url(survey, "dialogue:thanks")
    response = Response.objects.get()
    assert (response.area, response.source) == ("Nygård", ResponseSource.WEB)
    assert response.answers.count() == 4
    place = Answer.objects.get(question__kind=QuestionKind.PLACE)
    # The point is kept only as the middle of its map cell (docs/design/surveys.md).
    assert place.text == "Centrum"
    assert (str(place.latitude), str(place.longitude)) == coarse_middle(59.5121, 15.9964)
    assert client.get(_url(survey, "dialogue:thanks")).status_code == 200


def test_the_survey_is_shown_in_english_to_an_english_reader(client, survey):
    assert "Problem i ditt bostadsområde" in client.get(_url(survey)).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Problems in your neighbourhood" in client.get(_url(survey)).content.decode()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda s, d: d.update({field_name(question_of(s, "scale")): "6"}),
        lambda s, d: d.update({field_name(question_of(s, "scale")): "0"}),
        lambda s, d: d.update({field_name(question_of(s, "scale")): "3.5"}),
        lambda s, d: d.update({field_name(question_of(s, "single")): "999999"}),
        # an option of another question
        lambda s, d: d.update(
            {
                field_name(question_of(s, "single")): str(
                    Option.objects.create(question=question_of(s, "scale"), text_sv="x").pk
                )
            }
        ),
        lambda s, d: d.update({field_name(question_of(s, "text")): "x" * 2001}),
        lambda s, d: d.update({field_name(question_of(s, "text")): "nul\x00"}),
        lambda s, d: d.update({field_name(question_of(s, "place")): "Västerås"}),
        lambda s, d: d.update({f"{field_name(question_of(s, 'place'))}_lat": "90"}),
        lambda s, d: d.update({f"{field_name(question_of(s, 'place'))}_lon": ""}),
        lambda s, d: d.update({"area": "Stockholm"}),
        lambda s, d: d.update({"group": "Hemlig"}),
    ],
)
def test_a_tampered_form_is_refused_and_nothing_is_saved(client, survey, tamper):
    # given: a form that is right but for one answer
    data = _valid(survey)
    tamper(survey, data)
    # when
    page = client.post(_url(survey), data)
    # then
    assert page.status_code == 400
    assert "Nothing was saved" in page.content.decode() or "Inget sparades" in page.content.decode()
    assert Response.objects.count() == 0
    assert Answer.objects.count() == 0


def test_a_refused_form_keeps_what_was_answered(client, survey):
    data = _valid(survey)
    data["area"] = "Stockholm"
    html = client.post(_url(survey), data).content.decode()
    assert "Mörkt vid stationen." in html
    assert 'value="4" checked' in html


def test_a_second_answer_from_the_same_browser_is_refused(client, survey):
    client.post(_url(survey), _valid(survey))
    again = client.post(_url(survey), _valid(survey))
    assert again.status_code == 400
    assert Response.objects.count() == 1
    # and the page says so instead of showing the form
    html = client.get(_url(survey)).content.decode()
    assert "already answered" in html or "redan svarat" in html


def test_a_flood_of_answers_from_one_address_is_stopped(client, survey, monkeypatch):
    # given: a low limit, and browsers that drop the cookie each time
    monkeypatch.setattr(guard, "ANSWERS_PER_WINDOW", 3)
    statuses = []
    for _number in range(5):
        client.cookies.clear()
        statuses.append(client.post(_url(survey), _valid(survey)).status_code)
    # then
    assert statuses == [302, 302, 302, 429, 429]
    assert Response.objects.count() == 3


def test_the_rate_limit_keeps_no_address_anywhere(client, survey):
    from samverkan.core.models import RateCount

    client.post(_url(survey), _valid(survey), REMOTE_ADDR="203.0.113.7")
    counted = [f"{row.scope} {row.key_hash}" for row in RateCount.objects.all()]
    assert counted
    assert not any("203.0.113.7" in entry for entry in counted)


def test_an_empty_form_and_a_missing_required_answer_are_refused(client, survey):
    assert client.post(_url(survey), {}).status_code == 400
    assert Response.objects.count() == 0


def test_a_required_question_must_be_answered(client, council):
    survey = builder.survey_create(
        actor=None, council=council, fields=builder.SurveyFields("Enkät")
    )
    section = builder.section_create(actor=None, survey=survey, title_sv="Del")
    required = builder.question_create(
        actor=None,
        section=section,
        fields=builder.QuestionFields(kind="scale", text_sv="Måste", required=True),
    )
    optional = builder.question_create(
        actor=None, section=section, fields=builder.QuestionFields(kind="text", text_sv="Kan")
    )
    builder.survey_publish(actor=None, survey=survey)
    page = client.post(_url(survey), {field_name(optional): "Hej"})
    assert page.status_code == 400
    assert Response.objects.count() == 0
    assert client.post(_url(survey), {field_name(required): "2"}).status_code == 302


def test_a_draft_is_not_public_and_a_closed_survey_takes_no_answers(client, draft):
    assert client.get(_url(draft)).status_code == 404
    survey = builder.survey_publish(actor=None, survey=draft)
    builder.survey_close(actor=None, survey=survey)
    assert client.get(_url(survey)).status_code == 200
    assert client.post(_url(survey), _valid(survey)).status_code == 400
    assert Response.objects.count() == 0


def test_a_wrong_token_is_not_found(client, survey):
    url = reverse("dialogue:answer", kwargs={"slug": survey.council.slug, "token": "gissning"})
    assert client.get(url).status_code == 404


def test_staff_enter_a_paper_form(coordinator_client, survey):
    url = reverse("dialogue:paper_entry", kwargs={"slug": survey.council.slug, "pk": survey.pk})
    assert coordinator_client.get(url).status_code == 200
    sent = coordinator_client.post(url, {"answered_on": "2026-09-03", **_valid(survey)})
    assert sent.status_code == 302
    response = Response.objects.get()
    assert (response.source, response.answered_on.isoformat()) == ("paper", "2026-09-03")
    bad = coordinator_client.post(url, {"answered_on": "2026-02-30", **_valid(survey)})
    assert bad.status_code == 400
    tampered = coordinator_client.post(url, {"answered_on": "2026-09-03", "area": "X"})
    assert tampered.status_code == 400
    assert Response.objects.count() == 1


# The place question: the council's named places, and a coarse point if the survey allows it --


STATION = {"type": "Point", "coordinates": [15.9985, 59.5128]}


def test_the_place_question_offers_the_councils_named_places_and_the_areas(client, survey):
    place_create(
        actor=None, council=survey.council, name="Stationen", kind="station", geometry=STATION
    )
    page = client.get(_url(survey)).content.decode()
    place = field_name(question_of(survey, QuestionKind.PLACE))
    assert '<option value="Stationen">Stationen</option>' in page
    assert '<option value="Centrum">Centrum</option>' in page
    # The map of the named places comes as data, beside the list it chooses in.
    assert f'<script id="{place}-map-places" type="application/json">' in page
    assert f'data-place-select="{place}-area" data-place-value="name"' in page
    # An anonymous answer does not offer the respondent's own position, often their home.
    assert "data-map-locate" not in page


def test_a_named_place_is_answered_and_counted_by_its_name(client, survey):
    place_create(
        actor=None, council=survey.council, name="Stationen", kind="station", geometry=STATION
    )
    data = _valid(survey)
    place = field_name(question_of(survey, QuestionKind.PLACE))
    data.update({place: "Stationen", f"{place}_lat": "", f"{place}_lon": ""})
    assert client.post(_url(survey), data).status_code == 302
    answer = Answer.objects.get(question__kind=QuestionKind.PLACE)
    assert (answer.text, answer.latitude) == ("Stationen", None)


def test_a_point_is_refused_where_the_survey_asks_for_places_only(client, survey):
    survey.place_points = False
    survey.save()
    place = field_name(question_of(survey, QuestionKind.PLACE))
    # Without named places there is nothing to tap: no map at all.
    assert "data-map-input" not in client.get(_url(survey)).content.decode()
    place_create(
        actor=None, council=survey.council, name="Stationen", kind="station", geometry=STATION
    )
    page = client.get(_url(survey)).content.decode()
    assert f'name="{place}_lat"' not in page
    assert 'data-points="0"' in page
    # A form tampered to send a point anyway is refused whole.
    response = client.post(_url(survey), _valid(survey))
    assert response.status_code == 400
    assert Answer.objects.count() == 0
    data = _valid(survey)
    data.update({f"{place}_lat": "", f"{place}_lon": ""})
    assert client.post(_url(survey), data).status_code == 302


def test_the_thanks_say_ip_address_not_address_and_whose_survey_it_is(client, survey):
    # "din adress" reads as one's home address to a citizen
    page = client.get(_url(survey, "dialogue:thanks")).content.decode()
    assert "din IP-adress" in page
    assert "din adress" not in page
    assert "Brottsförebyggande rådet i Köpings kommun använder svaren" in page
