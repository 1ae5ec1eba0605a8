"""Passkeys and security keys (WebAuthn) count as the second factor; a crafted answer of a
passkey is a form error, never a server error. The ceremony itself, with Chromium's virtual
authenticator, is tests/browser/test_coordinator_enrols_a_passkey.py.

Texts are read in Swedish, the default language.
"""

from __future__ import annotations

import json

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from samverkan.accounts.tests.passkey_device import PasskeyDevice

COUNCIL = "/councils/koping/"
REFUSED = "Nyckelns svar godtogs inte"

# What a crafted browser might send instead of a passkey's answer.
MALFORMED_ANSWERS = [
    "",
    "not json",
    "[]",
    "5",
    "{}",
    json.dumps({"id": "AAAA", "type": "public-key", "response": {}}),  # no rawId
    json.dumps({"id": "AAAA", "rawId": "BBBB", "type": "public-key", "response": {}}),
    json.dumps(
        {
            "id": "AAAA",
            "rawId": "AAAA",
            "type": "public-key",
            "response": {"clientDataJSON": "e30", "attestationObject": "oA"},
        }
    ),
    json.dumps(
        {
            "id": "AAAA",
            "rawId": "AAAA",
            "type": "public-key",
            "response": {
                "clientDataJSON": "e30",
                "authenticatorData": "AAAA",
                "signature": "AAAA",
                "userHandle": "!!",
            },
        }
    ),
    json.dumps({"id": "AAAA", "rawId": "AAAA", "response": 3}),
]


@pytest.fixture(autouse=True)
def _second_factor_on(settings):
    settings.SECOND_FACTOR_OPTIONAL = False


def log_in(username: str) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def enrol(client: Client) -> PasskeyDevice:
    """Add a passkey on the account pages: confirm the password, answer the page's options."""
    device = PasskeyDevice()
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_add_webauthn"))
    answer = device.register(page.context["js_data"]["creation_options"])
    response = client.post(reverse("mfa_add_webauthn"), {"name": "Telefon", "credential": answer})
    # allauth shows the new recovery codes next.
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    return device


def sign_in_with_password(username: str) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    return client


def test_a_login_that_must_enrol_is_offered_a_passkey_beside_the_app(users):
    client = log_in("coordinator")
    assert client.get(COUNCIL).url == reverse("mfa_index")
    page = client.get(reverse("mfa_index")).content.decode()
    assert "Säkerhetsnycklar" in page
    assert reverse("mfa_add_webauthn") in page
    # Adding a key asks for the password again first, as an app does.
    assert client.get(reverse("mfa_add_webauthn")).url.startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    add = client.get(reverse("mfa_add_webauthn"))
    assert add.status_code == 200
    options = add.context["js_data"]["creation_options"]["publicKey"]
    assert options["rp"]["id"] == "testserver"


def test_a_passkey_counts_as_the_second_factor_and_brings_recovery_codes(users):
    # given: the coordinator adds a passkey instead of an app
    client = log_in("coordinator")
    device = enrol(client)
    assert client.get(COUNCIL).status_code == 200
    assert Authenticator.objects.filter(
        user=users["coordinator"], type=Authenticator.Type.RECOVERY_CODES
    ).exists()
    # when: signing in again, the password alone is not enough
    again = sign_in_with_password("coordinator")
    assert again.get(COUNCIL).status_code == 302
    # then: the passkey's answer lets the coordinator in
    page = again.get(reverse("mfa_authenticate"))
    answer = device.sign_in(page.context["js_data"]["request_options"])
    again.post(reverse("mfa_authenticate"), {"credential": answer})
    assert again.get(COUNCIL).status_code == 200


@pytest.mark.parametrize("answer", MALFORMED_ANSWERS)
def test_a_crafted_answer_when_adding_a_passkey_is_a_form_error(users, answer):
    client = log_in("coordinator")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_add_webauthn"))  # the challenge is in the session now

    response = client.post(reverse("mfa_add_webauthn"), {"name": "Min", "credential": answer})

    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert not Authenticator.objects.filter(user=users["coordinator"]).exists()


@pytest.mark.parametrize("answer", MALFORMED_ANSWERS)
def test_a_crafted_answer_of_a_passkey_at_sign_in_is_refused(users, answer):
    # given: a coordinator with a key signs in with the password
    enrol(log_in("coordinator"))
    client = sign_in_with_password("coordinator")
    client.get(reverse("mfa_authenticate"))
    # when: the answer is crafted
    response = client.post(reverse("mfa_authenticate"), {"credential": answer})
    # then: the page says so, and the council stays closed
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert client.get(COUNCIL).status_code == 302


def test_a_crafted_answer_when_confirming_with_a_passkey_is_refused(users):
    client = log_in("coordinator")
    enrol(client)
    # A few: allauth allows only so many confirmations a minute (429 then).
    for answer in ("", "{}", MALFORMED_ANSWERS[5], MALFORMED_ANSWERS[8]):
        client.get(reverse("mfa_reauthenticate_webauthn"))
        response = client.post(reverse("mfa_reauthenticate_webauthn"), {"credential": answer})
        # allauth sends a refused confirmation back with the message
        assert response.status_code == 302
        assert any(REFUSED in str(m) for m in get_messages(response.wsgi_request))


def test_an_answer_for_another_site_is_refused(users):
    client = log_in("coordinator")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_add_webauthn"))
    answer = PasskeyDevice(origin="https://evil.example").register(
        page.context["js_data"]["creation_options"]
    )
    response = client.post(reverse("mfa_add_webauthn"), {"name": "Min", "credential": answer})
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=users["coordinator"]).exists()


def test_the_login_sees_its_keys_in_swedish(users):
    client = log_in("coordinator")
    enrol(client)
    page = client.get(reverse("mfa_list_webauthn")).content.decode()
    assert "Telefon" in page
    assert "Inte använd ännu." in page
    assert "Not used" not in page
