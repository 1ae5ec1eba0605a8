"""Reads for the citizen promises, scoped to one council (already access-checked), and how far
a promise has come."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from samverkan.accounts.access import Viewer, masked_for
from samverkan.core.pages import one_or_not_found
from samverkan.organisations.models import Council
from samverkan.plans.models import (
    SIGNED_STATUSES,
    Activity,
    ActivityStatus,
    AnchoringComment,
    Promise,
    PromiseSet,
    Signatory,
)


def reads_drafts(viewer: Viewer, council: Council) -> bool:
    """Unsigned promises are for the council's members: those who read restricted items."""
    return not masked_for(viewer, council)


def promise_sets_visible_to(viewer: Viewer, council: Council) -> QuerySet[PromiseSet]:
    """The council's promise sets the viewer may read: all of them for its members; for
    everyone else the signed ones, and those the viewer is asked to sign."""
    sets = PromiseSet.objects.filter(council=council)
    if reads_drafts(viewer, council):
        return sets
    signer = Q(pk__in=[])
    if viewer.is_authenticated:
        signer = Q(
            pk__in=Signatory.objects.filter(
                promise_set__council=council, person__user_id=viewer.pk
            ).values("promise_set_id")
        )
    return sets.filter(Q(status__in=SIGNED_STATUSES) | signer)


def promise_set_in(council: Council, pk: int, *, viewer: Viewer) -> PromiseSet:
    return one_or_not_found(
        promise_sets_visible_to(viewer, council)
        .select_related("revision_of")
        .prefetch_related(
            Prefetch(
                "promises",
                queryset=Promise.objects.prefetch_related(
                    Prefetch("activities", queryset=Activity.objects.select_related("plan"))
                ),
            ),
            Prefetch("signatories", queryset=Signatory.objects.select_related("signed_by")),
            Prefetch(
                "anchoring_comments",
                queryset=AnchoringComment.objects.order_by("at", "id"),
            ),
            "revisions",
        ),
        pk=pk,
    )


def promise_visible(viewer: Viewer, council: Council, promise: Promise) -> bool:
    """Whether the viewer may read a promise's text where another page links to it."""
    return reads_drafts(viewer, council) or promise.promise_set.status in SIGNED_STATUSES


def promise_in(council: Council, pk: int) -> Promise:
    return one_or_not_found(
        Promise.objects.filter(promise_set__council=council).select_related("promise_set"), pk=pk
    )


# How far a promise has come, from the statuses of the activities that fulfil it.
def combined_status(statuses: list[str]) -> str:
    """One status for several activities: done when all are done (or standing), stopped when
    all stopped, delayed if any is delayed, in progress if any has started, else not started;
    empty when there are no activities or none has a status."""
    known = [s for s in statuses if s]
    if not known:
        return ""
    if all(s in (ActivityStatus.DONE, ActivityStatus.ONGOING) for s in known) and len(known) == len(
        statuses
    ):
        return ActivityStatus.DONE if ActivityStatus.DONE in known else ActivityStatus.ONGOING
    if all(s == ActivityStatus.STOPPED for s in known):
        return ActivityStatus.STOPPED
    if ActivityStatus.DELAYED in known:
        return ActivityStatus.DELAYED
    if any(s != ActivityStatus.NOT_STARTED for s in known):
        return ActivityStatus.IN_PROGRESS
    return ActivityStatus.NOT_STARTED
