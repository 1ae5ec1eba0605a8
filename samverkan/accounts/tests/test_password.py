"""A login resets a forgotten password by a one-time link by e-mail and changes its own.

Texts are read in Swedish, the default language.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from conftest import PASSWORD
from samverkan.core.models import AuditEvent

# The mails are queued (core/mail.py); here they leave as they are queued, to be read at once.
pytestmark = pytest.mark.usefixtures("mails_leave_at_once")

NEW_PASSWORD = "Nytt-lösen-för-2027"  # noqa: S105


def log_in(client, password, username="coordinator"):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def reset_link(client, email):
    client.post(reverse("account_reset_password"), {"email": email})
    assert len(mail.outbox) == 1
    return re.search(r"https?://[^\s]+", mail.outbox[0].body).group(0)


def set_email(username, email):
    User.objects.filter(username=username).update(email=email)


def test_the_login_page_offers_a_reset_of_a_forgotten_password(client, db):
    html = client.get(reverse("accounts:login")).content.decode()
    assert "Glömt lösenordet?" in html
    assert reverse("account_reset_password") in html


def test_the_link_from_the_mail_sets_a_new_password_once(client, users):
    # given
    set_email("coordinator", "samordnare@koping.se")
    link = reset_link(client, "samordnare@koping.se")
    # when: the link is followed and a new password chosen
    form_url = client.get(link).url
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    # then: the new password logs in and the old one no longer does
    assert log_in(client, PASSWORD).status_code == 400
    assert log_in(client, NEW_PASSWORD).status_code == 302
    # and the link is spent
    client.post(reverse("accounts:logout"))
    html = client.get(link, follow=True).content.decode()
    assert "ogiltig" in html.lower()


def test_a_reset_is_audited_without_the_password(client, users):
    set_email("coordinator", "samordnare@koping.se")
    form_url = client.get(reset_link(client, "samordnare@koping.se")).url
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    event = AuditEvent.objects.filter(
        model="auth.User", object_id=str(users["coordinator"].pk), action="update"
    )
    assert event.exists()
    assert NEW_PASSWORD not in str(list(event.values_list("changes", flat=True)))


def test_an_unknown_address_gets_no_mail_and_the_same_answer(client, users):
    response = client.post(reverse("account_reset_password"), {"email": "ingen@example.se"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_a_weak_new_password_is_refused_with_a_message(client, users):
    set_email("coordinator", "samordnare@koping.se")
    form_url = client.get(reset_link(client, "samordnare@koping.se")).url
    response = client.post(form_url, {"password1": "12345678", "password2": "12345678"})
    assert response.status_code == 200
    assert "Detta lösenord är enbart numeriskt" in response.content.decode()
    assert log_in(client, PASSWORD).status_code == 302


def test_a_logged_in_user_changes_their_password(client, users):
    # given
    client.force_login(users["coordinator"])
    url = reverse("account_change_password")
    assert client.get(url).status_code == 200
    # when
    response = client.post(
        url, {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    # then
    assert response.status_code == 302
    client.post(reverse("accounts:logout"))
    assert log_in(client, NEW_PASSWORD).status_code == 302


def test_a_wrong_current_password_changes_nothing(client, users):
    client.force_login(users["coordinator"])
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "fel", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "Skriv in ditt nuvarande lösenord" in response.content.decode()
    client.post(reverse("accounts:logout"))
    assert log_in(client, PASSWORD).status_code == 302


def test_the_account_page_is_linked_from_every_page(client, users):
    client.force_login(users["member"])
    assert reverse("accounts:account") in client.get("/").content.decode()
    page = client.get(reverse("accounts:account")).content.decode()
    assert reverse("account_change_password") in page
    assert reverse("mfa_index") in page
    assert reverse("accounts:api_tokens") in page
