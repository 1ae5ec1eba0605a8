"""The council start page's "Your activities to report" (the page is organisations', which does
not read plans: the template asks this tag)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from samverkan.accounts.access import masked_for
from samverkan.organisations.models import Council
from samverkan.plans.access import my_organisation_ids
from samverkan.plans.masking import mask_activities
from samverkan.plans.selectors.activities import TO_REPORT_SHOWN, activities_to_report

register = template.Library()


@register.inclusion_tag("plans/activities_to_report.html", takes_context=True)
def activities_to_report_for(context: dict[str, Any], council: Council) -> dict[str, Any]:
    """The measures the viewer may report on, the soonest due first (at most three queries:
    the viewer's seats, the measures, and the viewer's rights)."""
    request = context["request"]
    viewer = request.user
    if not viewer.is_authenticated:
        return {"council": council, "activities": [], "more": False}
    mine = my_organisation_ids(viewer, council)
    if not mine:
        return {"council": council, "activities": [], "more": False}
    today = timezone.localdate()
    activities = list(activities_to_report(council, mine, today)[: TO_REPORT_SHOWN + 1])
    # As on the plan's page: a measure not for publication shows only that it exists.
    mask_activities(activities, public=masked_for(viewer, council))
    return {
        "council": council,
        "activities": activities[:TO_REPORT_SHOWN],
        "more": len(activities) > TO_REPORT_SHOWN,
    }
