"""What of an activity a viewer without view_restricted may read.

An activity made from content not for publication (a decision of an item not for
publication, OSL 18:8) is masked as the item is in the minutes (meetings/minutes_content.py):
what it is and who does it stay, its own words go. A decision's text follows its item,
whatever the activity's mark says. Every page, document, export and public page that shows
activities passes them through `mask_activities` first.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from samverkan.plans.models import Activity

MASKED = _("The activity is not for publication.")


def mask_activities(activities: Iterable[Activity | None], *, public: bool) -> None:
    """Blank, on these instances only, what `public` viewers may not read. The instances are
    for reading: a masked instance is never saved (the status service saves only the status
    fields). Reads the decision only if it was loaded with the activity (no query)."""
    if not public:
        return
    decision_field = Activity._meta.get_field("decision")
    for activity in activities:
        if activity is None:
            continue
        if activity.not_for_publication:
            activity.text = str(MASKED)
            activity.cause = activity.measure = activity.goal = ""
        if decision_field.is_cached(activity) and activity.decision is not None:
            decision = activity.decision
            if decision.item.not_for_publication:
                decision.text = ""
