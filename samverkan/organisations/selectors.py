"""Reads for organisations, people, bodies and memberships, scoped to one council.

The council has already been access-checked (accounts.access.access_council); a record of
another council is simply not found.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from samverkan.core.documents import Look
from samverkan.core.errors import NotFoundError
from samverkan.core.pages import one_or_not_found
from samverkan.organisations.models import (
    Body,
    Council,
    CouncilLookFile,
    Membership,
    Organisation,
    OrganisationAlias,
    Person,
    name_key,
)


def organisations_of(council: Council, *, include_ended: bool = True) -> QuerySet[Organisation]:
    qs = Organisation.objects.filter(council=council).select_related("parent")
    if not include_ended:
        qs = qs.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=timezone.localdate()))
    return qs


def organisation_in(council: Council, pk: int) -> Organisation:
    return one_or_not_found(organisations_of(council).filter(pk=pk))


def people_of(council: Council, *, search: str = "") -> QuerySet[Person]:
    qs = Person.objects.filter(councils=council)
    if search:
        qs = qs.filter(name__icontains=search)
    return qs.annotate(
        seat_count=Count("memberships", filter=Q(memberships__body__council=council))
    ).order_by("name", "id")


def person_in(council: Council, pk: int) -> Person:
    return one_or_not_found(Person.objects.filter(councils=council, pk=pk))


def bodies_of(council: Council) -> QuerySet[Body]:
    today = timezone.localdate()
    active = Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today)
    return (
        Body.objects.filter(council=council)
        .annotate(member_count=Count("memberships", filter=active))
        .order_by("name", "id")
    )


def body_in(council: Council, pk: int) -> Body:
    return one_or_not_found(Body.objects.filter(council=council, pk=pk))


def memberships_of_body(body: Body) -> QuerySet[Membership]:
    return Membership.objects.filter(body=body).select_related("person", "organisation", "body")


def memberships_of_person(person: Person, council: Council) -> QuerySet[Membership]:
    return Membership.objects.filter(person=person, body__council=council).select_related(
        "body", "organisation", "person"
    )


def membership_in(council: Council, pk: int) -> Membership:
    return one_or_not_found(
        Membership.objects.filter(body__council=council, pk=pk).select_related(
            "body", "person", "organisation"
        )
    )


def aliases_of(organisation: Organisation) -> QuerySet[OrganisationAlias]:
    return OrganisationAlias.objects.filter(organisation=organisation)


def alias_in(council: Council, pk: int) -> OrganisationAlias:
    return one_or_not_found(OrganisationAlias.objects.filter(council=council, pk=pk))


class OrganisationResolver:
    """Find the organisation a document means by a name: its name, short name or other name
    ("KBAB"), or failing those the one organisation whose name holds the words
    ("Lokalpolisområde Västra Mälardalen" in "Polisen, lokalpolisområde Västra Mälardalen")."""

    def __init__(self, council: Council) -> None:
        self.organisations = list(Organisation.objects.filter(council=council))
        self.exact: dict[str, Organisation] = {}
        by_pk = {o.pk: o for o in self.organisations}
        for alias in OrganisationAlias.objects.filter(council=council):
            self.exact[alias.key] = by_pk[alias.organisation_id]
        for organisation in self.organisations:
            if organisation.short_name:
                self.exact.setdefault(name_key(organisation.short_name), organisation)
        for organisation in self.organisations:
            self.exact[name_key(organisation.name)] = organisation

    def __call__(self, name: str) -> Organisation | None:
        key = name_key(name)
        if not key:
            return None
        if key in self.exact:
            return self.exact[key]
        words = f" {key} "
        holding = [
            o
            for o in self.organisations
            if words in f" {name_key(o.name).replace(',', ' ')} ".replace("  ", " ")
        ]
        return holding[0] if len(holding) == 1 else None


def access_public_council(slug: str, *, publishing: bool = True) -> Council:
    """The council of a page without login (and of a command), with its municipality.

    "Not found" for an unknown slug and, unless `publishing` is False, for a council that does
    not publish (the notice board is every council's own).
    """
    if "\x00" in slug:  # PostgreSQL refuses a NUL in a text: not found, not a server error
        raise NotFoundError
    council = one_or_not_found(Council.objects.select_related("municipality"), slug=slug)
    if publishing and not council.publishes:
        raise NotFoundError
    return council


def council_look(council: Council) -> Look:
    """The council's look for its documents (core/documents.py): one query for its logo and
    Word template, none when it has neither."""
    files: dict[str, bytes] = {}
    if council.logo_type or council.template_name:
        files = {
            kind: bytes(data)
            for kind, data in CouncilLookFile.objects.filter(council=council).values_list(
                "kind", "data"
            )
        }
    return Look(
        name=council.display_name or council.name,
        colour=council.colour,
        contact=council.contact_line,
        logo=files.get(CouncilLookFile.Kind.LOGO, b"") if council.logo_type else b"",
        logo_type=council.logo_type,
        template=files.get(CouncilLookFile.Kind.TEMPLATE, b""),
    )


def council_logo(council: Council) -> bytes:
    """The council's logo as kept, or not found."""
    if not council.logo_type:
        raise NotFoundError
    data = (
        CouncilLookFile.objects.filter(council=council, kind=CouncilLookFile.Kind.LOGO)
        .values_list("data", flat=True)
        .first()
    )
    if data is None:
        raise NotFoundError
    return bytes(data)
