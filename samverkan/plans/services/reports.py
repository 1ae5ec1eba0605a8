"""The status report (lägesrapport) of the plan for a meeting, and the public page of the
citizen promises.

A report reads the plan as it stood on the meeting's day: each activity's latest status update
up to that day, and what changed since the previous meeting of the same body. Internal notes
are left out unless asked for; a report attached to an agenda item never has them, since item
files go with the notice to everyone who reads the agenda.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from samverkan.meetings.models import Meeting
from samverkan.organisations.models import Council
from samverkan.plans.masking import mask_activities
from samverkan.plans.models import (
    Activity,
    ActivityStatus,
    Plan,
    Promise,
    PromiseSet,
    PromiseSetStatus,
    StatusUpdate,
    running_in,
)
from samverkan.plans.selectors.promises import combined_status

# An agenda item about the plan: the report goes there unless the secretary chooses another
# (`meetings.services.item_files.default_item`).
PLAN_ITEM_WORDS = ("genomförandeplan", "lägesrapport", "handlingsplan", "medborgarlöfte")


@dataclass
class ReportRow:
    """One activity as it stood on the report's day."""

    activity: Activity
    status: str
    status_on: dt.date | None
    note: str
    note_internal: bool = False

    @property
    def status_label(self) -> str:
        return str(ActivityStatus(self.status).label) if self.status else ""


@dataclass
class Change:
    """An activity whose status was reported between the two meetings."""

    activity: Activity
    old_status: str
    new_status: str
    on: dt.date
    note: str

    @property
    def old_label(self) -> str:
        return str(ActivityStatus(self.old_status).label) if self.old_status else ""

    @property
    def new_label(self) -> str:
        return str(ActivityStatus(self.new_status).label) if self.new_status else ""


@dataclass
class PlanSection:
    plan: Plan
    rows: list[ReportRow] = field(default_factory=list)


@dataclass
class StatusReport:
    meeting: Meeting
    previous: Meeting | None
    since: dt.date  # changes are those after this day, up to and including the meeting's
    sections: list[PlanSection]
    changes: list[Change]
    new_activities: list[Activity]
    with_internal: bool


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The latest meeting of the same body before this one."""
    return (
        Meeting.objects.filter(body_id=meeting.body_id, date__lt=meeting.date)
        .order_by("-date", "-start_time", "-id")
        .first()
    )


def status_report(meeting: Meeting, *, with_internal: bool) -> StatusReport:
    """The report for the meeting, over the council's plans of the meeting's year (six
    queries, whatever the number of activities). Without `with_internal` (a reader without
    view_restricted, a file for the agenda), internal notes are left out and activities not
    for publication are masked."""
    previous = previous_meeting(meeting)
    since = previous.date if previous is not None else dt.date(meeting.date.year, 1, 1)
    window_start = _day_start(since + dt.timedelta(days=1))
    window_end = _day_start(meeting.date + dt.timedelta(days=1))
    plans = list(
        Plan.objects.filter(running_in(meeting.date.year), council_id=meeting.body.council_id)
        .distinct()
        .order_by("title", "id")
    )
    activities = list(
        Activity.objects.filter(plan__in=plans)
        .prefetch_related("organisations")
        .order_by("plan__title", "plan_id", "position", "id")
    )
    mask_activities(activities, public=not with_internal)
    updates: dict[int, list[StatusUpdate]] = defaultdict(list)
    for update in StatusUpdate.objects.filter(activity__in=activities, at__lt=window_end).order_by(
        "at", "id"
    ):
        updates[update.activity_id].append(update)
    with_updates = set(
        StatusUpdate.objects.filter(activity__in=activities)
        .values_list("activity_id", flat=True)
        .distinct()
    )

    sections = {plan.pk: PlanSection(plan=plan) for plan in plans}
    changes: list[Change] = []
    new_activities: list[Activity] = []
    for activity in activities:
        history = updates.get(activity.pk, [])
        sections[activity.plan_id].rows.append(
            _row(activity, history, reported=activity.pk in with_updates, internal=with_internal)
        )
        change = _change(activity, history, window_start, with_internal=with_internal)
        if change is not None:
            changes.append(change)
        if window_start <= activity.created_at < window_end:
            new_activities.append(activity)
    return StatusReport(
        meeting=meeting,
        previous=previous,
        since=since,
        sections=list(sections.values()),
        changes=changes,
        new_activities=new_activities,
        with_internal=with_internal,
    )


def _latest_note(history: list[StatusUpdate], *, internal: bool) -> StatusUpdate | None:
    for update in reversed(history):
        if update.note and (internal or not update.internal):
            return update
    return None


def _row(
    activity: Activity, history: list[StatusUpdate], *, reported: bool, internal: bool
) -> ReportRow:
    if not history:
        # Never reported on: the status the plan document gave it. Reported on only after the
        # meeting: nothing was known on the day.
        if reported:
            return ReportRow(activity=activity, status="", status_on=None, note="")
        return ReportRow(
            activity=activity,
            status=activity.status,
            status_on=activity.status_on,
            note=activity.status_note,
        )
    last = history[-1]
    noted = _latest_note(history, internal=internal)
    return ReportRow(
        activity=activity,
        status=last.status,
        status_on=timezone.localdate(last.at),
        note=noted.note if noted is not None else "",
        note_internal=noted.internal if noted is not None else False,
    )


def _change(
    activity: Activity,
    history: list[StatusUpdate],
    window_start: dt.datetime,
    *,
    with_internal: bool,
) -> Change | None:
    before = [u for u in history if u.at < window_start]
    within = [u for u in history if u.at >= window_start]
    if not within:
        return None
    # Before the first update the status is unknown: the activity keeps only its latest.
    old = before[-1].status if before else ""
    noted = _latest_note(within, internal=with_internal)
    return Change(
        activity=activity,
        old_status=old,
        new_status=within[-1].status,
        on=timezone.localdate(within[-1].at),
        note=noted.note if noted is not None else "",
    )


# The public page of the citizen promises ---------------------------------------------------


@dataclass
class PublicActivity:
    """What the public sees of an activity: no names, no internal notes or figures, and of
    partners' reports only those a coordinator reviewed."""

    activity: Activity
    responsible: str
    figures: list[tuple[str, int]]
    status: str = ""
    note: str = ""
    on: dt.date | None = None

    @property
    def status_label(self) -> str:
        return str(ActivityStatus(self.status).label) if self.status else ""


@dataclass
class PublicPromise:
    promise: Promise
    status: str
    activities: list[PublicActivity]

    @property
    def status_label(self) -> str:
        return str(ActivityStatus(self.status).label) if self.status else ""


def public_promise_sets(council: Council) -> QuerySet[PromiseSet]:
    """The council's published promise sets that have a year, newest first: nothing that both
    parties have not signed, and not a version a newer one replaced."""
    return (
        PromiseSet.objects.filter(council=council, status=PromiseSetStatus.PUBLISHED)
        .filter(Q(year__isnull=False) | Q(valid_from__isnull=False))
        .order_by("-year", "-valid_from", "-id")
    )


def public_promise_set(council: Council, year: int) -> PromiseSet | None:
    return (
        PromiseSet.objects.filter(council=council, status=PromiseSetStatus.PUBLISHED)
        .filter(Q(year=year) | Q(year__isnull=True, valid_from__year=year))
        .order_by("-valid_from", "-id")
        .first()
    )


def public_promises(promise_set: PromiseSet) -> list[PublicPromise]:
    """Each promise with its activities, their status, public note and public figures (four
    queries)."""
    activities = (
        Activity.objects.filter(plan__council_id=promise_set.council_id)
        .select_related("plan")
        .prefetch_related("organisations")
        .order_by("plan__year", "position", "id")
    )
    promises = list(
        Promise.objects.filter(promise_set=promise_set).prefetch_related(
            Prefetch("activities", queryset=activities)
        )
    )
    mask_activities((a for p in promises for a in p.activities.all()), public=True)
    ids = {a.pk for p in promises for a in p.activities.all()}
    public_updates = StatusUpdate.objects.filter(activity_id__in=ids, internal=False)
    reviewed = Q(needs_review=False) | Q(reviewed_at__isnull=False)
    # Each activity's reports, newest first: a partner's that waits for review is skipped.
    reports: dict[int, list[StatusUpdate]] = defaultdict(list)
    for update in public_updates.order_by("activity_id", "-at", "-id").only(
        "activity_id", "at", "status", "note", "needs_review", "reviewed_at"
    ):
        reports[update.activity_id].append(update)
    figures: dict[int, list[tuple[str, int]]] = defaultdict(list)
    sums = (
        public_updates.filter(reviewed, figure__isnull=False)
        .values("activity_id", "figure_label")
        .annotate(total=Sum("figure"))
        .order_by("activity_id", "figure_label")
    )
    for row in sums:
        figures[row["activity_id"]].append((row["figure_label"], row["total"]))
    result = []
    for promise in promises:
        linked = [
            _public_activity(a, reports.get(a.pk, []), figures.get(a.pk, []))
            for a in promise.activities.all()
        ]
        result.append(
            PublicPromise(
                promise=promise,
                status=combined_status([a.status for a in linked]),
                activities=linked,
            )
        )
    return result


def _public_activity(
    activity: Activity, reports: list[StatusUpdate], figures: list[tuple[str, int]]
) -> PublicActivity:
    """An activity as the public page shows it: its status and note as the plan has them, or,
    while the latest report is a partner's waiting for review, as of the last reviewed one."""
    responsible = ", ".join(o.name for o in activity.organisations.all())
    public = PublicActivity(
        activity=activity,
        responsible=responsible or activity.responsible_text,
        figures=figures,
        status=activity.status,
        note=activity.status_note,
        on=activity.status_on,
    )
    if reports and _waits(reports[0]):
        last = next((r for r in reports if not _waits(r)), None)
        public.status = last.status if last else ""
        public.note = last.note if last else ""
        public.on = timezone.localdate(last.at) if last else None
    return public


def _waits(update: StatusUpdate) -> bool:
    return update.needs_review and update.reviewed_at is None
