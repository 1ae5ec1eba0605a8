"""Writes for the citizen promises: the set, its promises, and the activities that fulfil them.

Every write validates, runs in one transaction and is audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models, transaction
from django.utils.translation import gettext as _

from samverkan.core.audit import (
    Actor,
    snapshot,
)
from samverkan.core.errors import ServiceError
from samverkan.organisations.models import Council
from samverkan.plans.models import (
    Activity,
    Agreement,
    Party,
    Promise,
    PromiseSet,
)
from samverkan.plans.services.activities import activity_promises_change
from samverkan.plans.services.agreements import (
    check_period,
    delete_audited,
    next_position,
    one_line,
    save_audited,
)

MIN_YEAR, MAX_YEAR = 1990, 2100


# Citizen promises -------------------------------------------------------------------------


@dataclass
class PromiseSetFields:
    title: str
    year: int | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    signed_on: dt.date | None = None
    place: str = ""
    background: str = ""
    current_picture: str = ""
    dialogues: str = ""
    intro: str = ""
    agreement: Agreement | None = None


def _promise_set_values(council: Council, fields: PromiseSetFields) -> dict[str, object]:
    title = one_line(fields.title)
    if not title:
        raise ServiceError(_("Give the promises a title."), field="title")
    if fields.year is not None and not MIN_YEAR <= fields.year <= MAX_YEAR:
        raise ServiceError(
            _("The year must be between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR},
            field="year",
        )
    check_period(fields.valid_from, fields.valid_to)
    if fields.agreement is not None and fields.agreement.council_id != council.pk:
        raise ServiceError(_("The agreement must be the council's own."), field="agreement")
    year = fields.year or (fields.valid_from.year if fields.valid_from else None)
    return {
        "title": title[:300],
        "year": year,
        "valid_from": fields.valid_from,
        "valid_to": fields.valid_to,
        "signed_on": fields.signed_on,
        "place": one_line(fields.place)[:100],
        "background": fields.background.strip(),
        "current_picture": fields.current_picture.strip(),
        "dialogues": fields.dialogues.strip(),
        "intro": fields.intro.strip(),
        "agreement": fields.agreement,
    }


@transaction.atomic
def promise_set_create(*, actor: Actor, council: Council, fields: PromiseSetFields) -> PromiseSet:
    promise_set = PromiseSet(council=council, **_promise_set_values(council, fields))
    save_audited(actor, promise_set, council.pk, None)
    return promise_set


@transaction.atomic
def promise_set_update(
    *, actor: Actor, promise_set: PromiseSet, fields: PromiseSetFields
) -> PromiseSet:
    values = _promise_set_values(promise_set.council, fields)
    before = snapshot(promise_set)
    for name, value in values.items():
        setattr(promise_set, name, value)
    save_audited(actor, promise_set, promise_set.council_id, before)
    return promise_set


def _promise_values(text: str, parties: list[str], position: int | None) -> dict[str, object]:
    text = text.strip()
    if not text:
        raise ServiceError(_("Write the promise."), field="text")
    if not parties or any(p not in Party.values for p in parties):
        raise ServiceError(_("Choose who makes the promise."), field="parties")
    if position is not None and position < 1:
        raise ServiceError(_("The number must be 1 or more."), field="number")
    # Kept in a fixed order: the municipality, then the police.
    return {"text": text, "parties": [p for p in Party.values if p in parties]}


@transaction.atomic
def promise_add(
    *,
    actor: Actor,
    promise_set: PromiseSet,
    text: str,
    parties: list[str],
    joint: bool = False,
    number: int | None = None,
) -> Promise:
    """Add a promise; `number` is its place in the list from 1, else it comes last."""
    values = _promise_values(text, parties, number)
    position = number - 1 if number else next_position(promise_set.promises.all())
    promise = Promise(promise_set=promise_set, position=position, joint=joint, **values)
    save_audited(actor, promise, promise_set.council_id, None)
    return promise


@transaction.atomic
def promise_update(
    *, actor: Actor, promise: Promise, text: str, parties: list[str], joint: bool, number: int
) -> Promise:
    values = _promise_values(text, parties, number)
    before = snapshot(promise)
    promise.text, promise.parties = values["text"], values["parties"]  # type: ignore[assignment]
    promise.joint, promise.position = joint, number - 1
    save_audited(actor, promise, promise.promise_set.council_id, before)
    return promise


@transaction.atomic
def promise_delete(*, actor: Actor, promise: Promise) -> None:
    delete_audited(actor, promise, promise.promise_set.council_id)


def activities_for_promise(promise: Promise) -> models.QuerySet[Activity]:
    """The activities that may fulfil the promise: those of the plans that follow its promise
    set, or of a plan of the set's year."""
    promise_set = promise.promise_set
    plans = models.Q(plan__promise_set=promise_set)
    if promise_set.year:
        plans |= models.Q(plan__year=promise_set.year)
    return (
        Activity.objects.filter(plans, plan__council_id=promise_set.council_id)
        .select_related("plan")
        .order_by("plan__year", "plan_id", "position", "id")
    )


@transaction.atomic
def promise_link_activities(*, actor: Actor, promise: Promise, activities: list[Activity]) -> None:
    """Make these the activities that fulfil the promise; each activity changed is audited."""
    allowed = {a.pk for a in activities_for_promise(promise)}
    if any(a.pk not in allowed for a in activities):
        raise ServiceError(
            _("Only activities of the plan of the promises' year can be linked."),
            field="activities",
        )
    chosen = {a.pk for a in activities}
    linked = set(promise.activities.values_list("pk", flat=True))
    for activity in Activity.objects.filter(pk__in=chosen ^ linked).select_related("plan"):
        if activity.pk in chosen:
            activity_promises_change(actor=actor, activity=activity, linked=[promise])
        else:
            activity_promises_change(actor=actor, activity=activity, unlinked=[promise])
