"""Secrets in URLs (calendar feed tokens, Open311 keys and tokens, survey links) never reach a
log: neither the access log `samverkan run` writes nor the application's own request log."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import logging
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from samverkan.core.management.commands.run import ACCESS_LOG_FORMAT

FEED_TOKEN = "Hemlig-kalendertoken-0123456789abcdefABCDEF"
OPEN311_TOKEN = "0123456789abcdef0123456789abcdef"
SECRET_PATHS = [
    f"/feeds/{FEED_TOKEN}.ics",
    f"/open311/v2/tokens/{OPEN311_TOKEN}.json",
    f"/open311/v2/requests/12.json?jurisdiction_id=koping&token={OPEN311_TOKEN}",
    f"/open311/v2/requests.json?api_key={FEED_TOKEN}&service_code=graffiti",
    f"/r/koping/enkat/{FEED_TOKEN}/",
]


def _secrets_in(text: str) -> list[str]:
    return [secret for secret in (FEED_TOKEN, OPEN311_TOKEN) if secret in text]


@pytest.fixture
def console_log():
    """What the application's console handler (settings.LOGGING) writes, read back."""
    (handler,) = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    assert isinstance(handler, logging.StreamHandler)
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.mark.django_db
@pytest.mark.parametrize("path", SECRET_PATHS)
def test_the_request_log_holds_no_secret_of_a_url(client, console_log, path):
    # when an unknown feed, token or survey is asked for (Django logs the 404 with its path)
    client.get(path)
    logging.getLogger("django.request").warning("Not Found: %s", path)
    # then the log says which route, but not the secret
    logged = console_log.getvalue()
    assert "Not Found: /" in logged
    assert _secrets_in(logged) == []
    assert "•••" in logged


@pytest.mark.parametrize("path", SECRET_PATHS)
def test_the_development_servers_log_holds_no_secret_of_a_url(path):
    # given the development server's handler, read back
    logger = logging.getLogger("django.server")
    (handler,) = [h for h in logger.handlers if h.get_name() == "django.server"]
    assert isinstance(handler, logging.StreamHandler)
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        # when a request is logged as `samverkan runserver` logs it
        logger.info('"%s" %s %s', f"GET {path} HTTP/1.1", "404", "179")
    finally:
        handler.setStream(previous)
    # then
    assert '"GET /' in stream.getvalue()
    assert _secrets_in(stream.getvalue()) == []


@pytest.mark.django_db
def test_run_gives_gunicorn_the_redacting_configuration(monkeypatch, council):
    import subprocess

    from samverkan.core.management.commands import run

    started: list[list[str]] = []
    monkeypatch.setattr(run, "static_collect_if_changed", lambda: False)
    monkeypatch.setattr(subprocess, "run", lambda command, **kw: started.append(command))
    call_command("run", "--no-demo", "--no-worker")
    command = started[0]
    assert command[command.index("--config") + 1] == "python:samverkan.core.gunicorn_config"


@pytest.mark.parametrize("path", SECRET_PATHS)
def test_the_access_log_holds_no_secret_of_a_url(tmp_path, path):
    # given gunicorn's own logger, configured as `samverkan run` configures it
    importlib.import_module("samverkan.core.gunicorn_config")  # as gunicorn, before its loggers
    access_log = tmp_path / "access.log"
    config = importlib.import_module("gunicorn.config").Config()
    config.set("accesslog", str(access_log))
    config.set("access_log_format", ACCESS_LOG_FORMAT)
    logger = importlib.import_module("gunicorn.glogging").Logger(config)
    route, _sep, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": route,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://samverkan.example.se{path}",
    }
    response = SimpleNamespace(status="404 Not Found", sent=120, headers=[])
    # when a request is logged
    logger.access(response, SimpleNamespace(headers=[]), environ, dt.timedelta(milliseconds=3))
    for handler in logger.access_log.handlers:
        handler.flush()
    # then the line names the route but not the secret
    line = access_log.read_text(encoding="utf-8")
    assert '"GET /' in line
    assert _secrets_in(line) == []
    # (the access log keeps no query string at all)
    assert ("•••" in line) == bool(_secrets_in(route))


def test_a_malformed_log_call_is_left_to_logging_to_report():
    # A filter runs outside the handler's error handling: raising there would break the request.
    from samverkan.core.log_redaction import RedactSecrets

    record = logging.LogRecord("x", logging.WARNING, "f", 1, "%s %s", ("/feeds/x.ics",), None)
    assert RedactSecrets().filter(record) is True
