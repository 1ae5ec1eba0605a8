"""The period report: the situational picture of a period as a page, a PDF/A and a DOCX, and the
PDF attached to an agenda item in one step."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverkan.accounts.access import Capability, access_council, can, council_context
from samverkan.core.pages import posted, run_service
from samverkan.insights import tasks
from samverkan.insights.documents.period_report import period_report_filename, period_report_pdf
from samverkan.insights.forms.dashboard import DashboardFilterForm, filter_form, query_string
from samverkan.insights.selectors import dashboard as figures
from samverkan.insights.views.dashboard import board_charts, heat_rows
from samverkan.meetings.forms import AttachForm
from samverkan.meetings.models import AgendaItem
from samverkan.meetings.services.item_files import default_item, document_attach
from samverkan.organisations.document_jobs import document_job_start
from samverkan.organisations.models import Council

REPORT_ITEM_WORDS = ("lägesbild", "lägesrapport", "statistik", "incident", "skadegörelse")


def _context(request: HttpRequest, council: Council, **extra: Any) -> dict[str, Any]:
    return {**council_context(request.user, council), **extra}


def _report_items(council: Council) -> Any:
    """The agenda items of the council's meetings from a month back on, soonest first."""
    since = timezone.localdate() - dt.timedelta(days=31)
    return (
        AgendaItem.objects.filter(meeting__body__council=council, meeting__date__gte=since)
        .select_related("meeting__body")
        .order_by("meeting__date", "meeting__id", "number")
    )


def _attach_form(request: HttpRequest, council: Council) -> AttachForm | None:
    items = list(_report_items(council)[:200])
    if not items:
        return None
    return AttachForm(
        posted(request),
        items=_report_items(council),
        with_meeting=True,
        initial={"item": default_item(items, REPORT_ITEM_WORDS)},
    )


def report_context(council: Council, f: figures.DashboardFilter) -> dict[str, Any]:
    """The figures and charts of the report, in Swedish like the document."""
    board = figures.dashboard(council, f)
    with translation.override("sv"):
        return {
            "council": council,
            "board": board,
            "heat": [(str(name), row) for name, row in heat_rows(board.weekdays)],
            "hours": range(24),
            "generated": timezone.localtime(),
            **board_charts(board),
        }


def _report_page(
    request: HttpRequest,
    council: Council,
    form: DashboardFilterForm,
    attach_form: AttachForm | None,
    status: int = 200,
) -> HttpResponse:
    f = form.filters()
    manage = can(request.user, council, Capability.MANAGE_MEETINGS)
    return render(
        request,
        "insights/period_report.html",
        _context(
            request,
            council,
            form=form,
            filters=f,
            query=query_string(f),
            attach_form=attach_form if manage else None,
            can_attach=manage,
            attach_action=reverse("insights:period_report_attach", kwargs={"slug": council.slug})
            + "?"
            + query_string(f),
            attach_label=_("Attach %(filename)s") % {"filename": period_report_filename(f, "pdf")},
        ),
        status=status,
    )


@login_required
def period_report(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    form = filter_form(request, council)
    attach_form = (
        _attach_form(request, council)
        if can(request.user, council, Capability.MANAGE_MEETINGS)
        else None
    )
    return _report_page(
        request, council, form, attach_form, status=400 if form.is_bound and form.errors else 200
    )


def _document(request: HttpRequest, slug: str, suffix: str) -> HttpResponse:
    """Queue the report as a file for the worker; its page offers the file once made."""
    council = access_council(request.user, slug)
    f = filter_form(request, council).filters()
    return document_job_start(
        request,
        council,
        kind=tasks.PERIOD_REPORT,
        filename=period_report_filename(f, suffix),
        task=tasks.period_report_run,
        task_path=tasks.TASK_PATH,
        params={"query": query_string(f), "format": suffix},
    )


@login_required
def period_report_pdf_view(request: HttpRequest, slug: str) -> HttpResponse:
    return _document(request, slug, "pdf")


@login_required
def period_report_docx_view(request: HttpRequest, slug: str) -> HttpResponse:
    return _document(request, slug, "docx")


@login_required
def period_report_attach(request: HttpRequest, slug: str) -> HttpResponse:
    """Store the period report (PDF) as a file of an agenda item, in one step."""
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    form = filter_form(request, council)
    attach_form = _attach_form(request, council)
    if request.method == "POST" and attach_form is not None and attach_form.is_valid():
        item = attach_form.cleaned_data["item"]
        f = form.filters()
        attached = run_service(
            attach_form,
            lambda: document_attach(
                actor=request.user,
                item=item,
                filename=period_report_filename(f, "pdf"),
                content=period_report_pdf(report_context(council, f), f),
            ),
        )
        if attached is not None:
            messages.success(
                request,
                _("The period report was attached to %(meeting)s, § %(number)d %(title)s.")
                % {
                    "meeting": f"{item.meeting.body.name} {item.meeting.date:%Y-%m-%d}",
                    "number": item.number,
                    "title": item.title,
                },
            )
            url = reverse("insights:period_report", kwargs={"slug": slug})
            return redirect(f"{url}?{query_string(f)}")
    return _report_page(
        request, council, form, attach_form, status=400 if request.method == "POST" else 200
    )


c = "councils/<slug:slug>/lagesbild/"
urlpatterns: list[URLPattern] = [
    path(c + "report/", period_report, name="period_report"),
    path(c + "report/lagesbild.pdf", period_report_pdf_view, name="period_report_pdf"),
    path(c + "report/lagesbild.docx", period_report_docx_view, name="period_report_docx"),
    path(c + "report/attach/", period_report_attach, name="period_report_attach"),
]
