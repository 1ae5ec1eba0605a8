"""Permission-matrix rows for the situational picture: the dashboard, its map and downloads, the
period report, and the public variant.

Everyone who sees the council sees its figures (aggregates, no people); attaching the period
report to an agenda item changes the meeting and needs manage_meetings. The public variant
answers everyone, the council publishing.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from samverkan.accounts.tests.matrix import CHANGE, EVERYONE, SEE_COUNCIL
from samverkan.meetings.models import AgendaItem, Meeting
from samverkan.organisations.models import Body, Council

MANAGE_MEETINGS = CHANGE
PERIOD = {"period_from": "2018-01-01", "period_to": "2018-05-31"}


def _slug(i):
    return {"slug": i["slug"]}


def _csv(i):
    return {"slug": i["slug"], "figure": "categories"}


PAGES = [
    ("incidents:dashboard", _slug, "get", SEE_COUNCIL),
    ("incidents:dashboard_map", _slug, "get", SEE_COUNCIL),
    ("incidents:dashboard_hexagons", _slug, "get", SEE_COUNCIL),
    ("incidents:dashboard_places", _slug, "get", SEE_COUNCIL),
    ("incidents:dashboard_csv", _csv, "get", SEE_COUNCIL),
    ("incidents:period_report", _slug, "get", SEE_COUNCIL),
    ("incidents:period_report_pdf", _slug, "get", SEE_COUNCIL),
    ("incidents:period_report_docx", _slug, "get", SEE_COUNCIL),
    ("incidents:period_report_attach", _slug, "get", MANAGE_MEETINGS),
    (
        "incidents:period_report_attach",
        _slug,
        "post",
        MANAGE_MEETINGS,
        lambda i: {"item": str(i["dash_item"])},
    ),
    ("incidents:public_dashboard", _slug, "get", EVERYONE),
    ("incidents:public_hexagons", _slug, "get", EVERYONE),
]


def extra_ids(council, user=None):
    """A publishing council with a meeting next month, whose agenda takes the period report."""
    Council.objects.filter(pk=council.pk).update(publishes=True)
    body = Body.objects.filter(council=council).order_by("id").first()
    meeting = Meeting.objects.create(body=body, date=timezone.localdate() + dt.timedelta(days=30))
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Lägesbild")
    return {"dash_item": item.pk}
