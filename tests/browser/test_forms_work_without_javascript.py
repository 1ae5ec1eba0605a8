"""With JavaScript turned off (or failed to load), the forms still do their work."""

from __future__ import annotations

from playwright.sync_api import expect

from samverkan.organisations.models import Organisation
from tests.browser import ui


def test_forms_work_without_javascript(open_visitor, users, council):
    visitor = open_visitor(java_script_enabled=False)
    page = visitor.page

    visitor.log_in(users["coordinator"].username)
    expect(page.get_by_role("button", name=ui.LOG_OUT)).to_be_visible()
    visitor.follow("Brottsförebyggande rådet", scope=page.get_by_role("main"))
    visitor.follow(ui.ORGANISATIONS, scope=page.get_by_role("navigation", name=ui.MAIN_MENU))
    visitor.follow(ui.NEW_ORGANISATION)

    # A mistake is caught by the server, not by a script.
    visitor.field("short_name").fill("FS")
    visitor.submit(ui.SAVE)
    expect(page.get_by_role("alert")).to_contain_text(ui.ERROR_SUMMARY)
    expect(visitor.field("short_name")).to_have_value("FS")

    visitor.field("name").fill("Fritidsförvaltningen")
    visitor.field("parent").select_option(label="Köpings kommun")
    visitor.submit(ui.SAVE)
    expect(page.get_by_role("status")).to_contain_text(ui.SAVED)
    expect(page.get_by_role("heading", level=1)).to_have_text("Fritidsförvaltningen")

    organisation = Organisation.objects.get(council=council, name="Fritidsförvaltningen")
    assert organisation.short_name == "FS"
    assert organisation.parent is not None
    assert organisation.parent.name == "Köpings kommun"

    # Searching people is a plain form when there is no script to search as one types.
    visitor.follow(ui.PEOPLE, scope=page.get_by_role("navigation", name=ui.MAIN_MENU))
    page.get_by_role("searchbox", name=ui.SEARCH_BY_NAME).fill("roger")
    visitor.submit(ui.SEARCH)
    expect(page.get_by_role("main").get_by_role("table").get_by_role("link")).to_have_text(
        ["Roger Eklund"]
    )

    # The language buttons are a plain form too.
    visitor.submit(ui.ENGLISH)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    visitor.submit("Log out")
    expect(page.get_by_role("banner").get_by_role("link", name="Log in")).to_be_visible()
