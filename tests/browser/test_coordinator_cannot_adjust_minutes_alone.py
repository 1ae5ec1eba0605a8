"""The security review's path, closed: the coordinator invites a login for the named adjuster
to an address of their own, sets its password from the link, links it to the adjuster, sends
the minutes for approval and approves through that login. The approval is refused and the
minutes stay unadjusted; the minutes page says who linked the adjuster's login."""

from __future__ import annotations

import re

from django.core import mail
from playwright.sync_api import expect

from samverkan.demo.loader import seed_text
from samverkan.meetings.services import adjustment
from samverkan.meetings.services.minutes_import import minutes_import
from samverkan.organisations import services as org_services
from tests.browser import ui
from tests.browser.visitor import Visitor

OWN_PASSWORD = "Samordnarens-andra-2026"  # noqa: S105


def test_the_coordinator_cannot_adjust_minutes_alone(open_visitor, users, council):
    # given minutes naming Andreas Trygg as adjuster, who has no login yet
    meeting, _plan = minutes_import(
        actor=None, council=council, data=seed_text().encode(), filename="seed.txt"
    )
    org_services.person_create(actor=None, council=council, name="Andreas Trygg")

    # The coordinator invites a login for the adjuster to their own address, linked to him.
    coordinator: Visitor = open_visitor()
    coordinator.log_in("coordinator")
    coordinator.visit("/councils/koping/access/")
    coordinator.field("username", prefix="new").fill("andreas")
    coordinator.field("email", prefix="new").fill("samordnaren@koping.se")
    coordinator.page.get_by_label(re.compile("^(Role|Roll)$")).last.select_option("member")
    coordinator.field("person", prefix="new").select_option(label="Andreas Trygg")
    coordinator.submit(ui.SEND_INVITATION)

    # ... sets the login's password from the mail that came to them ...
    found = re.search(r"https?://\S+", str(mail.outbox[-1].body))
    assert found is not None
    coordinator.visit(found.group(0).removeprefix(coordinator.base_url))
    coordinator.field("new_password1").fill(OWN_PASSWORD)
    coordinator.field("new_password2").fill(OWN_PASSWORD)
    coordinator.submit(ui.SET_PASSWORD)

    # ... sends the minutes for approval ...
    coordinator.visit(f"/councils/koping/meetings/{meeting.pk}/edit/")
    coordinator.submit(ui.exactly("Send for approval", "Skicka till justering"))
    expect(coordinator.page.locator(".approvers")).to_contain_text(
        re.compile("(Login linked by|Inloggningen kopplad av) coordinator")
    )

    # ... and approves as the adjuster through that login.
    adjuster: Visitor = open_visitor()
    adjuster.log_in("andreas", OWN_PASSWORD)
    adjuster.visit(f"/councils/koping/meetings/{meeting.pk}/")
    adjuster.submit(re.compile("^(Approve as|Godkänn som) "))

    # then the approval is refused, and the minutes are not adjusted
    expect(adjuster.page.locator("main")).to_contain_text(
        re.compile("(the one who sent the minutes|den som skickade protokollet)")
    )
    assert adjustment.minutes_state(meeting) == "awaiting_approval"
