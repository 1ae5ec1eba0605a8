"""`samverkan createuser`: a login from the command line, for the first site administrator."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from samverkan.accounts.models import CouncilRole


@pytest.mark.django_db
def test_createuser_makes_a_login_with_a_role(council):
    call_command(
        "createuser",
        "kajsa",
        "--password",
        "Protokoll-2018",
        "--council",
        "koping",
        "--role",
        "secretary",
    )
    assert CouncilRole.objects.get(user__username="kajsa").role == "secretary"


@pytest.mark.django_db
def test_createuser_refuses_a_weak_password_and_creates_nothing():
    with pytest.raises(CommandError, match="lösenord"):
        call_command("createuser", "kajsa", "--password", "123")
    assert not User.objects.filter(username="kajsa").exists()


@pytest.mark.django_db
def test_createuser_refuses_an_unknown_council():
    with pytest.raises(CommandError, match="finns inte"):
        call_command("createuser", "kajsa", "--password", "Protokoll-2018", "--council", "nej")
