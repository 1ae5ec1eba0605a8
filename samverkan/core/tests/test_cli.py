"""The `samverkan` command: run and demo."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.core.management import call_command

from samverkan.core.management.commands import run as run_command
from samverkan.organisations.models import Council


class FakeProcess:
    """Stands in for the worker that `run` starts beside the web server."""

    started: list[list[str]] = []

    def __init__(self, command, **kwargs):
        FakeProcess.started.append(command)
        self.terminated = False

    def terminate(self):
        self.terminated = True

    def wait(self, timeout=None):
        return 0


@pytest.fixture
def fake_worker(monkeypatch):
    FakeProcess.started = []
    monkeypatch.setattr(subprocess, "Popen", FakeProcess)
    # collecting static files is tested in test_static_files.py
    monkeypatch.setattr(run_command, "static_collect_if_changed", lambda: True)


@pytest.mark.django_db
@pytest.mark.usefixtures("fake_worker")
def test_run_starts_the_worker_beside_the_web_server(monkeypatch, council):
    served = []
    monkeypatch.setattr(subprocess, "run", lambda command, **kw: served.append(command))

    call_command("run")

    assert FakeProcess.started == [[sys.executable, "-m", "samverkan", "worker"]]
    assert "gunicorn" in served[0]


@pytest.mark.django_db
@pytest.mark.usefixtures("fake_worker")
def test_run_can_leave_the_worker_to_its_own_service(monkeypatch, council):
    monkeypatch.setattr(subprocess, "run", lambda command, **kw: None)

    call_command("run", "--no-worker")

    assert FakeProcess.started == []


@pytest.mark.django_db
@pytest.mark.usefixtures("fake_worker")
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
@pytest.mark.usefixtures("fake_worker")
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


@pytest.mark.django_db
@pytest.mark.usefixtures("fake_worker")
def test_run_serves_the_collected_hashed_and_compressed_static_files(monkeypatch, council):
    environments = []
    monkeypatch.setattr(subprocess, "run", lambda command, **kw: environments.append(kw["env"]))
    call_command("run", "--no-worker")
    assert environments[0]["STATIC_MANIFEST"] == "true"
