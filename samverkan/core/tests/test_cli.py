"""The `samverkan` command: run, demo and createuser."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from samverkan.accounts.models import CouncilRole
from samverkan.organisations.models import Council


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


@pytest.mark.django_db
def test_run_loads_the_demo_when_the_database_is_empty_and_serves(monkeypatch, capsys):
    started = []
    monkeypatch.setattr(subprocess, "run", lambda command, **kw: started.append(command))
    call_command("run", "--port", "8123")
    assert Council.objects.filter(slug="koping-bra").exists()
    assert "--bind" in started[0]
    assert "127.0.0.1:8123" in started[0]
    # The access log keeps no query strings (a search may hold a name) and no addresses.
    log_format = started[0][started[0].index("--access-logformat") + 1]
    assert "%(U)s" in log_format
    assert "%(r)s" not in log_format
    assert "%(h)s" not in log_format
    assert "%(q)s" not in log_format
    out = capsys.readouterr().out
    assert "samordnare" in out
    assert "http://127.0.0.1:8123/" in out


@pytest.mark.django_db
def test_run_leaves_a_database_with_data_alone(monkeypatch, council):
    monkeypatch.setattr(subprocess, "run", lambda command, **kw: None)
    call_command("run")
    assert not Council.objects.filter(slug="koping-bra").exists()


def test_the_console_command_is_installed():
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "samverkan", "help", "run"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0
    assert "--port" in result.stdout
