"""Keeping the numbers honest without identifying anyone.

- The repeat-answer guard: after an answer the browser gets a signed cookie naming only the
  survey. It holds no identity and is not stored on the server.
- Rate limiting: answers per client address and survey in a time window (`core.ratelimit`,
  counted in the database under a salted hash until the window ends). The address itself is
  never written down.
"""

from __future__ import annotations

from django.conf import settings
from django.core.signing import BadSignature
from django.http import HttpRequest, HttpResponse

from samverkan.core import ratelimit
from samverkan.dialogue.models import Survey

# A school class or a library may answer from one address; a flood is far more than this.
ANSWERS_PER_WINDOW = 30
WINDOW_SECONDS = 60 * 60
COOKIE_AGE = 400 * 24 * 60 * 60


def _cookie_name(survey: Survey) -> str:
    return f"answered-{survey.pk}"


def has_answered(request: HttpRequest, survey: Survey) -> bool:
    try:
        value = request.get_signed_cookie(_cookie_name(survey), salt="dialogue.answered")
    except (KeyError, BadSignature):
        return False
    return value == survey.token


def mark_answered(response: HttpResponse, survey: Survey) -> None:
    response.set_signed_cookie(
        _cookie_name(survey),
        survey.token,
        salt="dialogue.answered",
        max_age=COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def _scope(survey: Survey) -> str:
    return f"survey-answer:{survey.pk}"


def is_flooding(request: HttpRequest, survey: Survey) -> bool:
    address = ratelimit.client_address(request)
    return ratelimit.limited(_scope(survey), address, limit=ANSWERS_PER_WINDOW)


def count_answer(request: HttpRequest, survey: Survey) -> None:
    address = ratelimit.client_address(request)
    ratelimit.record(_scope(survey), address, window=WINDOW_SECONDS)
