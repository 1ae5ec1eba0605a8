"""A visitor reads the interface in Swedish, switches to English and back."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser import ui
from tests.browser.visitor import Visitor


def switch_to(visitor: Visitor, button: str, lang: str) -> None:
    """Press a language button, and see the same page again in that language."""
    page = visitor.page
    before = page.url
    visitor.submit(button)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert page.url == before, "switching language should keep the visitor on the same page"


def test_swedish_is_the_default_language(open_visitor, council):
    # A browser that asks for neither Swedish nor English gets the default: Swedish.
    visitor = open_visitor(locale="de-DE")
    visitor.visit("/")
    expect(visitor.page.locator("html")).to_have_attribute("lang", "sv")
    expect(visitor.page.get_by_role("button", name=ui.ENGLISH)).to_be_visible()


def test_visitor_switches_language_on_the_login_page(visitor: Visitor, council):
    page = visitor.page
    visitor.visit("/login/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("button", name=ui.SVENSKA)).to_have_count(0)
    # Outside a council there is no menu, and no empty menu landmark either.
    expect(page.get_by_role("navigation")).to_have_count(0)

    switch_to(visitor, "English", "en")
    expect(page.get_by_role("banner").get_by_role("link", name="Log in")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(page.get_by_role("button", name=ui.ENGLISH)).to_have_count(0)
    # The button names its language in that language, for screen readers too.
    expect(page.get_by_role("button", name=ui.SVENSKA)).to_have_attribute("lang", "sv")

    # The choice is remembered on the next page.
    visitor.follow("Accessibility statement")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    switch_to(visitor, "Svenska", "sv")
    expect(page.get_by_role("button", name=ui.ENGLISH)).to_have_attribute("lang", "en")


def test_visitor_switches_language_when_logged_in(visitor: Visitor, users, council):
    page = visitor.page
    visitor.log_in(users["member"].username)
    visitor.visit("/councils/koping/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")

    switch_to(visitor, "English", "en")
    menu = page.get_by_role("navigation", name=ui.MAIN_MENU)
    expect(menu.get_by_role("link", name="Organisations", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name=ui.LOG_OUT)).to_contain_text("Log out")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Brottsförebyggande rådet")

    # Still logged in, and still English, after moving on.
    visitor.follow("Organisations", scope=menu)
    expect(page.locator("html")).to_have_attribute("lang", "en")

    switch_to(visitor, "Svenska", "sv")
    expect(page.get_by_role("button", name=ui.LOG_OUT)).to_be_visible()
