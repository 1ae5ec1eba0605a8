"""The problem picture page of a council's year, with the coordinator's analysis, and its PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.access import Capability, access_council, council_context
from samverkan.core.documents import render_pdf
from samverkan.core.errors import NotFoundError
from samverkan.core.pages import run_service
from samverkan.insights.forms.problem_picture import AnalysisForm, ToPromisesForm
from samverkan.insights.selectors.problem_picture import Picture, problem_picture
from samverkan.insights.services.problem_picture import (
    MAX_YEAR,
    MIN_YEAR,
    problem_picture_save,
    problem_picture_to_promise_set,
)
from samverkan.organisations.selectors import council_look


def _year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise NotFoundError
    return year


@login_required
def problem_picture_page(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    need = Capability.CHANGE_RECORDS if request.method == "POST" else Capability.VIEW_COUNCIL
    council = access_council(request.user, slug, need=need)
    year = _year(year)
    form = AnalysisForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: problem_picture_save(
                actor=request.user,
                council=council,
                year=year,
                analysis=form.cleaned_data["analysis"],
            ),
        )
        if saved:
            messages.success(request, _("The analysis was saved."))
            return redirect("insights:problem_picture", slug=slug, year=year)
    picture = problem_picture(council, year)
    if not form.is_bound:
        form = AnalysisForm(initial={"analysis": picture.analysis})
    return _page(request, picture, form, ToPromisesForm(council=council))


def _page(
    request: HttpRequest, picture: Picture, form: AnalysisForm, promises_form: ToPromisesForm
) -> HttpResponse:
    year = picture.year
    bound = [f for f in (form, promises_form) if f.is_bound]
    return render(
        request,
        "insights/problem_picture.html",
        {
            **council_context(request.user, picture.council),
            "picture": picture,
            "form": form,
            "promises_form": promises_form,
            "previous_year": year - 1 if year > MIN_YEAR else None,
            "next_year": year + 1 if year < MAX_YEAR else None,
        },
        status=400 if any(f.errors for f in bound) else 200,
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
                request, _("The analysis is now the current picture of the citizen promises.")
            )
            return redirect("plans:promise_set_detail", slug=slug, pk=promise_set.pk)
    picture = problem_picture(council, year)
    return _page(request, picture, AnalysisForm(initial={"analysis": picture.analysis}), form)


@login_required
def problem_picture_pdf(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    council = access_council(request.user, slug)
    year = _year(year)
    with translation.override("sv"):
        pdf = render_pdf(
            "insights/problem_picture_document.html",
            {"picture": problem_picture(council, year)},
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
