"""The coordinator invites the housing company's caretaker by e-mail; the caretaker follows the
link, chooses a password nobody else knows, and logs in."""

from __future__ import annotations

import re

from django.core import mail
from playwright.sync_api import expect

from tests.browser import ui
from tests.browser.visitor import Visitor

OWN_PASSWORD = "Vaktmästarens-eget-2026"  # noqa: S105


def test_the_invited_caretaker_sets_their_own_password_and_logs_in(open_visitor, users, council):
    # The coordinator invites by e-mail, typing no password.
    coordinator: Visitor = open_visitor()
    coordinator.log_in("coordinator")
    coordinator.visit("/councils/koping/access/")
    expect(coordinator.page.locator("#id_new-password")).to_have_count(0)
    coordinator.field("username", prefix="new").fill("vaktmastare")
    coordinator.field("email", prefix="new").fill("vaktmastare@bostad.se")
    coordinator.page.get_by_label(re.compile("^(Role|Roll)$")).last.select_option("reporter")
    coordinator.submit(ui.SEND_INVITATION)
    expect(coordinator.page.get_by_role("status")).to_contain_text(ui.INVITATION_SENT)

    # The caretaker reads the mail and follows its link.
    assert [message.to for message in mail.outbox] == [["vaktmastare@bostad.se"]]
    found = re.search(r"https?://\S+", str(mail.outbox[0].body))
    assert found is not None
    caretaker: Visitor = open_visitor()
    caretaker.visit(found.group(0).removeprefix(caretaker.base_url))
    caretaker.field("new_password1").fill(OWN_PASSWORD)
    caretaker.field("new_password2").fill(OWN_PASSWORD)
    caretaker.submit(ui.SET_PASSWORD)

    # The caretaker logs in with the password only they know.
    caretaker.log_in("vaktmastare", OWN_PASSWORD)
    expect(caretaker.page.get_by_role("button", name=ui.LOG_OUT)).to_be_visible()

    # The link is spent.
    caretaker.visit(found.group(0).removeprefix(caretaker.base_url))
    expect(caretaker.page.get_by_role("heading", level=1)).to_have_text(
        re.compile("^(Invitation|Inbjudan)$")
    )
