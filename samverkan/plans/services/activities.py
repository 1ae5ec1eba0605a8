"""Writes for the implementation plan: plans, activities, and the status updates partners post.

Every write validates, runs in one transaction and is audited. Changing an activity's status
goes only through `activity_update_status`, so that every change is kept as a StatusUpdate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.accounts.access import Capability, can
from samverkan.core.audit import Actor, audit_create, audit_delete, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.core.models import AuditAction, AuditEvent
from samverkan.meetings.models import Decision
from samverkan.organisations.models import Council, Organisation, Person
from samverkan.plans.models import (
    MAX_PLAN_YEARS,
    Activity,
    ActivityStatus,
    Grade,
    Plan,
    Promise,
    PromiseSet,
    StatusUpdate,
    TargetGroup,
    council_links,
)
from samverkan.webhooks.events import webhook_emit
from samverkan.webhooks.models import WebhookEvent

MIN_YEAR, MAX_YEAR = 1990, 2100
# A figure is a count (fines issued, checks made); anything larger is a typing mistake.
MAX_FIGURE = 1_000_000_000


@dataclass
class ActivityFields:
    """What a person writes about an activity; the status is reported separately."""

    text: str
    organisations: list[Organisation] = field(default_factory=list)
    responsible_text: str = ""
    lead: Person | None = None
    starts_on: dt.date | None = None
    due_on: dt.date | None = None
    promises: list[Promise] = field(default_factory=list)
    # The council's incidents.Place the measure works at (plans does not import incidents).
    place: Any = None
    cause: str = ""
    measure: str = ""
    goal: str = ""
    when_text: str = ""
    grade: str = ""
    # Masked for viewers without view_restricted (plans/masking.py).
    not_for_publication: bool = False
    target_group: str = ""
    resource_hours: int | None = None
    resource_kronor: int | None = None
    # The other links by field name (models.council_links), e.g. the lägesbild's problems.
    links: dict[str, list[Any]] = field(default_factory=dict)


# Plans ------------------------------------------------------------------------------------


def _check_plan(
    council: Council,
    *,
    title: str,
    year: int,
    end_year: int | None,
    promise_set: PromiseSet | None,
    decision: Decision | None,
) -> str:
    title = " ".join(title.split())
    if not title:
        raise ServiceError(_("Give the plan a title."), field="title")
    for name, value in (("year", year), ("end_year", end_year)):
        if value is not None and not MIN_YEAR <= value <= MAX_YEAR:
            raise ServiceError(
                _("The year must be between %(min)s and %(max)s.")
                % {"min": MIN_YEAR, "max": MAX_YEAR},
                field=name,
            )
    if end_year is not None and not year <= end_year < year + MAX_PLAN_YEARS:
        raise ServiceError(
            _("A plan runs one to four years: the last year is from %(first)s to %(last)s.")
            % {"first": year, "last": year + MAX_PLAN_YEARS - 1},
            field="end_year",
        )
    if promise_set is not None and promise_set.council_id != council.pk:
        raise ServiceError(_("The promises must be the council's own."), field="promise_set")
    if decision is not None and decision.item.meeting.body.council_id != council.pk:
        raise ServiceError(_("The decision must be one of the council's own."), field="decision")
    return title[:300]


@transaction.atomic
def plan_create(
    *,
    actor: Actor,
    council: Council,
    title: str,
    year: int,
    end_year: int | None = None,
    promise_set: PromiseSet | None = None,
    decision: Decision | None = None,
    revision_of: Plan | None = None,
) -> Plan:
    """Create a plan over one to four years (`end_year` left out: a one-year plan)."""
    end_year = year if end_year is None else end_year
    title = _check_plan(
        council,
        title=title,
        year=year,
        end_year=end_year,
        promise_set=promise_set,
        decision=decision,
    )
    plan = Plan.objects.create(
        council=council,
        title=title,
        year=year,
        end_year=end_year,
        promise_set=promise_set,
        agreement=promise_set.agreement if promise_set is not None else None,
        decision=decision,
        revision_of=revision_of,
    )
    audit_create(actor=actor, instance=plan, council_id=council.pk)
    return plan


@transaction.atomic
def plan_update(
    *,
    actor: Actor,
    plan: Plan,
    title: str,
    year: int,
    end_year: int | None = None,
    promise_set: PromiseSet | None = None,
    decision: Decision | None = None,
) -> Plan:
    """Change the plan's title, years, promises and the decision that adopted it."""
    end_year = year if end_year is None else end_year
    council = plan.council
    title = _check_plan(
        council,
        title=title,
        year=year,
        end_year=end_year,
        promise_set=promise_set,
        decision=decision,
    )
    before = snapshot(plan)
    plan.title, plan.year, plan.end_year = title, year, end_year
    if promise_set != plan.promise_set:
        plan.agreement = promise_set.agreement if promise_set is not None else None
    plan.promise_set, plan.decision = promise_set, decision
    plan.save()
    audit_update(actor=actor, instance=plan, before=before, council_id=council.pk)
    return plan


# Activities -------------------------------------------------------------------------------


def _check(plan: Plan, fields: ActivityFields) -> None:
    if not fields.text.strip():
        raise ServiceError(_("Describe the activity."), field="text")
    council_id = plan.council_id
    if any(o.council_id != council_id for o in fields.organisations):
        raise ServiceError(
            _("The responsible organisations must be the council's own."), field="organisations"
        )
    if fields.lead is not None and not fields.lead.councils.filter(pk=council_id).exists():
        raise ServiceError(_("The lead person must belong to the council."), field="lead")
    if any(p.promise_set_id != plan.promise_set_id for p in fields.promises):
        raise ServiceError(_("The promises must be those of the plan."), field="promises")
    if fields.starts_on and fields.due_on and fields.due_on < fields.starts_on:
        raise ServiceError(_("The end date must not be before the start date."), field="due_on")
    if fields.grade and fields.grade not in Grade.values:
        raise ServiceError(_("Choose a valid grade."), field="grade")
    if fields.target_group and fields.target_group not in TargetGroup.values:
        raise ServiceError(_("Choose a valid target group."), field="target_group")
    if fields.place is not None and fields.place.council_id != council_id:
        raise ServiceError(_("Choose among the council's own."), field="place")
    paths = {link.name: path for link, path in council_links()}
    for name, chosen in fields.links.items():
        if name not in paths or any(
            not type(o)._default_manager.filter(pk=o.pk, **{paths[name]: council_id}).exists()
            for o in chosen
        ):
            raise ServiceError(_("Choose among the council's own."), field=name)
    for name in ("resource_hours", "resource_kronor"):
        value = getattr(fields, name)
        if value is not None and not 0 <= value <= MAX_FIGURE:
            raise ServiceError(_("The number is too large."), field=name)


def _responsible_text(fields: ActivityFields) -> str:
    """The responsible cell as written; without one, the organisations' names."""
    written = " ".join(fields.responsible_text.split())
    if written or not fields.organisations:
        return written[:300]
    return ", ".join(o.short_name or o.name for o in fields.organisations)[:300]


def _assign(activity: Activity, fields: ActivityFields) -> None:
    activity.text = fields.text.strip()
    activity.responsible_text = _responsible_text(fields)
    activity.lead = fields.lead
    activity.starts_on, activity.due_on = fields.starts_on, fields.due_on
    activity.place = fields.place
    activity.cause, activity.measure = fields.cause.strip(), fields.measure.strip()
    activity.goal = fields.goal.strip()
    activity.when_text = " ".join(fields.when_text.split())[:200]
    activity.grade = fields.grade
    activity.not_for_publication = fields.not_for_publication
    activity.target_group = fields.target_group
    activity.resource_hours = fields.resource_hours
    activity.resource_kronor = fields.resource_kronor


def _set_links(actor: Actor, activity: Activity, fields: ActivityFields) -> None:
    """Set the responsible organisations (each link audited as a record of its own, since an
    activity's snapshot holds no many-to-many) and the promises (on the activity's history)."""
    council_id = activity.plan.council_id
    through = Activity.organisations.through
    links = through.objects.filter(activity=activity)
    chosen = {o.pk for o in fields.organisations}
    current = set(links.values_list("organisation_id", flat=True))
    for link in links.exclude(organisation_id__in=chosen):
        audit_delete(actor=actor, instance=link, council_id=council_id)
        link.delete()
    for pk in sorted(chosen - current):
        link = through.objects.create(activity=activity, organisation_id=pk)
        audit_create(actor=actor, instance=link, council_id=council_id)
    for name, others in fields.links.items():
        _links_change(actor, activity, name, others)
    linked = set(activity.promises.all())
    activity_promises_change(
        actor=actor,
        activity=activity,
        linked=[p for p in fields.promises if p not in linked],
        unlinked=[p for p in linked if p not in set(fields.promises)],
    )


def _links_change(actor: Actor, activity: Activity, name: str, chosen: list[Any]) -> None:
    """Set one of the other links (models.council_links), recorded on the activity's
    history as "name: before → after"."""
    manager = getattr(activity, name)
    before = list(manager.all())
    if {o.pk for o in before} == {o.pk for o in chosen}:
        return
    manager.set(chosen)
    AuditEvent.objects.create(
        actor=actor if isinstance(actor, User) else None,
        action=AuditAction.UPDATE,
        model=activity._meta.label,
        object_id=str(activity.pk),
        object_repr=str(activity)[:200],
        council_id=activity.plan.council_id,
        changes={
            name: [
                ", ".join(str(o) for o in before) or None,
                ", ".join(str(o) for o in chosen) or None,
            ]
        },
    )


def _promise_label(promise: Promise) -> str:
    return f"{promise.position + 1}. {promise.text[:60]}"


@transaction.atomic
def activity_promises_change(
    *,
    actor: Actor,
    activity: Activity,
    linked: Collection[Promise] = (),
    unlinked: Collection[Promise] = (),
) -> None:
    """Link the activity to promises it serves and unlink others; the one way to change the
    link, from the activity's form and from the promise's page alike.

    Recorded on the activity's history as "promises: unlinked → linked" (the promise has no
    history of its own to show it).
    """
    if not linked and not unlinked:
        return
    activity.promises.remove(*unlinked)
    activity.promises.add(*linked)
    AuditEvent.objects.create(
        actor=actor if isinstance(actor, User) else None,
        action=AuditAction.UPDATE,
        model=activity._meta.label,
        object_id=str(activity.pk),
        object_repr=str(activity)[:200],
        council_id=activity.plan.council_id,
        changes={
            "promises": [
                ", ".join(_promise_label(p) for p in unlinked) or None,
                ", ".join(_promise_label(p) for p in linked) or None,
            ]
        },
    )


@transaction.atomic
def activity_create(
    *,
    actor: Actor,
    plan: Plan,
    fields: ActivityFields,
    decision: Decision | None = None,
    carried_from: Activity | None = None,
) -> Activity:
    """Add an activity at the end of the plan, from a decision of the minutes if given.

    An activity from a decision of an item not for publication is not for publication
    either, whatever was asked: its text is usually the decision's. Those who keep the plan
    may lift the mark afterwards (activity_update, audited).
    """
    _check(plan, fields)
    if decision is not None and decision.item.meeting.body.council_id != plan.council_id:
        raise ServiceError(_("The decision must be one of the council's own."))
    if decision is not None and decision.item.not_for_publication:
        fields = replace(fields, not_for_publication=True)
    last = plan.activities.order_by("-position").values_list("position", flat=True).first()
    activity = Activity(
        plan=plan,
        position=0 if last is None else last + 1,
        decision=decision,
        carried_from=carried_from,
    )
    _assign(activity, fields)
    activity.save()
    audit_create(actor=actor, instance=activity, council_id=plan.council_id)
    _set_links(actor, activity, fields)
    return activity


@transaction.atomic
def activity_update(*, actor: Actor, activity: Activity, fields: ActivityFields) -> Activity:
    _check(activity.plan, fields)
    before = snapshot(activity)
    _assign(activity, fields)
    activity.save()
    _set_links(actor, activity, fields)
    audit_update(actor=actor, instance=activity, before=before, council_id=activity.plan.council_id)
    return activity


@transaction.atomic
def activity_delete(*, actor: Actor, activity: Activity) -> None:
    """Remove the activity with its status updates; the audit trail keeps what it was."""
    audit_delete(actor=actor, instance=activity, council_id=activity.plan.council_id)
    activity.delete()


# Status -----------------------------------------------------------------------------------


@transaction.atomic
def activity_update_status(
    *,
    actor: Actor,
    activity: Activity,
    status: str,
    note: str = "",
    internal: bool = False,
    figure_label: str = "",
    figure: int | None = None,
) -> StatusUpdate:
    """Report how far the activity has come: kept as a dated update, and shown on the plan.

    An internal note stays in the history only: the plan's status note, which reports and the
    public page show, keeps the last note that was not internal. A report by one who does not
    keep the plan (a partner's reporter) reaches the public page once reviewed
    (status_update_approve); until then the page shows the last reviewed one.
    """
    if status not in ActivityStatus.values:
        raise ServiceError(_("Choose a valid status."), field="status")
    note = note.strip()
    figure_label = " ".join(figure_label.split())
    if figure is not None and not figure_label:
        raise ServiceError(_("Say what was counted."), field="figure_label")
    if figure_label and figure is None:
        raise ServiceError(_("Give the number counted."), field="figure")
    if figure is not None and abs(figure) > MAX_FIGURE:
        raise ServiceError(_("The number is too large."), field="figure")
    if len(note) > 4000:
        raise ServiceError(_("The note is longer than 4000 characters."), field="note")
    before = snapshot(activity)
    previous = activity.status
    council = activity.plan.council
    # A partner's public report waits for a coordinator before it reaches the public page.
    partner = actor is not None and not can(actor, council, Capability.MANAGE_PLANS)
    update = StatusUpdate.objects.create(
        activity=activity,
        author=actor if actor is not None and actor.is_authenticated else None,
        status=status,
        note=note,
        internal=internal,
        figure_label=figure_label[:200],
        figure=figure,
        needs_review=partner and not internal,
    )
    activity.status = status
    activity.status_on = timezone.localdate()
    if not internal:
        activity.status_note = note
    activity.save(update_fields=["status", "status_on", "status_note", "updated_at"])
    council_id = activity.plan.council_id
    audit_create(actor=actor, instance=update, council_id=council_id)
    audit_update(actor=actor, instance=activity, before=before, council_id=council_id)
    if previous != status:
        webhook_emit(
            council_id=council_id,
            event=WebhookEvent.ACTIVITY_STATUS_CHANGED,
            object_id=activity.pk,
            page="plans:activity_detail",
        )
    return update


@transaction.atomic
def status_update_approve(*, actor: Actor, update: StatusUpdate) -> StatusUpdate:
    """A coordinator lets a partner's status report through to the public page."""
    if not update.needs_review:
        raise ServiceError(_("This report does not wait for review."))
    if update.reviewed_at is not None:
        raise ServiceError(_("This report was already reviewed."))
    before = snapshot(update)
    update.reviewed_at = timezone.now()
    update.reviewed_by = actor if isinstance(actor, User) else None
    update.save(update_fields=["reviewed_at", "reviewed_by"])
    audit_update(
        actor=actor, instance=update, before=before, council_id=update.activity.plan.council_id
    )
    return update
