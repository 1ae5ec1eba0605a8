"""Staff sign in through their organisation's identity provider: the municipality's OpenID
Connect provider, or the police's SAML 2.0 provider. They type the password on the provider's
page, the provider says it asked for a second factor, so Samverkan asks for no enrolment of its
own, and they land on the council page.

The providers are real (tests/providers/oidc/, django-oauth-toolkit; tests/providers/saml/,
pysaml2's IdP), started on 127.0.0.1 by the test suite.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from samverkan.accounts.models import Role
from samverkan.accounts.services import council_role_grant, user_create
from tests.browser.visitor import Visitor
from tests.providers.running import PROVIDER_PASSWORD, Provider, SamlProvider

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


def test_a_police_member_signs_in_through_the_polices_saml_provider(
    visitor: Visitor, council, settings, live_server, sso_saml: SamlProvider
):
    settings.SECOND_FACTOR_OPTIONAL = False
    # given: the coordinator invited Anna (a coordinator too) by the address the police know
    anna = user_create(actor=None, username="anna", password=None, email="anna.sso@koping.se")
    council_role_grant(actor=None, council=council, user=anna, role=Role.COORDINATOR)
    sso_saml.serve(live_server.url)
    visitor.allow(sso_saml.origin)
    page = visitor.page

    # She presses the police's button and types her password on the police's page.
    visitor.visit("/login/")
    visitor.submit(re.compile(r"^(?:Sign in with|Logga in med) Polisen$"))
    expect(page).to_have_url(re.compile(re.escape(sso_saml.origin) + "/sso"))
    page.locator("#id_username").fill("anna")
    page.locator("#id_password").fill(PROVIDER_PASSWORD)
    visitor.submit(PROVIDERS_BUTTON)
    # The provider hands her back to Samverkan with its signed assertion.
    visitor.submit("Fortsätt till tjänsten")

    # Signed in as Anna, with no enrolment asked (the police asserted a multi-factor sign-in).
    expect(page).not_to_have_url(re.compile("/account/2fa/"))
    visitor.visit("/councils/koping/")
    expect(page).to_have_url(re.compile("/councils/koping/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Brottsförebyggande rådet")
