"""Every dialogue page answers odd input with a page or a 4xx, never a server error: unknown
and huge ids, junk query strings, missing and tampered POST fields."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, reverse

from samverkan.dialogue.models import Section
from samverkan.dialogue.selectors.surveys import questions_of
from samverkan.dialogue.services.answers import field_name
from samverkan.dialogue.services.builder import SurveyFields, survey_close, survey_create
from samverkan.dialogue.services.dialogues import (
    DialogueFields,
    InputFields,
    dialogue_create,
    dialogue_input_add,
)
from samverkan.dialogue.services.walks import FindingFields, WalkFields, finding_add, walk_create
from samverkan.dialogue.urls import urlpatterns

HUGE = 10**20
JUNK_QUERY = "?page=abc&year=99999&breakdown=%00&area=x&group=" + "y" * 5000 + "&q=%ff"
JUNK_POST = {
    "title": "x" * 100_000,
    "held_on": "99999-99-99",
    "walked_on": "not a date",
    "participants": str(HUGE),
    "year": "-1",
    "plan": "abc",
    "promise_set": str(HUGE),
    "category": "'; drop table",
    "kind": "nope",
    "lat": "1e400",
    "lon": "nan",
    "route": "999, 999",
    "direction": "sideways",
    "parties": ["x", "y"],
    "options": "\x00",
    "q_999999999999999999999": "1",
    "area": "nowhere",
    "name": "x" * 10_000,
    "into": str(HUGE),
}


@pytest.fixture
def objects(council, survey):
    dialogue = dialogue_create(
        actor=None,
        council=council,
        fields=DialogueFields(held_on=dt.date(2026, 3, 1), place_text="Skolan"),
    )
    item = dialogue_input_add(
        actor=None, dialogue=dialogue, fields=InputFields(text="Lampor", theme="Belysning")
    )
    walk = walk_create(
        actor=None,
        council=council,
        fields=WalkFields(walked_on=dt.date(2026, 3, 2), area_text="Centrum"),
    )
    finding = finding_add(
        actor=None,
        walk=walk,
        fields=FindingFields(latitude=59.51, longitude=15.99, kind="lighting", description="Mörkt"),
    )
    return {
        "slug": council.slug,
        "pk": survey.pk,
        "section_pk": Section.objects.filter(survey=survey).first().pk,
        "question_pk": questions_of(survey)[0].pk,
        "token": survey.token,
        "year": 2026,
        "dialogue": dialogue.pk,
        "input_pk": item.pk,
        "theme_pk": item.theme_id,
        "walk": walk.pk,
        "finding_pk": finding.pk,
    }


def _kwargs(pattern: URLPattern, objects: dict[str, object], *, huge: bool) -> dict[str, object]:
    route = str(pattern.pattern)
    kwargs: dict[str, object] = {}
    for name in pattern.pattern.converters:
        if name == "pk" and "dialogues/" in route:
            value = objects["dialogue"]
        elif name == "pk" and "safety-walks/" in route:
            value = objects["walk"]
        else:
            value = objects[name]
        if huge and isinstance(value, int):
            value = HUGE
        kwargs[name] = value
    return kwargs


NAMES = [p.name for p in urlpatterns]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("huge", [False, True])
def test_no_page_fails_on_odd_input(coordinator_client, objects, name, huge):
    pattern = next(p for p in urlpatterns if p.name == name)
    url = reverse(f"dialogue:{name}", kwargs=_kwargs(pattern, objects, huge=huge))
    for response in (
        coordinator_client.get(url + JUNK_QUERY),
        coordinator_client.post(url + JUNK_QUERY, JUNK_POST),
        coordinator_client.post(url, {}),
    ):
        assert response.status_code < 500, (url, response.status_code)


def test_the_public_answer_page_refuses_tampered_answers_without_failing(client, survey):
    # given: every question answered with a value it cannot take
    url = reverse("dialogue:answer", kwargs={"slug": survey.council.slug, "token": survey.token})
    data = {field_name(q): ["abc", str(HUGE), "-1", "\x00"] for q in questions_of(survey)}
    # when / then: a form with errors, not a server error
    assert client.post(url, {**data, "area": "Mars", "group": "x" * 10_000}).status_code == 400
    # a tampered token, an unpublished and a closed survey are not found or closed
    tampered = reverse("dialogue:answer", kwargs={"slug": survey.council.slug, "token": "x" * 500})
    assert client.get(tampered).status_code == 404
    assert client.post(tampered, data).status_code == 404
    unpublished = survey_create(actor=None, council=survey.council, fields=SurveyFields("Utkast"))
    url = reverse(
        "dialogue:answer", kwargs={"slug": survey.council.slug, "token": unpublished.token}
    )
    assert client.get(url).status_code == 404


def test_a_closed_survey_takes_no_answers(client, survey):
    survey_close(actor=None, survey=survey)
    url = reverse("dialogue:answer", kwargs={"slug": survey.council.slug, "token": survey.token})
    assert client.get(url).status_code == 200
    assert client.post(url, {"area": "Centrum"}).status_code == 400
