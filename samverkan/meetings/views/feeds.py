"""Private calendar feeds: the page where a user makes and revokes their own addresses, and
the feed itself, which answers without a login because the token in its address is the secret.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from samverkan.accounts.access import access_council, council_context
from samverkan.core.errors import ForbiddenError, NotFoundError, ServiceError
from samverkan.core.pages import one_or_not_found, parse_id
from samverkan.meetings.calendar import calendar
from samverkan.meetings.models import CalendarFeed
from samverkan.meetings.services.feeds import (
    calendar_feed_create,
    calendar_feed_revoke,
    feed_is_live,
)
from samverkan.organisations.models import Body, Council


def _pk(raw: str) -> int:
    pk = parse_id(raw)
    if pk is None:
        raise NotFoundError
    return pk


def _body_in(council: Council, raw_pk: str) -> Body:
    return one_or_not_found(
        Body.objects.filter(council=council, pk=_pk(raw_pk)).select_related("council")
    )


def _own_feed(council: Council, user: User, raw_pk: str) -> CalendarFeed:
    """Only the owner's feeds: nobody revokes, or learns of, another user's feed."""
    return one_or_not_found(
        CalendarFeed.objects.filter(
            pk=_pk(raw_pk), user=user, body__council=council, revoked_at__isnull=True
        ).select_related("body")
    )


def _feed_post(request: HttpRequest, council: Council, user: User) -> HttpResponse | str:
    """Make or revoke a feed; a redirect, or the error to show."""
    if "create" in request.POST:
        body = _body_in(council, request.POST["create"])
        try:
            feed = calendar_feed_create(actor=user, body=body, user=user)
        except ServiceError as exc:
            return str(exc.message)
        messages.success(
            request, _("A private address was made for %(body)s.") % {"body": body.name}
        )
        return redirect(
            reverse("meetings:calendar_feeds", args=[council.slug]) + f"#feed-{feed.pk}"
        )
    if "revoke" in request.POST:
        feed = _own_feed(council, user, request.POST["revoke"])
        calendar_feed_revoke(actor=user, feed=feed)
        messages.success(
            request,
            _("The address for %(body)s was revoked; it no longer answers.")
            % {"body": feed.body.name},
        )
        return redirect("meetings:calendar_feeds", slug=council.slug)
    return _("Choose what to do.")


@login_required
def calendar_feeds(request: HttpRequest, slug: str) -> HttpResponse:
    """The user's own private calendar addresses, per body of the council."""
    council = access_council(request.user, slug)
    user = request.user
    if not isinstance(user, User):  # login_required lets only logins through
        raise ForbiddenError
    error = ""
    if request.method == "POST":
        outcome = _feed_post(request, council, user)
        if isinstance(outcome, HttpResponse):
            return outcome
        error = outcome
    feeds: dict[int, list[dict[str, Any]]] = {}
    for feed in CalendarFeed.objects.filter(
        user=user, body__council=council, revoked_at__isnull=True
    ).order_by("created_at", "id"):
        url = request.build_absolute_uri(reverse("meetings:calendar_feed", args=[feed.token]))
        feeds.setdefault(feed.body_id, []).append({"feed": feed, "url": url})
    bodies = [
        {"body": body, "feeds": feeds.get(body.pk, [])}
        for body in Body.objects.filter(council=council).order_by("name", "id")
    ]
    return render(
        request,
        "meetings/feed_list.html",
        {**council_context(user, council), "bodies": bodies, "error": error},
        status=400 if error else 200,
    )


@never_cache
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Every meeting of the body, planned, held and cancelled, as iCalendar. No login: an
    unknown, revoked or orphaned token answers 404, the same for each."""
    feed = (
        CalendarFeed.objects.filter(token=token)
        .select_related("body__council__municipality", "user")
        .first()
    )
    if feed is None or not feed_is_live(feed):
        raise Http404
    body = feed.body
    meetings = body.meetings.select_related("body").order_by("date", "start_time", "id")
    name = f"{body.name}, {body.council.municipality.name}"
    response = HttpResponse(
        calendar(meetings, name=name, host=request.get_host()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="sammantraden.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
