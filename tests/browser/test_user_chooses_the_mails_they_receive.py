"""A coordinator who moderates many citizens' reports chooses, on Mitt konto, one summary a day
instead of a mail per report, and no mails of minutes to approve; the choice is kept."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from samverkan.accounts.selectors import mail_choices_of
from tests.browser.ui import exactly
from tests.browser.visitor import Visitor

SAVE = exactly("Save", "Spara")


def test_a_coordinator_chooses_a_daily_summary(open_visitor, users):
    coordinator: Visitor = open_visitor()
    coordinator.log_in("coordinator")

    # The account page leads to the choices, with the defaults set.
    coordinator.visit("/account/")
    coordinator.follow(re.compile("^(E-mail you receive|E-post du får)$"))
    expect(coordinator.field("minutes_approval")).to_be_checked()
    expect(coordinator.field("moderation")).to_have_value("at_once")

    # The coordinator chooses a summary a day and no mails of minutes.
    coordinator.field("moderation").select_option("daily")
    coordinator.field("minutes_approval").uncheck()
    coordinator.submit(SAVE)

    expect(coordinator.page.get_by_role("status")).to_contain_text(
        re.compile("(Your choices of e-mail were saved|Dina val av e-post sparades)")
    )
    expect(coordinator.field("moderation")).to_have_value("daily")
    expect(coordinator.field("minutes_approval")).not_to_be_checked()
    choices = mail_choices_of(users["coordinator"])
    assert (choices.moderation, choices.minutes_approval) == ("daily", False)
