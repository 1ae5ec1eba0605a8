"""Gunicorn's configuration for `samverkan run` (`--config python:samverkan.core.gunicorn_config`).

Loaded by gunicorn before it sets up its loggers: its access and error logs pass through the
same filter as the application's request log, so no secret of a URL is written
(`core/log_redaction.py`).
"""

from __future__ import annotations

import logging

from samverkan.core.log_redaction import RedactSecrets

for _name in ("gunicorn.access", "gunicorn.error"):
    logging.getLogger(_name).addFilter(RedactSecrets())
