"""A resident answers the council's safety survey on a phone, by the public link, without
logging in; and again in a browser with JavaScript turned off."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from samverkan.dialogue.models import Answer, QuestionKind, Response
from samverkan.dialogue.services.builder import survey_publish
from samverkan.dialogue.services.default_survey import survey_create_default
from tests.browser.ui import exactly
from tests.browser.visitor import Visitor

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "has_touch": True}
SEND = exactly("Send my answers", "Skicka mina svar")
THANKS = re.compile("Thank you for your answers|Tack för dina svar")
ALREADY = re.compile("already answered|redan svarat")


@pytest.fixture
def survey(council):
    draft = survey_create_default(actor=None, council=council, areas=["Nygård", "Centrum"])
    return survey_publish(actor=None, survey=draft)


def _answer_the_survey(visitor: Visitor, survey) -> None:
    """Choose an area, a scale value, an option and write a comment; send."""
    page = visitor.page
    visitor.visit(f"/r/{survey.council.slug}/enkat/{survey.token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(survey.title_sv)
    page.get_by_label(re.compile("^Vilket område bor du i|^Which area")).select_option("Nygård")
    graffiti = page.get_by_role("group", name=re.compile("^Klotter"))
    graffiti.get_by_label("4", exact=True).check()
    unsafe = page.get_by_role("group", name=re.compile("^Hur trygg eller otrygg"))
    unsafe.get_by_label("Ganska otrygg").check()
    page.get_by_label(re.compile("^Vill du berätta")).fill("Mörkt i gångtunneln.")
    visitor.submit(SEND)
    expect(page.get_by_role("heading", level=1)).to_have_text(THANKS)


def test_a_resident_answers_on_a_phone(open_visitor, survey):
    # given: a phone
    visitor = open_visitor(**PHONE)
    page = visitor.page
    # when: first a free text far too long, as a tampered form would send it
    visitor.visit(f"/r/{survey.council.slug}/enkat/{survey.token}/")
    page.get_by_role("group", name=re.compile("^Klotter")).get_by_label("2", exact=True).check()
    page.get_by_label(re.compile("^Vill du berätta")).evaluate(
        "box => { box.removeAttribute('maxlength'); box.value = 'x'.repeat(2100); }"
    )
    visitor.submit(SEND)
    # then: refused as a whole, the choice kept
    expect(page.get_by_role("alert")).to_contain_text(
        re.compile("Nothing was saved|Inget sparades")
    )
    expect(
        page.get_by_role("group", name=re.compile("^Klotter")).get_by_label("2", exact=True)
    ).to_be_checked()
    assert Response.objects.count() == 0
    # when: answered properly
    _answer_the_survey(visitor, survey)
    # then: one anonymous response, its answers as given
    response = Response.objects.get()
    assert (response.area, response.source) == ("Nygård", "web")
    values = {a.question.kind: a for a in Answer.objects.select_related("question", "option")}
    assert values[QuestionKind.SCALE].value == 4
    assert values[QuestionKind.SINGLE].option.text_sv == "Ganska otrygg"
    assert values[QuestionKind.TEXT].text == "Mörkt i gångtunneln."
    width = visitor.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 391
    # and the same browser is not asked again
    visitor.visit(f"/r/{survey.council.slug}/enkat/{survey.token}/")
    expect(visitor.page.get_by_role("main")).to_contain_text(ALREADY)


def test_a_resident_answers_with_javascript_off(open_visitor, survey):
    visitor = open_visitor(java_script_enabled=False, **PHONE)
    _answer_the_survey(visitor, survey)
    assert Response.objects.count() == 1
    assert Answer.objects.filter(question__kind=QuestionKind.SCALE, value=4).count() == 1
