"""Importing the police's events: from an uploaded file, or fetched on a schedule.

An import is all or nothing: a file with a broken notice saves nothing. Notices of other
locations and summaries are left out; a notice already known (the same id) is updated when the
police changed it. Each import is one audit event with its counts (the events are public data,
not records anyone edits).
"""

from __future__ import annotations

import datetime as dt
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor, audit_create, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.incidents.police.models import PoliceEvent, PoliceFeed
from samverkan.incidents.police.parse import MAX_BYTES, location_names, parse_feed
from samverkan.organisations.models import Council

FIELDS = ("occurred_at", "time_known", "published_at", "type", "name", "summary", "url")
FETCH_TIMEOUT = 20


@dataclass(frozen=True)
class PoliceImportResult:
    created: int
    updated: int
    unchanged: int
    other_places: int
    summaries: int


def feed_of(council: Council) -> PoliceFeed:
    """The council's feed setting; unsaved and off until the council turns it on or imports."""
    return PoliceFeed.objects.filter(council=council).first() or PoliceFeed(council=council)


def names_of(council: Council, feed: PoliceFeed | None = None) -> list[str]:
    """The location names the council's events carry in the feed."""
    given = feed.location_names if feed is not None else ""
    names = [n.strip() for n in given.split(",") if n.strip()]
    return names or location_names(council.municipality.name)


def police_events_import(
    *, actor: Actor, council: Council, data: bytes, source: str = ""
) -> PoliceImportResult:
    """Keep the notices of the council's municipality from a feed file, all or nothing."""
    parsed = parse_feed(data)
    if parsed.problems:
        shown = parsed.problems[:5]
        more = len(parsed.problems) - len(shown)
        message = " ".join(shown)
        if more:
            message += " " + _("And %(n)d more problems.") % {"n": more}
        raise ServiceError(_("Nothing was imported. %(problems)s") % {"problems": message})
    feed = feed_of(council)
    wanted = {n.casefold() for n in names_of(council, feed)}
    ours = [n for n in parsed.notices if n.location_name.casefold() in wanted]
    known = {
        e.event_id: e
        for e in PoliceEvent.objects.filter(
            council=council, event_id__in=[n.event_id for n in ours]
        )
    }
    created = updated = unchanged = 0
    with transaction.atomic():
        new = []
        for notice in ours:
            values = {
                "occurred_at": notice.occurred_at,
                "time_known": notice.time_known,
                "published_at": notice.published_at,
                "type": notice.type,
                "name": notice.name,
                "summary": notice.summary,
                "url": notice.url,
                "location_name": notice.location_name,
            }
            event = known.get(notice.event_id)
            if event is None:
                new.append(PoliceEvent(council=council, event_id=notice.event_id, **values))
                continue
            if all(getattr(event, k) == v for k, v in values.items()):
                unchanged += 1
                continue
            for key, value in values.items():
                setattr(event, key, value)
            event.save()
            updated += 1
        PoliceEvent.objects.bulk_create(new, batch_size=500)
        created = len(new)
        result = PoliceImportResult(
            created=created,
            updated=updated,
            unchanged=unchanged,
            other_places=len(parsed.notices) - len(ours),
            summaries=parsed.summaries,
        )
        before = snapshot(feed) if feed.pk else None
        feed.last_fetched_at = timezone.now()
        feed.last_result = result_text(result, source=source)[:500]
        feed.save()
        if before is None:
            audit_create(actor=actor, instance=feed, council_id=council.pk)
        else:
            audit_update(actor=actor, instance=feed, before=before, council_id=council.pk)
    return result


def result_text(result: PoliceImportResult, *, source: str = "") -> str:
    text = _(
        "%(created)d new events, %(updated)d updated, %(unchanged)d unchanged; "
        "%(other)d of other places and %(summaries)d summaries left out."
    ) % {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "other": result.other_places,
        "summaries": result.summaries,
    }
    return f"{source}: {text}" if source else text


def police_feed_update(
    *, actor: Actor, council: Council, enabled: bool, location_names: str
) -> PoliceFeed:
    names = [n.strip() for n in location_names.split(",") if n.strip()]
    if any(len(n) > 100 for n in names):
        raise ServiceError(_("A location name is too long."), field="location_names")
    with transaction.atomic():
        feed = PoliceFeed.objects.select_for_update().filter(council=council).first()
        if feed is None:
            feed = PoliceFeed(council=council, enabled=enabled, location_names=", ".join(names))
            feed.save()
            audit_create(actor=actor, instance=feed, council_id=council.pk)
            return feed
        before = snapshot(feed)
        feed.enabled = enabled
        feed.location_names = ", ".join(names)
        feed.save()
        audit_update(actor=actor, instance=feed, before=before, council_id=council.pk)
    return feed


def feed_url(council: Council, feed: PoliceFeed) -> str:
    """The configured address, asking only for the council's location names."""
    base = settings.POLICE_EVENTS_URL
    query = urllib.parse.urlencode({"locationname": ";".join(names_of(council, feed))})
    return f"{base}{'&' if '?' in base else '?'}{query}"


def download(url: str) -> bytes:
    """The feed's answer, at most MAX_BYTES; a ServiceError with the reason when it fails."""
    if not url.startswith(("https://", "http://")):
        raise ServiceError(_("The address of the police's events feed must start with https://."))
    request = urllib.request.Request(  # noqa: S310 (checked to be http(s) above)
        url, headers={"User-Agent": settings.POLICE_EVENTS_USER_AGENT, "Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as answer:  # noqa: S310
            data: bytes = answer.read(MAX_BYTES + 1)
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc.__class__.__name__
        raise ServiceError(
            _("The police's events feed could not be fetched: %(reason)s") % {"reason": reason}
        ) from exc
    if len(data) > MAX_BYTES:
        raise ServiceError(_("The file is too large."))
    return data


def police_events_fetch(*, council: Council, now: dt.datetime | None = None) -> str:
    """Fetch and import the feed for one council that turned it on; the result as text.

    A failure is kept on the feed setting (shown to the coordinator) and raised.
    """
    feed = feed_of(council)
    if not feed.enabled:
        raise ServiceError(_("The council has not turned the police's events feed on."))
    try:
        data = download(feed_url(council, feed))
        result = police_events_import(actor=None, council=council, data=data, source=_("Fetched"))
    except ServiceError as exc:
        PoliceFeed.objects.filter(pk=feed.pk).update(
            last_fetched_at=now or timezone.now(),
            last_result=(_("Failed: %(reason)s") % {"reason": exc.message})[:500],
        )
        raise
    return result_text(result)


@dataclass(frozen=True)
class FeedFetch:
    """One council's fetch: the import's result, or why it failed."""

    council: Council
    text: str
    failed: bool


def police_events_fetch_enabled(
    *, council_slug: str | None = None, now: dt.datetime | None = None
) -> list[FeedFetch]:
    """Fetch the feed of every council that turned it on (or of one); a failure of one council
    is kept on its feed and the others still run. The hourly job and the command share it."""
    feeds = PoliceFeed.objects.filter(enabled=True).select_related(
        "council", "council__municipality"
    )
    if council_slug:
        feeds = feeds.filter(council__slug=council_slug)
    fetches = []
    for feed in feeds.order_by("council__slug"):
        try:
            text = police_events_fetch(council=feed.council, now=now)
        except ServiceError as exc:
            fetches.append(FeedFetch(council=feed.council, text=str(exc.message), failed=True))
            continue
        fetches.append(FeedFetch(council=feed.council, text=text, failed=False))
    return fetches
