"""A coordinator of the municipality signs in through the municipality's own OpenID Connect
provider: she types her password on the provider's page, the provider says it asked for a
second factor, so Samverkan asks for no enrolment of its own, and she lands on the council page.

The provider is real (tests/providers/oidc/), started on 127.0.0.1 by the test suite.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from samverkan.accounts.models import Role
from samverkan.accounts.services import council_role_grant, user_create
from tests.browser.visitor import Visitor
from tests.providers.running import PROVIDER_PASSWORD, Provider

SIGN_IN_WITH_TESTKOMMUNEN = re.compile(r"^(?:Sign in with|Logga in med) Testkommunen$")
PROVIDERS_BUTTON = "Logga in hos identitetsleverantören"


def test_a_coordinator_signs_in_through_the_municipalitys_provider(
    visitor: Visitor, council, settings, sso_oidc: Provider
):
    settings.SECOND_FACTOR_OPTIONAL = False
    # given: the coordinator invited Anna by the address the municipality's provider knows
    anna = user_create(actor=None, username="anna", password=None, email="anna.sso@koping.se")
    council_role_grant(actor=None, council=council, user=anna, role=Role.COORDINATOR)
    visitor.allow(sso_oidc.origin)
    page = visitor.page

    # She presses her organisation's button on the login page and types her password there.
    visitor.visit("/login/")
    visitor.submit(SIGN_IN_WITH_TESTKOMMUNEN)
    expect(page).to_have_url(re.compile(re.escape(sso_oidc.origin) + "/login/"))
    page.locator("#id_username").fill("anna")
    page.locator("#id_password").fill(PROVIDER_PASSWORD)
    visitor.submit(PROVIDERS_BUTTON)

    # Back in Samverkan, signed in as Anna; no enrolment is asked of her.
    expect(page).not_to_have_url(re.compile("/account/2fa/"))
    visitor.visit("/councils/koping/")
    expect(page).to_have_url(re.compile("/councils/koping/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Brottsförebyggande rådet")
    expect(page.get_by_role("button", name=re.compile("Logga ut|Log out"))).to_be_visible()
