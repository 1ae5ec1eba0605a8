"""What OParl shows of a council, read through the meetings' and organisations' selectors.

Only councils that publish appear, and of them only what their public pages show: the adjusted
minutes of bodies that publish them (`meetings.selectors.publication`), the bodies that meet
in public, the council's parties, and the registered people the published minutes name, with
their seats on those bodies. Every read is a fixed number of queries, however many meetings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from samverkan.meetings.models import MinutesRevision
from samverkan.meetings.selectors.publication import (
    PublishedMeeting,
    WithdrawnMeeting,
    published_meetings,
    withdrawn_meetings,
)
from samverkan.opendata.oparl_objects import published_names
from samverkan.organisations.models import Body, Council, Membership, Organisation, Person
from samverkan.organisations.selectors import (
    access_public_council,
    bodies_of,
    organisations_of,
    people_of,
)


def publishing_councils() -> QuerySet[Council]:
    return Council.objects.filter(publishes=True).select_related("municipality").order_by("id")


def publishing_council(slug: str) -> Council:
    """The council of an OParl address; "not found" unless it publishes."""
    return access_public_council(slug)


@dataclass
class Publication:
    """Everything OParl shows of one council, read once per request."""

    council: Council
    meetings: list[PublishedMeeting]
    withdrawn: list[WithdrawnMeeting]
    bodies: list[Body]
    organisations: list[Organisation]
    people: list[Person]
    memberships: list[Membership]
    # person id → their memberships on the published bodies
    seats: dict[int, list[Membership]] = field(default_factory=dict)

    def meeting(self, pk: int) -> PublishedMeeting | None:
        return next((m for m in self.meetings if m.meeting.pk == pk), None)

    def withdrawn_meeting(self, pk: int) -> WithdrawnMeeting | None:
        return next((m for m in self.withdrawn if m.meeting.pk == pk), None)


def _named_people(meetings: list[PublishedMeeting]) -> set[int]:
    """The registered people whose names the published minutes give (a correction being
    written may link someone the adjusted minutes do not name: they are left out)."""
    ids: set[int] = set()
    for meeting in meetings:
        names = published_names(meeting)
        ids |= {row.person_id for row in meeting.attendance if row.name in names and row.person_id}
        ids |= {row.person_id for row in meeting.signatures if row.name in names and row.person_id}
    return ids


def publication_of(council: Council) -> Publication:
    meetings = published_meetings(council)
    bodies = list(bodies_of(council).filter(publishes_minutes=True))
    person_ids = _named_people(meetings)
    people = list(people_of(council).filter(pk__in=person_ids))
    memberships = list(
        Membership.objects.filter(
            person_id__in=person_ids, body__in=[b.pk for b in bodies]
        ).order_by("id")
    )
    seats: dict[int, list[Membership]] = {}
    for membership in memberships:
        seats.setdefault(membership.person_id, []).append(membership)
    return Publication(
        council=council,
        meetings=meetings,
        withdrawn=withdrawn_meetings(council),
        bodies=bodies,
        organisations=list(organisations_of(council).order_by("id")),
        people=sorted(people, key=lambda p: p.pk),
        memberships=memberships,
        seats=seats,
    )


def superseded_revisions(
    publication: Publication,
) -> list[tuple[MinutesRevision, PublishedMeeting]]:
    """Adjusted revisions a correction has replaced: their files are withdrawn."""
    return [
        (revision, published)
        for published in publication.meetings
        for revision in published.revisions[1:]
    ]
