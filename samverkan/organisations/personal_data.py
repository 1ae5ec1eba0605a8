"""A person's data (GDPR articles 15, 17 and 20): handed out, and erased where the law allows.

`personal_data_export` gathers everything one council holds about a person and their login
into a ZIP of JSON (machine-readable) and a readable PDF; `person_erase` removes their contact
details, their login's personal fields and sessions, and the free text they wrote that is no
public record, and keeps what the law keeps (names in minutes, who did what).

What each app holds about a person is said in that app's own `personal_data.py`, which
registers a collector (and an eraser where it has something to erase) with `collects` and
`erases`; this module sits below those apps and never imports them (they are found by
`autodiscover_modules`, as Django finds `admin.py`).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverkan.core.audit import Actor, audit_change, audit_update, snapshot
from samverkan.core.documents import render_pdf
from samverkan.core.errors import ServiceError
from samverkan.core.models import AuditEvent
from samverkan.organisations.models import Council, Membership, Person


@dataclass
class Section:
    """One kind of data about the person: rows of plain values under named columns."""

    key: str  # the name in the JSON file
    title: str  # the heading in the PDF
    columns: list[tuple[str, str]]  # (key, label)
    rows: list[dict[str, Any]] = field(default_factory=list)
    # What of this the law keeps after an erasure, and why; empty when nothing is kept.
    kept: str = ""

    def table(self) -> list[list[Any]]:
        """The first PDF_ROWS rows as cells in the order of the columns, for the PDF."""
        return [
            [_cell(row.get(key)) for key, _label in self.columns] for row in self.rows[:PDF_ROWS]
        ]

    @property
    def rows_left_out(self) -> int:
        """How many rows the PDF leaves to the JSON file."""
        return max(0, len(self.rows) - PDF_ROWS)


# The readable PDF shows this many rows of a section (a long table would take a worker for
# minutes); the JSON file holds them all and the PDF says so.
PDF_ROWS = 200


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


Collector = Callable[[Person, Council], list[Section]]
Eraser = Callable[[Actor, Person, Council], None]

_COLLECTORS: list[Collector] = []
_ERASERS: list[Eraser] = []


# The models ("app.Model") whose links to a person or a login the collectors hand out; a test
# fails when a model links to either and is not here, so that no new record is left out.
COVERED: set[str] = set()


def collects(*models: str) -> Callable[[Collector], Collector]:
    """Register what an app holds about a person, for the export, naming the models it reads."""

    def register(collector: Collector) -> Collector:
        _COLLECTORS.append(collector)
        COVERED.update(models)
        return collector

    return register


def erases(eraser: Eraser) -> Eraser:
    """Register what an app removes when a person is erased; it runs in the erasure's
    transaction and records its own audit events."""
    _ERASERS.append(eraser)
    return eraser


def discover() -> None:
    # Imports each app's personal_data module once; registration happens on import.
    autodiscover_modules("personal_data")


def plain(value: Any) -> Any:
    """A value as the JSON file and the PDF show it."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# What the law keeps, said in the export and on the confirmation page.
KEPT_BY_LAW = [
    gettext_lazy(
        "Your name in minutes, attendance lists and signatures stays: adjusted minutes are public "
        "records (the Freedom of the Press Act, chapter 2, and the Archives Act) and are never "
        "changed."
    ),
    gettext_lazy(
        "Your name and your seats on the council's bodies stay as the council's record of who "
        "took part in its work."
    ),
    gettext_lazy(
        "The audit trail keeps who did what and when, under your login's user name, so that "
        "changes of public records can be traced; it holds no e-mail addresses or phone numbers."
    ),
    gettext_lazy(
        "Status reports on plan activities and incident reports stay as records of the work; "
        "internal status notes you wrote are removed."
    ),
]

# What the council holds that no record ties to a person, said in the export.
NOT_TIED = gettext_lazy(
    "Survey answers, dialogue inputs and safety-walk findings are not tied to any person, so "
    "they are not in this export."
)

ERASED_LIST = [
    gettext_lazy("the e-mail address and phone number"),
    gettext_lazy(
        "the login: it is deactivated, its name and e-mail address are blanked, its password "
        "can no longer be used, its sessions are ended and its API tokens and calendar feeds "
        "are revoked"
    ),
    gettext_lazy("internal status notes written through the login"),
]


# The person, their seats and the audit events about them -----------------------------------


@collects("organisations.Person", "organisations.Membership")
def _person_and_seats(person: Person, council: Council) -> list[Section]:
    details = Section(
        "person",
        _("Person"),
        [("name", _("name")), ("email", _("e-mail")), ("phone", _("phone"))],
        [{"name": person.name, "email": person.email, "phone": person.phone}],
        kept=_("The name is kept; the e-mail address and phone number are erased."),
    )
    seats = Section(
        "memberships",
        _("Seats"),
        [
            ("body", _("body")),
            ("role", _("role")),
            ("represents", _("represents")),
            ("title", _("title")),
            ("from", _("from")),
            ("to", _("to")),
        ],
        kept=_("Kept as the council's record of who took part in its work."),
    )
    for membership in Membership.objects.filter(
        person=person, body__council=council
    ).select_related("body", "organisation"):
        seats.rows.append(
            {
                "body": membership.body.name,
                "role": membership.get_role_display(),
                "represents": membership.organisation.name if membership.organisation else "",
                "title": membership.title,
                "from": plain(membership.start_date),
                "to": plain(membership.end_date),
            }
        )
    return [details, seats]


# An export holds at most this many audit events (the newest are left out past it).
MAX_EVENTS = 10_000


@collects("core.AuditEvent")
def _audit_events(person: Person, council: Council) -> list[Section]:
    section = Section(
        "audit_events",
        _("Audit events naming you"),
        [
            ("at", _("when")),
            ("action", _("action")),
            ("record_type", _("record type")),
            ("record", _("record")),
            ("by_you", _("by you")),
            ("changes", _("changes")),
        ],
        kept=_(
            "Kept: the audit trail is the evidence of who changed public records and when. The "
            "changes are shown for your own records; of records you changed, only which ones, "
            "as their fields may be about others."
        ),
    )
    seats = Membership.objects.filter(person=person, body__council=council).values_list(
        "pk", flat=True
    )
    own = {(Person._meta.label, str(person.pk))} | {
        (Membership._meta.label, str(pk)) for pk in seats
    }
    naming = Q(model=Person._meta.label, object_id=str(person.pk)) | Q(
        model=Membership._meta.label, object_id__in=[str(pk) for pk in seats]
    )
    if person.user_id is not None:
        own.add(("auth.User", str(person.user_id)))
        naming |= Q(actor_id=person.user_id) | Q(model="auth.User", object_id=str(person.user_id))
    # The login's own record may have been created outside any council (by a site admin).
    about = AuditEvent.objects.filter(naming).filter(
        Q(council_id=council.pk) | Q(council_id__isnull=True, model="auth.User")
    )
    for event in about.order_by("at", "id")[:MAX_EVENTS]:
        # Article 15(4): a record the person changed may hold others' data; only theirs is shown.
        mine = (event.model, event.object_id) in own
        section.rows.append(
            {
                "at": plain(event.at),
                "action": event.get_action_display(),
                "record_type": event.model,
                "record": event.object_repr,
                "by_you": person.user_id is not None and event.actor_id == person.user_id,
                "changes": event.changes if mine else None,
            }
        )
    return [section]


# The export -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonalDataExport:
    filename: str
    content: bytes


def personal_data_sections(*, person: Person, council: Council) -> list[Section]:
    """Everything the council holds about the person, section by section."""
    discover()
    sections: list[Section] = []
    for collector in _COLLECTORS:
        sections.extend(collector(person, council))
    return sections


def personal_data_export(*, actor: Actor, person: Person, council: Council) -> PersonalDataExport:
    """Build the ZIP of JSON and PDF about the person (article 15 and 20), and record that it
    was handed out. Costly: the PDF takes about a second."""
    # The document is Swedish, as every document of the platform; the JSON's keys are English.
    with translation.override("sv"):
        sections = personal_data_sections(person=person, council=council)
        now = timezone.now()
        data = {
            "person": person.name,
            "council": str(council),
            "exported_at": plain(now),
            "erased_at": plain(person.erased_at),
            "kept_by_law": [str(text) for text in KEPT_BY_LAW],
            "not_tied_to_anyone": str(NOT_TIED),
            "sections": {
                section.key: {"title": section.title, "kept": section.kept, "rows": section.rows}
                for section in sections
            },
        }
        pdf = render_pdf(
            "organisations/personal_data.html",
            {
                "person": person,
                "council": council,
                "exported_at": now,
                "sections": sections,
                "kept_by_law": KEPT_BY_LAW,
                "not_tied": NOT_TIED,
            },
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("personal-data.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr("personal-data.pdf", pdf)
    audit_change(
        actor=actor,
        instance=person,
        # What was handed out, not the data itself: the event's time says when.
        changes={"personal_data_exported": [None, "JSON + PDF"]},
        council_id=council.pk,
    )
    return PersonalDataExport(
        filename=f"personal-data-{person.pk}-{now:%Y%m%d}.zip", content=buffer.getvalue()
    )


# The erasure ------------------------------------------------------------------------------


def person_erase(*, actor: Actor, person: Person, council: Council) -> Person:
    """Erase the person's data that the law does not keep (article 17).

    A person registered in other councils too is erased only by someone who may manage
    access in each of them, or by a site administrator (docs/design/permissions.md). A
    second erasure finds nothing left and changes nothing.
    """
    from samverkan.accounts.access import Capability, can

    if actor is not None and person.user_id is not None and person.user_id == actor.pk:
        raise ServiceError(
            _(
                "You cannot erase your own data while logged in with it. Ask another "
                "coordinator or a site administrator."
            )
        )
    if actor is not None:
        others = person.councils.exclude(pk=council.pk)
        if any(not can(actor, other, Capability.MANAGE_ACCESS) for other in others):
            raise ServiceError(
                _(
                    "This person is registered in another council too. Ask a site administrator "
                    "to erase the person's data."
                )
            )
    discover()
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.erased_at is not None:
            return person
        before = snapshot(person)
        person.email = ""
        person.phone = ""
        person.erased_at = timezone.now()
        person.save(update_fields=["email", "phone", "erased_at", "updated_at"])
        audit_update(actor=actor, instance=person, before=before, council_id=council.pk)
        for eraser in _ERASERS:
            eraser(actor, person, council)
    return person
