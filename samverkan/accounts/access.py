"""The one permission check: which capabilities a login has in a council.

Roles map to capabilities here and nowhere else (see docs/design/permissions.md).
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q
from django.utils import timezone

from samverkan.accounts.models import CouncilRole, Role
from samverkan.core.errors import ForbiddenError, NotFoundError
from samverkan.organisations.models import Council, Membership, OrganisationKind

Viewer = User | AnonymousUser


class Capability(StrEnum):
    VIEW_COUNCIL = "view_council"  # see the council, its organisations and bodies
    VIEW_PEOPLE = "view_people"  # see people and memberships (personal data)
    CHANGE_RECORDS = "change_records"  # create, edit and end organisations, people, bodies, seats
    MANAGE_ACCESS = "manage_access"  # grant and revoke roles in the council
    MANAGE_MEETINGS = "manage_meetings"  # schedule meetings, write and import minutes
    # read items marked not for publication (camera sites, guard rounds: OSL 18:8)
    VIEW_RESTRICTED = "view_restricted"
    # keep the agreement, the promises and the plan; any member of a responsible organisation
    # may still report the status of its own activities (samverkan.plans.access)
    MANAGE_PLANS = "manage_plans"
    # keep the citizen promises (their lifecycle to publication) and the cooperation agreement:
    # the police's own instruments, kept with the coordinator (docs/design/promises.md)
    MANAGE_PROMISES = "manage_promises"
    # read the list of the council's incident reports (each report's page still needs
    # change_records, or being its reporter)
    VIEW_INCIDENTS = "view_incidents"
    # import reported-crime statistics, key figures and population figures
    IMPORT_STATISTICS = "import_statistics"
    # write the lägesbild's sections, source tables and problems: the coordinator with the
    # police, who write their own section as co-authors (docs/design/lagesbild.md)
    WRITE_SITUATION_REPORT = "write_situation_report"
    # register the council's webhooks and read their delivery log (the coordinator)
    MANAGE_WEBHOOKS = "manage_webhooks"


# What a member who sits for the police (an organisation of kind police, or one of its units)
# has beside a member's capabilities.
POLICE_MEMBER = frozenset(
    {
        Capability.MANAGE_PROMISES,
        Capability.VIEW_INCIDENTS,
        Capability.IMPORT_STATISTICS,
        Capability.WRITE_SITUATION_REPORT,
    }
)

CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.COORDINATOR: frozenset(Capability),
    Role.SECRETARY: frozenset(
        {
            Capability.VIEW_COUNCIL,
            Capability.VIEW_PEOPLE,
            Capability.CHANGE_RECORDS,
            Capability.MANAGE_MEETINGS,
            Capability.VIEW_RESTRICTED,
            Capability.MANAGE_PLANS,
            Capability.MANAGE_PROMISES,
            Capability.VIEW_INCIDENTS,
            Capability.IMPORT_STATISTICS,
        }
    ),
    Role.MEMBER: frozenset(
        {Capability.VIEW_COUNCIL, Capability.VIEW_PEOPLE, Capability.VIEW_RESTRICTED}
    ),
    # A reader who follows the council's work without sitting on it (an official, a politician
    # of the municipality's board): the council and its people, but not the items kept from the
    # public (OSL 18:8), which only those who sit on it need.
    Role.VIEWER: frozenset({Capability.VIEW_COUNCIL, Capability.VIEW_PEOPLE}),
    # A partner's incident reporter sees the council's structure, not its people, and the
    # minutes as the public sees them: items not for publication are masked.
    Role.REPORTER: frozenset({Capability.VIEW_COUNCIL}),
}


def is_site_admin(viewer: Viewer) -> bool:
    return bool(viewer.is_authenticated and getattr(viewer, "is_superuser", False))


def role_in(viewer: Viewer, council: Council) -> str | None:
    if not viewer.is_authenticated:
        return None
    cache: dict[int, str | None] = viewer.__dict__.setdefault("_council_roles", {})
    if council.pk not in cache:
        cache[council.pk] = (
            CouncilRole.objects.filter(user_id=viewer.pk, council=council)
            .values_list("role", flat=True)
            .first()
        )
    return cache[council.pk]


def sits_for_police(viewer: Viewer, council: Council) -> bool:
    """Whether the viewer's person sits today, in one of the council's bodies, for the police
    (an organisation of kind police or a unit of one)."""
    if not viewer.is_authenticated:
        return False
    cache: dict[int, bool] = viewer.__dict__.setdefault("_sits_for_police", {})
    if council.pk not in cache:
        today = timezone.localdate()
        police = Q(organisation__kind=OrganisationKind.POLICE) | Q(
            organisation__parent__kind=OrganisationKind.POLICE
        )
        seats = Membership.objects.filter(
            police, person__user_id=viewer.pk, body__council=council
        ).only("start_date", "end_date")
        cache[council.pk] = any(seat.is_active_on(today) for seat in seats)
    return cache[council.pk]


def capabilities_in(viewer: Viewer, council: Council) -> frozenset[Capability]:
    if is_site_admin(viewer):
        return frozenset(Capability)
    role = role_in(viewer, council)
    if not role:
        return frozenset()
    capabilities = CAPABILITIES.get(role, frozenset())
    if role == Role.MEMBER and sits_for_police(viewer, council):
        capabilities |= POLICE_MEMBER
    return capabilities


def can(viewer: Viewer, council: Council, capability: Capability) -> bool:
    return capability in capabilities_in(viewer, council)


def masked_for(viewer: Viewer, council: Council) -> bool:
    """Whether content not for publication is masked for this viewer (a partner's reporter,
    anonymous visitors): the `public` of every renderer that masks it."""
    return not can(viewer, council, Capability.VIEW_RESTRICTED)


def council_context(viewer: Viewer, council: Council) -> dict[str, object]:
    """What every council page's template needs to show the menu and the allowed actions."""
    caps = capabilities_in(viewer, council)
    return {
        "council": council,
        "can_change": Capability.CHANGE_RECORDS in caps,
        "can_see_people": Capability.VIEW_PEOPLE in caps,
        "can_manage_access": Capability.MANAGE_ACCESS in caps,
        "can_manage_meetings": Capability.MANAGE_MEETINGS in caps,
        "can_see_restricted": Capability.VIEW_RESTRICTED in caps,
        "can_manage_plans": Capability.MANAGE_PLANS in caps,
        "can_manage_promises": Capability.MANAGE_PROMISES in caps,
        "can_view_incidents": Capability.VIEW_INCIDENTS in caps,
        "can_import_statistics": Capability.IMPORT_STATISTICS in caps,
        "can_write_situation_report": Capability.WRITE_SITUATION_REPORT in caps,
    }


def access_council(
    viewer: Viewer, slug: str, *, need: Capability = Capability.VIEW_COUNCIL
) -> Council:
    """Return the council if the viewer may do `need` in it.

    Missing and unseen councils both raise NotFoundError; a council the viewer sees but may not
    change raises ForbiddenError.
    """
    if "\x00" in slug:
        raise NotFoundError
    council = Council.objects.select_related("municipality").filter(slug=slug).first()
    if council is None:
        raise NotFoundError
    caps = capabilities_in(viewer, council)
    if Capability.VIEW_COUNCIL not in caps:
        raise NotFoundError
    if need not in caps:
        raise ForbiddenError
    return council


def councils_visible_to(viewer: Viewer) -> list[Council]:
    qs = Council.objects.select_related("municipality")
    if is_site_admin(viewer):
        return list(qs)
    if not viewer.is_authenticated:
        return []
    return list(qs.filter(roles__user_id=viewer.pk).distinct())
