"""Coordinators and secretaries sign in with a second factor (an app's code) by default; a
council chooses the roles; a login that must and has none is led to enrol first.

Texts are read in Swedish, the default language.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from samverkan.accounts import login_limit
from samverkan.accounts.models import SignIn
from samverkan.accounts.tests.totp_app import totp_code
from samverkan.core.models import AuditEvent

COUNCIL = "/councils/koping/"
ENROL = "/account/2fa/totp/activate/"
# Where a login that must enrol is led: the choice of an app or a passkey.
CHOOSE = "/account/2fa/"


@pytest.fixture(autouse=True)
def _second_factor_on(settings):
    settings.SECOND_FACTOR_OPTIONAL = False


def log_in(username: str) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def enrol(client: Client) -> str:
    """Enrol an app: confirm the password, read the secret the page shows, answer with a code."""
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(ENROL)
    secret = str(client.session["mfa.totp.secret"])
    assert secret in page.content.decode()
    response = client.post(ENROL, {"code": totp_code(secret)})
    assert response.status_code == 302
    return secret


def test_a_coordinator_without_a_second_factor_is_led_to_enrol_first(users):
    client = log_in("coordinator")
    response = client.get(COUNCIL)
    assert response.status_code == 302
    assert response.url == CHOOSE
    page = client.get(CHOOSE).content.decode()
    assert "Autentiseringsapp" in page
    assert "Säkerhetsnycklar" in page
    # Enrolment itself (after confirming the password) stays open.
    assert client.get(ENROL).url.startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.get(ENROL).status_code == 200


def test_a_member_signs_in_with_the_password_alone_by_default(users):
    assert log_in("member").get(COUNCIL).status_code == 200


def test_once_enrolled_the_coordinator_works_and_signs_in_with_a_code(users):
    # given: the coordinator enrols an app
    client = log_in("coordinator")
    secret = enrol(client)
    assert client.get(COUNCIL).status_code == 200
    # when: signing in again, the password alone is not enough
    again = Client()
    response = again.post(
        reverse("accounts:login"), {"username": "coordinator", "password": PASSWORD}
    )
    assert response.url == reverse("mfa_authenticate")
    assert again.get(COUNCIL).status_code == 302
    # then: with the app's code the coordinator is in
    wrong = again.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "Felaktig kod" in wrong.content.decode()
    again.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert again.get(COUNCIL).status_code == 200


def test_the_council_chooses_the_roles_that_must_use_a_second_factor(users, council):
    # given: an enrolled coordinator makes the second factor mandatory for members, not secretaries
    coordinator = log_in("coordinator")
    enrol(coordinator)
    response = coordinator.post(
        "/councils/koping/access/",
        {"second_factor": "1", "second_factor-roles": ["coordinator", "member"]},
    )
    assert response.status_code == 302
    # then
    assert log_in("member").get(COUNCIL).url == CHOOSE
    assert log_in("secretary").get(COUNCIL).status_code == 200
    assert AuditEvent.objects.filter(model="accounts.SecondFactorPolicy").exists()


def test_a_bad_choice_of_roles_changes_nothing(users, council):
    coordinator = log_in("coordinator")
    enrol(coordinator)
    response = coordinator.post(
        "/councils/koping/access/",
        {"second_factor": "1", "second_factor-roles": ["kung"]},
    )
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert log_in("secretary").get(COUNCIL).url == CHOOSE


def test_the_demo_says_on_the_login_page_that_the_second_factor_is_skipped(client, settings):
    settings.SECOND_FACTOR_OPTIONAL = True
    assert "andra faktor" in client.get(reverse("accounts:login")).content.decode()
    settings.SECOND_FACTOR_OPTIONAL = False
    assert "andra faktor" not in client.get(reverse("accounts:login")).content.decode()


def test_a_recovery_code_signs_in_once_when_the_phone_is_lost(users):
    # given: the coordinator enrolled an app and reads the recovery codes on the account pages
    client = log_in("coordinator")
    enrol(client)
    page = client.get(reverse("mfa_view_recovery_codes"))
    assert page.status_code == 200
    codes = re.findall(r"\b[0-9a-f]{8}\b", page.content.decode())
    assert codes
    # when: signing in without the phone, with a recovery code
    again = Client()
    again.post(reverse("accounts:login"), {"username": "coordinator", "password": PASSWORD})
    again.post(reverse("mfa_authenticate"), {"code": codes[0]})
    # then
    assert again.get(COUNCIL).status_code == 200
    # and the same code does not work twice
    third = Client()
    third.post(reverse("accounts:login"), {"username": "coordinator", "password": PASSWORD})
    third.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert third.get(COUNCIL).status_code == 302


def test_wrong_codes_are_logged_and_make_the_login_wait(users, caplog, settings):
    # given: an enrolled coordinator who gave the password
    settings.LOGIN_MAX_FAILURES = 3
    secret = enrol(log_in("coordinator"))
    client = Client()
    client.post(reverse("accounts:login"), {"username": "coordinator", "password": PASSWORD})
    # when: three wrong codes are typed
    caplog.set_level("WARNING", logger="samverkan.security")
    for wrong in ("000000", "111111", "222222"):
        assert (
            "Felaktig kod"
            in client.post(reverse("mfa_authenticate"), {"code": wrong}).content.decode()
        )
    # then: each went to the security log by login name only, never the code
    failed = [r.getMessage() for r in caplog.records if "second factor failed" in r.getMessage()]
    assert failed == ["second factor failed: coordinator"] * 3
    assert not any("111111" in record.getMessage() for record in caplog.records)
    assert (
        SignIn.objects.filter(
            user=users["coordinator"], method="second_factor", outcome="failed"
        ).count()
        == 3
    )
    # and the right code waits now, counted in the database (any process, any restart)
    refused = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert "För många misslyckade försök" in refused.content.decode()
    assert client.get(COUNCIL).status_code == 302
    # and signing in anew with the password does not start the count afresh
    again = Client()
    response = again.post(
        reverse("accounts:login"), {"username": "coordinator", "password": PASSWORD}
    )
    assert "För många misslyckade försök" in response.content.decode()


def test_the_operator_unlock_forgets_wrong_codes(users, settings):
    settings.LOGIN_MAX_FAILURES = 1
    secret = enrol(log_in("coordinator"))
    client = Client()
    client.post(reverse("accounts:login"), {"username": "coordinator", "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert login_limit.second_factor_wait_seconds("coordinator") > 0
    login_limit.unlock("coordinator")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert client.get(COUNCIL).status_code == 200


def test_an_apps_code_from_the_step_before_is_taken_and_older_ones_are_not():
    # A code typed just as the app turned over (or read from a phone a little slow) still
    # works; one from a minute before does not.
    import time

    from allauth.mfa.totp.internal.auth import generate_totp_secret, validate_totp_code

    secret = generate_totp_secret()
    now = time.time()
    assert validate_totp_code(secret, totp_code(secret, at=now - 30))
    assert not validate_totp_code(secret, totp_code(secret, at=now - 95))
