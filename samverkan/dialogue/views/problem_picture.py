"""The problem picture page of a council's year, with the coordinator's analysis, and its PDF."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverkan.accounts.access import Capability, access_council, council_context
from samverkan.core.documents import render_pdf
from samverkan.core.errors import NotFoundError
from samverkan.core.pages import run_service
from samverkan.dialogue.problem_picture import problem_picture
from samverkan.dialogue.services.problem_picture import (
    MAX_YEAR,
    MIN_YEAR,
    problem_picture_save,
)


class AnalysisForm(forms.Form):
    analysis = forms.CharField(
        label=gettext_lazy("The coordinator's analysis"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20_000,
        required=False,
        help_text=gettext_lazy(
            "What the figures say together, and what the next citizen promises should address."
        ),
    )


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
            return redirect("dialogue:problem_picture", slug=slug, year=year)
    picture = problem_picture(council, year)
    if not form.is_bound:
        form = AnalysisForm(initial={"analysis": picture.analysis})
    return render(
        request,
        "dialogue/problem_picture.html",
        {
            **council_context(request.user, council),
            "picture": picture,
            "form": form,
            "previous_year": year - 1 if year > MIN_YEAR else None,
            "next_year": year + 1 if year < MAX_YEAR else None,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def problem_picture_pdf(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    council = access_council(request.user, slug)
    year = _year(year)
    with translation.override("sv"):
        pdf = render_pdf(
            "dialogue/problem_picture_document.html",
            {"picture": problem_picture(council, year)},
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="problembild-{year}.pdf"'
    return response


P = "councils/<slug:slug>/problem-picture/<int:year>/"
urlpatterns: list[URLPattern] = [
    path(P, problem_picture_page, name="problem_picture"),
    path(f"{P}problembild.pdf", problem_picture_pdf, name="problem_picture_pdf"),
]
