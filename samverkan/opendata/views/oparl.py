"""OParl 1.1: the System at /oparl/1.1/ and, by links from it, what each publishing council
publishes (docs/formats/oparl.md). Read-only, without login, for any origin (CORS)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samverkan.core.errors import NotFoundError
from samverkan.meetings.documents.notice import notice_filename
from samverkan.meetings.documents.notice import notice_pdf as notice_pdf_of
from samverkan.opendata import oparl_objects as objects
from samverkan.opendata.oparl_objects import Links, OParl
from samverkan.opendata.selectors.oparl import (
    Publication,
    publication_of,
    publishing_council,
    publishing_councils,
    superseded_revisions,
)

PDF = "application/pdf"
PAGE_SIZE = 100
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")


class BadRequestError(Exception):
    pass


def _json(data: OParl, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def oparl_view(view: Callable[..., OParl]) -> Callable[..., HttpResponse]:
    """A GET answered with an OParl object; not found and bad filters as JSON errors."""

    @require_GET
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return _json(view(request, *args, **kwargs))
        except NotFoundError:
            return _json({"detail": _("There is no such object.")}, status=404)
        except BadRequestError as error:
            return _json({"detail": str(error)}, status=400)

    return wrapped


def _moment(request: HttpRequest, name: str) -> dt.datetime | None:
    value = request.GET.get(name)
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise BadRequestError(
            _("%(name)s must be a date and time such as 2026-01-01T00:00:00+01:00.")
            % {"name": name}
        ) from None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _number(request: HttpRequest, name: str, default: int, largest: int) -> int:
    value = request.GET.get(name, "")
    if not value.isdigit() or int(value) < 1:
        return default
    return min(int(value), largest)


def _page(request: HttpRequest, entries: list[OParl]) -> OParl:
    """An external object list: filtered, paged, with `links.next` on every page but the last.

    Withdrawn objects (`deleted`) are listed only when `modified_since` is given, as OParl 1.1
    asks, so that a mirror learns what to delete.
    """
    bounds = {name: _moment(request, name) for name in FILTERS}

    def keep(entry: OParl) -> bool:
        if entry.get("deleted") and bounds["modified_since"] is None:
            return False
        created = dt.datetime.fromisoformat(entry["created"])
        modified = dt.datetime.fromisoformat(entry["modified"])
        since, until = bounds["created_since"], bounds["created_until"]
        if (since and created < since) or (until and created > until):
            return False
        since, until = bounds["modified_since"], bounds["modified_until"]
        return not ((since and modified < since) or (until and modified > until))

    kept = [entry for entry in entries if keep(entry)]
    size = _number(request, "limit", PAGE_SIZE, PAGE_SIZE)
    pages = max(1, -(-len(kept) // size))
    current = min(_number(request, "page", 1, pages), pages)
    kept_params = {k: v for k, v in request.GET.items() if k in (*FILTERS, "limit")}

    def link(number: int) -> str:
        return request.build_absolute_uri(
            request.path + "?" + urlencode({**kept_params, "page": number})
        )

    links = {"first": link(1), "self": link(current), "last": link(pages)}
    if current > 1:
        links["prev"] = link(current - 1)
    if current < pages:
        links["next"] = link(current + 1)
    return {
        "data": kept[(current - 1) * size : current * size],
        "pagination": {
            "totalElements": len(kept),
            "elementsPerPage": size,
            "currentPage": current,
            "totalPages": pages,
        },
        "links": links,
    }


def _links(request: HttpRequest, publication: Publication) -> Links:
    return Links(request.build_absolute_uri, publication.council)


def _publication(slug: str) -> Publication:
    return publication_of(publishing_council(slug))


# --- the System and the councils ------------------------------------------------------------


@oparl_view
def system(request: HttpRequest) -> OParl:
    return objects.system_object(request.build_absolute_uri, name="Samverkan")


@oparl_view
def bodies(request: HttpRequest) -> OParl:
    return _page(
        request,
        [
            objects.body_object(council, Links(request.build_absolute_uri, council))
            for council in publishing_councils()
        ],
    )


@oparl_view
def body(request: HttpRequest, slug: str) -> OParl:
    council = publishing_council(slug)
    return objects.body_object(council, Links(request.build_absolute_uri, council))


# --- the lists of a council -----------------------------------------------------------------


def _organizations(publication: Publication, links: Links) -> list[OParl]:
    seats: dict[int, list[int]] = {}
    for membership in publication.memberships:
        seats.setdefault(membership.body_id, []).append(membership.pk)
    return [
        objects.body_organization_object(b, links, seats.get(b.pk, [])) for b in publication.bodies
    ] + [objects.party_organization_object(o, links) for o in publication.organisations]


def _people(publication: Publication, links: Links) -> list[OParl]:
    return [
        objects.person_object(p, links, publication.seats.get(p.pk, [])) for p in publication.people
    ]


def _memberships(publication: Publication, links: Links) -> list[OParl]:
    return [objects.membership_object(m, links) for m in publication.memberships]


def _meetings(publication: Publication, links: Links) -> list[OParl]:
    published = [
        objects.meeting_object(m, links, objects.participants(m)) for m in publication.meetings
    ]
    withdrawn = [
        objects.deleted(
            "Meeting", links.meeting(m.meeting.pk), m.first_published_at, m.withdrawn_at
        )
        for m in publication.withdrawn
    ]
    return sorted(published + withdrawn, key=lambda entry: entry["id"])


def _locations(publication: Publication, links: Links) -> list[OParl]:
    found = []
    for meeting in publication.meetings:
        place = objects.published_content(meeting)["place"]
        if place:
            found.append(objects.location_object(meeting, place, links, embedded=False))
    return found


def _files(publication: Publication, links: Links) -> list[OParl]:
    current = [objects.file_object(m.revision, m.meeting, links) for m in publication.meetings]
    replaced = [
        objects.deleted("File", links.file(r.pk), r.adjusted_at or m.published_at, m.published_at)
        for r, m in superseded_revisions(publication)
    ]
    notices = [
        objects.notice_file_object(m, links, embedded=False)
        for m in publication.meetings
        if m.notice_sent_at
    ]
    return current + notices + replaced


LISTS: dict[str, Callable[[Publication, Links], list[OParl]]] = {
    "organizations": _organizations,
    "people": _people,
    "memberships": _memberships,
    "meetings": _meetings,
    "locations": _locations,
    "files": _files,
}


def _list_view(kind: str) -> Callable[..., HttpResponse]:
    @oparl_view
    def view(request: HttpRequest, slug: str) -> OParl:
        publication = _publication(slug)
        return _page(request, LISTS[kind](publication, _links(request, publication)))

    view.__name__ = view.__qualname__ = f"{kind}_list"
    return view


organizations = _list_view("organizations")
people = _list_view("people")
memberships = _list_view("memberships")
meetings = _list_view("meetings")
locations = _list_view("locations")
files = _list_view("files")


@oparl_view
def papers(request: HttpRequest, slug: str) -> OParl:
    """Papers (Drucksachen) are not kept: an empty list, which OParl's Body requires."""
    publishing_council(slug)
    return _page(request, [])


# --- one object -----------------------------------------------------------------------------


def _one(entries: list[OParl], url: str) -> OParl:
    found = next((entry for entry in entries if entry["id"] == url), None)
    if found is None:
        raise NotFoundError
    return found


def _object_view(kind: str, url_of: Callable[[Links, int], str]) -> Callable[..., HttpResponse]:
    @oparl_view
    def view(request: HttpRequest, slug: str, pk: int) -> OParl:
        publication = _publication(slug)
        links = _links(request, publication)
        return _one(LISTS[kind](publication, links), url_of(links, pk))

    view.__name__ = view.__qualname__ = f"{kind}_object"
    return view


body_organization = _object_view("organizations", Links.body_organization)
party_organization = _object_view("organizations", Links.party_organization)
person = _object_view("people", Links.person)
membership = _object_view("memberships", Links.membership)
meeting = _object_view("meetings", Links.meeting)
location = _object_view("locations", Links.location)
file = _object_view("files", Links.file)
notice_file = _object_view("files", Links.notice_file)


@require_GET
def notice_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The published notice of a meeting as PDF/A, masked for the public."""
    found = _publication(slug).meeting(pk)
    if found is None or found.notice_sent_at is None:
        raise NotFoundError
    response = HttpResponse(notice_pdf_of(found.meeting, public=True), content_type=PDF)
    response["Content-Disposition"] = f'inline; filename="{notice_filename(found.meeting, "pdf")}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@oparl_view
def agenda_item(request: HttpRequest, slug: str, meeting: int, pk: int) -> OParl:
    """An item of published minutes; one a correction removed is withdrawn (`deleted`)."""
    publication = _publication(slug)
    links = _links(request, publication)
    url = links.agenda_item(meeting, pk)
    found = publication.meeting(meeting)
    if found is None:
        withdrawn = publication.withdrawn_meeting(meeting)
        if withdrawn is None:
            raise NotFoundError
        return objects.deleted(
            "AgendaItem", url, withdrawn.first_published_at, withdrawn.withdrawn_at
        )
    items = objects.published_content(found)["items"]
    for order, item in enumerate(items, start=1):
        if item["id"] == pk:
            return objects.agenda_item_object(item, order, found, links, embedded=False)
    earlier = found.revisions[1:]
    if any(item["id"] == pk for r in earlier for item in r.content["items"]):
        return objects.deleted("AgendaItem", url, found.first_published_at, found.published_at)
    raise NotFoundError
