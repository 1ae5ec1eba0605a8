"""Reads for plans, scoped to one council (already access-checked); shared by the plan pages,
the reports and the public page."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from samverkan.core.errors import NotFoundError
from samverkan.organisations.models import Council
from samverkan.plans.models import (
    Activity,
    ActivityStatus,
    Agreement,
    Plan,
    Promise,
    PromiseSet,
    StatusUpdate,
)


def plans_of(council: Council) -> QuerySet[Plan]:
    return Plan.objects.filter(council=council).select_related("promise_set", "agreement")


def plan_in(council: Council, pk: int) -> Plan:
    plan = plans_of(council).filter(pk=pk).first()
    if plan is None:
        raise NotFoundError
    return plan


def activities_of(plan: Plan) -> QuerySet[Activity]:
    """The plan's activities with what a table row shows, in a fixed number of queries."""
    return (
        Activity.objects.filter(plan=plan)
        .select_related("lead", "decision__item__meeting")
        .prefetch_related("organisations", "promises")
    )


def activity_in(council: Council, pk: int) -> Activity:
    activity = (
        Activity.objects.filter(plan__council=council, pk=pk)
        .select_related("plan", "lead", "decision__item__meeting__body", "carried_from__plan")
        .prefetch_related("organisations", "promises")
        .first()
    )
    if activity is None:
        raise NotFoundError
    return activity


def updates_of(activity: Activity, *, public: bool = False) -> QuerySet[StatusUpdate]:
    updates = StatusUpdate.objects.filter(activity=activity).select_related("author")
    return updates.filter(internal=False) if public else updates


def agreements_of(council: Council) -> QuerySet[Agreement]:
    return Agreement.objects.filter(council=council)


def agreement_in(council: Council, pk: int) -> Agreement:
    agreement = (
        agreements_of(council)
        .filter(pk=pk)
        .prefetch_related("parties__organisation", "commitments", "governance_bodies__body")
        .prefetch_related("signatories")
        .first()
    )
    if agreement is None:
        raise NotFoundError
    return agreement


def promise_sets_of(council: Council) -> QuerySet[PromiseSet]:
    return PromiseSet.objects.filter(council=council)


def promise_set_in(council: Council, pk: int) -> PromiseSet:
    promise_set = (
        promise_sets_of(council)
        .filter(pk=pk)
        .prefetch_related(
            Prefetch(
                "promises",
                queryset=Promise.objects.prefetch_related(
                    Prefetch("activities", queryset=Activity.objects.select_related("plan"))
                ),
            ),
            "signatories",
        )
        .first()
    )
    if promise_set is None:
        raise NotFoundError
    return promise_set


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
