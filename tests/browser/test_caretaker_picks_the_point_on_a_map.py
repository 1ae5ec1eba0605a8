"""A caretaker on a phone (390 px) reports graffiti by tapping the spot on the map beside the
school, and the saved report has that point; with JavaScript off the same form takes the point
typed instead, and the map is not in the way."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from samverkan.incidents.models import Category, Incident
from samverkan.incidents.services.categories import categories_ensure_defaults, place_create
from samverkan.organisations import services as org_services
from samverkan.organisations.models import Body, Council, Organisation
from tests.browser.ui import exactly
from tests.browser.visitor import Visitor

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "has_touch": True}
SEND_REPORT = exactly("Send report", "Skicka rapporten")
MAP = re.compile("^(Map for choosing the place|Karta för att välja platsen)$")
# The school's yard: its middle is 59.5195 N, 15.9790 E.
SCHOOL = {
    "type": "Polygon",
    "coordinates": [
        [
            [15.977, 59.5185],
            [15.981, 59.5185],
            [15.981, 59.5205],
            [15.977, 59.5205],
            [15.977, 59.5185],
        ]
    ],
}


@pytest.fixture
def caretaker_of_kbab(users, council: Council) -> Organisation:
    """The reporter's login sits for the housing company; the school is a named place."""
    categories_ensure_defaults(council=council)
    place_create(actor=None, council=council, name="Nygårdsskolan", kind="school", geometry=SCHOOL)
    kbab = org_services.organisation_create(
        actor=None, council=council, name="Köpings Bostads AB", short_name="KBAB"
    )
    person = org_services.person_create(actor=None, council=council, name="Peter Landin")
    org_services.person_link_user(actor=None, person=person, user=users["reporter"])
    org_services.membership_create(
        actor=None,
        body=Body.objects.get(council=council),
        person=person,
        role="member",
        organisation=kbab,
    )
    return kbab


# The red marker of the point is in the middle of the map (the map pans to a typed point).
MARKER_IN_THE_MIDDLE = """() => {
    const marker = document.querySelector('#report-map path[stroke="#b00020"]');
    if (!marker) { return false; }
    const m = marker.getBoundingClientRect();
    const c = document.getElementById("report-map").getBoundingClientRect();
    return Math.abs(m.top + m.bottom - c.top - c.bottom) < 4
        && Math.abs(m.left + m.right - c.left - c.right) < 4;
}"""


def assert_fits(visitor: Visitor) -> None:
    width = visitor.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 391, f"{visitor.page.url} scrolls sideways: {width} px"


def test_caretaker_picks_the_point_on_the_map(open_visitor, users, council, caretaker_of_kbab):
    graffiti = Category.objects.get(council=council, code="graffiti")
    caretaker = open_visitor(**PHONE)
    page = caretaker.page
    caretaker.log_in(users["reporter"].username)
    caretaker.visit(f"/councils/{council.slug}/incidents/report/")
    assert_fits(caretaker)

    # The map shows the council's named places and opens on the school.
    map_ = page.get_by_role("region", name=MAP)
    expect(map_).to_be_visible()
    expect(page.locator("[data-map-input]")).to_have_attribute("data-ready", "1")
    box = map_.bounding_box()
    assert box is not None
    assert box["width"] <= 390

    # when the caretaker taps a spot a little north-east of the school's middle
    map_.click(position={"x": box["width"] / 2 + 40, "y": box["height"] / 2 - 30})
    latitude, longitude = caretaker.field("latitude"), caretaker.field("longitude")
    expect(latitude).not_to_have_value("")
    expect(page.locator("[data-map-status]")).to_contain_text(re.compile(r"59\.5"))
    tapped = (float(latitude.input_value()), float(longitude.input_value()))
    assert 59.5195 < tapped[0] < 59.5235
    assert 15.9790 < tapped[1] < 15.9840

    # Typing the point instead is still possible; the marker follows to the middle of the map.
    latitude.fill("59.5190")
    page.wait_for_function(MARKER_IN_THE_MIDDLE)
    latitude.press("Tab")
    expect(longitude).to_be_focused()
    latitude.fill(f"{tapped[0]:.6f}")

    caretaker.field("category").select_option(str(graffiti.pk))
    caretaker.field("description").fill("Klotter på gaveln.")
    caretaker.submit(SEND_REPORT)
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"\b\d+\b"))

    # then the report has the point tapped, and the school it lies in
    incident = Incident.objects.get()
    assert incident.latitude is not None
    assert incident.longitude is not None
    assert abs(float(incident.latitude) - tapped[0]) < 1e-5
    assert abs(float(incident.longitude) - tapped[1]) < 1e-5
    assert incident.organisation == caretaker_of_kbab


def test_the_keyboard_sets_the_point_at_the_cross(open_visitor, users, council, caretaker_of_kbab):
    caretaker = open_visitor()
    page = caretaker.page
    caretaker.log_in(users["reporter"].username)
    caretaker.visit(f"/councils/{council.slug}/incidents/report/")
    expect(page.locator("[data-map-input]")).to_have_attribute("data-ready", "1")
    caretaker.field("longitude").focus()
    # From the last point field Tab reaches the map, Enter sets its middle, Tab leaves it.
    page.keyboard.press("Tab")
    expect(page.get_by_role("region", name=MAP)).to_be_focused()
    page.keyboard.press("Enter")
    expect(caretaker.field("latitude")).to_have_value(re.compile(r"^59\.51[89]"))
    expect(caretaker.field("longitude")).to_have_value(re.compile(r"^15\.97[89]"))
    for _ in range(8):
        page.keyboard.press("Tab")
        if not page.evaluate("document.activeElement.closest('[data-map]') !== null"):
            break
    assert page.evaluate("document.activeElement.closest('[data-map]') === null")


def test_the_report_form_works_without_javascript(open_visitor, users, council, caretaker_of_kbab):
    graffiti = Category.objects.get(council=council, code="graffiti")
    caretaker = open_visitor(**PHONE, java_script_enabled=False)
    page = caretaker.page
    caretaker.log_in(users["reporter"].username)
    caretaker.visit(f"/councils/{council.slug}/incidents/report/")
    # No map and no map buttons without the script; the typed point is the way.
    expect(page.get_by_role("region", name=MAP)).to_be_hidden()
    use_my_position = exactly("Use my position", "Använd min position")
    expect(page.get_by_role("button", name=use_my_position)).to_be_hidden()
    caretaker.field("category").select_option(str(graffiti.pk))
    caretaker.field("latitude").fill("52.52")
    caretaker.field("longitude").fill("13.40")
    caretaker.submit(SEND_REPORT)
    expect(page.get_by_role("alert")).to_contain_text(re.compile("Sverige|Sweden"))
    caretaker.field("latitude").fill("59.5196")
    caretaker.field("longitude").fill("15.9791")
    caretaker.submit(SEND_REPORT)
    incident = Incident.objects.get()
    assert (float(incident.latitude or 0), float(incident.longitude or 0)) == (59.5196, 15.9791)
    assert incident.place is not None
    assert incident.place.name == "Nygårdsskolan"
