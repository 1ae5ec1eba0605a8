"""A coordinator, who must sign in with a second factor, chooses a passkey instead of an app:
adds it from the second factor's page, signs out, and signs in with the password and the
passkey. The passkey is Chromium's virtual authenticator (WebAuthn over CDP), a platform key
that verifies its user, as a phone's or a laptop's does.

WebAuthn needs a secure context: the live server is reached as http://localhost, and the
relying party is the host the browser asked for (`localhost`). Every step waits on what the
page shows (its address, a heading), never on a time.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import CDPSession, Page, expect

from conftest import PASSWORD
from tests.browser import ui
from tests.browser.visitor import Visitor

COUNCIL = "Brottsförebyggande rådet"


def add_virtual_authenticator(page: Page) -> tuple[CDPSession, str]:
    """A passkey on this browser: resident keys, user verification, presence always given."""
    session = page.context.new_cdp_session(page)
    session.send("WebAuthn.enable", {"enableUI": False})
    added = session.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return session, str(added["authenticatorId"])


def press_and_follow(visitor: Visitor, name: str | re.Pattern[str]) -> None:
    """Press a button whose script asks the passkey and then submits, and check the next page."""
    with visitor.page.expect_navigation():
        visitor.page.get_by_role("button", name=name).click()
    visitor.check()


def test_a_coordinator_adds_a_passkey_and_signs_in_with_it(open_visitor, users, settings):
    settings.SECOND_FACTOR_OPTIONAL = False
    coordinator: Visitor = open_visitor()
    page = coordinator.page
    assert urlsplit(coordinator.base_url).hostname == "localhost", coordinator.base_url
    cdp, authenticator_id = add_virtual_authenticator(page)

    # Signed in with the password, the coordinator is led to choose a second factor.
    coordinator.log_in("coordinator")
    expect(page).to_have_url(re.compile(r"/account/2fa/$"))
    expect(page.get_by_role("heading", level=1, name=ui.TWO_FACTOR)).to_be_visible()

    # She adds a passkey: confirms her password, names the key, and her device makes it.
    keys = page.locator("section").filter(
        has=page.get_by_role("heading", level=2, name=ui.SECURITY_KEYS)
    )
    coordinator.follow(ui.ADD, scope=keys)
    coordinator.field("password").fill(PASSWORD)
    coordinator.submit(ui.CONFIRM)
    expect(page).to_have_url(re.compile(r"/account/2fa/webauthn/add/$"))
    expect(page.get_by_role("heading", level=1, name=ui.ADD_SECURITY_KEY)).to_be_visible()
    coordinator.field("name").fill("Min bärbara dator")
    press_and_follow(coordinator, ui.ADD)

    # allauth shows her recovery codes, for the day the device is lost.
    expect(page).to_have_url(re.compile(r"/account/2fa/recovery-codes/$"))
    expect(page.get_by_role("heading", level=1, name=ui.RECOVERY_CODES)).to_be_visible()
    made = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})
    assert len(made["credentials"]) == 1

    # The council's pages open now.
    coordinator.visit("/councils/koping/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(COUNCIL)

    # She signs out; the password alone no longer lets her in, the passkey does.
    coordinator.submit(ui.LOG_OUT)
    coordinator.log_in("coordinator")
    expect(page).to_have_url(re.compile(r"/account/2fa/authenticate/$"))
    press_and_follow(coordinator, ui.USE_A_SECURITY_KEY)
    expect(page.get_by_role("button", name=ui.LOG_OUT)).to_be_visible()
    coordinator.visit("/councils/koping/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(COUNCIL)

    # Her keys, on the second factor's page, name the one she added.
    coordinator.visit("/account/2fa/webauthn/")
    expect(page.get_by_role("heading", level=1, name=ui.SECURITY_KEYS)).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Min bärbara dator")
