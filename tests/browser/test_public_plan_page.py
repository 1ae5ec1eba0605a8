"""A citizen reads the council's promises and how far they have come: without logging in, on
a page that passes the accessibility check, with nothing internal on it."""

from __future__ import annotations

from playwright.sync_api import expect

from samverkan.organisations.models import Organisation, Person
from samverkan.plans.models import Activity, Plan, Promise, PromiseSet
from samverkan.plans.services.activities import activity_update_status
from tests.browser.ui import exactly
from tests.browser.visitor import Visitor

PROMISES_2026 = exactly("Citizen promises 2026", "Medborgarlöften 2026")
PROMISE = "Polisen och kommunen lovar gemensamt en trygghetsvandring på Nygård."
ACTIVITY = "Trygghetsvandring på Nygård med de boende"
PUBLIC_NOTE = "Vandringen är bokad till den 12 maj."
INTERNAL_NOTE = "Ordningsvakten Nils Nilsson följer med."


def test_public_plan_page(visitor: Visitor, users, council):
    # given a council that publishes, an activity with a lead person and an internal note
    council.publishes = True
    council.save()
    promise_set = PromiseSet.objects.create(
        council=council, title="Medborgarlöften", year=2026, status="published"
    )
    promise = Promise.objects.create(
        promise_set=promise_set, text=PROMISE, parties=["municipality", "police"], joint=True
    )
    Promise.objects.create(promise_set=promise_set, position=1, text="Kommunen lovar belysning.")
    plan = Plan.objects.create(
        council=council, title="Genomförandeplan 2026", year=2026, promise_set=promise_set
    )
    activity = Activity.objects.create(
        plan=plan, text=ACTIVITY, lead=Person.objects.get(name="Roger Eklund")
    )
    activity.organisations.add(Organisation.objects.get(council=council, name="Köpings kommun"))
    activity.promises.add(promise)
    for note, internal, label, figure in (
        (PUBLIC_NOTE, False, "anmälda deltagare", 40),
        (INTERNAL_NOTE, True, "ordningsvakter", 2),
    ):
        activity_update_status(
            actor=users["secretary"],
            activity=activity,
            status="in_progress",
            note=note,
            internal=internal,
            figure_label=label,
            figure=figure,
        )

    # when a citizen opens the index and the year, without logging in
    visitor.visit("/r/koping/medborgarloften/")
    visitor.follow(PROMISES_2026, scope=visitor.page.get_by_role("main"))

    # then the promises, the activity and its public note show, and nothing internal
    main = visitor.page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_contain_text("Köpings kommun")
    expect(main).to_contain_text(PROMISE)
    expect(main).to_contain_text(ACTIVITY)
    expect(main).to_contain_text(PUBLIC_NOTE)
    expect(main).to_contain_text("anmälda deltagare: 40")
    expect(main).not_to_contain_text("Nils Nilsson")
    expect(main).not_to_contain_text("ordningsvakter")
    expect(main).not_to_contain_text("Roger Eklund")
    expect(visitor.page.locator('link[rel="stylesheet"][media="print"]')).to_have_count(1)
