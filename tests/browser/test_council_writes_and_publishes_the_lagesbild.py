"""The coordinator and the police member write the year's lägesbild in the platform from live
figures (the year's incidents, who is affected, places with many incidents), with the police's
own section and figures and a structured analysis of two prioritised problems; the coordinator
attaches it to a meeting's item for decision and publishes it. The public page shows it then,
never its internal notes, and the draft never appeared there."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from samverkan.incidents.services.categories import categories_ensure_defaults, place_create
from samverkan.incidents.services.incidents import What, Where, incident_report
from samverkan.meetings.models import AgendaItem, Meeting
from samverkan.organisations.models import Body
from tests.browser import ui
from tests.browser.ui import containing, exactly
from tests.browser.visitor import Visitor

SITUATION_REPORTS = exactly("Situation reports", "Lägesbilder")
START = exactly("Start the draft", "Påbörja utkastet")
SAVE_SUMMARY = exactly("Save Summary", "Spara Sammanfattning")
SAVE_POLICE = exactly("Save The police's assessment", "Spara Polisens bedömning")
SAVE_INTERNAL = re.compile(r"^(?:Save Internal notes|Spara Interna anteckningar)")
ADD_TABLE = exactly("Add the table", "Lägg till tabellen")
ANALYSE = exactly("Analyse a problem", "Analysera ett problem")
SAVE_PROBLEM = exactly("Save the problem", "Spara problemet")
DECIDE = exactly("Attach to an agenda item for decision", "Bifoga till en ärendepunkt för beslut")
ATTACH = exactly("Attach and decide", "Bifoga och besluta")
PUBLISH = exactly("Publish on the council's public pages", "Publicera på rådets offentliga sidor")
NOTHING_PUBLISHED = containing(
    "No situation report has been published yet.", "Ingen lägesbild har publicerats ännu."
)
DECIDED = containing("Decided under", "Beslutad under")
PLACES_WITH_MANY = containing("Places with many incidents", "Platser med många händelser")
SCHOOL = containing("a school", "en skola")
SUMMARY = "Skadegörelsen vid skolan dominerar året."
POLICE = "Polisen ser narkotikaförsäljning vid resecentrum kvällstid."
INTERNAL = "Kontrollera siffrorna med fastighetsenheten."
SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _problem(visitor: Visitor, title: str, offender: str, place: str, target: str) -> None:
    visitor.follow(ANALYSE)
    visitor.field("title").fill(title)
    visitor.field("what").fill("Skadegörelse och stök.")
    visitor.field("offender").fill(offender)
    visitor.field("place").fill(place)
    visitor.field("target").fill(target)
    visitor.field("prioritised").check()
    visitor.field("rationale").fill(f"{title} är årets största problem.")
    visitor.submit(SAVE_PROBLEM)


def test_coordinator_and_police_write_decide_and_publish_the_lagesbild(
    open_visitor, users, council
):
    # given a publishing council with this year's incidents at a school, and a meeting's item
    council.publishes = True
    council.save(update_fields=["publishes"])
    # Earlier today (or yesterday): the year's incidents are those of the year it is now.
    when = timezone.localtime() - dt.timedelta(hours=2)
    year = when.year
    category = categories_ensure_defaults(council=council)[0]
    school = place_create(
        actor=None,
        council=council,
        name="Nygårdsskolan",
        kind="school",
        geometry={"type": "Point", "coordinates": [15.99, 59.51]},
    )
    for _ in range(3):
        incident_report(
            actor=None,
            council=council,
            where=Where(place=school),
            what=What(category=category, occurred_from=when, target_group="school"),
        )
    body = Body.objects.filter(council=council).first()
    meeting = Meeting.objects.create(body=body, date=timezone.localdate() + dt.timedelta(days=14))
    AgendaItem.objects.create(meeting=meeting, number=3, title=f"Lägesbild {year}")
    coordinator: Visitor = open_visitor()
    citizen: Visitor = open_visitor()
    main = coordinator.page.get_by_role("main")

    # The coordinator starts the year's draft: the kartläggning has the live figures.
    coordinator.log_in("coordinator")
    coordinator.visit(f"/councils/{council.slug}/")
    coordinator.follow(
        SITUATION_REPORTS, coordinator.page.get_by_role("navigation", name=ui.MAIN_MENU)
    )
    coordinator.field("year").fill(str(year))
    coordinator.submit(START)
    expect(main.get_by_role("heading", level=1)).to_have_text(
        exactly(f"Situation report {year}", f"Lägesbild {year}")
    )
    expect(main).to_contain_text(PLACES_WITH_MANY)
    expect(main.get_by_role("table").filter(has_text="Nygårdsskolan")).to_be_visible()
    expect(main).to_contain_text(SCHOOL)
    coordinator.field("text", "summary").fill(SUMMARY)
    coordinator.submit(SAVE_SUMMARY)
    coordinator.field("text", "internal").fill(INTERNAL)
    coordinator.submit(SAVE_INTERNAL)

    # A draft is not public.
    citizen.visit(f"/r/{council.slug}/lagesbilder/")
    expect(citizen.page.get_by_role("main")).to_contain_text(NOTHING_PUBLISHED)
    assert SUMMARY not in citizen.page.get_by_role("main").inner_text()

    # The police member writes the police's section and figures, and a problem.
    police: Visitor = open_visitor()
    police.log_in("police")
    police.visit(f"/councils/{council.slug}/lagesbilder/{year}/")
    police_main = police.page.get_by_role("main")
    police.field("text", "police").fill(POLICE)
    police.submit(SAVE_POLICE)
    expect(police_main).to_contain_text(POLICE)
    expect(police_main.locator("#section-police")).to_contain_text(
        containing("by police", "av police")
    )
    police.field("kind").select_option("police")
    police.field("title").fill("Polisens siffror")
    police.field("source").fill("Polisen, LPO Västra Mälardalen")
    police.field("rows").fill("Narkotikabrott vid resecentrum; 23")
    police.submit(ADD_TABLE)
    expect(police_main).to_contain_text("Narkotikabrott vid resecentrum")
    _problem(police, "Otrygghet vid resecentrum", "Kända personer", "Gångtunneln", "Resenärer")

    # The coordinator analyses the second problem; both are prioritised in order.
    coordinator.page.reload()
    coordinator.check()
    _problem(coordinator, "Skadegörelse vid skolan", "Unga i grupp", "Skolgården", "Skolan")
    prioritised = main.locator("ol.prioritised > li")
    expect(prioritised).to_have_count(2)
    expect(prioritised.nth(0)).to_contain_text("Otrygghet vid resecentrum")
    expect(prioritised.nth(1)).to_contain_text("Skadegörelse vid skolan")

    # Decided under the meeting's item, then published.
    coordinator.follow(DECIDE)
    coordinator.submit(ATTACH)
    expect(main).to_contain_text(DECIDED)
    expect(main.locator(".checksum code")).to_have_text(SHA256)
    coordinator.submit(PUBLISH)

    # The public page shows it, without the internal notes.
    citizen.visit(f"/r/{council.slug}/lagesbilder/")
    citizen.follow(exactly(f"Situation report {year}", f"Lägesbild {year}"))
    public = citizen.page.get_by_role("main")
    expect(public).to_contain_text(SUMMARY)
    expect(public).to_contain_text(POLICE)
    expect(public).to_contain_text("Skadegörelse vid skolan")
    expect(public).not_to_contain_text(INTERNAL)
