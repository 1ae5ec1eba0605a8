"""The API's authentication: a bearer token of an active login, its scopes and its rate limit.

No `from __future__ import annotations` here: django-ninja reads the annotations at run time.
"""

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja.security import HttpBearer

from samverkan.accounts.models import ApiScope
from samverkan.accounts.services import api_token_find
from samverkan.core import ratelimit

RATE_SCOPE = "api-token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class ScopeMissingError(Exception):
    def __init__(self, scope: str) -> None:
        super().__init__(scope)
        self.scope = scope


class RateLimitedError(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


class TokenAuth(HttpBearer):
    """The bearer token of an active login, with the scope the operation needs and within the
    token's rate limit.

    A read needs the `read` scope; a write the area's scope given here (`write:registry`, the
    organisation registry's, unless told). Every request counts against the token's limit of
    API_RATE_LIMIT requests in API_RATE_WINDOW_SECONDS (core/ratelimit.py).
    """

    def __init__(self, write_scope: str = ApiScope.WRITE_REGISTRY) -> None:
        super().__init__()
        self.write_scope = write_scope

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = api_token_find(token)
        if found is None:
            return None
        key = str(found.pk)
        if ratelimit.limited(RATE_SCOPE, key, limit=settings.API_RATE_LIMIT):
            raise RateLimitedError(max(1, ratelimit.window_left(RATE_SCOPE, key)))
        ratelimit.record(RATE_SCOPE, key, window=settings.API_RATE_WINDOW_SECONDS)
        need = ApiScope.READ if request.method in SAFE_METHODS else self.write_scope
        if not found.has_scope(need):
            raise ScopeMissingError(need)
        request.user = found.user
        return found.user


# The scope of each area's writes, for the routes: `auth=WRITE_STATUS`.
WRITE_STATUS = TokenAuth(ApiScope.WRITE_STATUS)
WRITE_INCIDENTS = TokenAuth(ApiScope.WRITE_INCIDENTS)
