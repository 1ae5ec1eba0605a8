"""Reads for the citizen promises, scoped to one council (already access-checked), and how far
a promise has come."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from samverkan.core.pages import one_or_not_found
from samverkan.organisations.models import Council
from samverkan.plans.models import Activity, ActivityStatus, Promise, PromiseSet


def promise_sets_of(council: Council) -> QuerySet[PromiseSet]:
    return PromiseSet.objects.filter(council=council)


def promise_set_in(council: Council, pk: int) -> PromiseSet:
    return one_or_not_found(
        promise_sets_of(council).prefetch_related(
            Prefetch(
                "promises",
                queryset=Promise.objects.prefetch_related(
                    Prefetch("activities", queryset=Activity.objects.select_related("plan"))
                ),
            ),
            "signatories",
        ),
        pk=pk,
    )


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
