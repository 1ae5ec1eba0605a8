"""Permission-matrix rows for the åtgärdsplan's additions: editing a plan (its years and the
decision that adopted it), a measure's indicators, and an indicator's outcomes.

The matrix's reporter sits for no organisation, so recording an outcome answers 403 for it; a
reporter who sits for a responsible organisation is tested in test_indicators.py.
"""

from __future__ import annotations

from samverkan.accounts.tests.matrix import CHANGE
from samverkan.organisations.models import Organisation
from samverkan.plans.models import Activity, Indicator, Plan

MANAGE_PLANS = CHANGE  # coordinator, secretary and site admin
REPORT = CHANGE  # those who manage plans, and members of the measure's organisations


def _plan(i):
    return {"slug": i["slug"], "pk": i["atg_plan"]}


def _activity(i):
    return {"slug": i["slug"], "pk": i["atg_activity"]}


def _indicator(i):
    return {"slug": i["slug"], "pk": i["atg_indicator"]}


PAGES = [
    ("plans:plan_edit", _plan, "get", MANAGE_PLANS),
    (
        "plans:plan_edit",
        _plan,
        "post",
        MANAGE_PLANS,
        lambda i: {"title": "Åtgärdsplan 2027–2030", "year": "2027", "end_year": "2030"},
    ),
    ("plans:plan_revise", _plan, "get", MANAGE_PLANS),
    (
        "plans:plan_revise",
        _plan,
        "post",
        MANAGE_PLANS,
        lambda i: {"title": "Åtgärdsplan, reviderad", "activities": [i["atg_activity"]]},
    ),
    ("plans:indicator_create", _activity, "get", MANAGE_PLANS),
    (
        "plans:indicator_create",
        _activity,
        "post",
        MANAGE_PLANS,
        lambda i: {"name": "Anmälda inbrott", "unit": "st"},
    ),
    ("plans:indicator_edit", _indicator, "get", MANAGE_PLANS),
    (
        "plans:indicator_edit",
        _indicator,
        "post",
        MANAGE_PLANS,
        lambda i: {"name": "Anmälda inbrott i centrum"},
    ),
    ("plans:indicator_delete", _indicator, "get", MANAGE_PLANS),
    ("plans:indicator_delete", _indicator, "post", MANAGE_PLANS),
    ("plans:indicator_outcome", _indicator, "get", REPORT),
    (
        "plans:indicator_outcome",
        _indicator,
        "post",
        REPORT,
        lambda i: {"year": "2027", "period": "t1", "value": "12"},
    ),
]


def extra_ids(council, user=None):
    """An åtgärdsplan over 2027–2030 with a measure of the council's first organisation and an
    indicator."""
    plan = Plan.objects.create(council=council, title="Åtgärdsplan", year=2027, end_year=2030)
    activity = Activity.objects.create(plan=plan, text="Belysning i Gläntan")
    activity.organisations.add(Organisation.objects.filter(council=council).order_by("id")[0])
    indicator = Indicator.objects.create(activity=activity, name="Otrygghet i Gläntan")
    return {"atg_plan": plan.pk, "atg_activity": activity.pk, "atg_indicator": indicator.pk}
