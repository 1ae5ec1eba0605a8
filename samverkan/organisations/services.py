"""Writes for councils, organisations, people, bodies and memberships.

Each service validates, saves in one transaction and records the audit event.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverkan.core.audit import Actor, audit_create, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.organisations import look
from samverkan.organisations.models import (
    Body,
    Council,
    CouncilLookFile,
    Membership,
    Municipality,
    Organisation,
    OrganisationAlias,
    OrganisationKind,
    Person,
    name_key,
)

M = TypeVar("M", bound=models.Model)


def _validated(instance: models.Model) -> None:
    try:
        instance.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise ServiceError(messages[0], field=None if field == "__all__" else field) from exc


def _save_new(actor: Actor, instance: M, council_id: int | None, duplicate: str) -> M:
    _validated(instance)
    try:
        with transaction.atomic():
            instance.save()
            audit_create(actor=actor, instance=instance, council_id=council_id)
    except IntegrityError as exc:
        raise ServiceError(duplicate, field="name") from exc
    return instance


def _save_changes(
    actor: Actor, instance: M, council_id: int | None, changes: dict[str, Any], duplicate: str
) -> M:
    before = snapshot(instance)
    for name, value in changes.items():
        setattr(instance, name, value)
    _validated(instance)
    try:
        with transaction.atomic():
            instance.save()
            audit_update(actor=actor, instance=instance, before=before, council_id=council_id)
    except IntegrityError as exc:
        raise ServiceError(duplicate, field="name") from exc
    return instance


# Councils ---------------------------------------------------------------------------------


def council_create(
    *, actor: Actor, municipality_name: str, name: str, slug: str = "", publishes: bool = False
) -> Council:
    municipality_name = municipality_name.strip()
    if not municipality_name:
        raise ServiceError(_("Give the municipality's name."), field="municipality_name")
    slug = slug or slugify(f"{municipality_name}-{name}")[:60]
    if Council.objects.filter(slug=slug).exists():
        raise ServiceError(_("A council with this short name already exists."), field="slug")
    with transaction.atomic():
        municipality = Municipality.objects.filter(name=municipality_name).first()
        if municipality is None:
            municipality = _save_new(
                actor, Municipality(name=municipality_name), None, _("That municipality exists.")
            )
        council = Council(
            municipality=municipality, name=name.strip(), slug=slug, publishes=publishes
        )
        _validated(council)
        council.save()
        audit_create(actor=actor, instance=council, council_id=council.pk)
    return council


def council_update(*, actor: Actor, council: Council, name: str, publishes: bool) -> Council:
    return _save_changes(
        actor, council, council.pk, {"name": name.strip(), "publishes": publishes}, ""
    )


def council_look_change(
    *,
    actor: Actor,
    council: Council,
    display_name: str,
    colour: str,
    contact_line: str,
    logo: tuple[bytes, str] | None = None,
    remove_logo: bool = False,
    template: tuple[bytes, str] | None = None,
    remove_template: bool = False,
) -> Council:
    """Set the council's own look (organisations/look.py checks each part); a new logo or
    template replaces the old one. All or nothing: one refused part changes nothing."""
    try:
        checked_colour = look.checked_colour(colour)
    except look.LookRefused as exc:
        raise ServiceError(str(exc.message), field="colour") from exc
    try:
        checked_logo = look.checked_logo(*logo) if logo else None
    except look.LookRefused as exc:
        raise ServiceError(str(exc.message), field="logo") from exc
    try:
        checked_template = look.checked_template(*template) if template else None
    except look.LookRefused as exc:
        raise ServiceError(str(exc.message), field="template") from exc
    changes: dict[str, Any] = {
        "display_name": display_name.strip(),
        "colour": checked_colour,
        "contact_line": " ".join(contact_line.split()),
    }
    files = CouncilLookFile.objects.filter(council=council)
    with transaction.atomic():
        if checked_logo:
            files.update_or_create(
                council=council,
                kind=CouncilLookFile.Kind.LOGO,
                defaults={"data": checked_logo.data},
            )
            changes |= {
                "logo_type": checked_logo.content_type,
                "logo_checksum": checked_logo.checksum,
            }
        elif remove_logo:
            files.filter(kind=CouncilLookFile.Kind.LOGO).delete()
            changes |= {"logo_type": "", "logo_checksum": ""}
        if checked_template is not None and template:
            files.update_or_create(
                council=council,
                kind=CouncilLookFile.Kind.TEMPLATE,
                defaults={"data": checked_template},
            )
            changes["template_name"] = template[1].rsplit("/", 1)[-1][:200]
        elif remove_template:
            files.filter(kind=CouncilLookFile.Kind.TEMPLATE).delete()
            changes["template_name"] = ""
        return _save_changes(actor, council, council.pk, changes, "")


# Organisations ----------------------------------------------------------------------------

DUPLICATE_ORGANISATION = gettext_lazy(
    "An organisation with this name already exists in the council."
)


def _check_parent(organisation: Organisation, parent: Organisation | None) -> None:
    if parent is None:
        return
    if parent.council_id != organisation.council_id:
        raise ServiceError(_("The parent must belong to the same council."), field="parent")
    node: Organisation | None = parent
    while node is not None:
        if organisation.pk is not None and node.pk == organisation.pk:
            raise ServiceError(
                _("An organisation cannot be a part of itself or of its own units."), field="parent"
            )
        node = node.parent


def organisation_create(
    *,
    actor: Actor,
    council: Council,
    name: str,
    short_name: str = "",
    parent: Organisation | None = None,
    kind: str = OrganisationKind.OTHER,
) -> Organisation:
    _check_kind(kind)
    organisation = Organisation(
        council=council,
        name=name.strip(),
        short_name=short_name.strip(),
        parent=parent,
        kind=kind,
    )
    _check_parent(organisation, parent)
    return _save_new(actor, organisation, council.pk, str(DUPLICATE_ORGANISATION))


def organisation_update(
    *,
    actor: Actor,
    organisation: Organisation,
    name: str,
    short_name: str = "",
    parent: Organisation | None = None,
    kind: str | None = None,
) -> Organisation:
    """Change the organisation; `kind` None keeps its kind."""
    _check_parent(organisation, parent)
    kind = organisation.kind if kind is None else kind
    _check_kind(kind)
    return _save_changes(
        actor,
        organisation,
        organisation.council_id,
        {"name": name.strip(), "short_name": short_name.strip(), "parent": parent, "kind": kind},
        str(DUPLICATE_ORGANISATION),
    )


def _check_kind(kind: str) -> None:
    if kind not in OrganisationKind.values:
        raise ServiceError(_("Choose a valid kind."), field="kind")


def organisation_end(
    *, actor: Actor, organisation: Organisation, ended_on: dt.date
) -> Organisation:
    """End the organisation; it stays in the records and in past minutes."""
    return _save_changes(
        actor,
        organisation,
        organisation.council_id,
        {"ended_on": ended_on},
        str(DUPLICATE_ORGANISATION),
    )


# People -----------------------------------------------------------------------------------


def person_create(
    *, actor: Actor, council: Council, name: str, email: str = "", phone: str = ""
) -> Person:
    person = Person(name=name.strip(), email=email.strip(), phone=phone.strip())
    _validated(person)
    with transaction.atomic():
        person.save()
        person.councils.add(council)
        audit_create(actor=actor, instance=person, council_id=council.pk)
    return person


def person_councils_held_back(actor: Actor, person: Person, council: Council) -> list[Council]:
    """The person's other councils in which the actor may not change records.

    Their notices go to the person's e-mail too, so a coordinator of one council must not
    redirect them: while this is not empty the contact details stay as they are (see
    `person_update`). A site administrator, and the system (None), are held back by none.
    """
    if actor is None:
        return []
    from samverkan.accounts.access import Capability, can

    others = person.councils.exclude(pk=council.pk).select_related("municipality")
    return [other for other in others if not can(actor, other, Capability.CHANGE_RECORDS)]


def person_may_fill_in_email(person: Person) -> bool:
    """A missing address of a person without a login may be filled in from any of its
    councils: no notice is redirected, and no login's address changes."""
    return not person.email and person.user_id is None


def person_update(
    *, actor: Actor, person: Person, council: Council, name: str, email: str = "", phone: str = ""
) -> Person:
    """Change the person. One person may sit in several councils: the e-mail address and phone
    number change only by someone who may change records in each of them (or a missing address
    of a person without a login is filled in); the name is the council's to correct."""
    email, phone = email.strip(), phone.strip()
    held_back = person_councils_held_back(actor, person, council)
    if held_back:
        email_changes = email != person.email and not person_may_fill_in_email(person)
        if email_changes or phone != person.phone:
            raise ServiceError(
                _(
                    "This person is also registered in %(councils)s, so the e-mail address and "
                    "phone number are changed by a coordinator or secretary of both councils or "
                    "by a site administrator."
                )
                % {"councils": "; ".join(str(other) for other in held_back)},
                field="email",
            )
    return _save_changes(
        actor, person, council.pk, {"name": name.strip(), "email": email, "phone": phone}, ""
    )


def person_link_user(*, actor: Actor, person: Person, user: AbstractUser | None) -> Person:
    """Link the person to a login (or unlink with None): the login then acts as this person."""
    council_id = person.councils.values_list("pk", flat=True).first()
    return _save_changes(actor, person, council_id, {"user": user}, "")


# Bodies -----------------------------------------------------------------------------------

DUPLICATE_BODY = gettext_lazy("A body with this name already exists in the council.")


# How a body keeps its minutes: formal_rules, adjusts_minutes, chair_adjusts,
# publishes_minutes, minutes_kept_at (see docs/design/minutes.md), and its mandate, which the
# notice board's word on appeal follows.
MINUTES_SETTINGS = (
    "mandate",
    "formal_rules",
    "adjusts_minutes",
    "chair_adjusts",
    "publishes_minutes",
    "minutes_kept_at",
)


def body_create(
    *,
    actor: Actor,
    council: Council,
    name: str,
    kind: str,
    description: str = "",
    **minutes_settings: bool | str,
) -> Body:
    """Create a body; `minutes_settings` may set any of MINUTES_SETTINGS."""
    unknown = set(minutes_settings) - set(MINUTES_SETTINGS)
    if unknown:
        raise TypeError(f"unknown body settings: {sorted(unknown)}")
    body = Body(
        council=council,
        name=name.strip(),
        kind=kind,
        description=description.strip(),
        **minutes_settings,
    )
    return _save_new(actor, body, council.pk, str(DUPLICATE_BODY))


def body_update(
    *,
    actor: Actor,
    body: Body,
    name: str,
    kind: str,
    description: str = "",
    **minutes_settings: bool | str,
) -> Body:
    """Change the body; `minutes_settings` may set any of MINUTES_SETTINGS."""
    unknown = set(minutes_settings) - set(MINUTES_SETTINGS)
    if unknown:
        raise TypeError(f"unknown body settings: {sorted(unknown)}")
    return _save_changes(
        actor,
        body,
        body.council_id,
        {
            "name": name.strip(),
            "kind": kind,
            "description": description.strip(),
            **minutes_settings,
        },
        str(DUPLICATE_BODY),
    )


def body_end(*, actor: Actor, body: Body, ended_on: dt.date) -> Body:
    return _save_changes(actor, body, body.council_id, {"ended_on": ended_on}, str(DUPLICATE_BODY))


# Memberships ------------------------------------------------------------------------------


def _check_membership(membership: Membership) -> None:
    council_id = membership.body.council_id
    if not membership.person.councils.filter(pk=council_id).exists():
        raise ServiceError(_("The person is not registered in this council."), field="person")
    if membership.organisation is not None and membership.organisation.council_id != council_id:
        raise ServiceError(
            _("The organisation must belong to the same council."), field="organisation"
        )
    if (
        membership.start_date is not None
        and membership.end_date is not None
        and membership.end_date < membership.start_date
    ):
        raise ServiceError(_("The end date must not be before the start date."), field="end_date")


def membership_create(
    *,
    actor: Actor,
    body: Body,
    person: Person,
    role: str,
    organisation: Organisation | None = None,
    title: str = "",
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
) -> Membership:
    membership = Membership(
        body=body,
        person=person,
        role=role,
        organisation=organisation,
        title=title.strip(),
        start_date=start_date,
        end_date=end_date,
    )
    _check_membership(membership)
    return _save_new(actor, membership, body.council_id, "")


def membership_update(
    *,
    actor: Actor,
    membership: Membership,
    role: str,
    organisation: Organisation | None = None,
    title: str = "",
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
) -> Membership:
    changes = {
        "role": role,
        "organisation": organisation,
        "title": title.strip(),
        "start_date": start_date,
        "end_date": end_date,
    }
    probe = Membership(body=membership.body, person=membership.person, **changes)
    _check_membership(probe)
    return _save_changes(actor, membership, membership.body.council_id, changes, "")


def membership_end(*, actor: Actor, membership: Membership, end_date: dt.date) -> Membership:
    if membership.start_date and end_date < membership.start_date:
        raise ServiceError(_("The end date must not be before the start date."), field="end_date")
    return _save_changes(actor, membership, membership.body.council_id, {"end_date": end_date}, "")


# Other names of organisations ---------------------------------------------------------------


def organisation_alias_create(
    *, actor: Actor, organisation: Organisation, name: str
) -> OrganisationAlias:
    """Let documents name the organisation another way ("KBAB" for Köpings Bostads AB)."""
    name = " ".join(name.split())
    if not name:
        raise ServiceError(_("Write the other name."), field="name")
    key = name_key(name)
    clash = Organisation.objects.filter(council_id=organisation.council_id).exclude(
        pk=organisation.pk
    )
    if any(name_key(o.name) == key or name_key(o.short_name) == key for o in clash):
        raise ServiceError(_("Another organisation already has this name."), field="name")
    alias = OrganisationAlias(
        organisation=organisation, council_id=organisation.council_id, name=name
    )
    return _save_new(
        actor,
        alias,
        organisation.council_id,
        _("This other name is already used for an organisation of the council."),
    )


@transaction.atomic
def organisation_alias_delete(*, actor: Actor, alias: OrganisationAlias) -> None:
    from samverkan.core.audit import audit_delete

    audit_delete(actor=actor, instance=alias, council_id=alias.council_id)
    alias.delete()
