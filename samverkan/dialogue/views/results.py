"""Results for staff: charts and tables per question, exports, free-text answers, answers
from paper forms, and the import of an earlier survey's results."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverkan.accounts.access import Capability, access_council, can, council_context
from samverkan.core import exports
from samverkan.core.errors import ServiceError
from samverkan.core.pages import paginate, posted
from samverkan.core.privacy import mask_personal_data
from samverkan.dialogue.answer_form import answer_sections
from samverkan.dialogue.charts import chart_of
from samverkan.dialogue.cross_results import (
    cross_choices,
    cross_results,
    cross_table,
    crossing_of,
)
from samverkan.dialogue.exports import results_table, results_tables
from samverkan.dialogue.forms.builder import SurveyDateField
from samverkan.dialogue.forms.results import CrossForm, ImportForm
from samverkan.dialogue.models import Question, ResponseSource, Survey
from samverkan.dialogue.results import Breakdown, response_total, survey_results
from samverkan.dialogue.selectors.surveys import free_text_answers, questions_of, survey_in
from samverkan.dialogue.services.answers import AnswerError, response_submit
from samverkan.dialogue.services.history import ImportRefusedError, results_import
from samverkan.dialogue.views.public import form_lists


def _survey(request: HttpRequest, slug: str, pk: int, need: Capability) -> Survey:
    council = access_council(request.user, slug, need=need)
    return survey_in(council, pk)


def _context(request: HttpRequest, survey: Survey, **extra: Any) -> dict[str, Any]:
    return {**council_context(request.user, survey.council), "survey": survey, **extra}


@login_required
def survey_results_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, Capability.VIEW_COUNCIL)
    by = request.GET.get("by", Breakdown.NONE)
    if by not in Breakdown.ALL:
        by = Breakdown.NONE
    results = [(result, chart_of(result)) for result in survey_results(survey, by=by)]
    cross = _cross(request, survey, [result.question for result, _chart in results])
    breakdowns = [
        (Breakdown.NONE, _("All respondents")),
        (Breakdown.AREA, _("By area")),
        (Breakdown.GROUP, _("By respondent group")),
    ]
    return render(
        request,
        "dialogue/results.html",
        _context(
            request,
            survey,
            results=results,
            by=by,
            breakdowns=breakdowns,
            total=response_total(survey),
            can_read_free_text=can(request.user, survey.council, Capability.CHANGE_RECORDS),
            **cross,
        ),
        status=400 if cross["cross_form"].errors else 200,
    )


def _cross(request: HttpRequest, survey: Survey, questions: list[Question]) -> dict[str, Any]:
    """The cross by two questions when asked for (?first=&second=&question=), else its form."""
    by, crossed = cross_choices(questions)
    asked = "question" in request.GET
    form = CrossForm(request.GET if asked else None, by=by, crossed=crossed)
    context: dict[str, Any] = {"cross_form": form, "cross_possible": len(by) >= 2}
    if asked and form.is_valid():
        try:
            crossing = crossing_of(questions, **form.cleaned_data)
            context["cross"] = cross_results(survey, crossing)
            context["cross_chart"] = chart_of(context["cross"], chart_id="chart-cross")
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            context["cross_query"] = request.GET.urlencode()
    return context


@login_required
def survey_results_cross_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, Capability.VIEW_COUNCIL)
    questions = questions_of(survey)
    by, crossed = cross_choices(questions)
    form = CrossForm(request.GET, by=by, crossed=crossed)
    if form.is_valid():
        try:
            table = cross_table(survey, crossing_of(questions, **form.cleaned_data))
        except ServiceError:
            pass
        else:
            return exports.csv_response(table, filename=f"enkat-{survey.pk}-korstabell.csv")
    # Bad input: the results page says what is wrong, on the cross's form.
    query = request.GET.copy()
    query.setdefault("question", "")
    return redirect(
        reverse("dialogue:survey_results", args=[slug, survey.pk]) + "?" + query.urlencode()
    )


@login_required
def survey_results_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, Capability.VIEW_COUNCIL)
    return exports.csv_response(results_table(survey), filename=f"enkat-{survey.pk}-resultat.csv")


@login_required
def survey_results_xlsx(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, Capability.VIEW_COUNCIL)
    staff = can(request.user, survey.council, Capability.CHANGE_RECORDS)
    return exports.xlsx_response(
        *results_tables(survey, free_text=staff), filename=f"enkat-{survey.pk}-resultat.xlsx"
    )


@login_required
def free_text(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The free-text answers, for staff only, with personal data masked."""
    survey = _survey(request, slug, pk, Capability.CHANGE_RECORDS)
    page = paginate(request, free_text_answers(survey))
    answers = [(answer, mask_personal_data(answer.text)) for answer in page]
    return render(
        request, "dialogue/free_text.html", _context(request, survey, page=page, answers=answers)
    )


class PaperDateForm(forms.Form):
    answered_on = SurveyDateField(label=gettext_lazy("Date on the form"))


@login_required
def paper_entry(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Staff type in a paper form; the date is the one the form was filled in (or today)."""
    survey = _survey(request, slug, pk, Capability.CHANGE_RECORDS)
    date_form = PaperDateForm(posted(request), initial={"answered_on": timezone.localdate()})
    data = form_lists(request.POST) if request.method == "POST" else None
    errors: dict[str, str] = {}
    message = ""
    if request.method == "POST" and date_form.is_valid():
        try:
            response_submit(
                survey=survey,
                data=data or {},
                answered_on=date_form.cleaned_data["answered_on"],
                source=ResponseSource.PAPER,
            )
            messages.success(request, _("The paper answer was saved. Enter the next one."))
            return redirect("dialogue:paper_entry", slug=slug, pk=survey.pk)
        except AnswerError as error:
            errors, message = error.errors, str(error.message)
        except ServiceError as error:
            message = str(error.message)
    elif request.method == "POST":
        message = _("Some answers could not be accepted. Nothing was saved.")
    return render(
        request,
        "dialogue/answer.html",
        _context(
            request,
            survey,
            sections=answer_sections(survey, data, errors),
            errors=errors,
            form_error=message,
            chosen_area=((data or {}).get("area") or [""])[-1],
            chosen_group=((data or {}).get("group") or [""])[-1],
            paper=True,
            date_form=date_form,
        ),
        status=400 if request.method == "POST" else 200,
    )


@login_required
def import_results(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, Capability.CHANGE_RECORDS)
    form = ImportForm(posted(request), request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            earlier = results_import(
                actor=request.user,
                survey=survey,
                title=form.cleaned_data["title"],
                held_on=form.cleaned_data["held_on"],
                data=upload.read(1_000_001),
            )
            messages.success(
                request,
                _("The results of “%(title)s” were imported and are compared with this survey.")
                % {"title": earlier.title_sv},
            )
            return redirect("dialogue:survey_results", slug=slug, pk=survey.pk)
        except ImportRefusedError as error:
            form.add_error(None, str(error.message))
            problems = error.problems
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
    return render(
        request,
        "dialogue/import.html",
        _context(request, survey, form=form, problems=problems),
        status=400 if form.is_bound else 200,
    )


S = "councils/<slug:slug>/surveys/<int:pk>/"
urlpatterns: list[URLPattern] = [
    path(f"{S}results/", survey_results_view, name="survey_results"),
    path(f"{S}results.csv", survey_results_csv, name="survey_results_csv"),
    path(f"{S}results/cross.csv", survey_results_cross_csv, name="survey_results_cross_csv"),
    path(f"{S}results.xlsx", survey_results_xlsx, name="survey_results_xlsx"),
    path(f"{S}free-text/", free_text, name="free_text"),
    path(f"{S}paper/", paper_entry, name="paper_entry"),
    path(f"{S}import/", import_results, name="import_results"),
]
