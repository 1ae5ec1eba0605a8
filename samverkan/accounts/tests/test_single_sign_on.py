"""Staff sign in through their organisation's OpenID Connect provider: the first sign-in links to
the login they were invited to by a verified e-mail address, nobody signs up, and a second
factor the provider asserts counts where the council allows it.

The provider is real (tests/providers/oidc/, a django-oauth-toolkit project on 127.0.0.1); the
user types the password on its page through `requests`. Texts are read in Swedish, the default
language.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from samverkan.accounts.models import Role
from samverkan.accounts.services import (
    council_role_grant,
    login_credentials_held,
    second_factor_policy_set,
    user_create,
)
from samverkan.core.models import AuditEvent
from samverkan.organisations.personal_data import person_erase, personal_data_sections
from samverkan.organisations.services import person_create, person_link_user
from tests.providers.running import PROVIDER_PASSWORD

COUNCIL = "/councils/koping/"
# Where a login that must enrol is led: the choice of an app or a passkey.
ENROL = "/account/2fa/"
START = "/account/oidc/testkommun/login/"


@pytest.fixture(autouse=True)
def _second_factor_on(settings):
    settings.SECOND_FACTOR_OPTIONAL = False


def invited(council, username: str, email: str, role: str = Role.COORDINATOR) -> User:
    """A login the coordinator invited: no password anyone knows, a role in the council."""
    user = user_create(actor=None, username=username, password=None, email=email)
    council_role_grant(actor=None, council=council, user=user, role=role)
    return user


def sign_in_through_provider(client: Client, provider_user: str, process: str = "login"):
    """Press the provider's button, type the password on the provider's page, come back."""
    start = client.post(START, {"process": process})
    assert start.status_code == 302
    browser = requests.Session()
    page = browser.get(start["Location"], timeout=10)
    assert page.status_code == 200
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|next)" value="([^"]*)"', page.text))
    typed = browser.post(
        page.url,
        data={
            "csrfmiddlewaretoken": fields["csrfmiddlewaretoken"],
            "next": html.unescape(fields["next"]),
            "username": provider_user,
            "password": PROVIDER_PASSWORD,
        },
        allow_redirects=False,
        timeout=10,
    )
    assert typed.status_code == 302
    authorized = browser.get(urljoin(page.url, typed.headers["Location"]), allow_redirects=False)
    back = urlsplit(authorized.headers["Location"])
    assert back.path == "/account/oidc/testkommun/login/callback/"
    return client.get(f"{back.path}?{back.query}")


def messages_of(client: Client, response) -> str:
    return client.get(response.url).content.decode()


def test_the_login_page_has_a_button_per_provider(client, db, sso_oidc):
    page = client.get(reverse("account_login")).content.decode()
    assert "Logga in med Testkommunen" in page
    assert f'action="{START}' in page


def test_an_invited_coordinator_signs_in_and_the_providers_second_factor_counts(
    client, council, sso_oidc
):
    # given a coordinator invited to the address the provider knows
    anna = invited(council, "anna", "Anna.SSO@koping.se")
    # when she signs in through the provider, which says she used a second factor
    response = sign_in_through_provider(client, "anna")
    # then she is signed in as that login, and no enrolment is asked of her
    assert response.status_code == 302
    assert client.get(COUNCIL).status_code == 200
    assert int(client.session["_auth_user_id"]) == anna.pk
    link = SocialAccount.objects.get(user=anna)
    assert link.provider == "testkommun"
    events = AuditEvent.objects.filter(model="auth.User", object_id=str(anna.pk))
    assert events.filter(changes={"single_sign_on": [None, "testkommun"]}).exists()
    # and only she holds the login's credentials now: her approvals count (four eyes)
    assert events.filter(changes={"credentials": [None, "sso"]}).exists()
    assert login_credentials_held(anna)


def test_a_later_sign_in_uses_the_link_and_roles_stay_in_the_platform(client, council, sso_oidc):
    anna = invited(council, "anna", "anna.sso@koping.se", role=Role.MEMBER)
    sign_in_through_provider(client, "anna")
    client.logout()
    sign_in_through_provider(client, "anna")
    assert int(client.session["_auth_user_id"]) == anna.pk
    assert SocialAccount.objects.filter(user=anna).count() == 1
    assert list(anna.council_roles.values_list("role", flat=True)) == [Role.MEMBER]
    assert not anna.is_staff
    assert not anna.is_superuser


def test_an_address_without_a_login_is_refused_and_told_to_ask_for_an_invitation(
    client, council, sso_oidc
):
    before = User.objects.count()
    response = sign_in_through_provider(client, "okand")
    assert response.status_code == 302
    assert response.url == reverse("account_login")
    page = messages_of(client, response)
    assert "Det finns ingen inloggning här för e-postadressen som Testkommunen gav" in page
    assert "Be rådets samordnare om en inbjudan" in page
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == before
    assert not SocialAccount.objects.exists()


def test_an_address_the_provider_has_not_verified_is_refused(client, council, sso_oidc):
    invited(council, "bo", "bo.sso@koping.se")
    response = sign_in_through_provider(client, "bo")
    assert response.url == reverse("account_login")
    assert "Testkommunen bekräftade inte din e-postadress" in messages_of(client, response)
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.exists()


def test_an_address_whose_domain_entra_id_verified_links(client, council, sso_oidc):
    # Entra ID sends no email_verified; xms_edov says the tenant verified the address's domain.
    david = invited(council, "david", "david.sso@koping.se")
    sign_in_through_provider(client, "david")
    assert int(client.session["_auth_user_id"]) == david.pk


def test_an_address_two_logins_share_links_to_neither(client, council, sso_oidc):
    invited(council, "anna", "anna.sso@koping.se")
    invited(council, "anna2", "anna.sso@koping.se")
    response = sign_in_through_provider(client, "anna")
    assert response.url == reverse("account_login")
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.exists()


def test_a_deactivated_login_is_not_signed_in_through_its_link(client, council, sso_oidc):
    anna = invited(council, "anna", "anna.sso@koping.se")
    sign_in_through_provider(client, "anna")
    client.logout()
    User.objects.filter(pk=anna.pk).update(is_active=False)
    sign_in_through_provider(client, "anna")
    assert "_auth_user_id" not in client.session


def test_a_sign_in_with_a_password_only_is_led_to_enrol(client, council, sso_oidc):
    invited(council, "cecilia", "cecilia.sso@koping.se")
    sign_in_through_provider(client, "cecilia")
    response = client.get(COUNCIL)
    assert response.status_code == 302
    assert response.url == ENROL


def test_a_council_that_does_not_accept_the_providers_second_factor_asks_for_its_own(
    client, council, sso_oidc
):
    invited(council, "anna", "anna.sso@koping.se")
    second_factor_policy_set(
        actor=None,
        council=council,
        roles=[Role.COORDINATOR],
        accepts_provider_second_factor=False,
    )
    sign_in_through_provider(client, "anna")
    assert client.get(COUNCIL).url == ENROL


def test_the_coordinator_chooses_on_the_access_page_and_it_is_audited(
    settings, coordinator_client, council
):
    settings.SECOND_FACTOR_OPTIONAL = True
    page = reverse("accounts:council_access", kwargs={"slug": council.slug})
    assert "En andra faktor vid organisationens inloggning (SSO) räknas" in (
        coordinator_client.get(page).content.decode()
    )
    response = coordinator_client.post(
        page, {"second_factor": "1", "second_factor-roles": [Role.COORDINATOR]}
    )
    assert response.status_code == 302
    policy = council.second_factor_policy
    assert policy.accepts_provider_second_factor is False
    event = AuditEvent.objects.filter(model="accounts.SecondFactorPolicy").latest("pk")
    assert "accepts_provider_second_factor" in event.changes


def test_a_password_sign_in_after_a_providers_in_the_same_browser_asks_for_the_code(
    client, council, users, sso_oidc
):
    # given a provider's sign-in that asserted a second factor, ended
    invited(council, "anna", "anna.sso@koping.se")
    sign_in_through_provider(client, "anna")
    client.post(reverse("account_logout"))
    # when another coordinator signs in with a password in the same browser
    client.post(reverse("account_login"), {"username": "coordinator", "password": PASSWORD})
    # then the provider's statement does not carry over
    assert client.get(COUNCIL).url == ENROL


def test_the_holder_ends_the_link_and_it_is_audited(client, council, sso_oidc):
    # given a linked login with a password of its own (without, allauth keeps its only way in)
    anna = invited(council, "anna", "anna.sso@koping.se", role=Role.MEMBER)
    sign_in_through_provider(client, "anna")
    anna.set_password(PASSWORD)
    anna.save()
    client.force_login(anna)
    link = SocialAccount.objects.get(user=anna)
    # when she ends the link on her connections page
    response = client.post(reverse("socialaccount_connections"), {"account": link.pk})
    assert response.status_code == 302
    assert not SocialAccount.objects.filter(user=anna).exists()
    event = AuditEvent.objects.filter(model="auth.User", object_id=str(anna.pk)).latest("pk")
    assert event.changes == {"single_sign_on": ["testkommun", None]}


def test_a_first_link_switches_off_a_password_whose_chooser_nobody_knows(client, council, sso_oidc):
    # given a login made with a password for the address (typed by someone else than its holder)
    anna = user_create(actor=None, username="anna", password=PASSWORD, email="anna.sso@koping.se")
    council_role_grant(actor=None, council=council, user=anna, role=Role.MEMBER)
    # when its holder first signs in through the provider
    sign_in_through_provider(client, "anna")
    # then the typed password no longer signs in, and the trail says so
    anna.refresh_from_db()
    assert not anna.has_usable_password()
    other = Client()
    other.post(reverse("account_login"), {"username": "anna", "password": PASSWORD})
    assert "_auth_user_id" not in other.session
    assert AuditEvent.objects.filter(
        model="auth.User", object_id=str(anna.pk), changes__password__isnull=False
    ).exists()


def test_erasing_the_person_removes_the_providers_link_and_its_data(client, council, sso_oidc):
    # given a person whose login signs in through the provider
    anna = invited(council, "anna", "anna.sso@koping.se", role=Role.MEMBER)
    person = person_create(actor=None, council=council, name="Anna Sso", email="")
    person_link_user(actor=None, person=person, user=anna)
    sign_in_through_provider(client, "anna")
    assert personal_data_sections(person=person, council=council)[-1]  # collected
    # when the coordinator erases the person
    person_erase(actor=None, person=person, council=council)
    # then the link, with what the provider said of her, is gone, and she cannot sign in by it
    assert not SocialAccount.objects.filter(user=anna).exists()
    sign_in_through_provider(Client(), "anna")
    assert User.objects.get(pk=anna.pk).is_active is False


def test_nobody_links_another_persons_provider_identity_to_a_login_they_hold(
    settings, client, council, users, sso_oidc
):
    settings.SECOND_FACTOR_OPTIONAL = True
    # given the coordinator, signed in, and Anna's identity at the provider (not yet linked)
    invited(council, "anna", "anna.sso@koping.se")
    client.force_login(users["coordinator"])
    # when the coordinator tries to link the provider's identity to her own login (connect)
    sign_in_through_provider(client, "anna", process="connect")
    # then nothing is linked to the coordinator's login
    assert not SocialAccount.objects.filter(user=users["coordinator"]).exists()


def test_the_providers_own_page_before_leaving_renders_in_the_site(client, db, sso_oidc):
    # A link (GET) to a provider's login asks to confirm with a button first (no sign-in by GET).
    page = client.get(START)
    assert page.status_code == 200
    assert "Testkommunen" in page.content.decode()
