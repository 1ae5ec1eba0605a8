"""Counting attempts in a time window to hold back floods, without keeping who made them.

Counts are rows of the database (`core.RateCount`), shared by every process and machine, under
a scope and a hash of the key salted with the secret key: no address or user name is kept in
clear text, and a leaked table cannot be matched against a list of addresses. They were cache
entries once, and a full cache evicted them: a thousand other counts unlocked a locked login.
"""

from __future__ import annotations

import hashlib
import time
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest

from samverkan.core.models import RateCount


def client_address(request: HttpRequest) -> str:
    """The client's address; behind the proxy, the one the proxy itself saw (the last hop)."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return str(hops[-1])
    return str(request.META.get("REMOTE_ADDR", ""))


def _hash(scope: str, key: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{key}".encode()).hexdigest()


def _now() -> datetime:
    # time.time(), not timezone.now(): one clock that tests can move.
    return datetime.fromtimestamp(time.time(), tz=UTC)


def _current(scope: str, key: str, now: datetime) -> RateCount | None:
    return RateCount.objects.filter(
        scope=scope, key_hash=_hash(scope, key), window_ends__gt=now
    ).first()


def hits(scope: str, key: str) -> int:
    """How many times `key` was recorded in `scope` within the current window."""
    current = _current(scope, key, _now())
    return current.count if current else 0


def window_left(scope: str, key: str) -> int:
    """Whole seconds until the current window of `key` ends (0 without one)."""
    now = _now()
    current = _current(scope, key, now)
    if current is None:
        return 0
    return max(0, int((current.window_ends - now).total_seconds() + 0.999))


def limited(scope: str, key: str, *, limit: int) -> bool:
    return hits(scope, key) >= limit


def wait_seconds(scope: str, key: str, *, free: int, first_wait: int, longest_wait: int) -> int:
    """Seconds `key` must still wait: none for `free` counts, then doubling from the last.

    The count-th attempt past the free ones waits `first_wait` × 2^(count − free) seconds
    after the last one counted, but never longer than `longest_wait`: a wait that grows holds
    back a guesser, and one that ends lets the owner in again soon.
    """
    now = _now()
    current = _current(scope, key, now)
    if current is None or current.count < free:
        return 0
    doublings = min(current.count - free, 30)
    wait = min(first_wait * 2**doublings, longest_wait)
    remaining = (current.last_at + timedelta(seconds=wait) - now).total_seconds()
    return max(0, int(remaining + 0.999))


def record(scope: str, key: str, *, window: int) -> None:
    """Count one more; the window of `window` seconds starts at the first count.

    A later attempt never extends the window. The count is one UPDATE, so processes counting
    at the same instant count every attempt.
    """
    now = _now()
    key_hash = _hash(scope, key)
    for _attempt in range(2):
        try:
            with transaction.atomic():
                counted = RateCount.objects.filter(
                    scope=scope, key_hash=key_hash, window_ends__gt=now
                ).update(count=F("count") + 1, last_at=now)
                if counted:
                    return
                # No count, or one whose window ended: start a new window in its place.
                RateCount.objects.filter(window_ends__lte=now).delete()
                RateCount.objects.create(
                    scope=scope,
                    key_hash=key_hash,
                    count=1,
                    window_ends=now + timedelta(seconds=window),
                    last_at=now,
                )
                return
        except IntegrityError:
            continue  # another process started the window at the same instant: count in it


def reset(scope: str, key: str) -> None:
    RateCount.objects.filter(scope=scope, key_hash=_hash(scope, key)).delete()


def reset_scope(scope: str, *, key: str | None = None) -> int:
    """Forget every count of the scope (only `key`'s, if given); return how many were dropped."""
    counts = RateCount.objects.filter(scope=scope)
    if key is not None:
        counts = counts.filter(key_hash=_hash(scope, key))
    dropped, _by_model = counts.delete()
    return dropped


def key_digest(purpose: str, key: str) -> str:
    """The salted hash of a key, to name a scope after it without keeping the key."""
    return _hash(purpose, key)


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
