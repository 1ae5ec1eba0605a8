"""Permission-matrix rows for the reports: the status report for a meeting, the yearly
follow-up of a plan, and the public page of the citizen promises.

Attaching a document to an agenda item is a change to the meeting: it needs manage_meetings,
as attaching a file by hand does. The public pages answer everyone, the council publishing.
"""

from __future__ import annotations

import datetime as dt

from samverkan.accounts.tests.matrix import CHANGE, EVERYONE, QUEUE_DOCUMENT, SEE_COUNCIL
from samverkan.meetings.models import AgendaItem, Meeting
from samverkan.organisations.models import Body, Council
from samverkan.plans.models import Activity, Plan, Promise, PromiseSet

MANAGE_PLANS = CHANGE  # coordinator, secretary and site admin
MANAGE_MEETINGS = CHANGE


def _meeting(i):
    return {"slug": i["slug"], "pk": i["reports_meeting"]}


def _plan(i):
    return {"slug": i["slug"], "pk": i["reports_plan"]}


# (url name, kwargs from ids, method, answers[, POST data]). A POST that succeeds redirects.
PAGES = [
    ("plans:status_report", _meeting, "get", SEE_COUNCIL),
    ("plans:status_report_pdf", _meeting, "get", SEE_COUNCIL),
    ("plans:status_report_docx", _meeting, "get", SEE_COUNCIL),
    ("plans:status_report_attach", _meeting, "get", MANAGE_MEETINGS),
    (
        "plans:status_report_attach",
        _meeting,
        "post",
        MANAGE_MEETINGS,
        lambda i: {"item": str(i["reports_item"])},
    ),
    ("plans:follow_up", _plan, "get", SEE_COUNCIL),
    ("plans:follow_up_edit", _plan, "get", MANAGE_PLANS),
    (
        "plans:follow_up_edit",
        _plan,
        "post",
        MANAGE_PLANS,
        lambda i: {"summary": "Ett år av trygghetsarbete."},
    ),
    ("plans:follow_up_pdf", _plan, "get", QUEUE_DOCUMENT),
    ("plans:follow_up_docx", _plan, "get", QUEUE_DOCUMENT),
    ("plans:follow_up_attach", _plan, "get", MANAGE_MEETINGS),
    (
        "plans:follow_up_attach",
        _plan,
        "post",
        MANAGE_MEETINGS,
        lambda i: {"item": str(i["reports_item"])},
    ),
    ("plans:follow_up_carry_over", _plan, "get", MANAGE_PLANS),
    ("plans:follow_up_carry_over", _plan, "post", MANAGE_PLANS),
    ("plans:public_index", lambda i: {"slug": i["slug"]}, "get", EVERYONE),
    ("plans:public_plan", lambda i: {"slug": i["slug"], "year": 2031}, "get", EVERYONE),
]


def extra_ids(council, user=None):
    """A publishing council with promises and a plan for 2031, and a meeting that year."""
    Council.objects.filter(pk=council.pk).update(publishes=True)
    promise_set = PromiseSet.objects.create(
        council=council, title="Medborgarlöften", year=2031, status="published"
    )
    promise = Promise.objects.create(promise_set=promise_set, text="Tryggare centrum")
    plan = Plan.objects.create(
        council=council, title="Genomförandeplan 2031", year=2031, promise_set=promise_set
    )
    activity = Activity.objects.create(plan=plan, text="Trygghetsvandring", status="in_progress")
    activity.promises.add(promise)
    body = Body.objects.filter(council=council).order_by("id").first()
    meeting = Meeting.objects.create(body=body, date=dt.date(2031, 3, 5))
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Genomförandeplanen")
    return {"reports_meeting": meeting.pk, "reports_plan": plan.pk, "reports_item": item.pk}
