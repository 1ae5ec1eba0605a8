"""The application's log: one line per event with its time, level, logger and the request's
id (sent back as X-Request-ID, taken from the proxy's when behind one); JSON lines when
LOG_FORMAT=json; secrets of URLs still masked."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import subprocess
import sys

import pytest

pytestmark = pytest.mark.django_db

PLAIN_LINE = re.compile(
    r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[.,]\d{3}[+-]\d\d:?\d\d (?P<level>[A-Z]+) (?P<logger>\S+) "
    r"\[(?P<request_id>[^\]]+)\] (?P<message>.*)$"
)


@pytest.fixture
def log_lines(monkeypatch):
    """What the console handler writes, line by line."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield lambda: stream.getvalue().splitlines()
    handler.setStream(old)


def test_every_response_carries_a_request_id_of_its_own(client):
    first = client.get("/")
    second = client.get("/")

    assert re.fullmatch(r"[0-9a-f]{32}", first["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_log_line_has_time_level_logger_and_the_request_id(client, log_lines):
    response = client.get("/finns-inte/")

    line = next(line for line in log_lines() if "Not Found" in line)
    match = PLAIN_LINE.match(line)
    assert match, line
    assert match["level"] == "WARNING"
    assert match["logger"] == "django.request"
    assert match["request_id"] == response["X-Request-ID"]


def test_behind_the_proxy_its_request_id_is_kept(client, settings, log_lines):
    settings.BEHIND_PROXY = True

    response = client.get("/finns-inte/", HTTP_X_REQUEST_ID="nginx-4f2a.77")

    assert response["X-Request-ID"] == "nginx-4f2a.77"
    assert any("[nginx-4f2a.77]" in line for line in log_lines())


@pytest.mark.parametrize("given", ["a\nFORGED 200 line", "x" * 300, "<script>", ""])
def test_a_request_id_that_could_forge_a_line_is_replaced(client, settings, given):
    settings.BEHIND_PROXY = True

    response = client.get("/", HTTP_X_REQUEST_ID=given)

    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_without_a_proxy_a_callers_request_id_is_not_trusted(client):
    response = client.get("/", HTTP_X_REQUEST_ID="chosen-by-the-caller")

    assert response["X-Request-ID"] != "chosen-by-the-caller"


def test_a_message_with_line_breaks_stays_one_line(log_lines):
    logging.getLogger("samverkan.test").warning("first\nINFO forged line")

    lines = [line for line in log_lines() if "samverkan.test" in line or "forged" in line]
    assert len(lines) == 1
    assert PLAIN_LINE.match(lines[0])


def test_secrets_of_urls_are_still_masked(client, log_lines):
    client.get("/feeds/hemlig-token-123.ics")

    assert not any("hemlig-token-123" in line for line in log_lines())


def test_log_format_json_writes_one_json_object_per_line(tmp_path):
    environment = {
        **os.environ,
        "LOG_FORMAT": "json",
        "SAMVERKAN_VAR_DIR": str(tmp_path),
        "DATABASE_URL": "",
    }
    code = "import logging; logging.getLogger('samverkan.test').warning('hello\\nworld')"

    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "samverkan", "shell", "-c", code],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=60,
    )

    lines = [line for line in result.stderr.splitlines() if "samverkan.test" in line]
    assert len(lines) == 1, result.stderr
    event = json.loads(lines[0])
    assert event["level"] == "WARNING"
    assert event["logger"] == "samverkan.test"
    assert event["message"] == "hello\nworld"
    assert event["request_id"] == "-"
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", event["time"])


def test_an_unknown_log_format_is_refused_loudly(tmp_path):
    environment = {**os.environ, "LOG_FORMAT": "xml", "SAMVERKAN_VAR_DIR": str(tmp_path)}

    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "samverkan", "check"],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=60,
    )

    assert result.returncode != 0
    assert "LOG_FORMAT" in result.stderr


def test_a_line_after_the_request_carries_no_request_id(client, log_lines):
    client.get("/")

    logging.getLogger("samverkan.test").warning("between requests")

    line = next(line for line in log_lines() if "between requests" in line)
    assert PLAIN_LINE.match(line)["request_id"] == "-"
