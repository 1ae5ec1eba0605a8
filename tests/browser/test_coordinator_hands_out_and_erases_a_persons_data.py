"""A member asks for her data and then to be forgotten: the coordinator hands out everything the
council holds about her, as JSON and PDF, and erases what the law does not keep."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from playwright.sync_api import expect

from conftest import PASSWORD, make_user
from samverkan.organisations import services
from samverkan.organisations.models import Body
from tests.browser import ui
from tests.browser.visitor import Visitor

HAND_OUT = ui.exactly("Hand out personal data", "Lämna ut personuppgifter")
ERASE_DATA = ui.exactly("Erase personal data", "Radera personuppgifter")
ERASE = ui.exactly("Erase", "Radera")
CONFIRM = ui.exactly(
    "I understand that the erasure cannot be undone", "Jag förstår att raderingen inte kan ångras"
)
ERASED = ui.containing("data was erased", "uppgifter raderades")
KEPT = ui.containing("public records", "allmänna handlingar")
TICK_THE_BOX = ui.containing("Tick the box", "Kryssa i rutan")


def test_coordinator_hands_out_and_erases_a_persons_data(
    visitor: Visitor, open_visitor, users, council
):
    # given: Sara sits on the council and has a login of her own
    login = make_user("sara", council, "member")
    sara = services.person_create(
        actor=users["coordinator"],
        council=council,
        name="Sara Lindqvist",
        email="sara.lindqvist@example.se",
        phone="0221-250 00",
    )
    services.person_link_user(actor=users["coordinator"], person=sara, user=login)
    services.membership_create(
        actor=users["coordinator"],
        body=Body.objects.get(council=council),
        person=sara,
        role="member",
        title="Fältsekreterare",
    )
    page = visitor.page
    main = page.get_by_role("main")
    menu = page.get_by_role("navigation", name=ui.MAIN_MENU)
    visitor.log_in(users["coordinator"].username)
    visitor.follow("Brottsförebyggande rådet", scope=main)
    visitor.follow(ui.PEOPLE, scope=menu)
    visitor.follow("Sara Lindqvist", scope=main)

    # Hands out her data: a ZIP with JSON for another system and a PDF to read.
    with page.expect_download() as download:
        main.get_by_role("link", name=HAND_OUT).click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    data = json.loads(archive.read("personal-data.json"))
    assert data["sections"]["person"]["rows"][0]["email"] == "sara.lindqvist@example.se"
    assert data["sections"]["memberships"]["rows"][0]["title"] == "Fältsekreterare"
    assert data["sections"]["login"]["rows"][0]["username"] == "sara"
    assert archive.read("personal-data.pdf").startswith(b"%PDF")

    # Asks to erase: the page says what goes and what the law keeps, and wants a confirmation.
    visitor.follow(ERASE_DATA, scope=main)
    expect(main).to_contain_text(KEPT)
    visitor.submit(ERASE)
    expect(page.get_by_role("alert")).to_contain_text(TICK_THE_BOX)
    page.get_by_role("checkbox", name=CONFIRM).check()
    visitor.submit(ERASE)

    # Her page keeps her name and seat, without the contact details or the erase button.
    expect(page.get_by_role("status")).to_contain_text(ERASED)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sara Lindqvist")
    expect(main).not_to_contain_text("sara.lindqvist@example.se")
    expect(main).not_to_contain_text("0221-250 00")
    expect(main.get_by_role("link", name=ERASE_DATA)).to_have_count(0)
    expect(main.get_by_role("row").filter(has_text="Fältsekreterare")).to_have_count(1)

    # Her login no longer opens.
    sara_visitor = open_visitor()
    sara_visitor.visit("/login/")
    sara_visitor.field("username").fill("sara")
    sara_visitor.field("password").fill(PASSWORD)
    sara_visitor.submit(ui.LOG_IN)
    expect(sara_visitor.page.get_by_role("alert")).to_contain_text(ui.WRONG_PASSWORD)
