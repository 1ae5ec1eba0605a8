"""Permission-matrix rows for the plan pages: the plans, a plan, its exports, activities,
status updates, and activities from a decision.

The matrix's reporter sits for no organisation, so reporting a status answers 403 for it; a
reporter who sits for a responsible organisation is tested in test_activities_pages.py.
"""

from __future__ import annotations

from samverkan.accounts.tests.matrix import CHANGE, SEE_COUNCIL
from samverkan.meetings.models import Decision
from samverkan.organisations.models import Organisation
from samverkan.plans.models import Activity, Plan, StatusUpdate

MANAGE_PLANS = CHANGE  # coordinator, secretary and site admin
# Who may report on an activity: those who manage plans, and members of its organisations.
REPORT = CHANGE


def _plan(i):
    return {"slug": i["slug"], "pk": i["plans_plan"]}


def _activity(i):
    return {"slug": i["slug"], "pk": i["plans_activity"]}


# (url name, kwargs from ids, method, answers[, POST data]). A POST that succeeds redirects.
PAGES = [
    ("plans:index", lambda i: {"slug": i["slug"]}, "get", SEE_COUNCIL),
    ("plans:plan_create", lambda i: {"slug": i["slug"]}, "get", MANAGE_PLANS),
    (
        "plans:plan_create",
        lambda i: {"slug": i["slug"]},
        "post",
        MANAGE_PLANS,
        lambda i: {"title": "Genomförandeplan 2027", "year": "2027"},
    ),
    ("plans:plan_detail", _plan, "get", SEE_COUNCIL),
    ("plans:plan_csv", _plan, "get", SEE_COUNCIL),
    ("plans:plan_xlsx", _plan, "get", SEE_COUNCIL),
    ("plans:activity_create", _plan, "get", MANAGE_PLANS),
    (
        "plans:activity_create",
        _plan,
        "post",
        MANAGE_PLANS,
        lambda i: {"text": "Trygghetsvandring i centrum"},
    ),
    ("plans:activity_detail", _activity, "get", SEE_COUNCIL),
    (
        "plans:status_update_approve",
        lambda i: {"slug": i["slug"], "pk": i["plans_waiting_update"]},
        "post",
        MANAGE_PLANS,
    ),
    ("plans:activity_edit", _activity, "get", MANAGE_PLANS),
    ("plans:activity_delete", _activity, "get", MANAGE_PLANS),
    ("plans:activity_delete", _activity, "post", MANAGE_PLANS),
    ("plans:activity_status", _activity, "get", REPORT),
    (
        "plans:activity_status",
        _activity,
        "post",
        REPORT,
        lambda i: {"status": "in_progress", "note": "Startat."},
    ),
    (
        "plans:activity_from_decision",
        lambda i: {"slug": i["slug"], "decision_pk": i["plans_decision"]},
        "get",
        MANAGE_PLANS,
    ),
]


def extra_ids(council, user=None):
    """A plan with one activity of the council's first organisation, and the matrix's decision."""
    plan = Plan.objects.create(council=council, title="Genomförandeplan 2026", year=2026)
    activity = Activity.objects.create(plan=plan, text="Fotpatrull i centrum")
    activity.organisations.add(Organisation.objects.filter(council=council).order_by("id")[0])
    decision = Decision.objects.filter(item__meeting__body__council=council).first()
    # A partner's report, waiting for a coordinator before it reaches the public page.
    waiting = StatusUpdate.objects.create(
        activity=activity, status="in_progress", note="Rondering gjord", needs_review=True
    )
    return {
        "plans_waiting_update": waiting.pk,
        "plans_plan": plan.pk,
        "plans_activity": activity.pk,
        "plans_decision": decision.pk if decision is not None else 999999,
    }
