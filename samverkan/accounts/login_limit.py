"""Rate limiting of login attempts, per user name and per client address.

Counts live in the cache (Redis when REDIS_URL is set, so all processes share them).
Keys are hashed so that no user name or address is kept in clear text.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

# An address may try more often than one account: several people share an office NAT.
ADDRESS_FACTOR = 4


def _key(kind: str, value: str) -> str:
    return f"login-fail:{kind}:" + hashlib.sha256(value.lower().encode()).hexdigest()[:32]


def client_address(request: HttpRequest) -> str:
    """The client's address; behind the proxy, the one the proxy itself saw (the last hop)."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return str(hops[-1])
    return str(request.META.get("REMOTE_ADDR", ""))


def _keys(request: HttpRequest | None, username: str) -> list[tuple[str, int]]:
    limit = settings.LOGIN_MAX_FAILURES
    keys = [(_key("user", username), limit)]
    if request is not None:
        keys.append((_key("addr", client_address(request)), limit * ADDRESS_FACTOR))
    return keys


def is_locked(request: HttpRequest | None, username: str) -> bool:
    return any(int(cache.get(key, 0)) >= limit for key, limit in _keys(request, username))


def record_failure(request: HttpRequest | None, username: str) -> None:
    for key, _limit in _keys(request, username):
        cache.add(key, 0, timeout=settings.LOGIN_LOCKOUT_SECONDS)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS)


def record_success(request: HttpRequest | None, username: str) -> None:
    cache.delete(_key("user", username))
