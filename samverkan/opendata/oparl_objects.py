"""The OParl 1.1 objects of what a council publishes, as JSON-ready dicts.

Each builder takes the records a selector read (`opendata/selectors/oparl.py`) and a `Links`
that makes the absolute URLs. What OParl does not name is given under the `samverkan:` prefix
(docs/formats/oparl.md), which standard clients ignore.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils import timezone

from samverkan.meetings.minutes_content import masked
from samverkan.meetings.models import Meeting, MinutesRevision
from samverkan.meetings.selectors.publication import PublishedMeeting
from samverkan.organisations.models import Body, Council, Membership, Organisation, Person

OParl = dict[str, Any]
SCHEMA = "https://schema.oparl.org/1.1/"
PREFIX = "samverkan:"


def oparl_type(name: str) -> str:
    return SCHEMA + name


def stamp(value: dt.datetime) -> str:
    """A date-time with the council's offset, to the second: 2026-03-05T13:15:00+01:00."""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


class Links:
    """Absolute URLs of the OParl objects of one council (`build` is request.build_absolute_uri)."""

    def __init__(self, build: Callable[[str], str], council: Council) -> None:
        self.build = build
        self.slug = council.slug

    def url(self, name: str, **kwargs: Any) -> str:
        return self.build(reverse(f"opendata:{name}", kwargs={"slug": self.slug, **kwargs}))

    def site(self, name: str, **kwargs: Any) -> str:
        return self.build(reverse(name, kwargs=kwargs))

    def body(self) -> str:
        return self.url("oparl_body")

    def body_organization(self, pk: int) -> str:
        return self.url("oparl_body_organization", pk=pk)

    def party_organization(self, pk: int) -> str:
        return self.url("oparl_party_organization", pk=pk)

    def person(self, pk: int) -> str:
        return self.url("oparl_person", pk=pk)

    def membership(self, pk: int) -> str:
        return self.url("oparl_membership", pk=pk)

    def meeting(self, pk: int) -> str:
        return self.url("oparl_meeting", pk=pk)

    def agenda_item(self, meeting_pk: int, pk: int) -> str:
        return self.url("oparl_agenda_item", meeting=meeting_pk, pk=pk)

    def location(self, meeting_pk: int) -> str:
        return self.url("oparl_location", pk=meeting_pk)

    def file(self, revision_pk: int) -> str:
        return self.url("oparl_file", pk=revision_pk)

    def notice_file(self, meeting_pk: int) -> str:
        return self.url("oparl_notice_file", pk=meeting_pk)


def deleted(kind: str, url: str, created: dt.datetime, modified: dt.datetime) -> OParl:
    """What stays of a withdrawn object: enough for a mirror to delete its copy."""
    return {
        "id": url,
        "type": oparl_type(kind),
        "created": stamp(created),
        "modified": stamp(modified),
        "deleted": True,
    }


def system_object(build: Callable[[str], str], *, name: str) -> OParl:
    return {
        "id": build(reverse("opendata:oparl_system")),
        "type": oparl_type("System"),
        "oparlVersion": SCHEMA,
        "name": name,
        "body": build(reverse("opendata:oparl_bodies")),
        "website": build("/"),
    }


def body_object(council: Council, links: Links) -> OParl:
    return {
        "id": links.body(),
        "type": oparl_type("Body"),
        "system": links.build(reverse("opendata:oparl_system")),
        "name": f"{council.name}, {council.municipality.name}",
        "shortName": council.name,
        "organization": links.url("oparl_organizations"),
        "person": links.url("oparl_people"),
        "meeting": links.url("oparl_meetings"),
        "paper": links.url("oparl_papers"),
        "membership": links.url("oparl_memberships"),
        "locationList": links.url("oparl_locations"),
        "file": links.url("oparl_files"),
        "legislativeTerm": [],
        "classification": "Brottsförebyggande råd",
        "web": links.site("meetings:notice_board", slug=council.slug),
        "created": stamp(council.created_at),
        "modified": stamp(council.updated_at),
        PREFIX + "municipality": council.municipality.name,
        PREFIX + "municipalityCode": council.municipality.code,
    }


def body_organization_object(body: Body, links: Links, memberships: list[int]) -> OParl:
    """A body that meets: the council itself, its working committee, a project group."""
    data: OParl = {
        "id": links.body_organization(body.pk),
        "type": oparl_type("Organization"),
        "body": links.body(),
        "name": body.name,
        "organizationType": "Gremium",
        "classification": str(body.get_kind_display()),
        "membership": [links.membership(pk) for pk in memberships],
        "created": stamp(body.created_at),
        "modified": stamp(body.updated_at),
        PREFIX + "kind": body.kind,
        PREFIX + "mandate": body.mandate,
    }
    if body.ended_on:
        data["endDate"] = body.ended_on.isoformat()
    return data


def party_organization_object(organisation: Organisation, links: Links) -> OParl:
    """A party to the council's work: the municipality, the police, the housing company."""
    data: OParl = {
        "id": links.party_organization(organisation.pk),
        "type": oparl_type("Organization"),
        "body": links.body(),
        "name": organisation.name,
        "organizationType": "Institution",
        "classification": str(organisation.get_kind_display()),
        "created": stamp(organisation.created_at),
        "modified": stamp(organisation.updated_at),
        PREFIX + "kind": organisation.kind,
    }
    if organisation.short_name:
        data["shortName"] = organisation.short_name
    if organisation.parent_id:
        data["subOrganizationOf"] = links.party_organization(organisation.parent_id)
    if organisation.ended_on:
        data["endDate"] = organisation.ended_on.isoformat()
    return data


def membership_object(membership: Membership, links: Links, *, embedded: bool = False) -> OParl:
    data: OParl = {
        "id": links.membership(membership.pk),
        "type": oparl_type("Membership"),
        "organization": links.body_organization(membership.body_id),
        "role": str(membership.get_role_display()),
        "created": stamp(membership.created_at),
        "modified": stamp(membership.updated_at),
        PREFIX + "role": membership.role,
    }
    if not embedded:
        data["person"] = links.person(membership.person_id)
    if membership.organisation_id:
        data["onBehalfOf"] = links.party_organization(membership.organisation_id)
    if membership.start_date:
        data["startDate"] = membership.start_date.isoformat()
    if membership.end_date:
        data["endDate"] = membership.end_date.isoformat()
    return data


def person_object(person: Person, links: Links, memberships: list[Membership]) -> OParl:
    """A person by the name the published minutes give: no contact details."""
    return {
        "id": links.person(person.pk),
        "type": oparl_type("Person"),
        "body": links.body(),
        "name": person.name,
        "membership": [membership_object(m, links, embedded=True) for m in memberships],
        "created": stamp(person.created_at),
        "modified": stamp(person.updated_at),
    }


def _moment(day: dt.date, clock: str | None) -> str | None:
    if not clock:
        return None
    hour, minute = (int(part) for part in clock.split(":"))
    moment = dt.datetime.combine(day, dt.time(hour, minute))
    return stamp(timezone.make_aware(moment))


def file_object(
    revision: MinutesRevision, meeting: Meeting, links: Links, *, embedded: bool = False
) -> OParl:
    """The adjusted minutes as PDF/A, served by the public minutes page's download."""
    assert revision.adjusted_at is not None  # noqa: S101 (only adjusted revisions are published)
    pdf = links.site(
        "meetings:public_minutes_pdf", slug=links.slug, pk=revision.pk
    )  # the same address the notice board links
    data: OParl = {
        "id": links.file(revision.pk),
        "type": oparl_type("File"),
        "name": f"Protokoll {meeting.body.name} {meeting.date:%Y-%m-%d}",
        "fileName": f"protokoll-{meeting.date:%Y-%m-%d}-{revision.pk}.pdf",
        "mimeType": "application/pdf",
        "date": timezone.localtime(revision.adjusted_at).date().isoformat(),
        "accessUrl": pdf,
        "downloadUrl": pdf,
        "web": links.site("meetings:public_minutes", slug=links.slug, pk=revision.pk),
        "created": stamp(revision.adjusted_at),
        "modified": stamp(revision.adjusted_at),
        PREFIX + "revision": revision.number,
    }
    if not embedded:
        data["meeting"] = [links.meeting(meeting.pk)]
    return data


def notice_file_object(published: PublishedMeeting, links: Links, *, embedded: bool) -> OParl:
    """The notice as PDF/A, masked as the public minutes are (OSL 18:8 items by number and
    title only). Only while the adjusted minutes stand and once the notice was sent."""
    meeting, sent = published.meeting, published.notice_sent_at
    assert sent is not None  # noqa: S101 (the caller asks notice_sent_at first)
    pdf = links.url("oparl_notice_pdf", pk=meeting.pk)
    data: OParl = {
        "id": links.notice_file(meeting.pk),
        "type": oparl_type("File"),
        "name": f"Kallelse {meeting.body.name} {meeting.date:%Y-%m-%d}",
        "fileName": f"kallelse-{meeting.date:%Y-%m-%d}-{meeting.pk}.pdf",
        "mimeType": "application/pdf",
        "date": timezone.localtime(sent).date().isoformat(),
        "accessUrl": pdf,
        "downloadUrl": pdf,
        "created": stamp(sent),
        "modified": stamp(max(sent, published.published_at)),
    }
    if not embedded:
        data["meeting"] = [links.meeting(meeting.pk)]
    return data


def location_object(
    published: PublishedMeeting, place: str, links: Links, *, embedded: bool
) -> OParl:
    """Where a meeting was held, as its minutes say: one Location per meeting."""
    data: OParl = {
        "id": links.location(published.meeting.pk),
        "type": oparl_type("Location"),
        "description": place,
        "created": stamp(published.first_published_at),
        "modified": stamp(published.published_at),
    }
    if not embedded:
        data["meetings"] = [links.meeting(published.meeting.pk)]
    return data


def agenda_item_object(
    item: dict[str, Any], order: int, published: PublishedMeeting, links: Links, *, embedded: bool
) -> OParl:
    """An item of the published (masked) content: an item not for publication keeps its number
    and title and is `public: false`, without its text or decisions."""
    public = not item["masked"]
    data: OParl = {
        "id": links.agenda_item(published.meeting.pk, item["id"]),
        "type": oparl_type("AgendaItem"),
        "number": str(item["number"]),
        "order": order,
        "name": item["title"],
        "public": public,
        "created": stamp(published.first_published_at),
        "modified": stamp(published.published_at),
    }
    if not embedded:
        data["meeting"] = links.meeting(published.meeting.pk)
    if public:
        decisions = [d["text"] for d in item["decisions"]]
        if decisions:
            data["resolutionText"] = "\n".join(decisions)
        if item["text"]:
            data[PREFIX + "text"] = item["text"]
        if item.get("reference"):
            data[PREFIX + "reference"] = item["reference"]
        data[PREFIX + "adjustedImmediately"] = bool(item.get("adjusted_immediately"))
    return data


def published_content(published: PublishedMeeting) -> dict[str, Any]:
    """The public version of the minutes as adjusted now (the newest adjusted revision)."""
    return masked(published.revision.content)


def _attendance(content: dict[str, Any]) -> OParl:
    def people(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        out = []
        for row in rows:
            person = {"name": row["name"]}
            if row.get("affiliation"):
                person["affiliation"] = row["affiliation"]
            if row.get("serving_for"):
                person["servingFor"] = row["serving_for"]
            if row.get("partial_note"):
                person["partial"] = row["partial_note"]
            out.append(person)
        return out

    attendance = content["attendance"]
    return {
        "present": people(attendance["present"]),
        "guest": people(attendance["guests"]),
        "absent": people(attendance["absent"]),
    }


def meeting_object(published: PublishedMeeting, links: Links, participants: list[int]) -> OParl:
    """A meeting as its adjusted minutes publish it, with its agenda items embedded."""
    meeting, revision = published.meeting, published.revision
    content = published_content(published)
    day = dt.date.fromisoformat(content["date"])
    data: OParl = {
        "id": links.meeting(meeting.pk),
        "type": oparl_type("Meeting"),
        "name": f"{content['body']} {day:%Y-%m-%d}",
        "meetingState": "held",
        "cancelled": False,
        "organization": [links.body_organization(meeting.body_id)],
        "participant": [links.person(pk) for pk in participants],
        "resultsProtocol": file_object(revision, meeting, links, embedded=True),
        "agendaItem": [
            agenda_item_object(item, order, published, links, embedded=True)
            for order, item in enumerate(content["items"], start=1)
        ],
        "web": links.site("meetings:public_minutes", slug=links.slug, pk=revision.pk),
        "created": stamp(published.first_published_at),
        "modified": stamp(published.published_at),
        PREFIX + "date": day.isoformat(),
        PREFIX + "attendance": _attendance(content),
        PREFIX + "adjuster": [s["name"] for s in content["signatures"] if s["role"] == "adjuster"],
        PREFIX + "adjustedAt": stamp(published.published_at),
    }
    for key, clock in (("start", content["start"]), ("end", content["end"])):
        moment = _moment(day, clock)
        if moment:
            data[key] = moment
    if published.notice_sent_at:
        data["invitation"] = notice_file_object(published, links, embedded=True)
    if content["place"]:
        data["location"] = location_object(published, content["place"], links, embedded=True)
    return data


def published_names(published: PublishedMeeting) -> set[str]:
    """Every name the published minutes give: attendance and signatures."""
    content = published.revision.content
    names = {row["name"] for rows in content["attendance"].values() for row in rows}
    return names | {s["name"] for s in content["signatures"]}


def participants(published: PublishedMeeting) -> list[int]:
    """The registered people the published minutes name as present or as guests."""
    content = published.revision.content
    attending = {
        row["name"] for kind in ("present", "guests") for row in content["attendance"][kind]
    }
    seen: list[int] = []
    for row in published.attendance:
        if row.name in attending and row.person_id is not None and row.person_id not in seen:
            seen.append(row.person_id)
    return seen
