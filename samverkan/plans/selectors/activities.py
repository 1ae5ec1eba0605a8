"""Reads for the plan and its activities, scoped to one council (already access-checked): the
activities filtered as the viewer asks, the board's columns, and the table the plan is exported
as (CSV, XLSX)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from samverkan.core.pages import one_or_not_found
from samverkan.meetings.models import Decision
from samverkan.organisations.models import Council
from samverkan.plans.models import (
    Activity,
    ActivityStatus,
    Grade,
    Plan,
    Promise,
    StatusUpdate,
    running_in,
)


def plans_of(council: Council) -> QuerySet[Plan]:
    return Plan.objects.filter(council=council).select_related(
        "promise_set", "agreement", "decision__item__meeting__body", "revision_of"
    )


def plan_in(council: Council, pk: int) -> Plan:
    return one_or_not_found(plans_of(council), pk=pk)


def activities_of(plan: Plan) -> QuerySet[Activity]:
    """The plan's activities with what a table row shows, in a fixed number of queries."""
    return (
        Activity.objects.filter(plan=plan)
        .select_related("lead", "decision__item__meeting")
        .prefetch_related("organisations", "promises")
    )


def activity_in(council: Council, pk: int) -> Activity:
    return one_or_not_found(
        Activity.objects.filter(plan__council=council)
        .select_related(
            "plan", "lead", "place", "decision__item__meeting__body", "carried_from__plan"
        )
        .prefetch_related(
            "organisations",
            # The set's status says whether a promise's text may be shown (not yet signed).
            Prefetch("promises", queryset=Promise.objects.select_related("promise_set")),
            "problems",
        ),
        pk=pk,
    )


def status_update_in(council: Council, pk: int) -> StatusUpdate:
    return one_or_not_found(
        StatusUpdate.objects.filter(activity__plan__council=council).select_related(
            "activity__plan"
        ),
        pk=pk,
    )


def updates_of(activity: Activity, *, public: bool = False) -> QuerySet[StatusUpdate]:
    updates = StatusUpdate.objects.filter(activity=activity).select_related("author")
    return updates.filter(internal=False) if public else updates


# Activities that need no more reminding: finished, given up, or standing by nature.
NOT_OVERDUE: Final = (ActivityStatus.DONE, ActivityStatus.STOPPED, ActivityStatus.ONGOING)
NOT_STALE: Final = (ActivityStatus.DONE, ActivityStatus.STOPPED)
# The board's columns, left to right; "" is an activity without a status.
BOARD_ORDER: Final = (
    "",
    ActivityStatus.NOT_STARTED,
    ActivityStatus.IN_PROGRESS,
    ActivityStatus.DELAYED,
    ActivityStatus.ONGOING,
    ActivityStatus.DONE,
    ActivityStatus.STOPPED,
)
NO_STATUS: Final = "none"  # the filter's value for activities without a status


@dataclass
class PlanFilters:
    promise: int | None = None
    organisation: int | None = None
    status: str = ""  # an ActivityStatus, NO_STATUS, or "" for any
    mine: bool = False
    overdue: bool = False
    stale: bool = False
    my_organisations: set[int] = field(default_factory=set)


def stale_cutoff(today: dt.date | None = None) -> dt.date:
    return (today or timezone.localdate()) - dt.timedelta(days=settings.PLAN_STALE_DAYS)


def filtered_activities(
    plan: Plan, filters: PlanFilters, *, today: dt.date | None = None
) -> QuerySet[Activity]:
    """The plan's activities that pass the filters, with what a row shows."""
    today = today or timezone.localdate()
    activities = activities_of(plan)
    joined = False
    if filters.promise is not None:
        activities = activities.filter(promises=filters.promise)
        joined = True
    if filters.organisation is not None:
        # An activity of a unit (Tekniska kontoret) is also its parent's (Köpings kommun).
        activities = activities.filter(
            Q(organisations=filters.organisation) | Q(organisations__parent=filters.organisation)
        )
        joined = True
    if filters.mine:
        activities = activities.filter(organisations__in=filters.my_organisations)
        joined = True
    if filters.status == NO_STATUS:
        activities = activities.filter(status="")
    elif filters.status:
        activities = activities.filter(status=filters.status)
    if filters.overdue:
        activities = activities.filter(due_on__lt=today).exclude(status__in=NOT_OVERDUE)
    if filters.stale:
        cutoff = stale_cutoff(today)
        started = dt.datetime.combine(cutoff, dt.time(), tzinfo=timezone.get_current_timezone())
        activities = activities.exclude(status__in=NOT_STALE).filter(
            Q(status_on__lt=cutoff) | Q(status_on__isnull=True, created_at__lt=started)
        )
    return activities.distinct() if joined else activities


@dataclass
class PlanRow:
    """An activity as a row of the table or a card of the board."""

    activity: Activity
    overdue: bool
    can_report: bool


def board_columns(rows: Iterable[PlanRow]) -> list[tuple[str, str, list[PlanRow]]]:
    """(status, label, rows) for each column of the board, empty columns included."""
    labels = dict(ActivityStatus.choices)
    columns: dict[str, list[PlanRow]] = {status: [] for status in BOARD_ORDER}
    for row in rows:
        columns.setdefault(row.activity.status, []).append(row)
    return [
        (status or NO_STATUS, str(labels[status]) if status else "", rows)
        for status, rows in columns.items()
    ]


def activity_is_overdue(activity: Activity, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return bool(activity.due_on and activity.due_on < today and activity.status not in NOT_OVERDUE)


def activities_from_decision(decision: Decision) -> QuerySet[Activity]:
    return Activity.objects.filter(decision=decision).select_related("plan")


def decision_in(council: Council, pk: int) -> Decision:
    return one_or_not_found(
        Decision.objects.filter(item__meeting__body__council=council).select_related(
            "item__meeting__body"
        ),
        pk=pk,
    )


def plan_for_year(council: Council, year: int) -> Plan | None:
    """The plan running in the year, the latest made first (a one-year plan before one over
    the mandate period, which is made first)."""
    return Plan.objects.filter(running_in(year), council=council).order_by("-id").first()


# The export ------------------------------------------------------------------------------

# The columns the import reads (Aktivitet, Ansvarig, Status, Klart) come first, in Swedish
# whatever the interface language, so that an export imports again as it is.
EXPORT_HEADERS: Final = (
    "Aktivitet",
    "Ansvarig",
    "Status",
    "Statusdatum",
    "Klart",
    "Löften",
    "Statuskommentar",
    "Från",
    "Orsak",
    "Åtgärd",
    "Operativt mål",
    "När",
    "Vem",
    "Uppföljning",
)
EXPORT_STATUS: Final = {
    ActivityStatus.NOT_STARTED: "ej påbörjad",
    ActivityStatus.IN_PROGRESS: "pågår",
    ActivityStatus.DONE: "genomförd",
    ActivityStatus.DELAYED: "försenad",
    ActivityStatus.STOPPED: "stoppad",
    ActivityStatus.ONGOING: "löpande",
}
EXPORT_GRADE: Final = {Grade.GREEN: "grön", Grade.YELLOW: "gul", Grade.RED: "röd"}

Cell = str | dt.date | None


def responsible_names(activity: Activity) -> str:
    """The responsible organisations by the names the import resolves; else as written."""
    organisations = list(activity.organisations.all())
    if not organisations:
        return activity.responsible_text
    return ", ".join(o.short_name or o.name for o in organisations)


def promise_numbers(activity: Activity) -> str:
    return ", ".join(str(p.position + 1) for p in activity.promises.all())


def export_rows(activities: Iterable[Activity], *, with_people: bool) -> list[list[Cell]]:
    """One row per activity under EXPORT_HEADERS; the lead's name only `with_people`."""
    rows: list[list[Cell]] = []
    for a in activities:
        lead = a.lead.name if with_people and a.lead is not None else ""
        rows.append(
            [
                a.text,
                responsible_names(a),
                EXPORT_STATUS.get(ActivityStatus(a.status), "") if a.status else "",
                a.status_on,
                a.due_on,
                promise_numbers(a),
                a.status_note,
                a.starts_on,
                a.cause,
                a.measure,
                a.goal,
                a.when_text,
                lead,
                EXPORT_GRADE.get(Grade(a.grade), "") if a.grade else "",
            ]
        )
    return rows


# A start page's list of what the viewer has to report on: at most this many, the rest on the
# plan's own page (its "my organisation's activities" filter).
TO_REPORT_SHOWN: Final = 10


def activities_to_report(
    council: Council, organisation_ids: Iterable[int], today: dt.date
) -> QuerySet[Activity]:
    """The unfinished measures of the plans running this year that one of the viewer's
    organisations (`organisation_ids`, plans.access.my_organisation_ids) is responsible for:
    those plans/access.py lets the viewer report on as a partner."""
    year = today.year
    return (
        Activity.objects.filter(
            running_in(year, "plan__"),
            plan__council=council,
            organisations__in=list(organisation_ids),
        )
        .exclude(status__in=NOT_STALE)
        .distinct()
        .select_related("plan", "decision__item")
        .order_by("due_on", "plan_id", "position", "id")
    )
