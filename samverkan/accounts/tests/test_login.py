"""Logging in: attempts are limited, and the language can be switched."""

from __future__ import annotations

from django.test import override_settings
from django.urls import reverse

from conftest import PASSWORD


def login(client, password):
    return client.post(reverse("accounts:login"), {"username": "coordinator", "password": password})


def test_the_right_password_logs_in(client, users):
    assert login(client, PASSWORD).status_code == 302


def test_a_wrong_password_gets_a_clear_message(client, users):
    response = login(client, "fel")
    assert response.status_code == 400
    assert "Ange ett korrekt användarnamn och lösenord" in response.content.decode()


@override_settings(LOGIN_MAX_FAILURES=3)
def test_after_too_many_failures_even_the_right_password_is_refused(client, users):
    for _ in range(3):
        login(client, "fel")
    response = login(client, PASSWORD)
    assert response.status_code == 400
    assert "För många misslyckade försök" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(LOGIN_MAX_FAILURES=3)
def test_the_lockout_is_per_account_not_for_everyone(client, users):
    for _ in range(3):
        login(client, "fel")
    response = client.post(
        reverse("accounts:login"), {"username": "secretary", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_the_interface_switches_to_english_and_back(client, db):
    assert 'lang="sv"' in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert 'lang="en"' in html
    assert "Log in" in html
    client.post("/i18n/setlang/", {"language": "sv", "next": "/"})
    assert "Logga in" in client.get("/").content.decode()


def test_logout_needs_a_post(client, users):
    client.force_login(users["member"])
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_an_english_browser_still_gets_swedish_until_english_is_chosen(client, db):
    html = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).content.decode()
    assert 'lang="sv"' in html


def test_the_api_docs_are_served_from_the_platform_itself(client, db):
    import re

    html = client.get("/api/docs").content.decode()
    for src in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not src.startswith(("http://", "https://", "//")), src


@override_settings(LOGIN_MAX_FAILURES=2, BEHIND_PROXY=True)
def test_behind_the_proxy_one_visitors_failures_do_not_lock_out_the_others(client, users):
    from django.test import Client

    attacker = Client(HTTP_X_FORWARDED_FOR="203.0.113.9")
    for i in range(20):
        attacker.post(reverse("accounts:login"), {"username": f"ingen{i}", "password": "fel"})
    colleague = Client(HTTP_X_FORWARDED_FOR="198.51.100.7")
    response = colleague.post(
        reverse("accounts:login"), {"username": "coordinator", "password": PASSWORD}
    )
    assert response.status_code == 302


@override_settings(LOGIN_MAX_FAILURES=3)
def test_a_stranger_elsewhere_does_not_lock_the_user_out(users):
    from django.test import Client

    # given: someone at another address guesses the coordinator's password many times
    stranger = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(10):
        stranger.post(reverse("accounts:login"), {"username": "coordinator", "password": "fel"})
    assert "För många" in login(stranger, PASSWORD).content.decode()
    # when: the coordinator logs in from the office
    office = Client(REMOTE_ADDR="198.51.100.7")
    # then
    assert login(office, PASSWORD).status_code == 302


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_LOCKOUT_SECONDS=15 * 60)
def test_the_wait_grows_with_each_failure_after_the_free_ones(client, users, monkeypatch):
    import time

    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now)
    # given: the free failures are spent; the first wait is a minute
    for _ in range(3):
        login(client, "fel")
    response = login(client, PASSWORD)
    assert response.status_code == 400
    assert "Vänta 1 minut " in response.content.decode()
    # when: the minute has passed and the next guess is wrong too
    monkeypatch.setattr(time, "time", lambda: now + 61)
    login(client, "fel")
    # then: the wait doubles
    response = login(client, PASSWORD)
    assert "Vänta 2 minuter" in response.content.decode()
    monkeypatch.setattr(time, "time", lambda: now + 61 + 119)
    assert login(client, PASSWORD).status_code == 400
    # and once it has passed, the right password logs in
    monkeypatch.setattr(time, "time", lambda: now + 61 + 121)
    assert login(client, PASSWORD).status_code == 302


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_LOCKOUT_SECONDS=15 * 60)
def test_the_longest_wait_is_the_lockout_setting(client, users, monkeypatch):
    import time

    now = time.time()
    for step in range(12):
        # each guess comes once the previous wait is over
        monkeypatch.setattr(time, "time", lambda step=step: now + step * 901)
        login(client, "fel")
    response = login(client, PASSWORD)
    assert "Vänta 15 minuter" in response.content.decode()


@override_settings(LOGIN_MAX_FAILURES=3)
def test_a_locked_login_stays_locked_after_a_thousand_other_counts(client, users):
    from samverkan.core import ratelimit

    # given
    for _ in range(3):
        login(client, "fel")
    # when: a thousand other logins and addresses are counted (the file cache held 300)
    for i in range(1000):
        ratelimit.record("login-user", f"someone-{i}", window=600)
    # then
    response = login(client, PASSWORD)
    assert response.status_code == 400
    assert "För många misslyckade försök" in response.content.decode()


def test_every_attempt_is_written_to_the_security_log_without_the_password(client, users, caplog):
    caplog.set_level("INFO", logger="samverkan.security")
    login(client, "fel-gissning")
    login(client, PASSWORD)
    records = [r for r in caplog.records if r.name == "samverkan.security"]
    messages = [r.getMessage() for r in records]
    assert len(messages) == 2
    assert "failed" in messages[0]
    assert "coordinator" in messages[0]
    assert "succeeded" in messages[1]
    assert "coordinator" in messages[1]
    for message in messages:
        assert "fel-gissning" not in message
        assert PASSWORD not in message
        assert "127.0.0.1" not in message
