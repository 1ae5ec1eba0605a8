"""Rate limiting of citizens' reports per client address: the citizens' limit of
`core.ratelimit`, which every public form without a login shares."""

from __future__ import annotations

from django.http import HttpRequest

from samverkan.core import ratelimit

REPORTS_PER_HOUR = ratelimit.CITIZEN_POSTS_PER_HOUR
SCOPE = "citizen-report"


def is_limited(request: HttpRequest) -> bool:
    return ratelimit.citizen_limited(request, SCOPE)


def record_report(request: HttpRequest) -> None:
    ratelimit.citizen_record(request, SCOPE)
