"""A coordinator plans a safety walk by clicking its route on the map (with a mistake undone),
and on the walk picks a finding's point on the map; the route is saved as a LineString of the
points clicked, and the typed fields stay the way without a mouse."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from samverkan.dialogue.models import Finding, SafetyWalk
from samverkan.incidents.services.categories import place_create
from tests.browser.ui import exactly

PLAN_A_WALK = exactly("Plan a safety walk", "Planera en trygghetsvandring")
SAVE = exactly("Save", "Spara")
ADD_FINDING = exactly("Add a finding", "Lägg till en iakttagelse")
SAVE_FINDING = exactly("Save the finding", "Spara iakttagelsen")
UNDO = exactly("Undo the last point", "Ångra den sista punkten")
CLEAR = exactly("Clear the route", "Töm sträckningen")
ROUTE_MAP = exactly("Map for drawing the route", "Karta för att rita sträckningen")
FINDING_MAP = exactly(
    "Map for choosing the finding's point", "Karta för att välja iakttagelsens punkt"
)
# Stora torget and the streets around it, the walk's area.
CENTRUM = {
    "type": "Polygon",
    "coordinates": [
        [[15.985, 59.508], [16.002, 59.508], [16.002, 59.516], [15.985, 59.516], [15.985, 59.508]]
    ],
}


def test_coordinator_draws_the_route_and_picks_a_finding(open_visitor, users, council):
    place_create(actor=None, council=council, name="Centrum", kind="area", geometry=CENTRUM)
    coordinator = open_visitor()
    page = coordinator.page
    main = page.get_by_role("main")
    coordinator.log_in(users["coordinator"].username)
    coordinator.visit(f"/councils/{council.slug}/safety-walks/")
    coordinator.follow(PLAN_A_WALK, scope=main)
    coordinator.field("walked_on").fill("2018-10-03")
    coordinator.field("area_text").fill("Centrum")
    coordinator.field("residents").fill("6")

    # when: three clicks on the map, one too many undone and clicked again
    route_map = page.get_by_role("region", name=ROUTE_MAP)
    expect(route_map).to_be_visible()
    expect(page.locator("[data-map-input]")).to_have_attribute("data-ready", "1")
    box = route_map.bounding_box()
    assert box is not None
    width, height = box["width"], box["height"]
    route = coordinator.field("route")
    for x, y in [(0.3, 0.7), (0.5, 0.5), (0.9, 0.1)]:
        route_map.click(position={"x": width * x, "y": height * y})
    expect(route).to_have_value(re.compile(r"^(59\.5\d+, 15\.9\d+|59\.5\d+, 16\.0\d+)(\n.+){2}$"))
    page.get_by_role("button", name=UNDO).click()
    expect(route).to_have_value(re.compile(r"^[^\n]+\n[^\n]+$"))
    expect(page.locator("[data-map-status]")).to_contain_text("2")
    route_map.click(position={"x": width * 0.7, "y": height * 0.3})
    drawn = route.input_value().splitlines()
    assert len(drawn) == 3
    coordinator.submit(SAVE)

    # then: the walk's route is a LineString of the three points, longitude first
    walk = SafetyWalk.objects.get()
    assert walk.route is not None
    assert walk.route["type"] == "LineString"
    coordinates = walk.route["coordinates"]
    assert len(coordinates) == 3
    for (lon, lat), line in zip(coordinates, drawn, strict=True):
        typed_lat, typed_lon = (float(v) for v in line.split(","))
        assert (round(lat, 5), round(lon, 5)) == (round(typed_lat, 5), round(typed_lon, 5))
    # Left to right and bottom to top on the map: east and north.
    assert coordinates[0][0] < coordinates[1][0] < coordinates[2][0]
    assert coordinates[0][1] < coordinates[1][1] < coordinates[2][1]

    # Editing the walk shows the route drawn; clearing it and saving removes the route.
    coordinator.visit(f"/councils/{council.slug}/safety-walks/{walk.pk}/edit/")
    expect(coordinator.field("route")).to_have_value("\n".join(drawn))
    page.get_by_role("button", name=CLEAR).click()
    expect(coordinator.field("route")).to_have_value("")
    coordinator.visit(f"/councils/{council.slug}/safety-walks/{walk.pk}/")

    # On the walk: a finding's point picked on the map.
    coordinator.follow(ADD_FINDING, scope=main)
    finding_map = page.get_by_role("region", name=FINDING_MAP)
    expect(page.locator("[data-map-input]")).to_have_attribute("data-ready", "1")
    box = finding_map.bounding_box()
    assert box is not None
    finding_map.click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    expect(coordinator.field("latitude")).to_have_value(re.compile(r"^59\.51[12]"))
    picked = (
        float(coordinator.field("latitude").input_value()),
        float(coordinator.field("longitude").input_value()),
    )
    coordinator.field("kind").select_option("lighting")
    coordinator.field("description").fill("Trasig lykta")
    coordinator.submit(SAVE_FINDING)
    finding = Finding.objects.get()
    assert (round(finding.latitude, 5), round(finding.longitude, 5)) == (
        round(picked[0], 5),
        round(picked[1], 5),
    )
    assert 15.985 < finding.longitude < 16.002
