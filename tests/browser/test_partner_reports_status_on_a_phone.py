"""A partner reports from a phone: KBAB's reporter opens the activities of its own
organisation, reports the status of one with a note, and sees the new status in the plan, still
filtered to its own organisation's activities."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from samverkan.demo.loader import DEMO_PASSWORD, load_demo
from tests.browser import ui
from tests.browser.ui import containing, exactly
from tests.browser.visitor import Visitor

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "has_touch": True}
PLANS = exactly("Plans", "Planer")
MENU = exactly("Menu", "Meny")
MINE = exactly("My organisation's activities", "Min organisations aktiviteter")
REPORT = exactly("Report", "Rapportera")
REPORTED = containing("The status was reported", "Statusen rapporterades")
IN_PROGRESS = containing("In progress", "Pågår")
ACTIVITY = "Fortsatt boinflytande verksamhet på Nygård"
NOTE = "Boenderådet har haft två möten; nästa i oktober."
REPORT_ON_IT = re.compile(r"(?:Report status|Rapportera status)\W*Fortsatt boinflytande")


def assert_fits(visitor: Visitor) -> None:
    """No sideways scrolling of the page at 390 px (a wide table scrolls in its own box)."""
    width = visitor.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 391, f"{visitor.page.url} scrolls sideways: {width} px"


def test_partner_reports_status_on_a_phone(open_visitor):
    load_demo()
    partner: Visitor = open_visitor(**PHONE)
    page = partner.page
    main = page.get_by_role("main")
    partner.log_in("kbab", DEMO_PASSWORD)
    partner.visit("/councils/koping-bra/")
    # On a phone the menu is folded behind its button.
    page.get_by_text(MENU, exact=True).click()
    partner.follow(PLANS, scope=page.get_by_role("navigation", name=ui.MAIN_MENU))
    partner.follow(re.compile("Genomförandeplan"), scope=main)
    assert_fits(partner)

    # Only KBAB's activities, each with a way to report on it.
    partner.follow(MINE)
    assert_fits(partner)
    table = page.get_by_role("table")
    expect(table).to_contain_text(ACTIVITY)
    expect(table).not_to_contain_text("Övervakningskamera")
    expect(table.get_by_role("row")).to_have_count(4)  # the header and KBAB's three

    # The status form, made for a thumb.
    partner.follow(REPORT_ON_IT)
    assert_fits(partner)
    partner.field("status").select_option("in_progress")
    partner.field("note").fill(NOTE)
    partner.submit(REPORT)
    assert_fits(partner)

    # Back in the plan, still on its own organisation's activities, the activity shows its new
    # status and the note.
    expect(page.get_by_role("status")).to_contain_text(REPORTED)
    expect(page.get_by_role("link", name=MINE)).to_have_attribute("aria-current", "true")
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(4)
    row = page.get_by_role("row").filter(has_text=ACTIVITY)
    expect(row).to_contain_text(IN_PROGRESS)
    expect(row).to_contain_text(NOTE)
