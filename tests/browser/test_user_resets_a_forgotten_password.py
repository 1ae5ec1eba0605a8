"""A secretary has forgotten her password: a one-time link by e-mail lets her choose a new one,
and later she changes it on her account page."""

from __future__ import annotations

import re

from django.contrib.auth.models import User
from django.core import mail
from playwright.sync_api import expect

from conftest import PASSWORD
from tests.browser import ui
from tests.browser.visitor import Visitor

NEW_PASSWORD = "Nytt-lösen-för-2027"  # noqa: S105
NEWER_PASSWORD = "Ännu-ett-lösen-2028"  # noqa: S105


def test_a_forgotten_password_is_reset_by_the_link_in_the_mail(visitor: Visitor, users):
    page = visitor.page
    User.objects.filter(username="secretary").update(email="sekreterare@koping.se")

    # She asks for a link from the login page.
    visitor.visit("/login/")
    visitor.follow(ui.FORGOT_PASSWORD)
    visitor.field("email").fill("sekreterare@koping.se")
    visitor.submit(ui.RESET_MY_PASSWORD)

    # The mail holds a one-time link; she follows it and chooses a new password.
    assert len(mail.outbox) == 1
    found = re.search(r"https?://\S+", str(mail.outbox[0].body))
    assert found is not None
    visitor.visit(found.group(0).removeprefix(visitor.base_url))
    visitor.field("password1").fill(NEW_PASSWORD)
    visitor.field("password2").fill(NEW_PASSWORD)
    visitor.submit(ui.CHANGE_PASSWORD)

    # The old password no longer works; the new one does.
    visitor.log_in("secretary", PASSWORD)
    expect(page.get_by_role("alert")).to_contain_text(ui.WRONG_PASSWORD)
    visitor.log_in("secretary", NEW_PASSWORD)
    expect(page.get_by_role("button", name=ui.LOG_OUT)).to_be_visible()

    # On her account page she changes it again.
    visitor.follow(ui.MY_ACCOUNT)
    visitor.follow(ui.CHANGE_YOUR_PASSWORD)
    visitor.field("oldpassword").fill(NEW_PASSWORD)
    visitor.field("password1").fill(NEWER_PASSWORD)
    visitor.field("password2").fill(NEWER_PASSWORD)
    visitor.submit(ui.CHANGE_PASSWORD)
    visitor.submit(ui.LOG_OUT)
    visitor.log_in("secretary", NEWER_PASSWORD)
    expect(page.get_by_role("button", name=ui.LOG_OUT)).to_be_visible()
