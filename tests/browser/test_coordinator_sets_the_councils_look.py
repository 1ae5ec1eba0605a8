"""A coordinator gives the council its own look: a too light colour is refused with the
contrast it has, a dark one is kept with the logo, name and contact line, and the public notice
board shows them (axe checks every page on the way)."""

from __future__ import annotations

import io
import re

from PIL import Image
from playwright.sync_api import expect

from tests.browser import ui
from tests.browser.visitor import Visitor

LOOK = re.compile(r"^(?:The council's look|Rådets utseende)")


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (90, 30), (26, 82, 118)).save(out, format="PNG")
    return out.getvalue()


def test_coordinator_sets_the_councils_look(visitor: Visitor, users, council):
    page = visitor.page
    main = page.get_by_role("main")
    visitor.log_in(users["coordinator"].username)
    visitor.follow("Brottsförebyggande rådet", scope=main)
    visitor.follow(LOOK, scope=main)

    # A yellow band under white text is refused, and what was typed stays.
    visitor.field("display_name").fill("Trygg i Köping")
    visitor.field("colour").fill("#ffcc00")
    visitor.submit(ui.SAVE)
    expect(page.get_by_role("alert")).to_contain_text("1.5:1")
    expect(visitor.field("display_name")).to_have_value("Trygg i Köping")

    # A dark blue is kept with the logo and the contact line.
    visitor.field("colour").fill("#1a5276")
    visitor.field("contact_line").fill("Köpings kommun, 0221-250 00")
    visitor.field("logo").set_input_files(
        {"name": "logo.png", "mimeType": "image/png", "buffer": _png()}
    )
    visitor.submit(ui.SAVE)
    expect(page.get_by_role("status")).to_contain_text(ui.SAVED)

    # The public notice board carries the name and the logo on the council's colour.
    visitor.visit(f"/r/{council.slug}/anslag/")
    banner = page.locator(".council-banner")
    expect(banner).to_contain_text("Trygg i Köping")
    expect(banner.locator("img")).to_have_js_property("naturalWidth", 90)
    expect(banner).to_have_css("background-color", "rgb(26, 82, 118)")
