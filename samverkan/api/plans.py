"""API v1 routes for plans, their activities (measures) and the activities' status updates.

Reads follow the plan pages: whoever sees the council reads its plans; an activity made from
content not for publication is masked for a login without `view_restricted`
(plans/masking.py), and internal status notes reach only those who read restricted content.
A status is written through the same service and with the same right as the status form: those
who manage plans, and members of a responsible organisation (plans/access.py); the token needs
the `write:status` scope.

No `from __future__ import annotations` here: django-ninja reads the annotations at run time.
"""

import datetime as dt
from typing import Any, ClassVar

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from samverkan.accounts.access import access_council, masked_for
from samverkan.api.auth import WRITE_STATUS
from samverkan.api.organisations import BIGGEST_ID, In, Pages
from samverkan.api.params import Since
from samverkan.core.errors import ForbiddenError
from samverkan.plans.access import can_report_on
from samverkan.plans.masking import mask_activities
from samverkan.plans.models import Activity, ActivityStatus, Plan, StatusUpdate
from samverkan.plans.selectors.activities import activity_in, plan_in, plans_of, updates_of
from samverkan.plans.services.activities import MAX_FIGURE, activity_update_status

router = Router(tags=["plans (v1)"])


class ModifiedFilter(Schema):
    modified_since: Since | None = Field(
        None, description="only what was changed at or after this time (ISO 8601, with zone)"
    )


class PlanOut(Schema):
    id: int
    title: str
    year: int
    end_year: int | None
    revision_of_id: int | None
    modified: dt.datetime = Field(..., alias="updated_at")


class OrganisationRef(Schema):
    id: int
    name: str


class ActivityOut(Schema):
    id: int
    plan_id: int
    position: int
    # "The activity is not for publication." for a masked one.
    text: str
    measure: str
    goal: str
    public: bool
    responsible: list[OrganisationRef]
    starts_on: dt.date | None
    due_on: dt.date | None
    # An ActivityStatus, or "" before the first report.
    status: str
    status_on: dt.date | None
    status_note: str
    grade: str
    modified: dt.datetime


class StatusUpdateOut(Schema):
    id: int
    activity_id: int
    at: dt.datetime
    status: str
    note: str
    internal: bool
    figure_label: str
    figure: int | None
    # A partner's report waits for a coordinator before it reaches the public page.
    needs_review: bool


class StatusUpdateIn(In):
    multiline: ClassVar[frozenset[str]] = frozenset({"note"})

    status: ActivityStatus
    note: str = Field("", max_length=4000)
    internal: bool = False
    figure_label: str = Field("", max_length=200)
    figure: int | None = Field(None, ge=-MAX_FIGURE, le=MAX_FIGURE)


@router.get("/councils/{slug}/plans", operation_id="listPlans", response=list[PlanOut])
@paginate(Pages)
def list_plans(request: HttpRequest, slug: str, filters: Query[ModifiedFilter]) -> Any:
    plans: QuerySet[Plan] = plans_of(access_council(request.user, slug))
    if filters.modified_since is not None:
        plans = plans.filter(updated_at__gte=filters.modified_since)
    return plans


@router.get(
    "/councils/{slug}/plans/{pk}/activities",
    operation_id="listActivities",
    response=list[ActivityOut],
)
@paginate(Pages)
def list_activities(
    request: HttpRequest, slug: str, pk: int, filters: Query[ModifiedFilter]
) -> Any:
    council = access_council(request.user, slug)
    plan = plan_in(council, _id(pk))
    activities = (
        Activity.objects.filter(plan=plan)
        .prefetch_related("organisations")
        .order_by("position", "id")
    )
    if filters.modified_since is not None:
        activities = activities.filter(updated_at__gte=filters.modified_since)
    return _ActivityRows(activities, masked=masked_for(request.user, council))


class _ActivityRows:
    """The activities as the API shows them, masked page by page (slicing keeps it lazy)."""

    def __init__(self, activities: QuerySet[Activity], *, masked: bool) -> None:
        self.activities = activities
        self.masked = masked

    def __len__(self) -> int:
        return self.activities.count()

    def count(self) -> int:
        return self.activities.count()

    def __getitem__(self, index: slice) -> list[dict[str, Any]]:
        page = list(self.activities[index])
        mask_activities(page, public=self.masked)
        return [_activity(a) for a in page]


def _activity(activity: Activity) -> dict[str, Any]:
    return {
        "id": activity.pk,
        "plan_id": activity.plan_id,
        "position": activity.position,
        "text": activity.text,
        "measure": activity.measure,
        "goal": activity.goal,
        "public": not activity.not_for_publication,
        "responsible": [{"id": o.pk, "name": o.name} for o in activity.organisations.all()],
        "starts_on": activity.starts_on,
        "due_on": activity.due_on,
        "status": activity.status,
        "status_on": activity.status_on,
        "status_note": activity.status_note,
        "grade": activity.grade,
        "modified": activity.updated_at,
    }


@router.get("/councils/{slug}/activities/{pk}", operation_id="getActivity", response=ActivityOut)
def get_activity(request: HttpRequest, slug: str, pk: int) -> Any:
    council = access_council(request.user, slug)
    activity = activity_in(council, _id(pk))
    mask_activities([activity], public=masked_for(request.user, council))
    return _activity(activity)


@router.get(
    "/councils/{slug}/activities/{pk}/statuses",
    operation_id="listStatusUpdates",
    response=list[StatusUpdateOut],
)
@paginate(Pages)
def list_status_updates(
    request: HttpRequest, slug: str, pk: int, filters: Query[ModifiedFilter]
) -> Any:
    council = access_council(request.user, slug)
    activity = activity_in(council, _id(pk))
    updates: QuerySet[StatusUpdate] = updates_of(activity, public=masked_for(request.user, council))
    if filters.modified_since is not None:
        updates = updates.filter(at__gte=filters.modified_since)
    return updates.order_by("-at", "-id")


@router.post(
    "/councils/{slug}/activities/{pk}/statuses",
    operation_id="createStatusUpdate",
    response={201: StatusUpdateOut},
    auth=WRITE_STATUS,
)
def create_status_update(
    request: HttpRequest, slug: str, pk: int, payload: StatusUpdateIn
) -> tuple[int, StatusUpdate]:
    council = access_council(request.user, slug)
    activity = activity_in(council, _id(pk))
    if not can_report_on(request.user, council, activity):
        raise ForbiddenError
    update = activity_update_status(
        actor=request.user,
        activity=activity,
        status=payload.status,
        note=payload.note,
        internal=payload.internal,
        figure_label=payload.figure_label,
        figure=payload.figure,
    )
    return 201, update


def _id(pk: int) -> int:
    """An id the database can hold; any other is simply not found."""
    return pk if 0 < pk <= BIGGEST_ID else 0
