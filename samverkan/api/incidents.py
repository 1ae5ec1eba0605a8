"""API v1 routes for incidents: the totals of a period per category (aggregates, no report's
text and nobody who reported), as the dashboard counts them.

No `from __future__ import annotations` here: django-ninja reads the annotations at run time.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from samverkan.accounts.access import access_council
from samverkan.incidents.selectors import period_totals

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


@router.get("/councils/{slug}/incidents/totals", response=list[CategoryTotalOut])
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
