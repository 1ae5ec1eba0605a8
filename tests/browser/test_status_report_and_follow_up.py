"""The secretary reports on the plan: a status is posted on an activity, the status report for
the next meeting shows the change and is attached to its agenda item in one step, and the
year's follow-up is downloaded as a PDF that holds every activity and every promise."""

from __future__ import annotations

import datetime as dt
import io
import re

from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from samverkan.meetings.models import AgendaItem, Meeting
from samverkan.organisations.models import Body, Organisation
from samverkan.plans.models import Activity, Plan, Promise, PromiseSet
from tests.browser import ui
from tests.browser.documents import fetch_document
from tests.browser.ui import containing, exactly
from tests.browser.visitor import Visitor

REPORT_STATUS = exactly("Report status", "Rapportera status")
REPORT = exactly("Report", "Rapportera")
STATUS_REPORT = exactly("Status report of the plan", "Lägesrapport för genomförandeplanen")
ATTACH = exactly("Attach the status report", "Bifoga lägesrapporten")
ATTACHED = containing("The status report was attached", "Lägesrapporten bifogades")
IN_PROGRESS = containing("In progress", "Pågår")
WRITE_FOLLOW_UP = exactly("Write the summary and outcomes", "Skriv sammanfattning och utfall")
CARRY_OVER = exactly("Carry unfinished activities over", "För över ej avslutade aktiviteter")
CARRIED = containing("3 activities were carried over", "3 aktiviteter fördes över")
FOLLOW_UP_PDF = exactly("Follow-up as PDF", "Uppföljning som PDF")
PROMISES = (
    "Polisen lovar att fotpatrullera i centrum varje helg.",
    "Kommunen lovar bättre belysning vid tio passager.",
)
INTERNAL = re.compile("^(Internal|Intern)")
INTERNAL_NOTE = "Vakten Nils är sjuk i helgen."
ACTIVITIES = (
    "Fotpatrull i centrum fredagar och lördagar",
    "Belysning vid passagerna under Malmabergsvägen",
    "Trygghetsvandring på Nygård med de boende",
)


def test_status_report_and_follow_up(open_visitor, users, council):
    # given a plan for the year of the next meeting, and the council's previous meeting
    today = timezone.localdate()
    body = Body.objects.get(council=council)
    previous = Meeting.objects.create(body=body, date=today - dt.timedelta(days=30))
    upcoming = Meeting.objects.create(body=body, date=today + dt.timedelta(days=14))
    AgendaItem.objects.create(meeting=upcoming, number=1, title="Sammanträdets öppnande")
    item = AgendaItem.objects.create(
        meeting=upcoming, number=2, title="Lägesrapport genomförandeplanen"
    )
    year = upcoming.date.year
    # Signed and published: the follow-up for publication holds only signed promises.
    promise_set = PromiseSet.objects.create(
        council=council, title=f"Medborgarlöften {year}", year=year, status="published"
    )
    promises = [
        Promise.objects.create(promise_set=promise_set, position=i, text=text)
        for i, text in enumerate(PROMISES)
    ]
    plan = Plan.objects.create(
        council=council, title=f"Genomförandeplan {year}", year=year, promise_set=promise_set
    )
    kommun = Organisation.objects.get(council=council, name="Köpings kommun")
    for position, text in enumerate(ACTIVITIES):
        activity = Activity.objects.create(plan=plan, position=position, text=text)
        activity.organisations.add(kommun)
        activity.promises.add(promises[position % 2])
    Activity.objects.filter(plan=plan).update(created_at=timezone.now() - dt.timedelta(days=60))
    patrol = Activity.objects.get(plan=plan, position=0)
    other = Activity.objects.get(plan=plan, position=1)
    assert previous.date < today

    secretary: Visitor = open_visitor()
    page = secretary.page
    main = page.get_by_role("main")
    secretary.log_in(users["secretary"].username)

    # A status is posted on the activity.
    secretary.visit(f"/councils/koping/plans/activities/{patrol.pk}/")
    secretary.follow(REPORT_STATUS, scope=main)
    secretary.field("status").select_option("in_progress")
    secretary.field("note").fill("Första helgen gick bra, tolv kontroller.")
    secretary.submit(REPORT)
    # and an internal note on another, not for the documents that are passed on
    secretary.visit(f"/councils/koping/plans/activities/{other.pk}/")
    secretary.follow(REPORT_STATUS, scope=main)
    secretary.field("status").select_option("in_progress")
    secretary.field("note").fill(INTERNAL_NOTE)
    secretary.field("internal").check()
    secretary.submit(REPORT)

    # The status report for the next meeting shows the change.
    secretary.visit(f"/councils/koping/meetings/{upcoming.pk}/")
    secretary.follow(STATUS_REPORT, scope=main)
    changes = page.locator('section[aria-labelledby="changes-title"]')
    expect(changes.get_by_role("heading", level=2)).to_have_text(
        containing("Changes since the previous meeting", "Förändringar sedan föregående")
    )
    expect(changes).to_contain_text(ACTIVITIES[0])
    expect(changes).to_contain_text(IN_PROGRESS)
    expect(changes).to_contain_text("Första helgen gick bra")

    # Attached to the agenda item in one step: the item about the plan is chosen already.
    expect(secretary.field("item")).to_have_value(str(item.pk))
    secretary.submit(ATTACH)
    expect(page.get_by_role("status")).to_contain_text(ATTACHED)
    secretary.visit(f"/councils/koping/meetings/items/{item.pk}/files/")
    name = f"lagesrapport-brottsforebyggande-radet-{upcoming.date:%Y-%m-%d}.pdf"
    expect(main.get_by_role("link", name=name)).to_be_visible()

    # The follow-up: the summary and the first promise's outcome.
    secretary.visit(f"/councils/koping/plans/{plan.pk}/follow-up/")
    secretary.follow(WRITE_FOLLOW_UP)
    secretary.field("summary").fill("Ett lugnare centrum under helgerna.")
    secretary.field(f"outcome_{promises[0].pk}").fill("Fotpatrull varje helg.")
    secretary.submit(ui.SAVE)
    expect(main).to_contain_text("Fotpatrull varje helg.")

    # The unfinished activities go on into next year's plan.
    secretary.follow(CARRY_OVER)
    secretary.submit(exactly(f"Carry over into {year + 1}", f"För över till {year + 1}"))
    expect(page.get_by_role("status")).to_contain_text(CARRIED)
    assert Activity.objects.filter(plan__year=year + 1, carried_from__plan=plan).count() == 3

    # The year's follow-up, downloaded and read back, holds every activity and promise; as
    # offered first, for publication, without the internal note.
    secretary.visit(f"/councils/koping/plans/{plan.pk}/follow-up/")
    text = _download(secretary, FOLLOW_UP_PDF)
    for expected in (*ACTIVITIES, *PROMISES, "Fotpatrull varje helg."):
        assert expected in text, expected
    assert "Nils" not in text
    # The internal version, chosen, holds it.
    secretary.visit(f"/councils/koping/plans/{plan.pk}/follow-up/")
    page.get_by_role("radio", name=INTERNAL).check()
    assert INTERNAL_NOTE in _download(secretary, FOLLOW_UP_PDF)


def _download(visitor: Visitor, name: re.Pattern[str]) -> str:
    """The follow-up, made by the worker, fetched from its document's page."""
    content = fetch_document(visitor, visitor.page.get_by_role("button", name=name).click)
    pdf = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
