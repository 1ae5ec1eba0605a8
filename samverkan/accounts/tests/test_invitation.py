"""The coordinator invites a person by e-mail to a role; the person sets their own password.

Nobody but the person ever knows it: the coordinator types no password. Texts are read in
Swedish, the default language.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from samverkan.accounts.models import CouncilRole
from samverkan.core.models import AuditEvent
from samverkan.organisations.models import Person

ACCESS = "/councils/koping/access/"
OWN_PASSWORD = "Mitt-eget-lösen-2026"  # noqa: S105


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """Send an invitation from the access page; its mail goes once the transaction commits."""

    def send(client, **fields):
        data = {"create": "1", "new-username": "vakt", "new-email": "vakt@bostad.se"}
        data.update({f"new-{key}": value for key, value in fields.items()})
        data.setdefault("new-role", "reporter")
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(ACCESS, data)

    return send


def invitation_link():
    assert len(mail.outbox) == 1
    found = re.search(r"https?://\S+", str(mail.outbox[0].body))
    assert found is not None
    return found.group(0).removeprefix("http://testserver")


def log_in(client, password, username="vakt"):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_the_access_page_asks_for_no_password(coordinator_client, council):
    html = coordinator_client.get(ACCESS).content.decode()
    assert 'name="new-password"' not in html
    assert 'name="new-email"' in html


def test_the_coordinator_invites_a_person_by_email_to_a_role(coordinator_client, council, invite):
    # when
    response = invite(coordinator_client)
    # then: the login exists with its role, and no password anyone knows
    assert response.status_code == 302
    user = User.objects.get(username="vakt")
    assert not user.has_usable_password()
    assert CouncilRole.objects.get(user=user, council=council).role == "reporter"
    # and the invitation went to the person, naming the user name
    assert mail.outbox[0].to == ["vakt@bostad.se"]
    assert "vakt" in mail.outbox[0].body
    assert "Brottsförebyggande rådet" in mail.outbox[0].body


def test_the_person_sets_their_own_password_and_logs_in(coordinator_client, council, invite):
    # given
    invite(coordinator_client, password="Samordnarens-gissning-1")
    coordinator_client.post(reverse("accounts:logout"))
    link = invitation_link()
    # when
    page = coordinator_client.get(link)
    assert page.status_code == 200
    response = coordinator_client.post(
        link, {"new_password1": OWN_PASSWORD, "new_password2": OWN_PASSWORD}
    )
    # then
    assert response.status_code == 302
    assert log_in(coordinator_client, "Samordnarens-gissning-1").status_code == 400
    assert log_in(coordinator_client, OWN_PASSWORD).status_code == 302


def test_the_link_works_once(coordinator_client, council, invite):
    invite(coordinator_client)
    link = invitation_link()
    coordinator_client.post(link, {"new_password1": OWN_PASSWORD, "new_password2": OWN_PASSWORD})
    # A second use, by whoever read the mail, is refused and changes nothing.
    response = coordinator_client.post(
        link, {"new_password1": "Någon-annans-2026", "new_password2": "Någon-annans-2026"}
    )
    assert response.status_code == 404
    assert "används redan eller är ogiltig" in response.content.decode()
    assert User.objects.get(username="vakt").check_password(OWN_PASSWORD)


def test_a_tampered_link_is_refused_plainly(client, council):
    response = client.get("/invitation/MQ/abc-def/")
    assert response.status_code == 404
    assert "används redan eller är ogiltig" in response.content.decode()


def test_two_different_passwords_are_refused_with_a_message(coordinator_client, council, invite):
    invite(coordinator_client)
    link = invitation_link()
    response = coordinator_client.post(
        link, {"new_password1": OWN_PASSWORD, "new_password2": "Något-annat-2026"}
    )
    assert response.status_code == 400
    assert "De två lösenordsfälten stämmer inte överens" in response.content.decode()
    assert not User.objects.get(username="vakt").has_usable_password()


def test_an_invitation_needs_an_email_address(coordinator_client, council, invite):
    response = invite(coordinator_client, email="")
    assert response.status_code == 400
    assert not User.objects.filter(username="vakt").exists()
    assert mail.outbox == []


def test_an_invitation_and_the_password_set_are_audited(coordinator_client, council, users, invite):
    invite(coordinator_client)
    user = User.objects.get(username="vakt")
    events = AuditEvent.objects.filter(model="auth.User", object_id=str(user.pk))
    assert events.filter(action="create", actor=users["coordinator"]).exists()
    assert events.filter(changes__has_key="invitation", actor=users["coordinator"]).exists()
    coordinator_client.post(
        invitation_link(), {"new_password1": OWN_PASSWORD, "new_password2": OWN_PASSWORD}
    )
    assert events.filter(changes__has_key="password", actor=user).exists()
    assert OWN_PASSWORD not in str(list(events.values_list("changes", flat=True)))


def test_the_invited_login_can_be_linked_to_the_councils_record_of_the_person(
    coordinator_client, council, invite
):
    roger = Person.objects.get(name="Roger Eklund")
    response = invite(coordinator_client, username="roger", person=str(roger.pk))
    assert response.status_code == 302
    roger.refresh_from_db()
    assert roger.user.username == "roger"
