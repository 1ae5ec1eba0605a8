"""A resident answers the safety survey's place question on a phone by tapping one of the
council's named places on the map; another taps a spot that is no named place, and the survey
keeps only the middle of that spot's map cell."""

from __future__ import annotations

import re

import h3  # type: ignore[import-untyped]
import pytest
from playwright.sync_api import expect

from samverkan.dialogue.models import Answer, QuestionKind, Survey
from samverkan.dialogue.services.answers import field_name
from samverkan.dialogue.services.builder import survey_publish
from samverkan.dialogue.services.default_survey import survey_create_default
from samverkan.incidents.geo import H3_RESOLUTION
from samverkan.incidents.services.categories import place_create
from tests.browser.ui import exactly

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "has_touch": True}
SEND = exactly("Send my answers", "Skicka mina svar")
THANKS = re.compile("Thank you for your answers|Tack för dina svar")
MAP = exactly("Map of the named places", "Karta över de namngivna platserna")
# The park in the north-east of the map, the station in its south-west.
FOLKETS_PARK = {
    "type": "Polygon",
    "coordinates": [
        [[15.990, 59.515], [15.995, 59.515], [15.995, 59.517], [15.990, 59.517], [15.990, 59.515]]
    ],
}
STATIONEN = {"type": "Point", "coordinates": [15.980, 59.510]}


@pytest.fixture
def survey(council) -> Survey:
    place_create(
        actor=None, council=council, name="Folkets park", kind="area", geometry=FOLKETS_PARK
    )
    place_create(actor=None, council=council, name="Stationen", kind="station", geometry=STATIONEN)
    draft = survey_create_default(actor=None, council=council, areas=["Nygård", "Centrum"])
    return survey_publish(actor=None, survey=draft)


def _place_question(survey: Survey) -> str:
    question = next(
        q
        for section in survey.sections.all()
        for q in section.questions.all()
        if q.kind == QuestionKind.PLACE
    )
    return field_name(question)


def test_a_resident_taps_a_named_place_on_the_map(open_visitor, survey):
    name = _place_question(survey)
    visitor = open_visitor(**PHONE)
    page = visitor.page
    visitor.visit(f"/r/{survey.council.slug}/enkat/{survey.token}/")
    # The list offers the council's named places and the survey's areas.
    places = page.locator(f"#{name}-area")
    expect(places.locator("option")).to_have_text(
        ["–", "Folkets park", "Stationen", "Nygård", "Centrum"]
    )
    map_ = page.get_by_role("region", name=MAP)
    expect(map_).to_be_visible()
    expect(page.locator("[data-map-input]")).to_have_attribute("data-ready", "1")
    # when: the resident taps the park
    map_.locator("path.leaflet-interactive").first.click()
    # then: the list shows it, the status says it, and no point is given
    expect(places).to_have_value("Folkets park")
    expect(page.locator("[data-map-status]")).to_contain_text("Folkets park")
    expect(page.locator(f"#{name}_lat")).to_have_value("")
    visitor.submit(SEND)
    expect(page.get_by_role("heading", level=1)).to_have_text(THANKS)
    answer = Answer.objects.get(question__kind=QuestionKind.PLACE)
    assert (answer.text, answer.latitude, answer.longitude) == ("Folkets park", None, None)


def test_a_point_off_the_named_places_is_kept_coarsely(open_visitor, survey):
    name = _place_question(survey)
    visitor = open_visitor()
    page = visitor.page
    visitor.visit(f"/r/{survey.council.slug}/enkat/{survey.token}/")
    map_ = page.get_by_role("region", name=MAP)
    expect(page.locator("[data-map-input]")).to_have_attribute("data-ready", "1")
    box = map_.bounding_box()
    assert box is not None
    # when: a tap south-east of the park, east of the station: no named place
    map_.click(position={"x": box["width"] * 0.85, "y": box["height"] * 0.8})
    latitude, longitude = page.locator(f"#{name}_lat"), page.locator(f"#{name}_lon")
    # then: the point's fields open with the point written in, and no place is chosen
    expect(latitude).to_be_visible()
    expect(latitude).to_have_value(re.compile(r"^59\.5"))
    expect(page.locator(f"#{name}-area")).to_have_value("")
    tapped = (float(latitude.input_value()), float(longitude.input_value()))
    assert 59.509 < tapped[0] < 59.517
    assert 15.985 < tapped[1] < 16.02
    visitor.submit(SEND)
    expect(page.get_by_role("heading", level=1)).to_have_text(THANKS)
    # The survey keeps the middle of the map cell, not the point tapped.
    answer = Answer.objects.get(question__kind=QuestionKind.PLACE)
    middle = h3.cell_to_latlng(h3.latlng_to_cell(*tapped, H3_RESOLUTION))
    assert (float(answer.latitude or 0), float(answer.longitude or 0)) == (
        round(middle[0], 5),
        round(middle[1], 5),
    )
    assert answer.text == ""
