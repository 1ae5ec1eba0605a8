"""A coordinator logs in and keeps the council's register of organisations up to date."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser import ui
from tests.browser.visitor import Visitor


def test_coordinator_logs_in_and_manages_organisations(visitor: Visitor, users, council):
    page = visitor.page

    # Logs in through the form, lands on the start page and opens the council.
    visitor.log_in(users["coordinator"].username)
    expect(page.get_by_role("button", name=ui.LOG_OUT)).to_be_visible()
    visitor.follow("Brottsförebyggande rådet", scope=page.get_by_role("main"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Brottsförebyggande rådet")
    # The council's history speaks the page's language, also for yes/no fields.
    expect(page.get_by_role("region", name=ui.HISTORY)).not_to_contain_text("False")

    # Creates an organisation that is a unit of the municipality.
    visitor.follow(ui.ORGANISATIONS, scope=page.get_by_role("navigation", name=ui.MAIN_MENU))
    visitor.follow(ui.NEW_ORGANISATION)
    visitor.field("name").fill("Socialförvaltningen")
    visitor.field("short_name").fill("SOC")
    visitor.field("parent").select_option(label="Köpings kommun")
    visitor.submit(ui.SAVE)
    expect(page.get_by_role("status")).to_contain_text(ui.SAVED)
    expect(page.get_by_role("heading", level=1)).to_have_text("Socialförvaltningen")
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("SOC")
    expect(facts.get_by_role("link", name="Köpings kommun")).to_be_visible()

    # Sees it in the list, with the organisation it is part of.
    visitor.follow(ui.ORGANISATIONS, scope=page.get_by_role("navigation", name=ui.MAIN_MENU))
    row = page.get_by_role("row").filter(has_text="Socialförvaltningen")
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell").nth(1)).to_have_text("Köpings kommun")

    # Edits it: a new name and short name.
    visitor.follow("Socialförvaltningen")
    visitor.follow(ui.EDIT, scope=page.get_by_role("main"))
    expect(visitor.field("name")).to_have_value("Socialförvaltningen")
    visitor.field("name").fill("Social- och omsorgsförvaltningen")
    visitor.field("short_name").fill("SOF")
    visitor.submit(ui.SAVE)
    expect(page.get_by_role("status")).to_contain_text(ui.SAVED)
    expect(page.get_by_role("heading", level=1)).to_have_text("Social- och omsorgsförvaltningen")

    # The History section tells who changed which field, from what to what.
    history = page.get_by_role("region", name=ui.HISTORY)
    latest = history.get_by_role("listitem").first
    expect(latest).to_contain_text("coordinator")
    expect(latest).to_contain_text(ui.BY)
    changes = latest.get_by_role("table")
    expect(changes.get_by_role("columnheader")).to_have_text([ui.FIELD, ui.BEFORE, ui.AFTER])
    name_row = changes.get_by_role("row").filter(has=page.get_by_role("rowheader", name=ui.NAME))
    expect(name_row.get_by_role("cell")).to_have_text(
        ["Socialförvaltningen", "Social- och omsorgsförvaltningen"]
    )
    short_row = changes.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=ui.SHORT_NAME)
    )
    expect(short_row.get_by_role("cell")).to_have_text(["SOC", "SOF"])

    # Ends it with an end date.
    visitor.follow(ui.END, scope=page.get_by_role("main"))
    visitor.field("ended_on").fill("2026-06-30")
    visitor.submit(ui.SAVE)
    expect(page.get_by_role("status")).to_contain_text(ui.ENDED)
    expect(page.locator("dl.facts")).to_contain_text("2026-06-30")
    expect(page.get_by_role("main").get_by_role("link", name=ui.END)).to_have_count(0)
    latest = page.get_by_role("region", name=ui.HISTORY).get_by_role("listitem").first
    expect(latest.get_by_role("row").filter(has_text="2026-06-30")).to_have_count(1)

    # An ended organisation leaves the list of current ones.
    visitor.follow(ui.ORGANISATIONS, scope=page.get_by_role("navigation", name=ui.MAIN_MENU))
    expect(page.get_by_role("link", name="Social- och omsorgsförvaltningen")).to_have_count(0)


def test_a_form_with_errors_keeps_what_was_typed(visitor: Visitor, users, council):
    page = visitor.page
    visitor.log_in(users["coordinator"].username)
    visitor.visit("/councils/koping/organisations/new/")

    # Forgets the name but fills in the rest.
    visitor.field("short_name").fill("PK")
    visitor.field("parent").select_option(label="Tekniska kontoret")
    visitor.submit(ui.SAVE)

    # The error summary comes first and takes the focus, so it is read out at once.
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(ui.ERROR_SUMMARY)
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(1)
    expect(summary.get_by_role("link")).to_contain_text(ui.REQUIRED)
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_name")
    expect(visitor.field("name")).to_have_value("")
    expect(visitor.field("short_name")).to_have_value("PK")
    expect(visitor.field("parent").locator("option:checked")).to_have_text("Tekniska kontoret")

    # The link in the summary takes the keyboard to the field.
    summary.get_by_role("link").click()
    expect(visitor.field("name")).to_be_focused()
    visitor.field("name").fill("Parkeringsenheten")
    visitor.submit(ui.SAVE)
    expect(page.get_by_role("status")).to_contain_text(ui.SAVED)
    expect(page.get_by_role("heading", level=1)).to_have_text("Parkeringsenheten")
