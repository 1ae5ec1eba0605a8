"""The coordinator builds the year's implementation plan: a plan, two activities with their
responsible organisations and due dates, seen in the table and on the board by status."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from samverkan.demo.loader import DEMO_PASSWORD, load_demo
from samverkan.meetings.models import Decision
from samverkan.plans.models import Activity
from tests.browser import ui
from tests.browser.ui import containing, exactly
from tests.browser.visitor import Visitor

PLANS = exactly("Plans", "Planer")
NEW_PLAN = exactly("New plan", "Ny plan")
CREATE_PLAN = exactly("Create the plan", "Skapa planen")
NEW_ACTIVITY = exactly("New activity", "Ny aktivitet")
BOARD = exactly("Board", "Tavla")
TABLE = exactly("Table", "Tabell")
RESPONSIBLE = re.compile(r"^(?:Responsible organisations|Ansvariga organisationer)")
NO_STATUS = containing("No status", "Ingen status")
NOT_STARTED = containing("Not started", "Ej påbörjad")
FROM_DECISION = exactly("Activities from this decision", "Aktiviteter från detta beslut")
TITLE = "Genomförandeplan 2027"
WALK = "Trygghetsvandring på Nygård med boende, polis och KBAB"
PATROL = "Fotpatrull i centrum fredagskvällar under sommaren"


def _add_activity(visitor: Visitor, text: str, organisations: list[str], due: str) -> None:
    page = visitor.page
    visitor.follow(NEW_ACTIVITY)
    visitor.field("text").fill(text)
    group = page.get_by_role("group", name=RESPONSIBLE)
    for name in organisations:
        group.get_by_label(name, exact=True).check()
    visitor.field("due_on").fill(due)
    visitor.submit(ui.SAVE)
    expect(page.get_by_role("main")).to_contain_text(text)
    visitor.follow(TITLE, scope=page.locator(".breadcrumb"))


def test_coordinator_builds_a_plan(open_visitor):
    load_demo()
    coordinator: Visitor = open_visitor()
    page = coordinator.page
    main = page.get_by_role("main")
    coordinator.log_in("samordnare", DEMO_PASSWORD)
    coordinator.visit("/councils/koping-bra/")
    coordinator.follow(PLANS, scope=page.get_by_role("navigation", name=ui.MAIN_MENU))
    expect(main).to_contain_text("Genomförandeplan")

    # A new plan for 2027, serving the citizen promises.
    coordinator.follow(NEW_PLAN)
    coordinator.submit(CREATE_PLAN)
    expect(page.get_by_role("alert")).to_contain_text(ui.REQUIRED)
    coordinator.field("title").fill(TITLE)
    coordinator.field("year").fill("2027")
    coordinator.field("promise_set").select_option(label="Medborgarlöften Köpings kommun 2018")
    coordinator.submit(CREATE_PLAN)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)

    # Two activities, each with its responsible organisations and a due date.
    _add_activity(
        coordinator,
        WALK,
        ["Köpings Bostads AB", "Polisen, lokalpolisområde Västra Mälardalen"],
        "2027-05-31",
    )
    _add_activity(
        coordinator, PATROL, ["Polisen, lokalpolisområde Västra Mälardalen"], "2027-08-31"
    )

    # The table shows both, with who is responsible and when they are due.
    table = page.get_by_role("table")
    expect(table).to_contain_text(WALK)
    expect(table).to_contain_text("KBAB, Polisen")
    expect(table).to_contain_text("2027-05-31")
    expect(table).to_contain_text(PATROL)
    expect(table).to_contain_text("2027-08-31")

    # The board puts both in the column of activities without a status.
    coordinator.follow(BOARD)
    column = page.get_by_role("region", name=NO_STATUS)
    expect(column).to_contain_text(WALK)
    expect(column).to_contain_text(PATROL)
    expect(page.get_by_role("region", name=NOT_STARTED)).not_to_contain_text(WALK)
    coordinator.follow(TABLE)
    expect(page.get_by_role("table")).to_contain_text(PATROL)

    # The activity's page, its form refusing an empty text, and the page to delete it.
    coordinator.follow(exactly(PATROL), scope=page.get_by_role("table"))
    coordinator.follow(ui.EDIT)
    coordinator.field("text").fill("")
    coordinator.submit(ui.SAVE)
    expect(page.get_by_role("alert")).to_contain_text(ui.REQUIRED)
    patrol = Activity.objects.get(text=PATROL)
    coordinator.visit(f"/councils/koping-bra/plans/activities/{patrol.pk}/delete/")
    expect(main).to_contain_text(PATROL)

    # An activity from a decision in the seed's minutes, kept linked to it.
    decision = Decision.objects.filter(item__meeting__body__council__slug="koping-bra").first()
    assert decision is not None
    coordinator.visit(f"/councils/koping-bra/plans/from-decision/{decision.pk}/")
    coordinator.field("plan").select_option(label=TITLE)
    coordinator.submit(ui.SAVE)
    expect(page.get_by_role("heading", name=FROM_DECISION)).to_be_visible()
    assert Activity.objects.get(decision=decision).plan.title == TITLE
