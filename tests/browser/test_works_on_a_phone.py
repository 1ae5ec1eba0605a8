"""A coordinator uses a small phone (320 CSS pixels wide), and a keyboard user skips the menu."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser import ui
from tests.browser.visitor import Visitor

PHONE = {"viewport": {"width": 320, "height": 640}, "device_scale_factor": 2, "has_touch": True}
# Sub-pixel rounding may add a pixel; anything more is a real sideways scroll (WCAG 1.4.10).
TOLERANCE = 1


def assert_no_sideways_scroll(visitor: Visitor) -> None:
    width = visitor.page.evaluate("document.documentElement.scrollWidth")
    if width > 320 + TOLERANCE:
        culprits = visitor.page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(e => e.clientWidth > 1 && (e.getBoundingClientRect().right > 321
                                                 || e.scrollWidth > e.clientWidth + 1))
                .slice(0, 5).map(e => e.outerHTML.slice(0, 120))"""
        )
        raise AssertionError(
            f"{visitor.page.url} scrolls sideways at 320 px: scrollWidth is {width}. "
            f"Too wide: {culprits}"
        )


def test_council_pages_fit_a_phone(open_visitor, users, council):
    visitor = open_visitor(**PHONE)
    page = visitor.page

    visitor.visit("/login/")
    assert_no_sideways_scroll(visitor)
    visitor.field("username").fill(users["coordinator"].username)
    visitor.field("password").fill("wrong password")
    visitor.submit(ui.LOG_IN)
    assert_no_sideways_scroll(visitor)
    visitor.log_in(users["coordinator"].username)
    assert_no_sideways_scroll(visitor)

    # Creates an organisation with the form, at phone size.
    visitor.visit("/councils/koping/organisations/new/")
    assert_no_sideways_scroll(visitor)
    visitor.submit(ui.SAVE)
    assert_no_sideways_scroll(visitor)
    visitor.field("name").fill("Räddningstjänsten Mälardalen")
    visitor.field("short_name").fill("RTMD")
    visitor.field("parent").select_option(label="Köpings kommun")
    visitor.submit(ui.SAVE)
    expect(page.get_by_role("status")).to_contain_text(ui.SAVED)
    organisation_page = page.url.removeprefix(visitor.base_url)

    pages = [
        "/",
        "/councils/koping/",
        "/councils/koping/organisations/",
        "/councils/koping/organisations/?ended=1",
        organisation_page,
        organisation_page + "edit/",
        organisation_page + "end/",
        "/councils/koping/bodies/",
        "/councils/koping/bodies/new/",
        "/councils/koping/people/",
        "/councils/koping/people/new/",
        "/councils/koping/access/",
        "/account/api-tokens/",
        "/tillganglighet/",
        "/integritet/",
    ]
    for path in pages:
        visitor.visit(path)
        assert_no_sideways_scroll(visitor)

    # The body's page with its members, a person's page and a membership's form.
    visitor.visit("/councils/koping/bodies/")
    visitor.follow("Brottsförebyggande rådet", scope=page.get_by_role("main"))
    assert_no_sideways_scroll(visitor)
    members = page.get_by_role("main").get_by_role("table")
    visitor.follow(re.compile("^Roger Eklund$"), scope=members)
    assert_no_sideways_scroll(visitor)
    seats = page.get_by_role("main").get_by_role("table")
    visitor.follow(re.compile(r"^(Edit|Ändra) Roger Eklund"), scope=seats)
    assert_no_sideways_scroll(visitor)


def test_keyboard_user_skips_to_the_content(open_visitor, users, council):
    for options in ({}, PHONE):
        visitor = open_visitor(**options)
        page = visitor.page

        # The login page puts the cursor in the user name field straight away.
        visitor.visit("/login/")
        expect(page.locator("#id_username")).to_be_focused()
        visitor.log_in(users["coordinator"].username)

        for path in ("/", "/councils/koping/organisations/"):
            visitor.visit(path)
            # The first Tab reaches the skip link, which then shows.
            page.keyboard.press("Tab")
            skip = page.get_by_role("link", name=ui.SKIP_TO_CONTENT)
            expect(skip).to_be_focused()
            expect(skip).to_be_in_viewport()

            # Enter moves focus to the main content; the next Tab goes on from there.
            page.keyboard.press("Enter")
            expect(page.get_by_role("main")).to_be_focused()
            page.keyboard.press("Tab")
            focused = page.locator(":focus")
            expect(focused).to_have_count(1)
            assert focused.evaluate("e => document.querySelector('main').contains(e)")
