"""A new secretary is invited, chooses her own password, is led to choose a second factor
before anything else, enrols an authenticator app, and from then on signs in with the app's code."""

from __future__ import annotations

import re

from django.core import mail
from playwright.sync_api import expect

from samverkan.accounts.tests.totp_app import totp_code
from tests.browser import ui
from tests.browser.visitor import Visitor

OWN_PASSWORD = "Blå-kaffekopp-vid-älven-7"  # noqa: S105


def test_invitation_own_password_app_enrolment_and_sign_in_with_a_code(
    open_visitor, users, council, settings
):
    settings.SECOND_FACTOR_OPTIONAL = False

    # The site administrator (who needs no second factor here) invites her as secretary.
    admin: Visitor = open_visitor()
    admin.log_in("admin")
    admin.visit("/councils/koping/access/")
    admin.field("username", prefix="new").fill("sekreterare2")
    admin.field("email", prefix="new").fill("sekreterare2@koping.se")
    admin.page.locator("#id_new-role").select_option("secretary")
    admin.submit(ui.SEND_INVITATION)
    found = re.search(r"https?://\S+", str(mail.outbox[0].body))
    assert found is not None

    # She chooses her own password by the link, and logs in.
    secretary: Visitor = open_visitor()
    page = secretary.page
    secretary.visit(found.group(0).removeprefix(secretary.base_url))
    secretary.field("new_password1").fill(OWN_PASSWORD)
    secretary.field("new_password2").fill(OWN_PASSWORD)
    secretary.submit(ui.SET_PASSWORD)
    secretary.log_in("sekreterare2", OWN_PASSWORD)

    # Before anything else she must choose a second factor (an app or a passkey). She takes
    # an app: she confirms her password, and the page shows the secret her app reads (from
    # the QR code) and asks for its code.
    expect(page).to_have_url(re.compile(r"/account/2fa/$"))
    app = page.locator("section").filter(
        has=page.get_by_role("heading", level=2, name=ui.AUTHENTICATOR_APP)
    )
    secretary.follow(ui.ACTIVATE, scope=app)
    secretary.field("password").fill(OWN_PASSWORD)
    secretary.submit(ui.CONFIRM)
    expect(page).to_have_url(re.compile("/account/2fa/totp/activate/"))
    secret = page.locator("#authenticator_secret").input_value()
    secretary.field("code").fill(totp_code(secret))
    secretary.submit(ui.ACTIVATE)

    # The council's pages open now.
    secretary.visit("/councils/koping/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Brottsförebyggande rådet")

    # She signs out; the password alone no longer lets her in, the app's code does.
    secretary.submit(ui.LOG_OUT)
    secretary.log_in("sekreterare2", OWN_PASSWORD)
    expect(page).to_have_url(re.compile("/account/2fa/authenticate/"))
    secretary.field("code").fill(totp_code(secret))
    secretary.submit(ui.SIGN_IN)
    expect(page.get_by_role("button", name=ui.LOG_OUT)).to_be_visible()
    secretary.visit("/councils/koping/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Brottsförebyggande rådet")
