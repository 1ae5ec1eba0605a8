"""The JSON API: token-authenticated, paginated, described by OpenAPI at /api/openapi.json."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from samverkan.accounts.services import api_token_user
from samverkan.api import organisations
from samverkan.core.errors import ForbiddenError, NotFoundError, ServiceError


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_user(token)
        if user is None:
            return None
        request.user = user
        return user


api = NinjaAPI(
    title="Samverkan API",
    version="1",
    description="Councils, organisations, people, bodies and memberships. "
    "Authenticate with `Authorization: Bearer <token>`; create a token under your account.",
    auth=TokenAuth(),
    urls_namespace="api",
)
api.add_router("/", organisations.router)


def _error(request: HttpRequest, status: int, detail: object) -> HttpResponse:
    return api.create_response(request, {"detail": detail}, status=status)


@api.exception_handler(NotFoundError)
def on_not_found(request: HttpRequest, exc: NotFoundError) -> HttpResponse:
    return _error(request, 404, _("Not found."))


@api.exception_handler(ForbiddenError)
def on_forbidden(request: HttpRequest, exc: ForbiddenError) -> HttpResponse:
    return _error(request, 403, _("You may not do this."))


@api.exception_handler(ServiceError)
def on_refused(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    return _error(request, 400, [{"field": exc.field, "message": str(exc.message)}])


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        return _error(request, 400, _("The request body is not valid JSON."))
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, _("Give a valid API token: Authorization: Bearer <token>."))


@api.exception_handler(ValidationError)
def on_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return _error(
        request,
        422,
        [
            {"field": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")}
            for e in exc.errors
        ],
    )
