"""The yearly follow-up (uppföljning) of a plan: what each activity came to, what each promise
achieved, the coordinator's summary, and carrying unfinished activities into next year's plan.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field, replace

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor, audit_create, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.plans.masking import mask_activities
from samverkan.plans.models import (
    SIGNED_STATUSES,
    Activity,
    ActivityStatus,
    FollowUp,
    Grade,
    OutcomePeriod,
    Plan,
    Promise,
    StatusUpdate,
    council_links,
)
from samverkan.plans.selectors.indicators import IndicatorGoal, indicator_goals
from samverkan.plans.selectors.promises import combined_status
from samverkan.plans.services.activities import ActivityFields, activity_create, plan_create
from samverkan.plans.services.indicators import IndicatorFields, indicator_create

MAX_SUMMARY = 20000
MAX_OUTCOME = 10000
# Finished activities are not carried over; every other one is, standing ones too.
FINISHED = (ActivityStatus.DONE, ActivityStatus.STOPPED)


@dataclass
class Figure:
    label: str
    total: int


@dataclass
class Note:
    on: dt.date
    text: str
    internal: bool


@dataclass
class ActivityOutcome:
    activity: Activity
    notes: list[Note]
    figures: list[Figure]
    # Each indicator's goal beside its outcome in the report's period.
    indicators: list[IndicatorGoal] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        status = self.activity.status
        return str(ActivityStatus(status).label) if status else ""

    @property
    def grade_label(self) -> str:
        grade = self.activity.grade
        return str(Grade(grade).label) if grade else ""


@dataclass
class PromiseOutcome:
    promise: Promise
    status: str
    done: list[ActivityOutcome]
    others: list[ActivityOutcome]
    figures: list[Figure] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(ActivityStatus(self.status).label) if self.status else ""


@dataclass
class FollowUpReport:
    plan: Plan
    summary: str
    activities: list[ActivityOutcome]
    promises: list[PromiseOutcome]
    with_internal: bool
    # The period whose indicator outcomes the report shows: a tertial or the whole year.
    year: int = 0
    period: str = OutcomePeriod.YEAR

    @property
    def period_label(self) -> str:
        return f"{self.year} {OutcomePeriod(self.period).label}"

    @property
    def has_indicators(self) -> bool:
        return any(outcome.indicators for outcome in self.activities)


def _sum(figures: list[tuple[str, int]]) -> list[Figure]:
    """Figures summed per label, in the order the labels first came."""
    totals: dict[str, int] = {}
    for label, value in figures:
        totals[label] = totals.get(label, 0) + value
    return [Figure(label=label, total=total) for label, total in totals.items()]


def follow_up_report(
    plan: Plan, *, with_internal: bool, year: int | None = None, period: str = OutcomePeriod.YEAR
) -> FollowUpReport:
    """The follow-up's contents for a tertial or a year of the plan (the first year's whole
    year unless asked; seven queries). Without `with_internal` (a reader without
    view_restricted, a file for the agenda), internal notes (of indicators' outcomes too) and
    figures reported in internal updates are left out, and activities not for publication
    are masked."""
    year = plan.year if year is None else year
    goals = indicator_goals(plan, year=year, period=period, with_internal=with_internal)
    updates = StatusUpdate.objects.filter(activity__plan=plan).order_by("at", "id")
    if not with_internal:
        updates = updates.filter(internal=False)
    activities = list(
        Activity.objects.filter(plan=plan)
        .prefetch_related(
            "organisations",
            Prefetch("promises", queryset=Promise.objects.only("id")),
            Prefetch("updates", queryset=updates, to_attr="reported"),
        )
        .order_by("position", "id")
    )
    mask_activities(activities, public=not with_internal)
    outcomes: list[ActivityOutcome] = []
    by_promise: dict[int, list[ActivityOutcome]] = defaultdict(list)
    figures_of: dict[int, list[tuple[str, int]]] = {}
    for activity in activities:
        reported: list[StatusUpdate] = getattr(activity, "reported", [])
        notes = [
            Note(on=timezone.localdate(u.at), text=u.note, internal=u.internal)
            for u in reported
            if u.note
        ]
        if not reported and activity.status_note:
            # Never reported on: the note the plan document gave it.
            on = activity.status_on or plan_day(plan)
            notes = [Note(on=on, text=activity.status_note, internal=False)]
        figures = [(u.figure_label, u.figure) for u in reported if u.figure is not None]
        figures_of[activity.pk] = figures
        outcome = ActivityOutcome(
            activity=activity,
            notes=notes,
            figures=_sum(figures),
            indicators=goals.get(activity.pk, []),
        )
        outcomes.append(outcome)
        for promise in activity.promises.all():
            by_promise[promise.pk].append(outcome)

    promises: list[PromiseOutcome] = []
    if plan.promise_set_id is not None:
        promises_of_plan = Promise.objects.filter(promise_set_id=plan.promise_set_id)
        if not with_internal:
            # A set not yet signed by both parties is for the council's members only.
            promises_of_plan = promises_of_plan.filter(promise_set__status__in=SIGNED_STATUSES)
        for promise in promises_of_plan:
            linked = by_promise.get(promise.pk, [])
            done = [o for o in linked if o.activity.status == ActivityStatus.DONE]
            promises.append(
                PromiseOutcome(
                    promise=promise,
                    status=combined_status([o.activity.status for o in linked]),
                    done=done,
                    others=[o for o in linked if o.activity.status != ActivityStatus.DONE],
                    figures=_sum([f for o in done for f in figures_of[o.activity.pk]]),
                )
            )
    summary = FollowUp.objects.filter(plan=plan).values_list("summary", flat=True).first()
    return FollowUpReport(
        plan=plan,
        summary=summary or "",
        activities=outcomes,
        promises=promises,
        with_internal=with_internal,
        year=year,
        period=period,
    )


def plan_day(plan: Plan) -> dt.date:
    """The last day of the plan's year: the date a note without one is given."""
    return dt.date(plan.year, 12, 31)


# Writes ------------------------------------------------------------------------------------


@transaction.atomic
def follow_up_save(*, actor: Actor, plan: Plan, summary: str, outcomes: dict[int, str]) -> FollowUp:
    """Save the summary and the promises' outcomes (by promise id, the plan's promises only)."""
    summary = summary.strip()
    if len(summary) > MAX_SUMMARY:
        raise ServiceError(
            _("The summary is longer than %(max)d characters.") % {"max": MAX_SUMMARY},
            field="summary",
        )
    promises = (
        {p.pk: p for p in Promise.objects.filter(promise_set_id=plan.promise_set_id)}
        if plan.promise_set_id is not None
        else {}
    )
    for pk, text in outcomes.items():
        if pk not in promises:
            raise ServiceError(_("The promises must be those of the plan."))
        if len(text.strip()) > MAX_OUTCOME:
            raise ServiceError(
                _("An outcome is longer than %(max)d characters.") % {"max": MAX_OUTCOME},
                field=f"outcome_{pk}",
            )
    council_id = plan.council_id
    follow_up = FollowUp.objects.filter(plan=plan).first()
    if follow_up is None:
        follow_up = FollowUp.objects.create(plan=plan, summary=summary)
        audit_create(actor=actor, instance=follow_up, council_id=council_id)
    elif follow_up.summary != summary:
        before = snapshot(follow_up)
        follow_up.summary = summary
        follow_up.save(update_fields=["summary", "updated_at"])
        audit_update(actor=actor, instance=follow_up, before=before, council_id=council_id)
    for pk, text in outcomes.items():
        promise = promises[pk]
        if promise.outcome != text.strip():
            before = snapshot(promise)
            promise.outcome = text.strip()
            promise.save(update_fields=["outcome", "updated_at"])
            audit_update(actor=actor, instance=promise, before=before, council_id=council_id)
    return follow_up


@dataclass
class CarryOver:
    plan: Plan  # next year's plan
    carried: list[Activity]
    already: int  # unfinished activities carried before


def next_plan_title(plan: Plan) -> str:
    """ "Genomförandeplan 2018" -> "Genomförandeplan 2019"; a title without the year gets it."""
    year = str(plan.year)
    if re.search(rf"\b{year}\b", plan.title):
        return re.sub(rf"\b{year}\b", str(plan.year + 1), plan.title)
    return f"{plan.title} {plan.year + 1}"


def _copy(actor: Actor, activity: Activity, target: Plan, *, revision: bool = False) -> Activity:
    """Copy a measure into another plan with its indicators (without their outcomes, which
    belong to the periods of the plan they were reported in)."""
    lead = activity.lead
    if lead is not None and not lead.councils.filter(pk=target.council_id).exists():
        lead = None
    fields = ActivityFields(
        text=activity.text,
        organisations=list(activity.organisations.all()),
        responsible_text=activity.responsible_text,
        lead=lead,
        promises=[p for p in activity.promises.all() if p.promise_set_id == target.promise_set_id],
        place=activity.place,
        cause=activity.cause,
        measure=activity.measure,
        goal=activity.goal,
        when_text=activity.when_text,
        not_for_publication=activity.not_for_publication,
        target_group=activity.target_group,
        resource_hours=activity.resource_hours,
        resource_kronor=activity.resource_kronor,
        links={link.name: list(getattr(activity, link.name).all()) for link, _p in council_links()},
    )
    if revision:
        # A revision goes on where the plan stands: dates and the grade are kept too.
        fields = replace(
            fields, starts_on=activity.starts_on, due_on=activity.due_on, grade=activity.grade
        )
    copy = activity_create(actor=actor, plan=target, fields=fields, carried_from=activity)
    for indicator in activity.indicators.all():
        indicator_create(
            actor=actor,
            activity=copy,
            fields=IndicatorFields(
                name=indicator.name,
                unit=indicator.unit,
                baseline_value=indicator.baseline_value,
                baseline_year=indicator.baseline_year,
                target_value=indicator.target_value,
                target_year=indicator.target_year,
            ),
        )
    return copy


def _chosen(plan: Plan, chosen: Collection[int] | None) -> None:
    if chosen is None:
        return
    if not chosen:
        raise ServiceError(_("Choose at least one activity."), field="activities")
    own = set(Activity.objects.filter(plan=plan, pk__in=chosen).values_list("pk", flat=True))
    if own != set(chosen):
        raise ServiceError(_("The activities must be those of the plan."), field="activities")


@transaction.atomic
def activities_carry_over(
    *, actor: Actor, plan: Plan, chosen: Collection[int] | None = None
) -> CarryOver:
    """Copy the activities not done or stopped (those `chosen`, by id, if given) into the plan
    that follows, creating that plan if there is none. Idempotent: an activity carried once is
    not carried again.

    The plan that follows starts the year after the plan's last and runs as many years. The
    copy keeps the text, the organisations, the lead, the Brå form, the target group, the
    resources, the indicators (without outcomes) and the promises (those of the next plan's
    promise set); its dates, grade and status start empty.
    """
    _chosen(plan, chosen)
    # One carry-over at a time per plan: a second click waits here, then finds all carried.
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    next_year = plan.last_year + 1
    target = (
        Plan.objects.filter(council_id=plan.council_id, year=next_year)
        .order_by("-promise_set_id", "id")
        .first()
    )
    if plan.promise_set_id is not None:
        same_set = Plan.objects.filter(
            council_id=plan.council_id, year=next_year, promise_set_id=plan.promise_set_id
        ).first()
        target = same_set or target
    if target is None:
        target = plan_create(
            actor=actor,
            council=plan.council,
            title=next_plan_title(plan),
            year=next_year,
            end_year=next_year + plan.last_year - plan.year,
            promise_set=plan.promise_set,
        )
    unfinished = (
        Activity.objects.filter(plan=plan)
        .exclude(status__in=FINISHED)
        .prefetch_related("organisations", "promises", "carried_to", "indicators")
        .select_related("lead")
        .order_by("position", "id")
    )
    if chosen is not None:
        unfinished = unfinished.filter(pk__in=chosen)
    carried: list[Activity] = []
    already = 0
    for activity in unfinished:
        if any(a.plan_id == target.pk for a in activity.carried_to.all()):
            already += 1
            continue
        carried.append(_copy(actor, activity, target))
    return CarryOver(plan=target, carried=carried, already=already)


@transaction.atomic
def plan_revise(
    *, actor: Actor, plan: Plan, title: str, chosen: Collection[int] | None = None
) -> Plan:
    """Revise the plan: a new plan over the same years that points at this one (which stays
    as it was, readable), with the measures `chosen` (by id; all if not given) copied over
    with their indicators. The council decides the revision like the plan
    (`plan_update` records the decision)."""
    _chosen(plan, chosen)
    revision = plan_create(
        actor=actor,
        council=plan.council,
        title=title,
        year=plan.year,
        end_year=plan.last_year,
        promise_set=plan.promise_set,
        revision_of=plan,
    )
    measures = (
        Activity.objects.filter(plan=plan)
        .prefetch_related("organisations", "promises", "indicators")
        .select_related("lead")
        .order_by("position", "id")
    )
    if chosen is not None:
        measures = measures.filter(pk__in=chosen)
    for activity in measures:
        _copy(actor, activity, revision, revision=True)
    return revision
