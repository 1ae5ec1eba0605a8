"""The coordinator registers a webhook for the housing company's system, is refused an address in
the server's own network, keeps the secret shown once, sends a test event to a receiver on
127.0.0.1 (which the operator allows here), and sees it delivered in the log; the receiver checks
the signature with that secret."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from samverkan.webhooks.tests.receiver import Receiver, verify
from tests.browser import ui
from tests.browser.visitor import Visitor


@pytest.fixture
def receiver(settings) -> Iterator[Receiver]:
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    found = Receiver()
    yield found
    found.close()


def test_the_coordinator_registers_a_webhook_and_sees_a_test_event_delivered(
    visitor: Visitor, users, council, receiver: Receiver
):
    # The coordinator finds the webhooks from the council's access page.
    visitor.log_in("coordinator")
    visitor.visit("/councils/koping/access/")
    visitor.follow(re.compile("^(Webhooks|Webhooks:)"))
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text("Webhooks")
    visitor.follow(ui.exactly("New webhook", "Ny webhook"))

    # An address in the server's own network is refused, and what was typed stays.
    visitor.field("name").fill("KBAB:s felanmälan")
    visitor.field("url").fill("http://10.0.0.1/hook")
    visitor.page.get_by_role(
        "checkbox", name=ui.exactly("Incident reported", "Händelse rapporterad")
    ).check()
    visitor.submit(ui.SAVE)
    expect(visitor.page.get_by_role("alert")).to_contain_text(
        ui.containing("server's own network", "serverns eget nätverk")
    )
    expect(visitor.field("name")).to_have_value("KBAB:s felanmälan")

    # The receiver's address; the secret is left to be made.
    visitor.field("url").fill(receiver.url)
    visitor.submit(ui.SAVE)
    expect(visitor.page.get_by_role("status")).to_contain_text(
        ui.containing("The webhook was registered", "Webhooken registrerades")
    )
    secret = visitor.page.locator("#webhook-secret").inner_text().strip()
    assert len(secret) >= 40

    # A test event, delivered and logged.
    visitor.submit(ui.exactly("Send a test event", "Skicka en testhändelse"))
    expect(visitor.page.get_by_role("status")).to_contain_text(
        ui.containing("A test event was sent", "En testhändelse skickades")
    )
    row = visitor.page.get_by_role("row").filter(has_text=re.compile("Test event|Testhändelse"))
    expect(row).to_contain_text(re.compile("Delivered|Levererad"))
    expect(row).to_contain_text("200")
    assert len(receiver.received) == 1
    got = receiver.received[0]
    assert got.headers["X-Samverkan-Event"] == "ping"
    assert verify(secret, got.body, got.headers["X-Samverkan-Signature"])

    # The secret was shown once.
    visitor.page.reload()
    visitor.check()
    expect(visitor.page.locator("#webhook-secret")).to_have_count(0)
