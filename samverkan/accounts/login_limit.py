"""Holding back password guessing, with waits that grow (`core.ratelimit`), and the security log.

Failures are counted per login and address together, per address, and per login from every
address. The first LOGIN_MAX_FAILURES of a login at one address are free; then each failure
waits twice as long as the one before, up to LOGIN_LOCKOUT_SECONDS. So a stranger guessing a
known user name locks out only themselves: the owner at another address logs in as usual, and
the login as a whole (guessed at from many addresses) waits at most a minute at a time.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest

from samverkan.accounts.models import SignIn, SignInMethod, SignInOutcome
from samverkan.core import ratelimit

# Only the login name goes into this log: never a password, an address or anything else.
security_log = logging.getLogger("samverkan.security")

# An address may try more often than one login: several people share an office NAT.
ADDRESS_FACTOR = 4
# Failures are remembered for a day from the first; a success forgets the login's.
MEMORY_SECONDS = 24 * 60 * 60
FIRST_WAIT_SECONDS = 60


def _limits(request: HttpRequest | None, username: str) -> list[tuple[str, str, int, int]]:
    """(scope, key, free failures, longest wait) for each count the attempt falls under."""
    name = username.strip().lower()
    address = ratelimit.client_address(request) if request is not None else ""
    free = settings.LOGIN_MAX_FAILURES
    longest = max(settings.LOGIN_LOCKOUT_SECONDS, FIRST_WAIT_SECONDS)
    return [
        (_name_at_addresses(name), f"{name}\n{address}", free, longest),
        ("login-addr", address, free * ADDRESS_FACTOR, longest),
        ("login-user", name, free * ADDRESS_FACTOR, FIRST_WAIT_SECONDS),
    ]


def _name_at_addresses(name: str) -> str:
    """The scope of one login name's counts at each address: its own, so that the operator can
    lift them all (`unlock`) without knowing the addresses."""
    return "login-ua-" + ratelimit.key_digest("login-name", name)[:40]


def unlock(username: str) -> int:
    """Forget every failure counted against the login name (at any address); return how many
    counts were dropped. The counts of addresses stay: they hold back a guesser, not the user."""
    name = username.strip().lower()
    return (
        ratelimit.reset_scope(_name_at_addresses(name))
        + ratelimit.reset_scope("login-user", key=name)
        + ratelimit.reset_scope(SECOND_FACTOR_SCOPE, key=name)
    )


def _remember(username: str, outcome: str, method: str) -> None:
    """Keep the attempt for the console: the login it names, if any, never the name typed."""
    user = User.objects.filter(username__iexact=username.strip()).first() if username else None
    SignIn.objects.create(user=user, method=method, outcome=outcome)


def wait_seconds(request: HttpRequest | None, username: str) -> int:
    """Seconds before this login may be tried from this address again; 0 when it may now."""
    return max(
        second_factor_wait_seconds(username),
        *(
            ratelimit.wait_seconds(
                scope, key, free=free, first_wait=FIRST_WAIT_SECONDS, longest_wait=longest
            )
            for scope, key, free, longest in _limits(request, username)
        ),
    )


def record_refusal(username: str, wait: int, method: str = SignInMethod.PASSWORD) -> None:
    security_log.warning("login refused while waiting %ss: %s", wait, username)
    _remember(username, SignInOutcome.REFUSED, method)


def record_failure(
    request: HttpRequest | None, username: str, method: str = SignInMethod.PASSWORD
) -> None:
    security_log.warning("login failed: %s", username)
    _remember(username, SignInOutcome.FAILED, method)
    for scope, key, _free, _longest in _limits(request, username):
        ratelimit.record(scope, key, window=MEMORY_SECONDS)


def record_success(
    request: HttpRequest | None, username: str, method: str = SignInMethod.PASSWORD
) -> None:
    """Log and keep a sign-in that succeeded; single sign-on calls it with method="sso"."""
    security_log.info("login succeeded: %s", username)
    _remember(username, SignInOutcome.SUCCEEDED, method)
    for scope, key, _free, _longest in _limits(request, username):
        if scope != "login-addr":
            ratelimit.reset(scope, key)


# Second-factor answers (an app's code, a recovery code, a passkey) are counted per login: who
# answers knows the password already, from wherever they are. Only that answer's success forgets
# them (a password sign-in does not), and the login waits at the password form too.
SECOND_FACTOR_SCOPE = "second-factor"


def second_factor_wait_seconds(username: str) -> int:
    """Seconds before this login may answer its second factor (or give its password) again."""
    return ratelimit.wait_seconds(
        SECOND_FACTOR_SCOPE,
        username.strip().lower(),
        free=settings.LOGIN_MAX_FAILURES,
        first_wait=FIRST_WAIT_SECONDS,
        longest_wait=max(settings.LOGIN_LOCKOUT_SECONDS, FIRST_WAIT_SECONDS),
    )


def record_second_factor_failure(username: str) -> None:
    """Log and count a wrong answer of the second factor; never the code itself."""
    security_log.warning("second factor failed: %s", username)
    _remember(username, SignInOutcome.FAILED, SignInMethod.SECOND_FACTOR)
    ratelimit.record(SECOND_FACTOR_SCOPE, username.strip().lower(), window=MEMORY_SECONDS)


def record_second_factor_success(username: str) -> None:
    ratelimit.reset(SECOND_FACTOR_SCOPE, username.strip().lower())


# Sign-ins are kept for the console and a person's data export, not for ever: a row goes once
# it is older than SIGN_IN_RETENTION, or when its login has SIGN_INS_KEPT_PER_LOGIN newer ones
# (failed attempts at a known name, from many addresses, must not fill the table). A login's
# last SIGN_INS_ALWAYS_KEPT stay whatever their age, so the console still shows when a login
# that is seldom used last signed in. Attempts at names that are no login's go with their age.
SIGN_IN_RETENTION = dt.timedelta(days=90)
SIGN_INS_KEPT_PER_LOGIN = 100
SIGN_INS_ALWAYS_KEPT = 20


def sign_ins_prune(*, now: dt.datetime) -> int:
    """Delete the sign-ins past their keeping (above); return how many. One query per login."""
    cutoff = now - SIGN_IN_RETENTION
    deleted, _by_model = SignIn.objects.filter(user__isnull=True, at__lt=cutoff).delete()
    user_ids = SignIn.objects.filter(user__isnull=False).values_list("user_id", flat=True)
    for user_id in user_ids.distinct().order_by():
        ids = list(
            SignIn.objects.filter(user_id=user_id)
            .order_by("-at", "-id")
            .values_list("id", "at")[:SIGN_INS_KEPT_PER_LOGIN]
        )
        kept = [
            pk for index, (pk, at) in enumerate(ids) if index < SIGN_INS_ALWAYS_KEPT or at >= cutoff
        ]
        dropped, _by_model = SignIn.objects.filter(user_id=user_id).exclude(pk__in=kept).delete()
        deleted += dropped
    return deleted
