"""The whole meeting cycle in Chromium: a year's schedule, the agenda, the notice by e-mail,
attendance, minutes, adjustment by the chosen adjuster, the notice board, the public minutes,
and the PDF read back."""

from __future__ import annotations

import io
from pathlib import Path

from django.core import mail
from playwright.sync_api import expect
from pypdf import PdfReader

from conftest import make_user
from samverkan.meetings.models import AgendaItem, Meeting
from samverkan.organisations import services as org_services
from samverkan.organisations.models import Body
from tests.browser.visitor import Visitor

DECISION = "Brottsförebyggande rådet beslutar att notera informationen till protokollet."


def test_secretary_runs_the_meeting_cycle(open_visitor, users, council):
    # given a council that publishes, and an adjuster with a login of his own
    council.publishes = True
    council.save()
    au = org_services.body_create(
        actor=None, council=council, name="Arbetsutskottet", kind="working_committee"
    )
    rådet = Body.objects.get(council=council, kind="council")
    andreas = make_user("andreas", council, "member")
    person = org_services.person_create(actor=None, council=council, name="Andreas Trygg")
    org_services.person_link_user(actor=None, person=person, user=andreas)

    secretary: Visitor = open_visitor()
    page = secretary.page
    main = page.get_by_role("main")
    secretary.log_in(users["secretary"].username)
    secretary.follow("Brottsförebyggande rådet", scope=main)
    secretary.follow("Sammanträden", scope=page.get_by_role("navigation", name="Huvudmeny"))

    # A year's schedule: the working committee and the council side by side.
    secretary.follow("Lägg in en sammanträdesplan")
    rows = [
        (rådet, "2026-12-03", "10:00", "12:00"),
        (au, "2027-01-25", "08:30", "10:30"),
    ]
    for i, (body, day, start, end) in enumerate(rows):
        page.locator(f"#id_rows-{i}-body").select_option(str(body.pk))
        page.locator(f"#id_rows-{i}-date").fill(day)
        page.locator(f"#id_rows-{i}-start_time").fill(start)
        page.locator(f"#id_rows-{i}-end_time").fill(end)
        page.locator(f"#id_rows-{i}-place").fill("Rådhuset")
    secretary.submit("Lägg till sammanträdena")
    expect(main.get_by_role("table", name="Januari 2027")).to_contain_text("2027-01-25")

    # The agenda.
    secretary.follow("2026-12-03", scope=main)
    secretary.follow("Föredragningslista, närvaro och protokoll")
    for title in (
        "Sammanträdets öppnande",
        "Val av protokolljusterare",
        "Information från kommunen",
    ):
        secretary.field("title", prefix="item").fill(title)
        secretary.submit("Lägg till ärende")
    secretary.field("title", prefix="item").fill("Kameraplatser")
    secretary.field("not_for_publication", prefix="item").check()
    secretary.submit("Lägg till ärende")
    expect(main).to_contain_text("§ 4 Kameraplatser")

    # The notice goes out by e-mail to the members, with the agenda as PDF.
    meeting = Meeting.objects.get(body=rådet, date="2026-12-03")
    secretary.visit(f"/councils/koping/meetings/{meeting.pk}/")
    secretary.follow("Kallelse och utskick")
    expect(main).to_contain_text("Kameraplatser")
    secretary.submit("Skicka kallelsen")
    expect(page.get_by_role("status")).to_contain_text("Kallelsen skickades till 1 adress")
    assert mail.outbox[-1].subject == "Kallelse: Brottsförebyggande rådet 2026-12-03"
    assert mail.outbox[-1].attachments[0][2] == "application/pdf"
    secretary.visit(f"/councils/koping/meetings/{meeting.pk}/edit/")

    # The meeting is held: attendance, ticked on the spot.
    secretary.submit("Markera som genomfört")
    secretary.submit("Lista organets ledamöter")
    expect(page.get_by_role("group", name="Roger Eklund Köpings kommun")).to_be_visible()
    page.get_by_role("group", name="Roger Eklund Köpings kommun").get_by_label(
        "närvarande", exact=True
    ).check()
    secretary.submit("Spara närvaro")
    secretary.field("name", prefix="guest").fill("Lena Nyman")
    secretary.field("affiliation", prefix="guest").fill("ANDT-samordnare, Länsstyrelsen")
    secretary.submit("Lägg till gäst")

    # The minutes: a decision and the signature block.
    item = AgendaItem.objects.get(meeting=meeting, number=3)
    camera = AgendaItem.objects.get(meeting=meeting, number=4)
    page.get_by_text("Lägg till ett beslut i § 3").click()
    secretary.field("text", prefix=f"decision-{item.pk}").fill(DECISION)
    secretary.submit("Lägg till beslut")
    page.get_by_text("Lägg till ett beslut i § 4").click()
    secretary.field("text", prefix=f"decision-{camera.pk}").fill(
        "Brottsförebyggande rådet beslutar att godkänna kameraplatserna vid Nygårdsskolan."
    )
    secretary.submit("Lägg till beslut")
    secretary.field("secretary", prefix="signatures").fill("Kajsa Landström")
    secretary.field("chair", prefix="signatures").fill("Roger Eklund")
    secretary.field("adjusters", prefix="signatures").fill("Andreas Trygg")
    secretary.submit("Spara underskrifterna")
    secretary.submit("Skicka till justering")
    expect(main).to_contain_text("inte godkänt ännu")

    # The adjuster approves the exact content.
    adjuster: Visitor = open_visitor()
    adjuster.log_in("andreas")
    adjuster.visit(f"/councils/koping/meetings/{meeting.pk}/")
    expect(adjuster.page.get_by_role("main")).to_contain_text(DECISION)
    adjuster.submit("Godkänn som justerare")
    expect(adjuster.page.get_by_role("status")).to_contain_text("Ditt godkännande registrerades")

    # The notice board and the public minutes, for anyone, with the secret item masked.
    citizen: Visitor = open_visitor()
    citizen.visit("/r/koping/anslag/")
    board = citizen.page.get_by_role("main")
    expect(board).to_contain_text("2026-12-03")
    expect(board).to_contain_text("Anslaget nedtas")
    # the council advises: nobody is told to appeal what it cannot have decided
    expect(board).to_contain_text("rådgivande organ")
    expect(board).not_to_contain_text("överklaga ett beslut")
    citizen.follow("Läs protokollet från Brottsförebyggande rådet 2026-12-03")
    public = citizen.page.get_by_role("main")
    expect(public).to_contain_text(DECISION)
    expect(public).to_contain_text("§ 4 Kameraplatser")
    expect(public).not_to_contain_text("Nygårdsskolan")

    # The PDF, downloaded and read back, holds every item and decision.
    secretary.visit(f"/councils/koping/meetings/{meeting.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Protokoll som PDF").click()
    pdf = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    for expected in (
        "1. Sammanträdets öppnande",
        "2. Val av protokolljusterare",
        "3. Information från kommunen",
        "4. Kameraplatser",
        "att notera informationen till protokollet.",
        "att godkänna kameraplatserna vid Nygårdsskolan.",
        "Lena Nyman",
        "Justerat",
    ):
        assert expected in text, expected
