"""The JSON API: token-authenticated, paginated, described by OpenAPI at /api/openapi.json."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from samverkan.api import dialogue, incidents, meetings, organisations, plans, police
from samverkan.api.auth import RateLimitedError, ScopeMissingError, TokenAuth
from samverkan.api.reference import ReferencePage
from samverkan.core.errors import ForbiddenError, NotFoundError, ServiceError

api = NinjaAPI(
    title="Samverkan API",
    version="1",
    description="Councils, organisations, people, bodies and memberships; under /api/v1/ "
    "meetings, the decision register, plans with their activities and status updates, "
    "incidents (report one; categories; the totals of a period), survey results and the "
    "police's events. Authenticate with `Authorization: Bearer <token>`; create a token with "
    "its scopes under your account (read; write:status, write:incidents, write:registry). "
    "Each token may make API_RATE_LIMIT requests a window; more answer 429 with Retry-After.",
    auth=TokenAuth(),
    urls_namespace="api",
    docs=ReferencePage(),
)
api.add_router("/", organisations.router)
# Version 1 of the platform's own areas; the organisation registry above stays where it was.
api.add_router("/v1/", meetings.router)
api.add_router("/v1/", incidents.router)
api.add_router("/v1/", plans.router)
api.add_router("/v1/", dialogue.router)
api.add_router("/v1/", police.router)


def _error(request: HttpRequest, status: int, detail: object) -> HttpResponse:
    return api.create_response(request, {"detail": detail}, status=status)


@api.exception_handler(NotFoundError)
def on_not_found(request: HttpRequest, exc: NotFoundError) -> HttpResponse:
    return _error(request, 404, _("Not found."))


@api.exception_handler(ForbiddenError)
def on_forbidden(request: HttpRequest, exc: ForbiddenError) -> HttpResponse:
    return _error(request, 403, _("You may not do this."))


@api.exception_handler(ScopeMissingError)
def on_scope_missing(request: HttpRequest, exc: ScopeMissingError) -> HttpResponse:
    return _error(
        request,
        403,
        _("This token may not do this: it lacks the scope %(scope)s.") % {"scope": exc.scope},
    )


@api.exception_handler(RateLimitedError)
def on_rate_limited(request: HttpRequest, exc: RateLimitedError) -> HttpResponse:
    response = _error(
        request,
        429,
        _("Too many requests with this token. Try again in %(seconds)s seconds.")
        % {"seconds": exc.retry_after},
    )
    response["Retry-After"] = str(exc.retry_after)
    return response


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


# Validation messages in the user's language, by pydantic's error type; other types keep
# pydantic's English message.
MESSAGES: dict[str, Any] = {
    "null_not_allowed": gettext_lazy("May not be null."),
    "missing": gettext_lazy("This field is required."),
    "string_type": gettext_lazy("Give a text."),
    "string_too_short": gettext_lazy("Give at least %(min_length)s characters."),
    "string_too_long": gettext_lazy("Give at most %(max_length)s characters."),
    "string_pattern_mismatch": gettext_lazy("The text is not in the expected form."),
    "int_type": gettext_lazy("Give a whole number."),
    "int_parsing": gettext_lazy("Give a whole number."),
    "int_from_float": gettext_lazy("Give a whole number."),
    "greater_than_equal": gettext_lazy("Give a number of at least %(ge)s."),
    "less_than_equal": gettext_lazy("Give a number of at most %(le)s."),
    "enum": gettext_lazy("Choose one of: %(expected)s."),
    "date_type": gettext_lazy("Give a date as YYYY-MM-DD."),
    "date_parsing": gettext_lazy("Give a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Give a date as YYYY-MM-DD."),
    "date_from_datetime_inexact": gettext_lazy("Give a date as YYYY-MM-DD."),
    "model_attributes_type": gettext_lazy("Give an object of fields."),
    "dict_type": gettext_lazy("Give an object of fields."),
    "time_out_of_range": gettext_lazy("Give a time between 1900 and 2100."),
}


def _message(error: dict[str, Any]) -> str:
    message = MESSAGES.get(error.get("type", ""))
    if message is None:
        return str(error.get("msg", ""))
    try:
        return str(message) % dict(error.get("ctx", {}))
    except (KeyError, TypeError, ValueError):
        return str(error.get("msg", ""))


@api.exception_handler(ValidationError)
def on_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return _error(
        request,
        422,
        [
            {"field": ".".join(str(p) for p in e.get("loc", ())), "message": _message(e)}
            for e in exc.errors
        ],
    )
