from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import gettext

from samverkan.core import log_format
from samverkan.core.errors import ForbiddenError, NotFoundError


class LanguageMiddleware(LocaleMiddleware):
    """Swedish unless the visitor chose English; API clients may ask with Accept-Language.

    Django's LocaleMiddleware follows the browser's language, which would show English to a
    Swedish official whose browser happens to be English. Pages follow the language cookie
    set by the language switch only.
    """

    API_PREFIXES = ("/api/", "/open311/", "/oparl/")

    def process_request(self, request: HttpRequest) -> None:
        if request.path.startswith(self.API_PREFIXES):
            super().process_request(request)
            return
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        response = super().process_response(request, response)
        # The thread serves other work next (tasks, tests): leave no language behind.
        translation.deactivate()
        return response


class SecurityHeadersMiddleware:
    """Translate access errors once, and add the headers Django does not set itself."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(self), payment=()"
        )
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, NotFoundError):
            raise Http404 from exception
        if isinstance(exception, ForbiddenError):
            raise PermissionDenied from exception
        return None


class RequestSizeMiddleware:
    """Refuse a request body over UPLOAD_MAX_REQUEST_BYTES from its Content-Length, before
    anything reads it (Django would stream an upload of any size to disk and check it after).

    After the language middleware, so the answer is in the visitor's language; the proxy's
    client_max_body_size says the same in front (docs/operations.md).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body without a valid length
        limit = settings.UPLOAD_MAX_REQUEST_BYTES
        if length > limit:
            message = gettext(
                "The request is too large: at most %(size)s MB may be sent at a time. "
                "Send fewer or smaller files."
            ) % {"size": limit // (1024 * 1024)}
            if request.path.startswith(LanguageMiddleware.API_PREFIXES):
                return JsonResponse({"detail": message}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class RequestIdMiddleware:
    """Give each request an id, on every log line it causes and in its response's X-Request-ID.

    Behind the proxy its id (nginx's $request_id) is kept, so that the proxy's log and the
    application's meet; an id that could forge a log line is replaced by a new one.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        given = request.headers.get(log_format.REQUEST_ID_HEADER) if settings.BEHIND_PROXY else None
        request_id = log_format.request_id_from(given)
        # Cleared when the response is finished (core/apps.py), not here: Django logs a
        # response's error status after the middleware returned it.
        log_format.request_id_set(request_id)
        response = self.get_response(request)
        response[log_format.REQUEST_ID_HEADER] = request_id
        return response
