"""Pages that plan meetings: one meeting, or a year's schedule at once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samverkan.accounts.access import Capability, access_council, council_context
from samverkan.core.errors import ServiceError
from samverkan.core.forms import rows_formset
from samverkan.core.pages import posted
from samverkan.meetings.forms import (
    MeetingForm,
    ScheduleRowForm,
)
from samverkan.meetings.services import schedule

SCHEDULE_ROWS = 8


@login_required
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    form = MeetingForm(posted(request), council=council)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = schedule.meeting_create(
                actor=request.user,
                body=data["body"],
                date=data["date"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                place=data["place"],
            )
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            messages.success(request, _("The meeting was added to the calendar."))
            return redirect("meetings:minutes_editor", slug=slug, pk=meeting.pk)
    return render(
        request,
        "meetings/meeting_form.html",
        {**council_context(request.user, council), "form": form, "title": _("New meeting")},
        status=400 if form.is_bound else 200,
    )


@login_required
def schedule_create(request: HttpRequest, slug: str) -> HttpResponse:
    """A year's schedule at once: the council and its working committee side by side."""
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    formset_class = rows_formset(ScheduleRowForm, extra=SCHEDULE_ROWS, max_num=40)
    formset = formset_class(posted(request), form_kwargs={"council": council}, prefix="rows")
    error = ""
    if request.method == "POST" and formset.is_valid():
        rows = [
            schedule.ScheduleRow(
                body=form.cleaned_data["body"],
                date=form.cleaned_data["date"],
                start_time=form.cleaned_data.get("start_time"),
                end_time=form.cleaned_data.get("end_time"),
                place=form.cleaned_data.get("place") or "",
            )
            for form in formset.forms
            if form.cleaned_data.get("date")
        ]
        try:
            created = schedule.schedule_create(actor=request.user, council=council, rows=rows)
        except ServiceError as exc:
            error = str(exc.message)
        else:
            messages.success(
                request,
                _("%(count)s meetings were added to the calendar.") % {"count": len(created)},
            )
            return redirect("meetings:meeting_list", slug=slug)
    return render(
        request,
        "meetings/schedule_form.html",
        {**council_context(request.user, council), "formset": formset, "error": error},
        status=400 if formset.is_bound else 200,
    )
