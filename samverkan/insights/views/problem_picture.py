"""The problem picture page of a council's year, with the analysis and prioritised problems of the
year's lägesbild (the one place they are written), and its PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samverkan.accounts.access import Capability, access_council, council_context
from samverkan.core.documents import render_pdf
from samverkan.core.errors import NotFoundError
from samverkan.core.pages import run_service
from samverkan.insights.forms.problem_picture import ToPromisesForm
from samverkan.insights.selectors.problem_picture import Picture, problem_picture
from samverkan.insights.services.problem_picture import (
    MAX_YEAR,
    MIN_YEAR,
    problem_picture_to_promise_set,
)
from samverkan.organisations.selectors import council_look


def _year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise NotFoundError
    return year


@login_required
@require_GET
def problem_picture_page(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    council = access_council(request.user, slug)
    year = _year(year)
    picture = problem_picture(council, year, request.user)
    return _page(request, picture, ToPromisesForm(council=council))


def _page(request: HttpRequest, picture: Picture, promises_form: ToPromisesForm) -> HttpResponse:
    year = picture.year
    return render(
        request,
        "insights/problem_picture.html",
        {
            **council_context(request.user, picture.council),
            "picture": picture,
            "promises_form": promises_form,
            "previous_year": year - 1 if year > MIN_YEAR else None,
            "next_year": year + 1 if year < MAX_YEAR else None,
        },
        status=400 if promises_form.is_bound and promises_form.errors else 200,
    )


@login_required
@require_POST
def problem_picture_to_promises(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    year = _year(year)
    form = ToPromisesForm(request.POST, council=council)
    if form.is_valid():
        promise_set = run_service(
            form,
            lambda: problem_picture_to_promise_set(
                actor=request.user,
                council=council,
                year=year,
                promise_set=form.cleaned_data["promise_set"],
            ),
        )
        if promise_set:
            messages.success(
                request,
                _(
                    "The situation report's analysis is now the current picture of the "
                    "citizen promises."
                ),
            )
            return redirect("plans:promise_set_detail", slug=slug, pk=promise_set.pk)
    return _page(request, problem_picture(council, year, request.user), form)


@login_required
def problem_picture_pdf(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    council = access_council(request.user, slug)
    year = _year(year)
    with translation.override("sv"):
        pdf = render_pdf(
            "insights/problem_picture_document.html",
            {"picture": problem_picture(council, year, request.user)},
            look=council_look(council),
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="problembild-{year}.pdf"'
    return response


P = "councils/<slug:slug>/problem-picture/<int:year>/"
urlpatterns: list[URLPattern] = [
    path(P, problem_picture_page, name="problem_picture"),
    path(f"{P}problembild.pdf", problem_picture_pdf, name="problem_picture_pdf"),
    path(f"{P}to-promises/", problem_picture_to_promises, name="problem_picture_to_promises"),
]
