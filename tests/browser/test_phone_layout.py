"""On a 390 px phone: the menu folds behind a button, long words hyphenate, wide tables scroll in
their own region with the first column kept, and filters fold away; on a wide screen all of it
shows as before. The menu and the filters work without JavaScript."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from samverkan.organisations import services
from samverkan.organisations.models import Organisation
from tests.browser import ui
from tests.browser.ui import exactly
from tests.browser.visitor import Visitor

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "has_touch": True}
WIDE = {"viewport": {"width": 1280, "height": 900}}
MENU = exactly("Menu", "Meny")
ORGANISATIONS = exactly("Organisations", "Organisationer")
MEETINGS_TO_ADD = exactly("Meetings to add", "Sammanträden att lägga till")
SCROLL_HINT = re.compile("(Swipe or scroll sideways|Svep eller rulla i sidled)")
FILTERS = re.compile(r"^(Filters|Filter)")
ONE_IN_USE = re.compile(r"\((1 in use|1 används)\)")
LONG_NAME = "Samverkansöverenskommelsesuppföljningsgruppen"


def fits(visitor: Visitor) -> bool:
    return bool(visitor.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_menu_folds_behind_a_button_on_a_phone(open_visitor, users, council):
    for options in ({**PHONE, "java_script_enabled": False}, PHONE):
        visitor: Visitor = open_visitor(**options)
        page = visitor.page
        visitor.log_in(users["coordinator"].username)
        visitor.visit("/councils/koping/")
        menu = page.get_by_role("navigation", name=ui.MAIN_MENU)
        header = page.get_by_role("banner")
        # Folded: the header is one row, the menu's links are out of sight and out of reach.
        expect(menu.get_by_role("link", name=ORGANISATIONS)).to_be_hidden()
        assert (header.bounding_box() or {"height": 999})["height"] < 80
        # The button opens it, and the menu's links lead on.
        page.get_by_text(MENU, exact=True).click()
        expect(menu.get_by_role("link", name=ORGANISATIONS)).to_be_visible()
        expect(header.get_by_role("button", name=ui.LOG_OUT)).to_be_visible()
        visitor.follow(ORGANISATIONS, scope=menu)
        expect(page.get_by_role("heading", level=1)).to_have_text(ORGANISATIONS)

    # On a wide screen the menu is a row of links and there is no button.
    visitor = open_visitor(**WIDE)
    visitor.log_in(users["coordinator"].username)
    visitor.visit("/councils/koping/")
    menu = visitor.page.get_by_role("navigation", name=ui.MAIN_MENU)
    expect(menu.get_by_role("link", name=ORGANISATIONS)).to_be_visible()
    expect(visitor.page.get_by_text(MENU, exact=True)).to_be_hidden()


def test_long_words_hyphenate_and_wide_tables_scroll_in_their_region(open_visitor, users, council):
    kommun = Organisation.objects.get(council=council, name="Köpings kommun")
    long_one = services.organisation_create(
        actor=None, council=council, name=LONG_NAME, parent=kommun
    )
    visitor: Visitor = open_visitor(**PHONE)
    page = visitor.page
    visitor.log_in(users["coordinator"].username)

    # The page says its language, and the heading breaks the compound instead of the page.
    visitor.visit(f"/councils/koping/organisations/{long_one.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_css("hyphens", "auto")
    box = heading.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= 390
    assert fits(visitor)

    # The schedule's table of fields is wider than the phone: it scrolls in its own named,
    # focusable region under a hint, while the row's number stays in view.
    visitor.visit("/councils/koping/meetings/schedule/")
    region = page.get_by_role("region", name=MEETINGS_TO_ADD)
    expect(region).to_have_attribute("tabindex", "0")
    assert region.evaluate("e => e.scrollWidth > e.clientWidth")
    expect(page.get_by_text(SCROLL_HINT)).to_be_visible()
    first = region.locator("tbody tr").first.locator("th")
    expect(first).to_have_css("position", "sticky")
    # The keyboard scrolls it (the browser may animate the scroll), and the number stays.
    region.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.table-scroll').scrollLeft > 50", timeout=5000
    )
    expect(first).to_be_in_viewport()
    assert fits(visitor)

    # A wide screen shows no hint.
    wide = open_visitor(**WIDE)
    wide.log_in(users["coordinator"].username)
    wide.visit("/councils/koping/meetings/schedule/")
    expect(wide.page.get_by_text(SCROLL_HINT)).to_be_hidden()


def test_filters_fold_away_on_a_phone(open_visitor, users, council):
    for options in ({**PHONE, "java_script_enabled": False}, PHONE):
        visitor: Visitor = open_visitor(**options)
        page = visitor.page
        visitor.log_in(users["coordinator"].username)
        visitor.visit("/councils/koping/meetings/decisions/")
        summary = page.locator("details.filters > summary")
        expect(summary).to_have_text(FILTERS)
        expect(summary).not_to_contain_text(ONE_IN_USE)
        kind = page.locator("#id_kind")
        expect(kind).to_be_hidden()
        summary.click()
        expect(kind).to_be_visible()
        kind.select_option(index=1)
        with page.expect_navigation():
            page.get_by_role("search").get_by_role("button").click()
        visitor.check()
        # Folded again on the next page, saying that one filter is in use.
        expect(summary).to_contain_text(ONE_IN_USE)
        expect(kind).to_be_hidden()

    # A wide screen shows the filter open, with no summary to press.
    visitor = open_visitor(**WIDE)
    visitor.log_in(users["coordinator"].username)
    visitor.visit("/councils/koping/meetings/decisions/")
    expect(visitor.page.get_by_role("search").get_by_role("button")).to_be_visible()
    expect(visitor.page.locator("details.filters > summary")).to_be_hidden()
