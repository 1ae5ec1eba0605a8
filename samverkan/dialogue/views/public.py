"""The public survey: anyone answers by the link, without logging in, also with JavaScript off.

No answer is tied to the person: see `dialogue.guard` for how repeats and floods are held back.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect

from samverkan.core.errors import ServiceError
from samverkan.dialogue import guard
from samverkan.dialogue.answer_form import answer_sections
from samverkan.dialogue.models import ResponseSource, Survey, SurveyStatus
from samverkan.dialogue.selectors.surveys import public_survey
from samverkan.dialogue.services.answers import AnswerError, response_submit

TOO_MANY = 429


def form_lists(data: QueryDict) -> dict[str, list[str]]:
    """The posted values by name, each as the list of all values sent under it."""
    return {name: data.getlist(name) for name in data}


def _page(
    request: HttpRequest,
    survey: Survey,
    *,
    data: dict[str, list[str]] | None = None,
    errors: dict[str, str] | None = None,
    message: str = "",
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "dialogue/answer.html",
        {
            "survey": survey,
            "sections": answer_sections(survey, data, errors),
            "errors": errors or {},
            "chosen_area": ((data or {}).get("area") or [""])[-1],
            "chosen_group": ((data or {}).get("group") or [""])[-1],
            "form_error": message,
            "closed": survey.status == SurveyStatus.CLOSED,
            "answered": guard.has_answered(request, survey),
        },
        status=status,
    )


@csrf_protect
def answer(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    survey = public_survey(slug, token)
    if request.method != "POST":
        return _page(request, survey)
    data = form_lists(request.POST)
    if guard.has_answered(request, survey):
        return _page(
            request,
            survey,
            message=_("You have already answered this survey. Thank you!"),
            status=400,
        )
    if guard.is_flooding(request, survey):
        return _page(
            request,
            survey,
            data=data,
            message=_("Too many answers have come from your network. Please try again later."),
            status=TOO_MANY,
        )
    try:
        response_submit(
            survey=survey,
            data=data,
            answered_on=timezone.localdate(),
            source=ResponseSource.WEB,
        )
    except AnswerError as error:
        return _page(
            request,
            survey,
            data=data,
            errors=error.errors,
            message=str(error.message),
            status=400,
        )
    except ServiceError as error:
        return _page(request, survey, data=data, message=str(error.message), status=400)
    guard.count_answer(request, survey)
    done = redirect("dialogue:thanks", slug=slug, token=token)
    guard.mark_answered(done, survey)
    return done


def thanks(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    survey = public_survey(slug, token)
    return render(request, "dialogue/thanks.html", {"survey": survey})


urlpatterns: list[URLPattern] = [
    path("r/<slug:slug>/enkat/<str:token>/", answer, name="answer"),
    path("r/<slug:slug>/enkat/<str:token>/tack/", thanks, name="thanks"),
]
