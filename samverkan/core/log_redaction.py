"""Secrets in URLs kept out of every log: the one filter the application's request log and
gunicorn's access log both pass through.

A URL may carry a secret in its path (a calendar feed's token, an Open311 token, a survey's
link) or in its query (`api_key`, `token`). Such a part is logged as "•••", so a log shows
which route was asked for and never what would open it. A route with a new secret in its
URL adds its pattern here.
"""

from __future__ import annotations

import logging
import re

MASK = "•••"

# Each pattern keeps the part before the secret (group 1) and what follows it (group 2, if any).
# No pattern repeats a group, so a long line costs one pass.
_SECRET_SEGMENTS = (
    # The calendar feed of a body: /feeds/<token>.ics
    re.compile(r"(/feeds/)[^/?#\s\"']+(\.ics)"),
    # Open311: the token a POST was answered with.
    re.compile(r"(/open311/v2/tokens/)[^/?#\s\"'.]+()"),
    # A survey's answering link: /r/<council>/enkat/<token>/
    re.compile(r"(/enkat/)[^/?#\s\"']+()"),
    # Query parameters holding a key or token (Open311's api_key and token).
    re.compile(r"([?&](?:api_key|token)=)[^&#\s\"']*()"),
)


def redact(text: str) -> str:
    """The text with every secret of a URL in it masked."""
    for pattern in _SECRET_SEGMENTS:
        text = pattern.sub(lambda match: f"{match.group(1)}{MASK}{match.group(2)}", text)
    return text


class RedactSecrets(logging.Filter):
    """Mask the secrets of URLs in a log record's message (its arguments included)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError, KeyError):
            # A malformed call is the handler's to report (logging's own "Logging error");
            # raising here would break the request that logged it.
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
