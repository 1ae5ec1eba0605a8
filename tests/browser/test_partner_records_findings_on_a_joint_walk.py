"""The housing company's caretaker walks the council's joint safety walk and records what it
finds on the phone; the coordinator reports the finding as an incident at the walk's start
time, and then also makes a plan activity of it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.utils import timezone
from playwright.sync_api import expect

from samverkan.demo.loader import DEMO_PASSWORD, load_demo
from samverkan.dialogue.models import Finding
from samverkan.incidents.models import Incident
from tests.browser.ui import containing, exactly
from tests.browser.visitor import Visitor

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "has_touch": True}
PLAN_A_WALK = exactly("Plan a safety walk", "Planera en trygghetsvandring")
SAVE = exactly("Save", "Spara")
ADD_FINDING = exactly("Add a finding", "Lägg till en iakttagelse")
SAVE_FINDING = exactly("Save the finding", "Spara iakttagelsen")
REPORT_INCIDENT = exactly("Report as an incident", "Rapportera som händelse")
MAKE_ACTIVITY = exactly("Make a plan activity", "Gör en aktivitet i planen")
ADD_TO_PLAN = exactly("Add to the plan", "Lägg till i planen")


def test_partner_records_findings_on_a_joint_walk(open_visitor):
    load_demo()
    # given: the coordinator plans an evening walk with the housing company
    coordinator: Visitor = open_visitor()
    main = coordinator.page.get_by_role("main")
    coordinator.log_in("samordnare", DEMO_PASSWORD)
    coordinator.visit("/councils/koping-bra/safety-walks/")
    coordinator.follow(PLAN_A_WALK, scope=main)
    coordinator.field("walked_on").fill("2018-11-06")
    coordinator.field("starts_at").fill("18:30")
    coordinator.field("area_text").fill("Nygård, runt Bostads AB:s gårdar")
    coordinator.page.get_by_label("Köpings Bostads AB").check()
    coordinator.submit(SAVE)
    walk_url = urlsplit(coordinator.page.url).path
    expect(main).to_contain_text("18:30")

    # when: the caretaker, on the walk, adds what it sees
    caretaker: Visitor = open_visitor(**PHONE)
    caretaker.log_in("kbab", DEMO_PASSWORD)
    caretaker.visit(walk_url)
    cmain = caretaker.page.get_by_role("main")
    caretaker.follow(ADD_FINDING, scope=cmain)
    caretaker.field("latitude").fill("59.5125")
    caretaker.field("longitude").fill("15.9940")
    caretaker.field("kind").select_option("lighting")
    caretaker.field("description").fill("Trasig lampa vid port 3")
    caretaker.submit(SAVE_FINDING)
    expect(caretaker.page.get_by_role("status")).to_contain_text(containing("was added", "lades"))
    # and it may not remove or take up the finding
    caretaker.visit(walk_url)
    expect(cmain).to_contain_text("Trasig lampa vid port 3")
    expect(cmain.get_by_role("link", name=REPORT_INCIDENT)).to_have_count(0)
    expect(cmain.get_by_role("button", name=containing("Remove", "Ta bort"))).to_have_count(0)

    # then: the coordinator reports it as an incident, at the walk's start time
    coordinator.visit(walk_url)
    coordinator.follow(REPORT_INCIDENT, scope=main)
    expect(main).to_contain_text("2018-11-06 kl. 18:30")
    coordinator.field("category").select_option(index=1)
    coordinator.submit(exactly("Report the incident", "Rapportera händelsen"))
    expect(coordinator.page.get_by_role("status")).to_contain_text(
        containing("reported as an incident", "rapporterades som en händelse")
    )
    finding = Finding.objects.get(description="Trasig lampa vid port 3")
    incident = Incident.objects.get(pk=finding.incident_id)
    assert f"{timezone.localtime(incident.occurred_from):%Y-%m-%d %H:%M}" == "2018-11-06 18:30"
    # and the broken lamp also becomes a measure of the plan, linked from the walk
    coordinator.follow(MAKE_ACTIVITY, scope=main)
    coordinator.field("plan").select_option(index=1)
    coordinator.submit(ADD_TO_PLAN)
    expect(main.get_by_role("link", name=re.compile("Trasig lampa"))).to_be_visible()
    expect(main.get_by_role("link", name=re.compile("Incident no|Händelse nr"))).to_be_visible()
