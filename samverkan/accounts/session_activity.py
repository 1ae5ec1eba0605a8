"""Keeping each login's sessions listed (allauth.usersessions) without a query on every page.

A session is recorded when its login signs in (Django's `user_logged_in`, so every way of
signing in counts) and its "last seen" is refreshed at most every SEEN_EVERY_SECONDS; allauth's
own tracking (USERSESSIONS_TRACK_ACTIVITY) writes on every request of a login.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from allauth.usersessions.models import UserSession
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

SEEN_EVERY_SECONDS = 5 * 60
# The session remembers when it was last recorded, so that most pages cost nothing.
SEEN_AT = "session_seen_at"


# The list never shows an address, and this records none (allauth's own sign-in records it).
NO_ADDRESS = "0.0.0.0"  # noqa: S104 (a placeholder stored, nothing listens on it)


def _record(request: HttpRequest, user: User) -> None:
    if not request.session.session_key:
        request.session.save()
    agent = str(request.META.get("HTTP_USER_AGENT", ""))
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "user_agent": agent[: UserSession._meta.get_field("user_agent").max_length],
            "last_seen_at": timezone.now(),
        },
        create_defaults={
            "user": user,
            "user_agent": agent[: UserSession._meta.get_field("user_agent").max_length],
            "ip": NO_ADDRESS,
        },
    )
    request.session[SEEN_AT] = int(time.time())


def on_login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    """Record the session a login has just opened."""
    if request is not None and hasattr(request, "session"):
        _record(request, user)


class SessionActivityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if isinstance(user, User) and request.session.session_key:
            seen = request.session.get(SEEN_AT)
            if not isinstance(seen, int) or time.time() - seen > SEEN_EVERY_SECONDS:
                _record(request, user)
        return self.get_response(request)
