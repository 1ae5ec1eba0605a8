"""The coordinator and the police member write the year's citizen promises as a private draft,
anchor them (the police member edits a promise and comments), both parties sign them in the
platform, and only then do they reach the public page; a draft deleted on the way never did."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from samverkan.organisations import services as organisations
from tests.browser import ui
from tests.browser.ui import containing, exactly
from tests.browser.visitor import Visitor

PLANS = exactly("Plans", "Planer")
NEW_PROMISES = exactly("New citizen promises", "Nya medborgarlöften")
ADD_PROMISE = exactly("Add a promise", "Lägg till ett löfte")
ADD_SIGNATORY = exactly("Add a signatory", "Lägg till en undertecknare")
TO_ANCHORING = exactly("Send for anchoring", "Skicka på förankring")
TO_SIGNING = exactly("Send for signing", "Skicka för underskrift")
SIGN = exactly("Sign the promises", "Skriv under löftena")
PUBLISH = exactly("Publish", "Publicera")
DELETE_DRAFT = exactly("Delete the draft", "Radera utkastet")
REMOVE = exactly("Remove", "Ta bort")
ADD_COMMENT = exactly("Add the comment", "Lägg till synpunkten")
NOT_PUBLIC = containing("Not public", "Inte offentligt")
NOTHING_PUBLISHED = containing(
    "No citizen promises have been published yet.", "Inga medborgarlöften har publicerats ännu."
)
# "Edit" and, for screen readers, the promise it edits.
EDIT_PROMISE = re.compile(r"^(?:Edit|Ändra)\W+Polisen lovar")
TITLE = "Medborgarlöften 2027"
PROMISE = "Polisen lovar fotpatrull i centrum."
EDITED = "Polisen lovar fotpatrull i centrum fredag och lördag kväll."
ABANDONED = "Kommunen lovar en ny park som aldrig blev av."
COMMENT = "Lokalpolisområdet tillstyrker med fotpatrull två kvällar."


def _create_draft(coordinator: Visitor, title: str, promise: str) -> None:
    main = coordinator.page.get_by_role("main")
    coordinator.visit("/councils/koping/plans/")
    coordinator.follow(NEW_PROMISES)
    coordinator.field("title").fill(title)
    coordinator.field("year").fill("2027")
    coordinator.submit(ui.SAVE)
    expect(main.get_by_role("heading", level=1)).to_have_text(title)
    expect(main).to_contain_text(NOT_PUBLIC)
    coordinator.follow(ADD_PROMISE)
    coordinator.field("text").fill(promise)
    coordinator.submit(ui.SAVE)
    expect(main).to_contain_text(promise)


def _add_signatory(coordinator: Visitor, party: str, person: str, title: str) -> None:
    coordinator.follow(ADD_SIGNATORY)
    coordinator.field("party").select_option(party)
    coordinator.field("person").select_option(label=person)
    coordinator.field("title").fill(title)
    coordinator.submit(ui.SAVE)


def _public_page(citizen: Visitor) -> str:
    citizen.visit("/r/koping/medborgarloften/")
    return citizen.page.get_by_role("main").inner_text()


def test_promises_go_from_a_private_draft_through_both_signatures_to_the_public_page(
    open_visitor, users, council
):
    # given a council that publishes, and the municipality's signatory linked to a login
    council.publishes = True
    council.save(update_fields=["publishes"])
    kommunchef = organisations.person_create(actor=None, council=council, name="Sara Schelin")
    organisations.person_link_user(actor=None, person=kommunchef, user=users["member"])
    coordinator: Visitor = open_visitor()
    citizen: Visitor = open_visitor()
    main = coordinator.page.get_by_role("main")
    coordinator.log_in("coordinator")

    # A draft that is given up and deleted before anyone signs it.
    _create_draft(coordinator, "Löften som inte blev av", ABANDONED)
    assert ABANDONED not in _public_page(citizen)
    coordinator.follow(DELETE_DRAFT)
    coordinator.submit(REMOVE)
    expect(main).not_to_contain_text("Löften som inte blev av")

    # The year's draft, with a signatory for each party.
    _create_draft(coordinator, TITLE, PROMISE)
    _add_signatory(coordinator, "police", "Nils Polisson", "Lokalpolisområdeschef")
    _add_signatory(coordinator, "municipality", "Sara Schelin", "Kommunchef")
    coordinator.submit(TO_ANCHORING)
    public = _public_page(citizen)
    expect(citizen.page.get_by_role("main")).to_contain_text(NOTHING_PUBLISHED)
    assert PROMISE not in public

    # The police member edits the promise and comments while it is anchored.
    police: Visitor = open_visitor()
    police.log_in("police")
    police.visit("/councils/koping/plans/")
    police.follow(exactly(TITLE))
    police.follow(EDIT_PROMISE)
    police.field("text").fill(EDITED)
    police.submit(ui.SAVE)
    police_main = police.page.get_by_role("main")
    expect(police_main).to_contain_text(EDITED)
    police.field("text").fill(COMMENT)
    police.submit(ADD_COMMENT)
    expect(police_main).to_contain_text(COMMENT)
    expect(police_main).to_contain_text("Nils Polisson, Polisen Västra Mälardalen")

    # Out for signing: the police's chief signs; publishing waits for the municipality.
    coordinator.page.reload()
    coordinator.check()
    coordinator.submit(TO_SIGNING)
    police.page.reload()
    police.check()
    police.submit(SIGN)
    coordinator.submit(PUBLISH)
    expect(main).to_contain_text(NOT_PUBLIC)
    assert EDITED not in _public_page(citizen)

    # The municipality's signatory signs as herself; then the coordinator publishes.
    kommun: Visitor = open_visitor()
    kommun.log_in("member")
    kommun.visit(coordinator.page.url.removeprefix(coordinator.base_url))
    kommun.submit(SIGN)
    coordinator.page.reload()
    coordinator.check()
    coordinator.submit(PUBLISH)
    expect(main).not_to_contain_text(NOT_PUBLIC)

    # then the citizen reads the signed promise, and never saw the deleted draft
    citizen.visit("/r/koping/medborgarloften/")
    citizen.follow(containing("2027"), scope=citizen.page.get_by_role("main"))
    expect(citizen.page.get_by_role("main")).to_contain_text(EDITED)
    expect(citizen.page.get_by_role("main")).not_to_contain_text(ABANDONED)
