"""API routes for the organisations app: handlers call access, selectors and services.

No `from __future__ import annotations` here: django-ninja reads the annotations at run time.
"""

import datetime as dt
from typing import Any, ClassVar, get_args

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from samverkan.accounts.access import Capability, access_council, councils_visible_to
from samverkan.core.forms import typed_text
from samverkan.organisations import selectors, services
from samverkan.organisations.models import (
    Body,
    BodyKind,
    Membership,
    MembershipRole,
    Organisation,
    Person,
)

router = Router(tags=["organisations"])

Name = Field(..., min_length=1, max_length=200)
BIGGEST_ID = 2**62


class Pages(LimitOffsetPagination):
    """Limit and offset within what the database can hold: 1–100 rows a page."""

    class Input(Schema):
        limit: int = Field(25, ge=1, le=100)
        offset: int = Field(0, ge=0, le=BIGGEST_ID)


class In(Schema):
    """Base of every input schema: text with NUL characters is refused (PostgreSQL refuses it),
    and text is cleaned of control characters as the forms clean it: a field not named in
    `multiline` is one line; null is refused for a field whose type does not admit it.

    A patch schema's fields default to None to mean "not given"; `null` given for one that
    cannot be empty (a name, a role) is refused here, not passed on to the service.
    """

    multiline: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _as_declared(cls, value: Any, info: ValidationInfo) -> Any:
        field = cls.model_fields.get(info.field_name or "")
        if field is None:
            return value
        if value is None and not _admits(field.annotation, type(None)):
            raise PydanticCustomError("null_not_allowed", "May not be null")
        # Pydantic would read true as 1 and "5" or 5.0 as 5: an id is a JSON integer.
        is_int = isinstance(value, int) and not isinstance(value, bool)
        if value is not None and _admits(field.annotation, int) and not is_int:
            raise PydanticCustomError("int_type", "Input should be a valid integer")
        if isinstance(value, str):
            return typed_text(value, multiline=info.field_name in cls.multiline)
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("NUL characters are not allowed")
        return value


def may_leave_out(**constraints: Any) -> Any:
    """A patch field that may be left out (None: not given), but not given as null."""
    return Field(None, **constraints)


def _admits(annotation: Any, kind: type) -> bool:
    return annotation is kind or kind in get_args(annotation)


class CouncilOut(Schema):
    slug: str
    name: str
    municipality: str = Field(..., alias="municipality.name")
    publishes: bool


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    parent_id: int | None
    ended_on: dt.date | None


class OrganisationIn(In):
    name: str = Name
    short_name: str = Field("", max_length=40)
    parent_id: int | None = None


class OrganisationPatch(In):
    name: str = may_leave_out(min_length=1, max_length=200)
    short_name: str = may_leave_out(max_length=40)
    parent_id: int | None = None
    ended_on: dt.date | None = None


class PersonOut(Schema):
    id: int
    name: str
    email: str


class PersonIn(In):
    name: str = Name
    email: str = Field("", max_length=254, pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$")
    phone: str = Field("", max_length=40)


class PersonPatch(In):
    name: str = may_leave_out(min_length=1, max_length=200)
    email: str = may_leave_out(max_length=254, pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$")
    phone: str = may_leave_out(max_length=40)


class BodyOut(Schema):
    id: int
    name: str
    kind: BodyKind
    description: str
    ended_on: dt.date | None


class BodyIn(In):
    multiline = frozenset({"description"})
    name: str = Name
    kind: BodyKind
    description: str = Field("", max_length=2000)


class BodyPatch(In):
    multiline = frozenset({"description"})
    name: str = may_leave_out(min_length=1, max_length=200)
    kind: BodyKind = may_leave_out()
    description: str = may_leave_out(max_length=2000)
    ended_on: dt.date | None = None


class MembershipOut(Schema):
    id: int
    body_id: int
    person_id: int
    person_name: str = Field(..., alias="person.name")
    role: MembershipRole
    organisation_id: int | None
    title: str
    start_date: dt.date | None
    end_date: dt.date | None


class MembershipFilter(Schema):
    body_id: int | None = Field(None, ge=1, le=BIGGEST_ID)


class MembershipIn(In):
    body_id: int
    person_id: int
    role: MembershipRole
    organisation_id: int | None = None
    title: str = Field("", max_length=120)
    start_date: dt.date | None = None
    end_date: dt.date | None = None


class MembershipPatch(In):
    role: MembershipRole = may_leave_out()
    organisation_id: int | None = None
    title: str = may_leave_out(max_length=120)
    start_date: dt.date | None = None
    end_date: dt.date | None = None


def _set_fields(payload: Schema) -> dict[str, Any]:
    return payload.model_dump(exclude_unset=True)


@router.get("/councils", response=list[CouncilOut])
@paginate(Pages)
def list_councils(request: HttpRequest) -> Any:
    return councils_visible_to(request.user)


# Organisations ----------------------------------------------------------------------------


@router.get("/councils/{slug}/organisations", response=list[OrganisationOut])
@paginate(Pages)
def list_organisations(request: HttpRequest, slug: str) -> Any:
    return selectors.organisations_of(access_council(request.user, slug))


@router.get("/councils/{slug}/organisations/{pk}", response=OrganisationOut)
def get_organisation(request: HttpRequest, slug: str, pk: int) -> Organisation:
    return selectors.organisation_in(access_council(request.user, slug), pk)


@router.post("/councils/{slug}/organisations", response={201: OrganisationOut})
def create_organisation(request: HttpRequest, slug: str, payload: OrganisationIn) -> Any:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    parent = selectors.organisation_in(council, payload.parent_id) if payload.parent_id else None
    return 201, services.organisation_create(
        actor=request.user,
        council=council,
        name=payload.name,
        short_name=payload.short_name,
        parent=parent,
    )


@router.patch("/councils/{slug}/organisations/{pk}", response=OrganisationOut)
def update_organisation(
    request: HttpRequest, slug: str, pk: int, payload: OrganisationPatch
) -> Organisation:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    organisation = selectors.organisation_in(council, pk)
    fields = _set_fields(payload)
    if "parent_id" in fields:
        parent = (
            selectors.organisation_in(council, fields["parent_id"]) if fields["parent_id"] else None
        )
    else:
        parent = organisation.parent
    organisation = services.organisation_update(
        actor=request.user,
        organisation=organisation,
        name=fields.get("name", organisation.name),
        short_name=fields.get("short_name", organisation.short_name),
        parent=parent,
    )
    if fields.get("ended_on"):
        organisation = services.organisation_end(
            actor=request.user, organisation=organisation, ended_on=fields["ended_on"]
        )
    return organisation


# People -----------------------------------------------------------------------------------


@router.get("/councils/{slug}/people", response=list[PersonOut])
@paginate(Pages)
def list_people(request: HttpRequest, slug: str) -> Any:
    return selectors.people_of(access_council(request.user, slug, need=Capability.VIEW_PEOPLE))


@router.get("/councils/{slug}/people/{pk}", response=PersonOut)
def get_person(request: HttpRequest, slug: str, pk: int) -> Person:
    council = access_council(request.user, slug, need=Capability.VIEW_PEOPLE)
    return selectors.person_in(council, pk)


@router.post("/councils/{slug}/people", response={201: PersonOut})
def create_person(request: HttpRequest, slug: str, payload: PersonIn) -> Any:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    return 201, services.person_create(
        actor=request.user,
        council=council,
        name=payload.name,
        email=payload.email,
        phone=payload.phone,
    )


@router.patch("/councils/{slug}/people/{pk}", response=PersonOut)
def update_person(request: HttpRequest, slug: str, pk: int, payload: PersonPatch) -> Person:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    person = selectors.person_in(council, pk)
    fields = _set_fields(payload)
    return services.person_update(
        actor=request.user,
        person=person,
        council=council,
        name=fields.get("name") or person.name,
        email=fields.get("email", person.email) or "",
        phone=fields.get("phone", person.phone) or "",
    )


# Bodies -----------------------------------------------------------------------------------


@router.get("/councils/{slug}/bodies", response=list[BodyOut])
@paginate(Pages)
def list_bodies(request: HttpRequest, slug: str) -> Any:
    return selectors.bodies_of(access_council(request.user, slug))


@router.get("/councils/{slug}/bodies/{pk}", response=BodyOut)
def get_body(request: HttpRequest, slug: str, pk: int) -> Body:
    return selectors.body_in(access_council(request.user, slug), pk)


@router.post("/councils/{slug}/bodies", response={201: BodyOut})
def create_body(request: HttpRequest, slug: str, payload: BodyIn) -> Any:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    return 201, services.body_create(
        actor=request.user,
        council=council,
        name=payload.name,
        kind=payload.kind,
        description=payload.description,
    )


@router.patch("/councils/{slug}/bodies/{pk}", response=BodyOut)
def update_body(request: HttpRequest, slug: str, pk: int, payload: BodyPatch) -> Body:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    body = selectors.body_in(council, pk)
    fields = _set_fields(payload)
    body = services.body_update(
        actor=request.user,
        body=body,
        name=fields.get("name") or body.name,
        kind=fields.get("kind") or body.kind,
        description=fields.get("description", body.description) or "",
    )
    if fields.get("ended_on"):
        body = services.body_end(actor=request.user, body=body, ended_on=fields["ended_on"])
    return body


# Memberships ------------------------------------------------------------------------------


@router.get("/councils/{slug}/memberships", response=list[MembershipOut])
@paginate(Pages)
def list_memberships(request: HttpRequest, slug: str, filters: Query[MembershipFilter]) -> Any:
    council = access_council(request.user, slug, need=Capability.VIEW_PEOPLE)
    qs = Membership.objects.filter(body__council=council).select_related("person")
    return qs.filter(body_id=filters.body_id) if filters.body_id is not None else qs


@router.get("/councils/{slug}/memberships/{pk}", response=MembershipOut)
def get_membership(request: HttpRequest, slug: str, pk: int) -> Membership:
    council = access_council(request.user, slug, need=Capability.VIEW_PEOPLE)
    return selectors.membership_in(council, pk)


@router.post("/councils/{slug}/memberships", response={201: MembershipOut})
def create_membership(request: HttpRequest, slug: str, payload: MembershipIn) -> Any:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    organisation = (
        selectors.organisation_in(council, payload.organisation_id)
        if payload.organisation_id
        else None
    )
    return 201, services.membership_create(
        actor=request.user,
        body=selectors.body_in(council, payload.body_id),
        person=selectors.person_in(council, payload.person_id),
        role=payload.role,
        organisation=organisation,
        title=payload.title,
        start_date=payload.start_date,
        end_date=payload.end_date,
    )


@router.patch("/councils/{slug}/memberships/{pk}", response=MembershipOut)
def update_membership(
    request: HttpRequest, slug: str, pk: int, payload: MembershipPatch
) -> Membership:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    membership = selectors.membership_in(council, pk)
    fields = _set_fields(payload)
    if "organisation_id" in fields:
        organisation_id = fields["organisation_id"]
        organisation = (
            selectors.organisation_in(council, organisation_id) if organisation_id else None
        )
    else:
        organisation = membership.organisation
    return services.membership_update(
        actor=request.user,
        membership=membership,
        role=fields.get("role") or membership.role,
        organisation=organisation,
        title=fields.get("title", membership.title) or "",
        start_date=fields.get("start_date", membership.start_date),
        end_date=fields.get("end_date", membership.end_date),
    )
