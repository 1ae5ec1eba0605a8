"""Pages of the plans app: the status report for a meeting, the yearly follow-up of a plan, and
the public page of the citizen promises (see samverkan/plans/urls.py).

A report is read whole, like the minutes: its activities are not split into pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverkan.accounts.access import (
    Capability,
    access_council,
    can,
    council_context,
    masked_for,
)
from samverkan.core.errors import NotFoundError
from samverkan.core.pages import one_or_not_found, paginate, posted, run_service
from samverkan.meetings.forms import AttachForm
from samverkan.meetings.models import AgendaItem, Meeting
from samverkan.meetings.services.item_files import default_item, document_attach
from samverkan.organisations.document_jobs import document_job_start
from samverkan.organisations.models import Council
from samverkan.organisations.selectors import access_public_council
from samverkan.plans import tasks
from samverkan.plans.documents.follow_up import (
    follow_up_filename,
    follow_up_pdf,
)
from samverkan.plans.documents.status_report import (
    status_report_docx,
    status_report_filename,
    status_report_pdf,
)
from samverkan.plans.forms.reports import (
    CarryOverForm,
    FollowUpForm,
    FollowUpPeriodForm,
    ReviseForm,
)
from samverkan.plans.models import Plan, Promise
from samverkan.plans.selectors.activities import plan_in
from samverkan.plans.services import reports
from samverkan.plans.services.follow_up import (
    FINISHED,
    FollowUpReport,
    activities_carry_over,
    follow_up_report,
    follow_up_save,
)
from samverkan.plans.services.follow_up import plan_revise as plan_revise_service

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# An agenda item about the follow-up: the document goes there unless another is chosen.
FOLLOW_UP_ITEM_WORDS = ("uppföljning", "genomförandeplan", "medborgarlöfte", "handlingsplan")


def _context(request: HttpRequest, council: Council, **extra: Any) -> dict[str, Any]:
    return {**council_context(request.user, council), **extra}


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    return response


def _for_download(request: HttpRequest, council: Council) -> bool:
    """Whether a downloaded document holds the internal notes: only when asked for ("internal
    or for publication", publication by default, so a file passed on never leaks them by
    accident) and only to those who may read them."""
    return request.GET.get("version") == "internal" and not masked_for(request.user, council)


def _download_context(request: HttpRequest, council: Council) -> dict[str, Any]:
    return {"internal_choice": not masked_for(request.user, council)}


# The status report ---------------------------------------------------------------------------


def _meeting_in(council: Council, pk: int) -> Meeting:
    return one_or_not_found(
        Meeting.objects.filter(body__council=council, pk=pk).select_related(
            "body__council__municipality"
        )
    )


def _report(request: HttpRequest, council: Council, pk: int) -> reports.StatusReport:
    meeting = _meeting_in(council, pk)
    internal = not masked_for(request.user, council)
    return reports.status_report(meeting, with_internal=internal)


def _status_report_page(
    request: HttpRequest,
    council: Council,
    report: reports.StatusReport,
    form: AttachForm | None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "plans/status_report.html",
        _context(
            request,
            council,
            report=report,
            meeting=report.meeting,
            form=form,
            **_download_context(request, council),
        ),
        status=status,
    )


def _report_download(request: HttpRequest, council: Council, pk: int) -> reports.StatusReport:
    meeting = _meeting_in(council, pk)
    return reports.status_report(meeting, with_internal=_for_download(request, council))


def _attach_form(request: HttpRequest, meeting: Meeting) -> AttachForm | None:
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("number"))
    if not items:
        return None
    return AttachForm(
        posted(request),
        items=AgendaItem.objects.filter(meeting=meeting).order_by("number"),
        initial={"item": default_item(items, reports.PLAN_ITEM_WORDS)},
    )


@login_required
def status_report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The plan's status for the meeting, and what changed since the body's previous one."""
    council = access_council(request.user, slug)
    report = _report(request, council, pk)
    form = None
    if can(request.user, council, Capability.MANAGE_MEETINGS):
        form = _attach_form(request, report.meeting)
    return _status_report_page(request, council, report, form)


@login_required
def status_report_pdf_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug)
    report = _report_download(request, council, pk)
    return _download(
        status_report_pdf(report, council),
        "application/pdf",
        status_report_filename(report, "pdf"),
    )


@login_required
def status_report_docx_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug)
    report = _report_download(request, council, pk)
    return _download(
        status_report_docx(report, council), DOCX, status_report_filename(report, "docx")
    )


@login_required
def status_report_attach(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Store the report as a file of one of the meeting's agenda items, in one step.

    The stored report has no internal notes: item files go to everyone who reads the agenda.
    """
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    meeting = _meeting_in(council, pk)
    form = _attach_form(request, meeting)
    if request.method == "POST" and form is not None and form.is_valid():
        item = form.cleaned_data["item"]
        public = reports.status_report(meeting, with_internal=False)
        attached = run_service(
            form,
            lambda: document_attach(
                actor=request.user,
                item=item,
                filename=status_report_filename(public, "pdf"),
                content=status_report_pdf(public, council),
            ),
        )
        if attached is not None:
            messages.success(
                request,
                _("The status report was attached to § %(number)d %(title)s.")
                % {"number": item.number, "title": item.title},
            )
            return redirect("plans:status_report", slug=slug, pk=meeting.pk)
    report = _report(request, council, pk)
    return _status_report_page(
        request, council, report, form, status=400 if request.method == "POST" else 200
    )


# The yearly follow-up --------------------------------------------------------------------------


def _period(request: HttpRequest, plan: Plan) -> FollowUpPeriodForm:
    """The tertial or year asked for in the address (?year=2027&period=t1)."""
    asked = request.GET if {"year", "period"} & request.GET.keys() else None
    return FollowUpPeriodForm(asked, plan=plan)


def _follow_up(request: HttpRequest, council: Council, pk: int) -> FollowUpReport:
    plan = plan_in(council, pk)
    internal = not masked_for(request.user, council)
    year, period = _period(request, plan).chosen()
    return follow_up_report(plan, with_internal=internal, year=year, period=period)


def _follow_up_download(request: HttpRequest, council: Council, pk: int) -> FollowUpReport:
    plan = plan_in(council, pk)
    year, period = _period(request, plan).chosen()
    return follow_up_report(
        plan, with_internal=_for_download(request, council), year=year, period=period
    )


def _follow_up_items(plan: Plan) -> Any:
    """The agenda items of the council's meetings in the plan's year and the next."""
    return (
        AgendaItem.objects.filter(
            meeting__body__council_id=plan.council_id,
            meeting__date__gte=dt.date(plan.year, 1, 1),
            meeting__date__lte=dt.date(plan.year + 1, 12, 31),
        )
        .select_related("meeting__body")
        .order_by("meeting__date", "meeting__id", "number")
    )


def _follow_up_attach_form(request: HttpRequest, plan: Plan) -> AttachForm | None:
    items = list(_follow_up_items(plan))
    if not items:
        return None
    # The next meeting from today, where the council would approve the follow-up.
    today = timezone.localdate()
    upcoming = [i for i in items if i.meeting.date >= today] or items
    return AttachForm(
        posted(request),
        items=_follow_up_items(plan),
        with_meeting=True,
        initial={"item": default_item(upcoming, FOLLOW_UP_ITEM_WORDS)},
    )


def _follow_up_page(
    request: HttpRequest,
    council: Council,
    report: FollowUpReport,
    attach_form: AttachForm | None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "plans/follow_up.html",
        _context(
            request,
            council,
            report=report,
            plan=report.plan,
            period_form=_period(request, report.plan),
            download_params=[("year", report.year), ("period", report.period)],
            download_query=urlencode({"year": str(report.year), "period": report.period}),
            attach_form=attach_form,
            can_attach=can(request.user, council, Capability.MANAGE_MEETINGS),
            **_download_context(request, council),
        ),
        status=status,
    )


@login_required
def follow_up(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug)
    report = _follow_up(request, council, pk)
    form = None
    if can(request.user, council, Capability.MANAGE_MEETINGS):
        form = _follow_up_attach_form(request, report.plan)
    return _follow_up_page(request, council, report, form)


@login_required
def follow_up_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The coordinator's summary and each promise's outcome, in one form."""
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    plan = plan_in(council, pk)
    promises: list[Promise] = (
        list(Promise.objects.filter(promise_set_id=plan.promise_set_id))
        if plan.promise_set_id is not None
        else []
    )
    report = follow_up_report(plan, with_internal=True)
    initial = {"summary": report.summary, **{f"outcome_{p.pk}": p.outcome for p in promises}}
    form = FollowUpForm(posted(request), initial=initial, promises=promises)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: follow_up_save(
                actor=request.user,
                plan=plan,
                summary=form.cleaned_data["summary"],
                outcomes=form.outcomes(),
            ),
        )
        if saved is not None:
            messages.success(request, _("The follow-up was saved."))
            return redirect("plans:follow_up", slug=slug, pk=plan.pk)
    return render(
        request,
        "plans/follow_up_form.html",
        _context(request, council, form=form, plan=plan),
        status=400 if form.is_bound else 200,
    )


def _follow_up_document(request: HttpRequest, slug: str, pk: int, suffix: str) -> HttpResponse:
    """Queue the follow-up as a file for the worker; its page offers the file once made."""
    council = access_council(request.user, slug)
    report = _follow_up_download(request, council, pk)
    return document_job_start(
        request,
        council,
        kind=tasks.FOLLOW_UP,
        filename=follow_up_filename(report, suffix),
        task=tasks.follow_up_run,
        task_path=tasks.TASK_PATH,
        params={
            "plan": report.plan.pk,
            "internal": _for_download(request, council),
            "year": report.year,
            "period": report.period,
            "format": suffix,
        },
    )


@login_required
def follow_up_pdf_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _follow_up_document(request, slug, pk, "pdf")


@login_required
def follow_up_docx_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _follow_up_document(request, slug, pk, "docx")


@login_required
def follow_up_attach(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Store the follow-up (without internal notes) as a file of a meeting's agenda item."""
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    plan = plan_in(council, pk)
    form = _follow_up_attach_form(request, plan)
    if request.method == "POST" and form is not None and form.is_valid():
        item = form.cleaned_data["item"]
        year, period = _period(request, plan).chosen()
        public = follow_up_report(plan, with_internal=False, year=year, period=period)
        attached = run_service(
            form,
            lambda: document_attach(
                actor=request.user,
                item=item,
                filename=follow_up_filename(public, "pdf"),
                content=follow_up_pdf(public, council),
            ),
        )
        if attached is not None:
            messages.success(
                request,
                _("The follow-up was attached to %(meeting)s, § %(number)d %(title)s.")
                % {
                    "meeting": f"{item.meeting.body.name} {item.meeting.date:%Y-%m-%d}",
                    "number": item.number,
                    "title": item.title,
                },
            )
            return redirect("plans:follow_up", slug=slug, pk=plan.pk)
    report = _follow_up(request, council, pk)
    return _follow_up_page(
        request, council, report, form, status=400 if request.method == "POST" else 200
    )


@login_required
def carry_over(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Carry unfinished activities into the plan that follows, measure by measure."""
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    plan = plan_in(council, pk)
    unfinished = plan.activities.exclude(status__in=FINISHED).order_by("position", "id")
    # A form without the checkboxes' marker (an older page, a script) carries every one.
    form = CarryOverForm(
        request.POST if "chosen_marker" in request.POST else None, activities=unfinished
    )
    if request.method == "POST" and (not form.is_bound or form.is_valid()):
        chosen = form.chosen() if form.is_bound else None
        result = run_service(
            form, lambda: activities_carry_over(actor=request.user, plan=plan, chosen=chosen)
        )
        if result is not None:
            count = len(result.carried)
            if count:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d activity was carried over into %(plan)s.",
                        "%(count)d activities were carried over into %(plan)s.",
                        count,
                    )
                    % {"count": count, "plan": result.plan.title},
                )
            else:
                messages.info(
                    request,
                    _("No activity was left to carry over into %(plan)s.")
                    % {"plan": result.plan.title},
                )
            return redirect("plans:plan_detail", slug=slug, pk=result.plan.pk)
    # For those who keep the plan, who read what is not for publication.
    return render(
        request,
        "plans/follow_up_carry_over.html",
        _context(
            request,
            council,
            plan=plan,
            form=form,
            unfinished=unfinished.exists(),
            next_year=plan.last_year + 1,
        ),
        status=400 if form.is_bound else 200,
    )


@login_required
def plan_revise(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Revise the plan: a new plan over the same years with the measures chosen; the old one
    stays readable."""
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    plan = plan_in(council, pk)
    measures = plan.activities.order_by("position", "id")
    form = ReviseForm(
        posted(request),
        activities=measures,
        initial={"title": _("%(title)s (revised)") % {"title": plan.title}},
    )
    if request.method == "POST" and form.is_valid():
        revision = run_service(
            form,
            lambda: plan_revise_service(
                actor=request.user,
                plan=plan,
                title=form.cleaned_data["title"],
                chosen=form.chosen(),
            ),
        )
        if revision is not None:
            messages.success(request, _("The revised plan was created; the earlier one is kept."))
            return redirect("plans:plan_detail", slug=slug, pk=revision.pk)
    return render(
        request,
        "plans/plan_revise.html",
        _context(request, council, plan=plan, form=form),
        status=400 if form.is_bound else 200,
    )


# The public page of the citizen promises ----------------------------------------------------


def public_index(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_public_council(slug)
    page = paginate(request, reports.public_promise_sets(council))
    years = [
        (ps.year or (ps.valid_from.year if ps.valid_from else 0), ps) for ps in page.object_list
    ]
    return render(
        request,
        "plans/public_index.html",
        {"public_council": council, "page": page, "years": years},
    )


def public_plan(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """The year's citizen promises and how far they have come, for anyone to read."""
    council = access_public_council(slug)
    promise_set = reports.public_promise_set(council, year) if 1900 <= year <= 2100 else None
    if promise_set is None:
        raise NotFoundError
    return render(
        request,
        "plans/public_plan.html",
        {
            "public_council": council,
            "promise_set": promise_set,
            "year": year,
            "promises": reports.public_promises(promise_set),
        },
    )


p = "councils/<slug:slug>/plans/"
m = p + "meetings/<int:pk>/status-report/"
f = p + "<int:pk>/follow-up/"
r = "r/<slug:slug>/medborgarloften/"
urlpatterns: list[URLPattern] = [
    path(m, status_report, name="status_report"),
    path(m + "lagesrapport.pdf", status_report_pdf_view, name="status_report_pdf"),
    path(m + "lagesrapport.docx", status_report_docx_view, name="status_report_docx"),
    path(m + "attach/", status_report_attach, name="status_report_attach"),
    path(f, follow_up, name="follow_up"),
    path(f + "edit/", follow_up_edit, name="follow_up_edit"),
    path(f + "uppfoljning.pdf", follow_up_pdf_view, name="follow_up_pdf"),
    path(f + "uppfoljning.docx", follow_up_docx_view, name="follow_up_docx"),
    path(f + "attach/", follow_up_attach, name="follow_up_attach"),
    path(f + "carry-over/", carry_over, name="follow_up_carry_over"),
    path(p + "<int:pk>/revise/", plan_revise, name="plan_revise"),
    path(r, public_index, name="public_index"),
    path(r + "<int:year>/", public_plan, name="public_plan"),
]
