"""Rate limiting of login attempts, per user name and per client address (`core.ratelimit`)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from samverkan.core import ratelimit

# An address may try more often than one account: several people share an office NAT.
ADDRESS_FACTOR = 4


def _counts(request: HttpRequest | None, username: str) -> list[tuple[str, str, int]]:
    """(scope, key, limit) for the user name and, with a request, the client's address."""
    limit = settings.LOGIN_MAX_FAILURES
    counts = [("login-user", username.lower(), limit)]
    if request is not None:
        counts.append(("login-addr", ratelimit.client_address(request), limit * ADDRESS_FACTOR))
    return counts


def is_locked(request: HttpRequest | None, username: str) -> bool:
    return any(
        ratelimit.limited(scope, key, limit=limit)
        for scope, key, limit in _counts(request, username)
    )


def record_failure(request: HttpRequest | None, username: str) -> None:
    for scope, key, _limit in _counts(request, username):
        ratelimit.record(scope, key, window=settings.LOGIN_LOCKOUT_SECONDS)


def record_success(request: HttpRequest | None, username: str) -> None:
    ratelimit.reset("login-user", username.lower())
