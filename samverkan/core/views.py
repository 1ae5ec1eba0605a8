from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
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
from samverkan.core.tiles import tile_archive

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


# Tiles do not change while the archive stays: a day in the browser, a week in a shared cache.
TILE_CACHE_SECONDS = 86400


@require_safe
def map_tile(request: HttpRequest, z: int, x: int, y: int, ext: str) -> HttpResponse:
    """One tile of the base map from the archive MAP_TILES_FILE names (for everyone: the
    public maps draw it too). 404 for a tile the archive lacks, a zoom or column outside the
    world, another format than the archive's, or no archive at all."""
    archive = tile_archive()
    if archive is None or ext != archive.extension or not 0 <= z <= archive.max_zoom:
        raise Http404
    if not (0 <= x < (1 << z) and 0 <= y < (1 << z)):
        raise Http404
    data = archive.tile(z, x, y)
    if data is None:
        raise Http404
    response = HttpResponse(data, content_type=archive.content_type)
    response["Cache-Control"] = (
        f"public, max-age={TILE_CACHE_SECONDS}, s-maxage={TILE_CACHE_SECONDS * 7}"
    )
    return response
