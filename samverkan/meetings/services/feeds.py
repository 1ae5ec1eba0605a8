"""Private calendar feeds: a secret address per user and body that calendar programs poll.

The token in the address is the only credential (calendar programs cannot log in), so it is
long and random, shown only to its owner, and revocable. A feed also stops answering when its
owner loses access to the council or the login is deactivated (see views/feeds.py).
"""

from __future__ import annotations

import copy
import secrets

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.accounts.access import Capability, can
from samverkan.core.audit import Actor, audit_create, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.meetings.models import CalendarFeed
from samverkan.organisations.models import Body

TOKEN_BYTES = 32  # 43 URL-safe characters, 256 bits


def _without_secret(feed: CalendarFeed) -> CalendarFeed:
    """The feed as the audit trail records it: the trail is kept for ever and shown on
    history pages, so the token never goes into it."""
    shown = copy.copy(feed)
    shown.token = ""
    return shown


def feed_is_live(feed: CalendarFeed) -> bool:
    """Whether the feed may answer: not revoked, and its owner still sees the council."""
    return (
        feed.revoked_at is None
        and feed.user.is_active
        and can(feed.user, feed.body.council, Capability.VIEW_COUNCIL)
    )


@transaction.atomic
def calendar_feed_create(*, actor: Actor, body: Body, user: User) -> CalendarFeed:
    """Make a new private address for the user's calendar with the body's meetings."""
    if not can(user, body.council, Capability.VIEW_COUNCIL):
        raise ServiceError(_("You cannot follow the meetings of this body."), field="body")
    feed = CalendarFeed.objects.create(
        body=body, user=user, token=secrets.token_urlsafe(TOKEN_BYTES)
    )
    audit_create(actor=actor, instance=_without_secret(feed), council_id=body.council_id)
    return feed


@transaction.atomic
def calendar_feed_revoke(*, actor: Actor, feed: CalendarFeed) -> CalendarFeed:
    """Stop the address from answering, for good. Revoking twice changes nothing."""
    if feed.revoked_at is not None:
        return feed
    before = snapshot(_without_secret(feed))
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["revoked_at", "updated_at"])
    audit_update(
        actor=actor,
        instance=_without_secret(feed),
        before=before,
        council_id=feed.body.council_id,
    )
    return feed
