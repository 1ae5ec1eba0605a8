from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from samverkan.core import ratelimit, schedule
from samverkan.core.errors import ForbiddenError
from samverkan.core.feedback import feedback_receive
from samverkan.core.forms import FeedbackForm
from samverkan.core.health import health_report
from samverkan.core.mail import mail_failures, mail_summary
from samverkan.core.pages import posted

FEEDBACK_LIMIT_SCOPE = "accessibility-feedback"
# The operator's page counts the mails of the last week and lists the latest given up.
MAIL_SUMMARY_PERIOD = dt.timedelta(days=7)
MAIL_FAILURES_SHOWN = 20


def accessibility(request: HttpRequest) -> HttpResponse:
    form = FeedbackForm(posted(request))
    status = 400 if form.is_bound else 200
    if request.method == "POST" and ratelimit.citizen_limited(request, FEEDBACK_LIMIT_SCOPE):
        form.is_valid()
        form.add_error(
            None, _("Too many messages from your connection. Please try again in an hour.")
        )
        status = 429
    elif request.method == "POST" and form.is_valid():
        if not form.cleaned_data.get("website"):
            feedback_receive(
                actor=request.user,
                page_url=form.cleaned_data.get("page_url", ""),
                message=form.cleaned_data["message"],
                email=form.cleaned_data.get("email", ""),
            )
            ratelimit.citizen_record(request, FEEDBACK_LIMIT_SCOPE)
        messages.success(request, _("Thank you. Your feedback has been received."))
        return redirect("core:accessibility")
    return render(
        request,
        "core/accessibility.html",
        {
            "form": form,
            "site_owner": settings.SITE_OWNER,
            "feedback_email": settings.FEEDBACK_EMAIL,
        },
        status=status,
    )


def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/privacy.html",
        {
            "site_owner": settings.SITE_OWNER,
            "contact_days": settings.INCIDENT_CONTACT_RETENTION_DAYS,
            "free_text_days": settings.SURVEY_FREE_TEXT_RETENTION_DAYS,
        },
    )


def site_admin(request: HttpRequest) -> bool:
    """The operator's pages are for site administrators; Django's staff flag is not enough."""
    return bool(request.user.is_active and request.user.is_superuser)


# The history of the schedule's runs shows this many to a page.
JOB_RUNS_PER_PAGE = 50


@login_required
def operations(request: HttpRequest) -> HttpResponse:
    """The schedule's jobs with their last runs, the history, and the worker's heartbeat."""
    if not site_admin(request):
        raise ForbiddenError
    latest = schedule.job_runs_latest()
    jobs = [(job, latest.get(job.name)) for job in schedule.jobs()]
    page = Paginator(schedule.job_runs(), JOB_RUNS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/operations.html",
        {
            "jobs": jobs,
            "page": page,
            "heartbeat": schedule.heartbeat_latest(),
            "mail": mail_summary(since=timezone.now() - MAIL_SUMMARY_PERIOD),
            "mail_failures": mail_failures()[:MAIL_FAILURES_SHOWN],
        },
    )


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """The installation's health for a monitor: 200 when all is well, 503 otherwise."""
    report = health_report()
    return JsonResponse(report.as_json(), status=200 if report.ok else 503)
