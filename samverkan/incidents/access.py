"""Who may see and change an incident report."""

from __future__ import annotations

from samverkan.accounts.access import Capability, Viewer, can
from samverkan.core.errors import ForbiddenError
from samverkan.incidents import selectors
from samverkan.incidents.models import Incident, IncidentStatus
from samverkan.organisations.models import Council


def access_incident(
    viewer: Viewer, council: Council, pk: int, *, for_change: bool = False
) -> Incident:
    """A report for its reporter, or for those who change the council's records.

    The council has already been checked for VIEW_COUNCIL; a report of it that the viewer may
    not see answers 403, a missing one 404. A reporter may correct its own report (the cost,
    when the invoice comes) while it is new.
    """
    incident = selectors.incident_in(council, pk)
    if can(viewer, council, Capability.CHANGE_RECORDS):
        return incident
    own = viewer.is_authenticated and incident.reported_by_id == viewer.pk
    if own and (not for_change or incident.status == IncidentStatus.NEW):
        return incident
    raise ForbiddenError
