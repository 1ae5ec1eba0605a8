"""Who may do what with a safety walk. The council's capabilities decide (accounts/access.py),
with one right that follows from a seat: a login linked to a person who sits today for one of
the walk's participating organisations (or one of its units) records findings on that walk,
as a partner on a joint walk does. Correcting, removing and taking findings up stay with those
who change the council's records."""

from __future__ import annotations

from samverkan.accounts.access import Capability, Viewer, access_council, can
from samverkan.core.errors import ForbiddenError
from samverkan.dialogue.models import SafetyWalk
from samverkan.dialogue.selectors.walks import walk_in
from samverkan.plans.access import my_organisation_ids


def access_walk(
    viewer: Viewer, slug: str, pk: int, *, need: Capability = Capability.VIEW_COUNCIL
) -> SafetyWalk:
    """The walk if the viewer may do `need` in its council; 404 for a walk or council unseen."""
    return walk_in(access_council(viewer, slug, need=need), pk)


def can_record_findings(viewer: Viewer, walk: SafetyWalk) -> bool:
    """Reads the walk's organisations (prefetched by `walk_in`)."""
    if can(viewer, walk.council, Capability.CHANGE_RECORDS):
        return True
    mine = my_organisation_ids(viewer, walk.council)
    return bool(mine) and any(o.pk in mine for o in walk.organisations.all())


def access_walk_for_findings(viewer: Viewer, slug: str, pk: int) -> SafetyWalk:
    """The walk for recording a finding on it: 403 for those who see it but may not."""
    walk = access_walk(viewer, slug, pk)
    if not can_record_findings(viewer, walk):
        raise ForbiddenError
    return walk
