"""A place whose name holds markup (someone typed `<b>x</b><a href="/">y</a>`) reads as those
very characters on every map: in the dashboard map's named places, and in the tooltip of the
map a caretaker reports on. No element is made from it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from samverkan.incidents.services.categories import categories_ensure_defaults, place_create
from tests.browser.visitor import Visitor

NAME = '<b>x</b><a href="/">y</a>'
YARD = {
    "type": "Polygon",
    "coordinates": [
        [[15.977, 59.5185], [15.981, 59.5185], [15.981, 59.5205], [15.977, 59.5205],
         [15.977, 59.5185]]
    ],
}  # fmt: skip


def _no_element_from_the_name(visitor: Visitor, map_id: str) -> None:
    markup = visitor.page.locator(f"#{map_id} .leaflet-tooltip b, #{map_id} .leaflet-tooltip a")
    expect(markup).to_have_count(0)


def test_a_place_name_with_markup_is_text_on_every_map(open_visitor, users, council):
    # given a named place whose name is markup
    categories_ensure_defaults(council=council)
    place_create(actor=None, council=council, name=NAME, kind="school", geometry=YARD)
    visitor: Visitor = open_visitor()
    page = visitor.page
    visitor.log_in(users["coordinator"].username)

    # when the coordinator opens the dashboard's map, the names stand on it
    visitor.visit(f"/councils/{council.slug}/lagesbild/map/")
    tooltip = page.locator("#incident-map .leaflet-tooltip.place-name")
    # then the name is the characters typed, and nothing of it is an element
    expect(tooltip).to_have_text(NAME)
    _no_element_from_the_name(visitor, "incident-map")

    # when a report's map shows the place and the pointer rests on it
    visitor.visit(f"/councils/{council.slug}/incidents/report/")
    place = page.locator("#report-map path.leaflet-interactive").first
    expect(place).to_be_attached()
    place.hover(force=True)
    tooltip = page.locator("#report-map .leaflet-tooltip")
    # then its tooltip too is the characters typed
    expect(tooltip).to_have_text(NAME)
    _no_element_from_the_name(visitor, "report-map")
    expect(page.locator("#report-map")).not_to_contain_text(re.compile("^xy$"))
