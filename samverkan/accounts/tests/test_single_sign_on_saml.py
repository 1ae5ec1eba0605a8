"""Staff of an organisation whose identity provider speaks only SAML 2.0 (ADFS and the like)
sign in through it: the assertion's address links to the invited login (a configured provider's
assertion counts as verified), nobody signs up, and an AuthnContextClassRef of a multi-factor
kind counts as the second factor where the council allows it.

The provider is real (tests/providers/saml/, pysaml2's IdP on 127.0.0.1). Texts are read in
Swedish, the default language.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client
from django.urls import reverse

from samverkan.accounts.models import Role
from samverkan.accounts.services import council_role_grant, user_create
from tests.providers.running import PROVIDER_PASSWORD

COUNCIL = "/councils/koping/"
# Where a login that must enrol is led: the choice of an app or a passkey.
ENROL = "/account/2fa/"


@pytest.fixture(autouse=True)
def _second_factor_on(settings):
    settings.SECOND_FACTOR_OPTIONAL = False


def hidden_fields(text: str) -> dict[str, str]:
    return {
        name: html.unescape(value)
        for name, value in re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', text)
    }


def sign_in_through_saml(client: Client, provider_user: str):
    client.defaults["HTTP_HOST"] = "testserver"  # as a browser sends it; python3-saml reads it
    start = client.post("/account/saml/polisen/login/")
    assert start.status_code == 302
    browser = requests.Session()
    page = browser.get(start["Location"], timeout=10)
    assert page.status_code == 200
    answer = browser.post(
        page.url.split("?")[0],
        data={**hidden_fields(page.text), "username": provider_user, "password": PROVIDER_PASSWORD},
        timeout=10,
    )
    assert answer.status_code == 200
    found = re.search(r'form method="post" action="([^"]+)"', answer.text)
    assert found is not None
    action = html.unescape(found[1])
    landing = client.post(urlsplit(action).path, hidden_fields(answer.text))
    assert landing.status_code == 302
    return client.get(landing["Location"])


def invited(council, username: str, email: str) -> None:
    user = user_create(actor=None, username=username, password=None, email=email)
    council_role_grant(actor=None, council=council, user=user, role=Role.COORDINATOR)


def test_the_login_page_has_the_saml_providers_button(client, db, sso_saml):
    assert "Logga in med Polisen" in client.get(reverse("account_login")).content.decode()


def test_an_invited_coordinator_signs_in_and_the_multi_factor_context_counts(
    client, council, sso_saml
):
    invited(council, "anna", "anna.sso@koping.se")
    response = sign_in_through_saml(client, "anna")
    assert response.status_code == 302
    assert client.get(COUNCIL).status_code == 200
    assert SocialAccount.objects.get(user__username="anna").provider == "polisen"


def test_a_password_only_context_is_led_to_enrol(client, council, sso_saml):
    invited(council, "cecilia", "cecilia.sso@koping.se")
    sign_in_through_saml(client, "cecilia")
    assert client.get(COUNCIL).url == ENROL


def test_an_address_without_a_login_is_refused(client, council, sso_saml):
    response = sign_in_through_saml(client, "okand")
    assert response.url == reverse("account_login")
    assert "Det finns ingen inloggning här för e-postadressen som Polisen gav" in (
        client.get(response.url).content.decode()
    )
    assert "_auth_user_id" not in client.session


def status_without_host(method: str, path: str) -> int:
    """The status of a request that carries no Host header at all (an HTTP/1.0 client, a
    scanner), sent to the site's WSGI handler as a server would."""
    environ = {
        "REQUEST_METHOD": method.upper(),
        "PATH_INFO": path,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.0",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
    }
    statuses: list[str] = []

    def start_response(
        status: str, headers: list[tuple[str, str]], exc_info: Any = None
    ) -> Callable[[bytes], object]:
        statuses.append(status)
        return lambda data: None

    WSGIHandler()(environ, start_response)
    return int(statuses[0].split()[0])


SAML_ADDRESSES = [
    ("post", "/account/saml/polisen/login/"),
    ("get", "/account/saml/polisen/login/"),
    ("post", "/account/saml/polisen/acs/"),
    ("get", "/account/saml/polisen/acs/finish/"),
    ("get", "/account/saml/polisen/sls/"),
    ("get", "/account/saml/polisen/metadata/"),
]


@pytest.mark.parametrize(("method", "path"), SAML_ADDRESSES)
def test_a_saml_request_without_a_host_header_is_a_bad_request(db, sso_saml, method, path):
    assert status_without_host(method, path) == 400


@pytest.mark.parametrize(("method", "path"), SAML_ADDRESSES)
@pytest.mark.parametrize("host", ["evil.example", "", "a b", "testserver:xx"])
def test_a_saml_request_with_a_bad_host_is_a_bad_request(db, sso_saml, method, path, host):
    response = getattr(Client(raise_request_exception=False), method)(path, HTTP_HOST=host)
    assert response.status_code == 400
