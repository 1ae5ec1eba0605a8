"""Permission-matrix rows for the situational and problem picture: the dashboard, its map and
downloads, the period report, the public variant, the statistics page and the problem picture.

Everyone who sees the council sees its figures (aggregates, no people); attaching the period
report to an agenda item changes the meeting and needs manage_meetings. The public variant
answers everyone, the council publishing. The problem picture's analysis is the lägesbild's
(written there); those who keep the plans copy it into citizen promises.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from samverkan.accounts.tests.matrix import CHANGE, EVERYONE, QUEUE_DOCUMENT, SEE_COUNCIL
from samverkan.insights.models import SectionKey
from samverkan.insights.services.situation_report import section_write, situation_report_create
from samverkan.meetings.models import AgendaItem, Meeting
from samverkan.organisations.models import Body, Council
from samverkan.plans.services.activities import plan_create
from samverkan.plans.services.promises import PromiseSetFields, promise_set_create

MANAGE_MEETINGS = CHANGE
PERIOD = {"period_from": "2018-01-01", "period_to": "2018-05-31"}


def _slug(i):
    return {"slug": i["slug"]}


# The problem picture's year: its lägesbild, whose analysis is copied into promises (not a year
# the lägesbild's own rows plant, 2016–2019).
PICTURE_YEAR = 2013


def _year(i):
    return {"slug": i["slug"], "year": PICTURE_YEAR}


def _csv(i):
    return {"slug": i["slug"], "figure": "categories"}


def _plan(i):
    return {"slug": i["slug"], "pk": i["ins_effect_plan"]}


PAGES = [
    ("insights:dashboard", _slug, "get", SEE_COUNCIL),
    ("insights:dashboard_map", _slug, "get", SEE_COUNCIL),
    ("insights:dashboard_hexagons", _slug, "get", SEE_COUNCIL),
    ("insights:dashboard_places", _slug, "get", SEE_COUNCIL),
    ("insights:dashboard_csv", _csv, "get", SEE_COUNCIL),
    ("insights:period_report", _slug, "get", SEE_COUNCIL),
    ("insights:period_report_pdf", _slug, "get", QUEUE_DOCUMENT),
    ("insights:period_report_docx", _slug, "get", QUEUE_DOCUMENT),
    ("insights:period_report_attach", _slug, "get", MANAGE_MEETINGS),
    (
        "insights:period_report_attach",
        _slug,
        "post",
        MANAGE_MEETINGS,
        lambda i: {"item": str(i["dash_item"])},
    ),
    ("insights:public_dashboard", _slug, "get", EVERYONE),
    ("insights:public_hexagons", _slug, "get", EVERYONE),
    ("insights:statistics", _slug, "get", SEE_COUNCIL),
    ("insights:measure_effect", _plan, "get", SEE_COUNCIL),
    ("insights:problem_picture", _year, "get", SEE_COUNCIL),
    ("insights:problem_picture_pdf", _year, "get", SEE_COUNCIL),
    (
        "insights:problem_picture_to_promises",
        _year,
        "post",
        CHANGE,
        lambda i: {"promise_set": i["ins_promise_set"]},
    ),
]


def extra_ids(council, user=None):
    """A publishing council with a meeting next month, whose agenda takes the period report; the
    analysis of 2018 and citizen promises to copy it into."""
    Council.objects.filter(pk=council.pk).update(publishes=True)
    body = Body.objects.filter(council=council).order_by("id").first()
    meeting = Meeting.objects.create(body=body, date=timezone.localdate() + dt.timedelta(days=30))
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Lägesbild")
    report = situation_report_create(actor=None, council=council, year=PICTURE_YEAR)
    section_write(actor=None, report=report, key=SectionKey.ANALYSIS, text="Mörkret oroar.")
    promise_set = promise_set_create(
        actor=None, council=council, fields=PromiseSetFields(title="Löften 2018", year=2018)
    )
    plan = plan_create(actor=None, council=council, title="Åtgärdsplan effekt", year=2011)
    return {"dash_item": item.pk, "ins_promise_set": promise_set.pk, "ins_effect_plan": plan.pk}
