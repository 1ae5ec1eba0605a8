"""Counting attempts in a time window to hold back floods, without keeping who made them.

Counts live in the cache (Redis when REDIS_URL is set, so every process shares them) under a
scope and a hash of the key salted with the secret key: no address or user name is kept in
clear text, and a leaked cache cannot be matched against a list of addresses.
"""

from __future__ import annotations

import hashlib

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


def hits(scope: str, key: str) -> int:
    """How many times `key` was recorded in `scope` within the current window."""
    return int(cache.get(_cache_key(scope, key), 0))


def limited(scope: str, key: str, *, limit: int) -> bool:
    return hits(scope, key) >= limit


def record(scope: str, key: str, *, window: int) -> None:
    """Count one more; the window of `window` seconds starts at the first count."""
    cache_key = _cache_key(scope, key)
    cache.add(cache_key, 0, timeout=window)
    try:
        cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window)


def reset(scope: str, key: str) -> None:
    cache.delete(_cache_key(scope, key))
