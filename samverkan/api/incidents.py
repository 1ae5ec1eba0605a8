"""API v1 routes for incidents: the council's categories, a partner's report of an incident
(as on the report form: the same service, for the organisations the login may report for, and
the same check for personal data in the description; the token needs `write:incidents`), and
the totals of a period per category (aggregates, no report's text and nobody who reported), as
the dashboard counts them.

No `from __future__ import annotations` here: django-ninja reads the annotations at run time.
"""

import datetime as dt
from typing import Any, ClassVar

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from samverkan.accounts.access import access_council
from samverkan.api.auth import WRITE_INCIDENTS
from samverkan.api.organisations import BIGGEST_ID, In
from samverkan.core.errors import ServiceError
from samverkan.core.privacy import personal_data_found
from samverkan.incidents.models import Category, Incident, Place, TargetGroup
from samverkan.incidents.selectors import categories_of, period_totals
from samverkan.incidents.services.incidents import What, Where, incident_report
from samverkan.incidents.views.reporting import reporting_organisations

router = Router(tags=["incidents (v1)"])

LONGEST_PERIOD = dt.timedelta(days=3 * 366)


class TotalsQuery(Schema):
    start: dt.date | None = Field(None, description="the first day; 1 January of this year")
    end: dt.date | None = Field(None, description="the last day; today")


class CategoryTotalOut(Schema):
    category_id: int
    category: str
    code: str
    count: int
    # In öre; shown in kronor on the pages.
    cost: int
    # A partner's period total without a number of incidents is part of the figure.
    count_incomplete: bool


@router.get(
    "/councils/{slug}/incidents/totals",
    operation_id="incidentTotals",
    response=list[CategoryTotalOut],
)
def incident_totals(request: HttpRequest, slug: str, period: Query[TotalsQuery]) -> Any:
    council = access_council(request.user, slug)
    end = period.end or timezone.localdate()
    start = period.start or end.replace(month=1, day=1)
    if end < start:
        raise HttpError(400, _("The period must end on or after the day it starts."))
    if end - start > LONGEST_PERIOD:
        raise HttpError(400, _("Ask for at most three years at a time."))
    return [
        {
            "category_id": total.category.pk,
            "category": total.category.name,
            "code": total.category.code,
            "count": total.count,
            "cost": total.cost,
            "count_incomplete": total.count_incomplete,
        }
        for total in period_totals(council, start, end)
    ]


class CategoryOut(Schema):
    id: int
    name: str
    code: str
    parent_id: int | None


@router.get(
    "/councils/{slug}/incidents/categories",
    operation_id="listIncidentCategories",
    response=list[CategoryOut],
)
def list_categories(request: HttpRequest, slug: str) -> Any:
    """The council's categories, groups first, each followed by its subcategories."""
    return categories_of(access_council(request.user, slug))


class IncidentIn(In):
    multiline: ClassVar[frozenset[str]] = frozenset({"description"})

    category_id: int = Field(..., ge=1, le=BIGGEST_ID)
    occurred_from: dt.datetime = Field(..., description="with its time zone")
    occurred_to: dt.datetime | None = None
    place_id: int | None = Field(None, ge=1, le=BIGGEST_ID)
    latitude: float | None = Field(None, ge=-90, le=90, allow_inf_nan=False)
    longitude: float | None = Field(None, ge=-180, le=180, allow_inf_nan=False)
    address: str = Field("", max_length=200)
    # Whole kronor.
    cost: int | None = Field(None, ge=0, le=2_000_000_000)
    description: str = Field("", max_length=4000, description="the event and the place, not people")
    target_group: TargetGroup | None = None
    organisation_id: int | None = Field(
        None, ge=1, le=BIGGEST_ID, description="the organisation reported for; one of the login's"
    )
    confirm_personal_data: bool = Field(
        False,
        description="true to save a description that seems to hold personal data anyway",
    )


class IncidentOut(Schema):
    id: int
    status: str
    category_id: int
    place_id: int | None
    organisation_id: int | None
    occurred_from: dt.datetime
    occurred_to: dt.datetime | None


@router.post(
    "/councils/{slug}/incidents",
    operation_id="reportIncident",
    response={201: IncidentOut},
    auth=WRITE_INCIDENTS,
)
def report_incident(request: HttpRequest, slug: str, payload: IncidentIn) -> tuple[int, Incident]:
    council = access_council(request.user, slug)
    category = Category.objects.filter(council=council, pk=payload.category_id).first()
    if category is None:
        raise ServiceError(_("Choose one of the council's categories."), field="category_id")
    place = None
    if payload.place_id is not None:
        place = Place.objects.filter(council=council, pk=payload.place_id).first()
        if place is None:
            raise ServiceError(_("Choose one of the council's places."), field="place_id")
    organisation = None
    if payload.organisation_id is not None:
        organisation = (
            reporting_organisations(request.user, council)
            .filter(pk=payload.organisation_id)
            .first()
        )
        if organisation is None:
            raise ServiceError(
                _("Choose one of the organisations you report for."), field="organisation_id"
            )
    found = personal_data_found(payload.description)
    if found and not payload.confirm_personal_data:
        raise ServiceError(
            _(
                "The description seems to hold %(what)s. Reports describe events and places, "
                "not people. Remove the personal data, or send confirm_personal_data: true if "
                "it is needed and says nothing about a crime."
            )
            % {"what": ", ".join(str(item) for item in found)},
            field="description",
        )
    incident = incident_report(
        actor=request.user,
        council=council,
        where=Where(
            place=place,
            latitude=payload.latitude,
            longitude=payload.longitude,
            address=payload.address,
        ),
        what=What(
            category=category,
            occurred_from=payload.occurred_from,
            occurred_to=payload.occurred_to,
            cost=payload.cost,
            description=payload.description,
            target_group=payload.target_group or "",
        ),
        organisation=organisation,
    )
    return 201, incident
