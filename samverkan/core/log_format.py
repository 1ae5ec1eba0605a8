"""How the application's log lines look: one line per event with its time, level, logger and
the id of the request it belongs to (`RequestIdMiddleware`), plain or, with LOG_FORMAT=json,
one JSON object per line.

A line break in a message or a traceback is written as "\\n" in the plain format, so that no
text typed by a visitor can start a line of its own that looks like another event. Secrets of
URLs are masked before (`core/log_redaction.py`); messages never carry personal data.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import uuid

NO_REQUEST = "-"
REQUEST_ID_HEADER = "X-Request-ID"
# What a proxy's id may look like (nginx's $request_id is 32 hex digits).
_GIVEN_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default=NO_REQUEST)


def request_id_from(given: str | None) -> str:
    """The given id when it is safe to write into a log line, else a new one."""
    if given and _GIVEN_ID.fullmatch(given):
        return given
    return uuid.uuid4().hex


def request_id_set(value: str) -> None:
    _request_id.set(value)


def request_id_clear(**kwargs: object) -> None:
    """Forget the request's id once its response is done (Django's request_finished): the
    "Not Found" line of a 404 is written after the middleware returned, and still has it."""
    _request_id.set(NO_REQUEST)


class RequestId(logging.Filter):
    """Give every record the id of the request it belongs to ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


def _time(record: logging.LogRecord) -> str:
    moment = dt.datetime.fromtimestamp(record.created, tz=dt.UTC).astimezone()
    return moment.isoformat(timespec="milliseconds")


class PlainFormatter(logging.Formatter):
    """`2026-12-07T04:01:02.345+01:00 WARNING django.request [id] message`, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        if record.exc_info:
            text = f"{text}\n{self.formatException(record.exc_info)}"
        if record.stack_info:
            text = f"{text}\n{self.formatStack(record.stack_info)}"
        request_id = getattr(record, "request_id", NO_REQUEST)
        line = f"{_time(record)} {record.levelname} {record.name} [{request_id}] {text}"
        return line.replace("\r", "\\r").replace("\n", "\\n")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, request_id, message (and exception)."""

    def format(self, record: logging.LogRecord) -> str:
        event = {
            "time": _time(record),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", NO_REQUEST),
            "message": record.getMessage(),
        }
        if record.exc_info:
            event["exception"] = self.formatException(record.exc_info)
        return json.dumps(event, ensure_ascii=False)
