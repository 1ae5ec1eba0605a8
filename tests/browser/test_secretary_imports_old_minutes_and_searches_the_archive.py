"""The secretary brings in the council's old minutes and finds things in them again; a member
subscribes to the council's meetings in a calendar; the standard agenda items are set up."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from samverkan.demo.loader import SEED
from samverkan.meetings.models import Meeting
from samverkan.organisations import services as org_services
from tests.browser.visitor import Visitor

SEED_FILE = Path(__file__).resolve().parents[2] / "samverkan" / "seeds" / SEED


def test_secretary_imports_old_minutes_and_searches_the_archive(visitor: Visitor, users, council):
    org_services.body_create(
        actor=None, council=council, name="Arbetsutskottet", kind="working_committee"
    )
    page = visitor.page
    main = page.get_by_role("main")
    visitor.log_in(users["secretary"].username)

    # The upload shows what will be saved before anything is.
    visitor.visit("/councils/koping/meetings/")
    visitor.follow("Importera protokoll")
    page.get_by_label("Protokoll eller kallelse").set_input_files(str(SEED_FILE))
    visitor.submit("Läs filen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontrollera importen")
    expect(main).to_contain_text("§ 11 Medborgarlöften 2018, samverkansöverenskommelse 2")
    expect(main).to_contain_text("Arbetsutskottet 2018-08-27")
    assert not Meeting.objects.exists()
    visitor.submit("Importera")
    expect(page.get_by_role("status")).to_contain_text("Protokollet importerades")
    expect(main).to_contain_text("att godkänna slutrapporten om cykelprojektet.")

    # The same file again is refused with a clear message.
    visitor.visit("/councils/koping/meetings/import/")
    page.get_by_label("Protokoll eller kallelse").set_input_files(str(SEED_FILE))
    visitor.submit("Läs filen")
    expect(main).to_contain_text("redan importerad")

    # The archive finds an item by a word in its text, and the register lists the decisions.
    visitor.visit("/councils/koping/meetings/")
    visitor.follow("Sök i arkivet")
    page.get_by_role("searchbox").fill("cykelprojektet")
    visitor.submit("Sök")
    expect(main).to_contain_text("Cykelprojektet - slutrapport")
    visitor.visit("/councils/koping/meetings/")
    visitor.follow("Beslutsregister")
    expect(main.get_by_role("table")).to_contain_text("att godkänna uppföljningen av 2017-års")
    page.get_by_label("Typ").select_option("approved")
    visitor.submit("Filtrera")
    expect(main.get_by_role("table")).not_to_contain_text("att notera informationen")

    # Standard agenda items, from the customary defaults.
    visitor.visit("/councils/koping/meetings/")
    visitor.follow("Standardärenden")
    visitor.submit("Använd de här standardärendena")
    expect(main).to_contain_text("Val av protokolljusterare")

    # A private calendar address for the council's meetings.
    visitor.visit("/councils/koping/meetings/")
    visitor.follow("Kalenderprenumerationer")
    page.get_by_role("button", name="Skapa en privat adress (Brottsförebyggande rådet)").click()
    page.wait_for_load_state()
    visitor.check()
    address = page.get_by_label("Privat adress", exact=False).first.input_value()
    feed = page.request.get(address)
    assert feed.ok
    assert "BEGIN:VCALENDAR" in feed.text()
    assert "DTSTART:20181122T090000Z" in feed.text()  # 10.00 in Stockholm in November
