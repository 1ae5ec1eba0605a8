"""Counting attempts in a time window to hold back floods, without keeping who made them.

Counts live in the cache (a file cache shared by the processes of one machine, or Redis
when REDIS_URL is set) under a
scope and a hash of the key salted with the secret key: no address or user name is kept in
clear text, and a leaked cache cannot be matched against a list of addresses.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address; behind the proxy, the one the proxy itself saw (the last hop)."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return str(hops[-1])
    return str(request.META.get("REMOTE_ADDR", ""))


def _cache_key(scope: str, key: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{key}".encode()).hexdigest()[:32]
    return f"rate:{scope}:{digest}"


def _entry(cache_key: str, now: float) -> tuple[int, float] | None:
    """The count and the end of its window, while the window lasts."""
    entry = cache.get(cache_key)
    if (
        not isinstance(entry, tuple)
        or len(entry) != 2
        or not isinstance(entry[0], int)
        or not isinstance(entry[1], float)
        or entry[1] <= now
    ):
        return None
    return entry


def hits(scope: str, key: str) -> int:
    """How many times `key` was recorded in `scope` within the current window."""
    entry = _entry(_cache_key(scope, key), time.time())
    return entry[0] if entry else 0


def limited(scope: str, key: str, *, limit: int) -> bool:
    return hits(scope, key) >= limit


def record(scope: str, key: str, *, window: int) -> None:
    """Count one more; the window of `window` seconds starts at the first count.

    The count is kept with the end of its window, so that every cache backend (the file cache
    shared by the processes of one machine, Redis between machines) keeps the same window; a
    later attempt never extends it. Two processes counting at the same instant may count one
    attempt less, which a flood limit can bear.
    """
    cache_key = _cache_key(scope, key)
    now = time.time()
    count, ends = _entry(cache_key, now) or (0, now + window)
    cache.set(cache_key, (count + 1, ends), timeout=max(1, math.ceil(ends - now)))


def reset(scope: str, key: str) -> None:
    cache.delete(_cache_key(scope, key))


# The citizens' limit: what one client address may send through a public form without a login
# (a report, accessibility feedback) in an hour. Each form counts on its own (its scope).
CITIZEN_POSTS_PER_HOUR = 5
CITIZEN_WINDOW_SECONDS = 3600


def citizen_limited(request: HttpRequest, scope: str) -> bool:
    """Whether the client has sent the citizens' limit through this form within the hour."""
    return limited(scope, client_address(request), limit=CITIZEN_POSTS_PER_HOUR)


def citizen_record(request: HttpRequest, scope: str) -> None:
    """Count one accepted post of a citizens' form against the client's address."""
    record(scope, client_address(request), window=CITIZEN_WINDOW_SECONDS)
