"""Who may report on an activity: those who manage plans, and any member of a responsible
organisation (or of one of its units), through the person their login is linked to."""

from __future__ import annotations

from django.utils import timezone

from samverkan.accounts.access import Capability, Viewer, can
from samverkan.organisations.models import Council, Membership
from samverkan.plans.models import Activity


def my_organisation_ids(viewer: Viewer, council: Council) -> set[int]:
    """The organisations the viewer sits for today in the council, with their parents."""
    if not viewer.is_authenticated:
        return set()
    cache: dict[int, set[int]] = viewer.__dict__.setdefault("_my_organisations", {})
    if council.pk not in cache:
        today = timezone.localdate()
        seats = Membership.objects.filter(
            person__user_id=viewer.pk, body__council=council, organisation__isnull=False
        ).select_related("organisation")
        ids: set[int] = set()
        for seat in seats:
            if seat.is_active_on(today) and seat.organisation is not None:
                ids.add(seat.organisation.pk)
                if seat.organisation.parent_id:
                    ids.add(seat.organisation.parent_id)
        cache[council.pk] = ids
    return cache[council.pk]


def can_report_on(viewer: Viewer, council: Council, activity: Activity) -> bool:
    if can(viewer, council, Capability.MANAGE_PLANS):
        return True
    mine = my_organisation_ids(viewer, council)
    return bool(mine) and any(o.pk in mine for o in activity.organisations.all())
