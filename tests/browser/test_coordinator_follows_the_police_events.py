"""The coordinator brings in the police's published events in Chromium: from the situational
picture to the police's events, a broken file refused whole, a good one kept (other towns and
summaries left out), the counts per type for a period with their chart and table, and the feed
turned on for the hourly fetch. axe checks every page."""

from __future__ import annotations

import json

from playwright.sync_api import expect

from samverkan.incidents.police.models import PoliceEvent, PoliceFeed
from tests.browser.ui import exactly
from tests.browser.visitor import Visitor

POLICE = exactly("The police's events", "Polisens händelser")
IMPORT = exactly(
    "Import the police's events from a file", "Importera polisens händelser från en fil"
)
SCHEDULE = exactly("Fetch on a schedule", "Hämta regelbundet")


def _notice(event_id, name, kind, place="Köping"):
    return {
        "id": event_id,
        "datetime": "2018-05-07 7:32:06 +02:00",
        "name": name,
        "summary": "Fönster krossade.",
        "url": f"/aktuellt/handelser/2018/maj/6/{event_id}/",
        "type": kind,
        "location": {"name": place, "gps": "59.511,15.995"},
    }


FEED = [
    _notice(1, "06 maj 18.50, Skadegörelse, Köping", "Skadegörelse"),
    _notice(2, "06 maj 22.10, Skadegörelse, Köping", "Skadegörelse"),
    _notice(3, "06 maj 23.00, Bråk, Köping", "Bråk"),
    _notice(4, "06 maj 18.50, Trafikbrott, Kungsör", "Trafikbrott", place="Kungsör"),
    _notice(5, "06 maj 21.00, Sammanfattning natt, Köping", "Sammanfattning natt"),
]


UPLOAD_AGAIN = exactly("Upload a file", "Ladda upp en fil")
CONTINUE = exactly("Continue", "Fortsätt")


def _upload(visitor: Visitor, data: bytes) -> None:
    visitor.field("file").set_input_files(
        {"name": "handelser.json", "mimeType": "application/json", "buffer": data}
    )
    with visitor.page.expect_navigation():
        visitor.page.locator("main form button[type=submit]").click()
    visitor.check()


def test_coordinator_follows_the_police_events(open_visitor, users, council):
    visitor: Visitor = open_visitor()
    page = visitor.page
    main = page.get_by_role("main")
    visitor.log_in(users["coordinator"].username)
    visitor.visit(f"/councils/{council.slug}/lagesbild/")
    visitor.follow(POLICE, scope=main)

    # A file with a broken notice is refused whole, with the reason.
    visitor.follow(IMPORT, scope=main)
    _upload(visitor, json.dumps([*FEED, {"name": "utan id"}]).encode())
    expect(main.get_by_role("alert").first).to_be_visible()
    assert not PoliceEvent.objects.exists()

    # The good file: Köping's three events are kept, Kungsör's and the summary left out.
    # The worker imports it; its page says what came of it.
    visitor.follow(UPLOAD_AGAIN, scope=main)
    _upload(visitor, json.dumps(FEED).encode())
    assert PoliceEvent.objects.filter(council=council).count() == 3
    expect(main.get_by_role("status")).to_contain_text("3")
    visitor.follow(CONTINUE, scope=main)

    # The counts per type for May 2018, as a chart and a table.
    visitor.field("period_from").fill("2018-05-01")
    visitor.field("period_to").fill("2018-05-31")
    with page.expect_navigation():
        main.locator("form[role=search] button[type=submit]").click()
    visitor.check()
    expect(main.locator("#police-types-chart")).to_be_visible()
    expect(main.get_by_role("row", name="Skadegörelse 2")).to_be_visible()
    expect(main.get_by_role("row", name="Bråk 1")).to_be_visible()

    # The hourly fetch, turned on.
    visitor.follow(SCHEDULE, scope=main)
    visitor.field("enabled").check()
    with page.expect_navigation():
        main.locator("form button[type=submit]").click()
    visitor.check()
    assert PoliceFeed.objects.get(council=council).enabled
    visitor.finish()
