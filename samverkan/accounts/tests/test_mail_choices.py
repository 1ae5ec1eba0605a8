"""A login chooses on its account page which mails it receives."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samverkan.accounts.models import MailChoices
from samverkan.accounts.selectors import mail_choices_of
from samverkan.accounts.services import mail_choices_change
from samverkan.core.errors import ServiceError
from samverkan.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_account_page_leads_to_the_choices_with_the_defaults(client, users):
    client.force_login(users["coordinator"])

    assert (
        reverse("accounts:mail_choices") in client.get(reverse("accounts:account")).content.decode()
    )
    response = client.get(reverse("accounts:mail_choices"))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["minutes_approval"] is True
    assert form.initial["moderation"] == "at_once"


def test_a_login_saves_its_choices_and_the_change_is_recorded(client, users):
    user = users["coordinator"]
    client.force_login(user)

    response = client.post(reverse("accounts:mail_choices"), {"moderation": "daily"})

    assert response.status_code == 302
    choices = mail_choices_of(user)
    assert (choices.minutes_approval, choices.moderation) == (False, "daily")
    assert AuditEvent.objects.filter(model="accounts.MailChoices", actor=user).exists()
    page = client.get(reverse("accounts:mail_choices")).content.decode()
    assert "Dina val av e-post sparades." in page


def test_an_unknown_choice_is_refused_with_a_message_and_nothing_changes(client, users):
    client.force_login(users["coordinator"])

    response = client.post(
        reverse("accounts:mail_choices"), {"minutes_approval": "on", "moderation": "hourly"}
    )

    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not MailChoices.objects.exists()


def test_nobody_chooses_for_another_login(users):
    with pytest.raises(ServiceError):
        mail_choices_change(
            actor=users["coordinator"],
            user=users["member"],
            minutes_approval=False,
            moderation="never",
        )
    assert not MailChoices.objects.exists()


def test_the_page_needs_a_login(client):
    response = client.get(reverse("accounts:mail_choices"))

    assert response.status_code == 302
    assert "login" in response.url
