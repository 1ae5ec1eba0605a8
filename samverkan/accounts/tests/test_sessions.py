"""A login's own sessions on Mitt konto: each device and browser, when it was last seen, no
address; ending one or all others; deactivating a login ends its sessions at once.

Texts are read in Swedish, the default language.
"""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from samverkan.accounts import services
from samverkan.core.models import AuditEvent

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
SESSIONS = "/account/sessions/"


def log_in(username: str, user_agent: str, address: str) -> Client:
    client = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address)
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def signed_in(client: Client) -> bool:
    return client.get("/account/").status_code == 200


def test_a_user_sees_each_browser_and_when_without_the_address(users):
    # given the member signed in on a computer and on a phone
    computer = log_in("member", FIREFOX, "203.0.113.57")
    log_in("member", IPHONE, "198.51.100.23")
    # when they open their sessions from the computer
    page = computer.get(SESSIONS).content.decode()
    # then both are listed by browser and device, this one marked, and no address is shown
    assert "Firefox på Windows" in page
    assert "Safari på iPhone" in page
    assert "Den här sessionen" in page
    assert "203.0.113" not in page
    assert "198.51.100" not in page
    assert computer.get("/account/").content.decode().count(SESSIONS) >= 1


def test_a_user_ends_another_session(users):
    computer = log_in("member", FIREFOX, "203.0.113.57")
    phone = log_in("member", IPHONE, "198.51.100.23")
    from allauth.usersessions.models import UserSession

    on_phone = UserSession.objects.get(user=users["member"], user_agent=IPHONE)
    response = computer.post(SESSIONS, {"end": on_phone.pk})
    assert response.status_code == 302
    assert not signed_in(phone)
    assert signed_in(computer)
    assert AuditEvent.objects.filter(
        model="auth.User", object_id=str(users["member"].pk), changes__has_key="sessions_ended"
    ).exists()


def test_a_user_ends_all_other_sessions(users):
    computer = log_in("member", FIREFOX, "203.0.113.57")
    phone = log_in("member", IPHONE, "198.51.100.23")
    tablet = log_in("member", IPHONE, "198.51.100.24")
    computer.post(SESSIONS, {"end_others": "1"})
    assert not signed_in(phone)
    assert not signed_in(tablet)
    assert signed_in(computer)


def test_another_logins_session_cannot_be_ended(users):
    member = log_in("member", FIREFOX, "203.0.113.57")
    secretary = log_in("secretary", FIREFOX, "203.0.113.58")
    from allauth.usersessions.models import UserSession

    theirs = UserSession.objects.get(user=users["secretary"])
    assert member.post(SESSIONS, {"end": theirs.pk}).status_code == 404
    assert member.post(SESSIONS, {"end": "x' or 1=1"}).status_code == 404
    assert signed_in(secretary)


def test_deactivating_a_login_ends_its_sessions_at_once(users):
    phone = log_in("member", IPHONE, "198.51.100.23")
    services.user_deactivate(actor=users["site_admin"], user=users["member"], council_id=None)
    assert not signed_in(phone)
    users["member"].refresh_from_db()
    assert not users["member"].is_active


def test_revoking_a_role_ends_the_logins_sessions(users, council):
    phone = log_in("member", IPHONE, "198.51.100.23")
    coordinator = Client()
    coordinator.force_login(users["coordinator"])
    role = users["member"].council_roles.get(council=council)
    coordinator.post(f"/councils/koping/access/{role.pk}/revoke/")
    assert not signed_in(phone)


def test_the_sessions_page_uses_a_fixed_number_of_queries(users):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(client: Client) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(SESSIONS).status_code == 200
        return len(captured)

    first = log_in("member", FIREFOX, "203.0.113.1")
    few = queries(first)
    for i in range(5):
        log_in("member", IPHONE, f"203.0.113.{i + 2}")
    assert queries(first) == few


def test_a_session_is_seen_again_after_a_while_without_a_query_on_every_page(users, monkeypatch):
    import time

    from allauth.usersessions.models import UserSession

    from samverkan.accounts import session_activity

    computer = log_in("member", FIREFOX, "203.0.113.57")
    first = UserSession.objects.get(user=users["member"]).last_seen_at
    computer.get("/account/")
    assert UserSession.objects.get(user=users["member"]).last_seen_at == first
    later = time.time() + session_activity.SEEN_EVERY_SECONDS + 1
    monkeypatch.setattr(session_activity.time, "time", lambda: later)
    computer.get("/account/")
    assert UserSession.objects.get(user=users["member"]).last_seen_at > first
