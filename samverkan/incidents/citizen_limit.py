"""Rate limiting of citizens' reports per client address, counted in the cache.

The key is a hash of the address, so no address is kept in clear text.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest

from samverkan.accounts.login_limit import client_address

REPORTS_PER_HOUR = 5
WINDOW_SECONDS = 3600


def _key(request: HttpRequest) -> str:
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"citizen-report:{digest}"


def is_limited(request: HttpRequest) -> bool:
    return int(cache.get(_key(request), 0)) >= REPORTS_PER_HOUR


def record_report(request: HttpRequest) -> None:
    key = _key(request)
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=WINDOW_SECONDS)
