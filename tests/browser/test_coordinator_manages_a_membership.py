"""A coordinator registers a new member of the council and later records that the seat ends."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser import ui
from tests.browser.visitor import Visitor


def test_coordinator_manages_a_membership(visitor: Visitor, users, council):
    page = visitor.page
    main = page.get_by_role("main")
    menu = page.get_by_role("navigation", name=ui.MAIN_MENU)
    visitor.log_in(users["coordinator"].username)
    visitor.follow("Brottsförebyggande rådet", scope=main)

    # Creates the person.
    visitor.follow(ui.PEOPLE, scope=menu)
    visitor.follow(ui.NEW_PERSON)
    visitor.field("name").fill("Sara Lindqvist")
    visitor.field("email").fill("sara.lindqvist@example.se")
    visitor.field("phone").fill("0221-250 00")
    visitor.submit(ui.SAVE)
    expect(page.get_by_role("status")).to_contain_text(ui.SAVED)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sara Lindqvist")

    # Finds her again by searching the people list as she types.
    visitor.follow(ui.PEOPLE, scope=menu)
    results = main.get_by_role("table")
    # the chair, the police member of the suite's council, and her
    expect(results.get_by_role("link")).to_have_count(3)
    page.get_by_role("searchbox", name=ui.SEARCH_BY_NAME).press_sequentially("lindq")
    expect(results.get_by_role("link")).to_have_text(["Sara Lindqvist"])
    expect(page).to_have_url(re.compile(r"\?q=lindq$"))
    visitor.check()
    page.get_by_role("searchbox", name=ui.SEARCH_BY_NAME).fill("ingen sådan")
    expect(results).to_contain_text(ui.NO_PEOPLE_FOUND)

    # Adds her to the council: a deputy for the municipality, with title and start date.
    visitor.follow(ui.BODIES, scope=menu)
    visitor.follow("Brottsförebyggande rådet", scope=main.get_by_role("table"))
    visitor.follow(ui.ADD_MEMBER)
    visitor.field("person").select_option(label="Sara Lindqvist")
    visitor.field("role").select_option(value="deputy")
    visitor.field("organisation").select_option(label="Köpings kommun")
    visitor.field("title").fill("Säkerhetssamordnare")
    visitor.field("start_date").fill("2026-01-15")
    visitor.submit(ui.SAVE)
    expect(page.get_by_role("status")).to_contain_text(ui.SAVED)

    # The body's member list shows the seat.
    row = main.get_by_role("row").filter(has_text="Sara Lindqvist")
    expect(row).to_have_count(1)
    cells = row.get_by_role("cell")
    expect(cells.nth(2)).to_have_text("Säkerhetssamordnare, Köpings kommun")
    expect(cells.nth(3)).to_have_text("2026-01-15")
    expect(cells.nth(4)).to_have_text("")

    # Edits the membership: the seat ends at the end of the year.
    visitor.follow("Sara Lindqvist, Brottsförebyggande rådet", scope=row)
    expect(visitor.field("person")).to_be_disabled()
    expect(visitor.field("title")).to_have_value("Säkerhetssamordnare")
    expect(visitor.field("start_date")).to_have_value("2026-01-15")
    visitor.field("end_date").fill("2026-12-31")
    visitor.submit(ui.SAVE)
    expect(page.get_by_role("status")).to_contain_text(ui.SAVED)
    row = main.get_by_role("row").filter(has_text="Sara Lindqvist")
    expect(row.get_by_role("cell").nth(4)).to_have_text("2026-12-31")

    # The membership's history shows who set the end date, and from what to what.
    visitor.follow("Sara Lindqvist, Brottsförebyggande rådet", scope=row)
    history = page.get_by_role("region", name=ui.HISTORY)
    events = history.get_by_role("listitem")
    expect(events).to_have_count(2)
    latest = events.first
    expect(latest).to_contain_text("coordinator")
    changes = latest.get_by_role("table")
    expect(changes.get_by_role("row")).to_have_count(2)
    end_row = changes.get_by_role("row").filter(has=page.get_by_role("rowheader", name=ui.TO))
    expect(end_row.get_by_role("cell")).to_have_text(["–", "2026-12-31"])
    expect(events.last.get_by_role("row").filter(has_text="Säkerhetssamordnare")).to_have_count(1)

    # Her own page lists the seat too.
    visitor.follow(ui.PEOPLE, scope=menu)
    visitor.follow("Sara Lindqvist", scope=main)
    seat = main.get_by_role("row").filter(has_text="Brottsförebyggande rådet")
    expect(seat.get_by_role("cell").nth(2)).to_have_text("Säkerhetssamordnare, Köpings kommun")
    expect(seat.get_by_role("cell").nth(4)).to_have_text("2026-12-31")
