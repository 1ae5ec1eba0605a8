"""The coordinator tidies the themes of the demo's citizen dialogue in Chromium: reads each
theme with its number of inputs, is refused a name another theme has (in other letters, with
what was typed kept), renames a theme and merges another into it; the viewer reads the list
without the links to change it. Every page is checked with axe."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, expect

from samverkan.demo.loader import DEMO_PASSWORD, load_demo
from samverkan.dialogue.models import DialogueInput, Theme
from tests.browser.ui import ERROR_SUMMARY, containing, exactly
from tests.browser.visitor import Visitor

THEMES = exactly("Themes", "Teman")
RENAME = exactly("Rename", "Byt namn")
MERGE = exactly("Merge", "Slå ihop")
# The links of a row say which theme they change (the theme's name is read out after them).
RENAME_LINK = re.compile(r"^(?:Rename|Byt namn) ")
MERGE_LINK = re.compile(r"^(?:Merge|Slå ihop) ")
RENAMED = containing("The theme was renamed", "Temat har bytt namn")
MERGED = containing("was merged into", "slogs ihop med")


def _row(main: Locator, theme: str) -> Locator:
    return main.get_by_role("row").filter(has=main.page.get_by_role("cell", name=theme, exact=True))


def test_coordinator_tidies_dialogue_themes(open_visitor):
    # given the demo: the dialogue of 16 May 2018 with inputs under three themes
    load_demo()
    coordinator: Visitor = open_visitor()
    page = coordinator.page
    main = page.get_by_role("main")
    coordinator.log_in("samordnare", DEMO_PASSWORD)
    coordinator.visit("/councils/koping-bra/dialogues/")
    coordinator.follow(THEMES, scope=main)
    expect(_row(main, "Otrygghet i centrum")).to_contain_text("2")
    expect(_row(main, "Skolgårdar efter skoltid")).to_contain_text("1")

    # A name another theme has, in other letters, is refused and the typed name kept.
    coordinator.follow(RENAME_LINK, scope=_row(main, "Skolgårdar efter skoltid"))
    coordinator.field("name").fill("otrygghet i CENTRUM")
    coordinator.submit(RENAME)
    expect(main.get_by_role("alert")).to_contain_text(ERROR_SUMMARY)
    expect(coordinator.field("name")).to_have_value("otrygghet i CENTRUM")

    # Renamed, the list shows the new name.
    coordinator.field("name").fill("Skolgårdar på kvällen")
    coordinator.submit(RENAME)
    expect(page.get_by_role("status")).to_contain_text(RENAMED)
    expect(_row(main, "Skolgårdar på kvällen")).to_contain_text("1")

    # The vandalism at schools is merged into it: its input moves, the theme goes.
    coordinator.follow(MERGE_LINK, scope=_row(main, "Skadegörelse på skolor"))
    coordinator.field("into").select_option(label="Skolgårdar på kvällen")
    coordinator.submit(MERGE)
    expect(page.get_by_role("status")).to_contain_text(MERGED)
    expect(_row(main, "Skolgårdar på kvällen")).to_contain_text("2")
    expect(_row(main, "Skadegörelse på skolor")).to_have_count(0)
    assert not Theme.objects.filter(name="Skadegörelse på skolor").exists()
    assert DialogueInput.objects.filter(theme__name="Skolgårdar på kvällen").count() == 2

    # The viewer reads the themes, without the links to change them.
    viewer: Visitor = open_visitor()
    viewer.log_in("betraktare", DEMO_PASSWORD)
    viewer.visit("/councils/koping-bra/dialogues/themes/")
    viewer_main = viewer.page.get_by_role("main")
    expect(_row(viewer_main, "Skolgårdar på kvällen")).to_be_visible()
    expect(viewer_main.get_by_role("link", name=RENAME_LINK)).to_have_count(0)
    expect(viewer_main.get_by_role("link", name=MERGE_LINK)).to_have_count(0)
