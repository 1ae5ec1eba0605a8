"""The operator's console (/admin/): site administrators only; logins deactivated, unlocked and
their second factor reset through services, audited; their last sign-ins shown; the audit
trail across councils; the accessibility feedback inbox; Open311 keys.

Texts are read in Swedish, the default language.
"""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from samverkan.accounts.models import SignIn
from samverkan.core.models import AuditEvent, Feedback
from samverkan.incidents.models import Open311Key
from samverkan.incidents.open311.keys import key_check

LOGINS = "/admin/auth/user/"


@pytest.fixture
def operator(users) -> Client:
    client = Client()
    client.force_login(users["site_admin"])
    return client


def log_in(username: str, password: str = PASSWORD) -> Client:
    client = Client()
    client.post(reverse("accounts:login"), {"username": username, "password": password})
    return client


def act(operator: Client, path: str, action: str, pks: list[int]):
    return operator.post(path, {"action": action, "_selected_action": pks, "index": 0})


@pytest.mark.parametrize("role", ["coordinator", "secretary", "member", "outsider"])
def test_only_site_administrators_reach_the_console(users, role):
    client = Client()
    client.force_login(users[role])
    # a login with the staff flag but not a site administrator gets no further
    users[role].is_staff = True
    users[role].save()
    response = client.get("/admin/", follow=True)
    assert response.status_code == 404
    assert client.get("/admin/core/auditevent/", follow=True).status_code == 404


def test_a_visitor_is_led_to_the_sites_login(client):
    response = client.get("/admin/auth/user/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/admin/auth/user/")


def test_the_console_reads_in_swedish_and_places_the_scheduled_jobs(operator):
    page = operator.get("/admin/").content.decode()
    assert "Schemalagda jobb" in page
    assert 'href="/ops/"' in page
    assert "Inloggningar" in page or "Användare" in page


def test_deactivating_a_login_ends_its_sessions_and_is_audited(operator, users):
    member = log_in("member")
    assert member.get("/account/").status_code == 200
    act(operator, LOGINS, "deactivate", [users["member"].pk])
    assert member.get("/account/").status_code == 302
    users["member"].refresh_from_db()
    assert not users["member"].is_active
    assert AuditEvent.objects.filter(
        model="auth.User", object_id=str(users["member"].pk), changes__has_key="is_active"
    ).exists()


def test_unlocking_lifts_a_lockout_at_any_address(operator, users, settings):
    # given the member locked out by failures typed at one address
    for _ in range(settings.LOGIN_MAX_FAILURES + 1):
        log_in("member", "fel lösenord")
    assert log_in("member").get("/account/").status_code == 302
    # when the operator unlocks the login
    act(operator, LOGINS, "unlock", [users["member"].pk])
    # then the member signs in again, and the unlock is in the trail
    assert log_in("member").get("/account/").status_code == 200
    assert AuditEvent.objects.filter(
        object_id=str(users["member"].pk), changes__has_key="unlocked"
    ).exists()


def test_resetting_the_second_factor_removes_it_audited(operator, users):
    TOTP.activate(users["coordinator"], generate_totp_secret())
    act(operator, LOGINS, "reset_second_factor", [users["coordinator"].pk])
    assert not users["coordinator"].authenticator_set.exists()
    assert AuditEvent.objects.filter(
        object_id=str(users["coordinator"].pk), changes__has_key="second_factor"
    ).exists()


def test_the_last_sign_ins_are_kept_without_password_or_address(operator, users):
    log_in("member", "fel lösenord")
    log_in("member")
    log_in("ingen-sådan", "mitt-hemliga-lösen")
    kept = list(SignIn.objects.values_list("user__username", "outcome", "method"))
    assert ("member", "failed", "password") in kept
    assert ("member", "succeeded", "password") in kept
    assert (None, "failed", "password") in kept
    page = operator.get(f"{LOGINS}{users['member'].pk}/change/").content.decode()
    assert "lyckades" in page
    assert "mitt-hemliga-lösen" not in operator.get("/admin/accounts/signin/").content.decode()


def test_the_logins_list_uses_a_fixed_number_of_queries(operator, users):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert operator.get(LOGINS).status_code == 200
        return len(captured)

    queries()  # the first request of a client loads what later ones have
    few = queries()
    from conftest import make_user

    for i in range(5):
        TOTP.activate(make_user(f"extra{i}"), generate_totp_secret())
    assert queries() == few


def test_the_audit_trail_filters_by_council(operator, council, other_council, users):
    from samverkan.organisations import services

    services.person_create(actor=users["coordinator"], council=council, name="Anna i Köping")
    services.person_create(actor=users["outsider"], council=other_council, name="Bo i Annanstad")
    page = operator.get(f"/admin/core/auditevent/?council={council.pk}").content.decode()
    assert "Anna i Köping" in page
    assert "Bo i Annanstad" not in page
    assert operator.get("/admin/core/auditevent/?council=x'--").status_code == 200


def test_the_audit_trail_cannot_be_changed_in_the_console(operator, users):
    event = AuditEvent.objects.first()
    assert operator.post(f"/admin/core/auditevent/{event.pk}/delete/").status_code == 403
    assert operator.get("/admin/core/auditevent/add/").status_code == 403


def test_feedback_is_forwarded_and_marked_handled_with_who_and_when(
    client, operator, settings, users, django_capture_on_commit_callbacks
):
    settings.FEEDBACK_EMAIL = "tillganglighet@koping.se"
    # given feedback through the statement's form, mailed on once stored
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/tillganglighet/",
            {
                "message": "Kartan går inte att använda med tangentbord.",
                "email": "",
                "page_url": "",
            },
        )
    assert mail.outbox
    assert mail.outbox[-1].to == ["tillganglighet@koping.se"]
    assert "tangentbord" in mail.outbox[-1].body
    feedback = Feedback.objects.get()
    # when the operator reads the inbox and marks it handled
    assert "tangentbord" in operator.get("/admin/core/feedback/").content.decode()
    act(operator, "/admin/core/feedback/", "mark_handled", [feedback.pk])
    # then who and when are recorded and audited
    feedback.refresh_from_db()
    assert feedback.handled_by == users["site_admin"]
    assert feedback.handled_at is not None
    assert AuditEvent.objects.filter(model="core.Feedback", changes__has_key="handled_at").exists()


def test_an_open311_key_is_created_shown_once_and_revoked(operator):
    page = operator.post("/admin/incidents/open311key/add/", {"name": "Felanmälan-appen"})
    assert page.status_code == 200
    key = page.context["new_key"]
    assert key_check(key) is not None
    assert key not in operator.get("/admin/incidents/open311key/").content.decode()
    record = Open311Key.objects.get(name="Felanmälan-appen")
    act(operator, "/admin/incidents/open311key/", "revoke", [record.pk])
    assert key_check(key) is None
    refused = operator.post("/admin/incidents/open311key/add/", {"name": "Felanmälan-appen"})
    assert refused.status_code == 400
    assert 'value="Felanmälan-appen"' in refused.content.decode()
