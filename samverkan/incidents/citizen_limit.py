"""Rate limiting of citizens' reports per client address (`core.ratelimit`)."""

from __future__ import annotations

from django.http import HttpRequest

from samverkan.core import ratelimit

REPORTS_PER_HOUR = 5
WINDOW_SECONDS = 3600
SCOPE = "citizen-report"


def is_limited(request: HttpRequest) -> bool:
    return ratelimit.limited(SCOPE, ratelimit.client_address(request), limit=REPORTS_PER_HOUR)


def record_report(request: HttpRequest) -> None:
    ratelimit.record(SCOPE, ratelimit.client_address(request), window=WINDOW_SECONDS)
