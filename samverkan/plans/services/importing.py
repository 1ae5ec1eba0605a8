"""Import of plan documents: citizen promises, a cooperation agreement, an implementation plan.

The same pipeline as the minutes import (samverkan.meetings.services.minutes_import):
extract → parse → plan (what would be saved, shown as the preview) → save all or nothing →
record the import so that the same text is never imported twice. Responsible parties are
resolved to the council's organisations (by name, short name or other name); a name that
cannot be resolved must be mapped or created before anything is saved.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Final, Literal

from django.contrib.auth.models import User
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor, audit_create, audit_create_many
from samverkan.core.errors import ServiceError
from samverkan.core.importing.limits import MAX_IMPORT_BYTES
from samverkan.core.importing.parse_warnings import ParseWarning
from samverkan.core.importing.rejections import ImportRejected
from samverkan.core.importing.text import ExtractedText, extract_document
from samverkan.meetings.models import Attachment, Meeting
from samverkan.meetings.services.minutes_import import BODY_SYNONYMS
from samverkan.organisations.models import (
    Body,
    BodyKind,
    Council,
    Organisation,
    OrganisationAlias,
    Person,
    name_key,
)
from samverkan.organisations.selectors import OrganisationResolver
from samverkan.plans.importers.plan_documents import (
    BLOCKING_WARNINGS,
    KINDS,
    ParsedPlanDocument,
    parse_plan_document,
)
from samverkan.plans.models import (
    Activity,
    Agreement,
    AgreementParty,
    Commitment,
    DocumentImport,
    GovernanceBody,
    GovernanceKind,
    Plan,
    Promise,
    PromiseSet,
    Signatory,
)

# What to do with a responsible name the council does not know: an organisation's id, or
# CREATE to make a new organisation of that name.
CREATE: Final = "new"
Mapping = dict[str, "int | Literal['new']"]

_GOVERNANCE_KINDS: Final = (
    ("styrgrupp", GovernanceKind.STEERING_GROUP, BodyKind.STEERING_GROUP),
    ("steering", GovernanceKind.STEERING_GROUP, BodyKind.STEERING_GROUP),
    ("projektgrupp", GovernanceKind.PROJECT_GROUP, BodyKind.PROJECT_GROUP),
    ("project", GovernanceKind.PROJECT_GROUP, BodyKind.PROJECT_GROUP),
    ("arbetsgrupp", GovernanceKind.WORKING_GROUP, BodyKind.WORKING_GROUP),
    ("working", GovernanceKind.WORKING_GROUP, BodyKind.WORKING_GROUP),
)
# Bounded: unbounded, a search of a long unclosed "(((" scanned to the end from each "(".
_PARENTHESIS_RE: Final = re.compile(r"\(([^)]{1,200})\)")


@dataclass
class Line:
    """A warning or an error of the preview, with its line in the document."""

    line: int | None
    message: str


@dataclass
class NameChoice:
    """A responsible party or agreement party as the document writes it, and what it means."""

    name: str
    organisation: Organisation | None
    lines: list[int] = field(default_factory=list)
    create: bool = False  # the user chose to create an organisation of this name
    mapped: bool = False  # the user chose the organisation (not found by the name itself)

    @property
    def resolved(self) -> bool:
        return self.organisation is not None or self.create


@dataclass
class DocumentPlan:
    """What importing a document would save; the preview shows it, document_import does it."""

    council: Council
    filename: str
    sha256: str
    parsed: ParsedPlanDocument
    year: int
    names: list[NameChoice] = field(default_factory=list)
    warnings: list[Line] = field(default_factory=list)
    errors: list[Line] = field(default_factory=list)
    plan: Plan | None = None  # the year's plan the activities join, if it exists
    promise_set: PromiseSet | None = None  # the year's promises a new plan links to
    agreement: Agreement | None = None  # the agreement a new plan is an enclosure of
    # A scan read by OCR: Tesseract's mean word confidence (0–100); None for a text file.
    ocr_confidence: float | None = None
    # The text read from the file, kept by the worker's reading so the preview and the import
    # do not read (or OCR) the file again.
    parsed_text: str = ""

    @property
    def ocr(self) -> bool:
        return self.ocr_confidence is not None

    @property
    def kind(self) -> str:
        return self.parsed.kind

    @property
    def unresolved(self) -> list[NameChoice]:
        return [choice for choice in self.names if not choice.resolved]

    @property
    def can_import(self) -> bool:
        return not self.errors and not self.unresolved

    def choice(self, name: str) -> NameChoice:
        return next(c for c in self.names if name_key(c.name) == name_key(name))


def warning_text(warning: ParseWarning) -> str:
    return _(warning.template).format(**warning.params)


def document_sha256(text: str) -> str:
    """The fingerprint of a document by its text, not its bytes: the same document as a file
    and as a minutes attachment is one."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _year_of(council: Council, parsed: ParsedPlanDocument, fallback: int | None) -> int:
    """The year the document is for: as written, else the caller's (a meeting's year), else
    the year of the council's latest promises, else this year."""
    if parsed.year:
        return parsed.year
    for value in (parsed.valid_from, parsed.date):
        if value:
            return int(value[:4])
    found = re.search(r"\b(?:19|20)\d\d\b", parsed.title or "")
    if found:
        return int(found.group(0))
    if fallback:
        return fallback
    latest = PromiseSet.objects.filter(council=council, year__isnull=False).first()
    return latest.year if latest is not None and latest.year else timezone.localdate().year


def _names_of(parsed: ParsedPlanDocument) -> list[tuple[str, int | None]]:
    if parsed.kind == "plan":
        return [(name, a.line) for a in parsed.activities for name in a.responsible]
    if parsed.kind == "agreement":
        return [(name, None) for name in parsed.parties]
    return []


def document_import_plan(
    *,
    council: Council,
    data: bytes,
    filename: str,
    kind: str | None = None,
    year: int | None = None,
    default_year: int | None = None,
    mapping: Mapping | None = None,
    extracted: ExtractedText | None = None,
) -> DocumentPlan:
    """Read the document and say what importing it would do. Saves nothing. `extracted` is
    the text the worker read from the file (`plans/tasks.py`), used instead of reading it again.

    Raises ServiceError with a translated message when the file cannot be imported at all;
    problems that the user can fix (unknown names, unknown statuses, dates that do not
    exist) are in the plan's `errors` and `unresolved`.
    """
    if kind is not None and kind not in KINDS:
        raise ServiceError(_("Unknown kind of document: %(kind)s.") % {"kind": kind})
    if len(data) > MAX_IMPORT_BYTES:
        raise ServiceError(_("The file is larger than 20 MB."))
    try:
        # A scan is read by text recognition (OCR); the preview says so.
        extracted = extracted or extract_document(data, filename)
        text = extracted.text
        parsed = parse_plan_document(text, kind)
    except ImportRejected as exc:
        raise ServiceError(_(exc.message)) from exc
    sha256 = document_sha256(text)
    earlier = DocumentImport.objects.filter(council=council, sha256=sha256).first()
    if earlier is not None:
        raise ServiceError(
            _("This document was already imported on %(date)s (%(file)s).")
            % {"date": f"{earlier.created_at:%Y-%m-%d}", "file": earlier.filename}
        )
    plan = DocumentPlan(
        council=council,
        filename=filename[:255],
        sha256=sha256,
        parsed=parsed,
        year=year or _year_of(council, parsed, default_year),
        ocr_confidence=extracted.confidence if extracted.ocr else None,
        parsed_text=text,
    )
    for warning in parsed.warnings:
        target = plan.errors if warning.code in BLOCKING_WARNINGS else plan.warnings
        target.append(Line(warning.line, warning_text(warning)))
    resolve = OrganisationResolver(council)
    organisations = {o.pk: o for o in resolve.organisations}
    mapping = {name_key(k): v for k, v in (mapping or {}).items()}
    for name, line in _names_of(parsed):
        key = name_key(name)
        existing = next((c for c in plan.names if name_key(c.name) == key), None)
        if existing is None:
            existing = NameChoice(name=name, organisation=resolve(name))
            chosen = mapping.get(key)
            if existing.organisation is None and chosen == CREATE:
                existing.create = True
            elif existing.organisation is None and isinstance(chosen, int):
                existing.organisation = organisations.get(chosen)
                existing.mapped = existing.organisation is not None
            plan.names.append(existing)
        if line is not None:
            existing.lines.append(line)
    if parsed.kind == "plan":
        plan.plan = Plan.objects.filter(council=council, year=plan.year).first()
        plan.promise_set = PromiseSet.objects.filter(council=council, year=plan.year).first()
        # "Samverkansöverenskommelse 2 – Bilaga 1 Genomförandeplan" belongs to that agreement.
        title = name_key(parsed.title or "")
        plan.agreement = next(
            (a for a in Agreement.objects.filter(council=council) if name_key(a.title) in title),
            None,
        )
    return plan


def blocking_message(plan: DocumentPlan) -> str:
    """Everything that stops the import, in one message: errors by line, unknown names."""
    problems = [
        _("line %(line)s: %(message)s") % {"line": e.line, "message": e.message}
        for e in plan.errors
    ]
    if plan.unresolved:
        problems.append(
            _(
                "these responsible parties are not organisations of the council: %(names)s; "
                "choose the organisation each one means, or create it"
            )
            % {"names": ", ".join(f"“{c.name}”" for c in plan.unresolved)}
        )
    return _("The document cannot be imported: %(problems)s.") % {"problems": "; ".join(problems)}


def _organisation_for(
    actor: Actor, council: Council, choice: NameChoice, remember: bool
) -> Organisation:
    from samverkan.organisations import services as organisation_services

    if choice.organisation is not None:
        organisation = choice.organisation
        key = name_key(choice.name)
        # Only a name the user mapped is remembered: one found by the words it holds
        # ("Lokalpolisområde Västra Mälardalen") is not made an other name behind their back.
        if (
            remember
            and choice.mapped
            and key not in {name_key(organisation.name), name_key(organisation.short_name)}
            and not OrganisationAlias.objects.filter(council=council, key=key).exists()
        ):
            organisation_services.organisation_alias_create(
                actor=actor, organisation=organisation, name=choice.name
            )
        return organisation
    organisation = organisation_services.organisation_create(
        actor=actor, council=council, name=choice.name[:200]
    )
    choice.organisation = organisation
    return organisation


def _governance(council: Council, name: str) -> tuple[str, Body | None]:
    lowered = name.lower()
    kind = next((g for word, g, _b in _GOVERNANCE_KINDS if word in lowered), GovernanceKind.OTHER)
    inner = _PARENTHESIS_RE.search(name)
    body_kind = BODY_SYNONYMS.get(inner.group(1).strip().lower()) if inner else None
    if body_kind is None:
        body_kind = next((b for word, _g, b in _GOVERNANCE_KINDS if word in lowered), None)
    if body_kind is None:
        return kind, None
    bodies = list(Body.objects.filter(council=council, kind=body_kind, ended_on__isnull=True))
    return kind, bodies[0] if len(bodies) == 1 else None


@dataclass
class ImportResult:
    kind: str
    agreement: Agreement | None = None
    promise_set: PromiseSet | None = None
    plan: Plan | None = None
    created_organisations: list[Organisation] = field(default_factory=list)
    activity_count: int = 0


@transaction.atomic
def document_import(
    *,
    actor: Actor,
    council: Council,
    data: bytes,
    filename: str,
    kind: str | None = None,
    year: int | None = None,
    default_year: int | None = None,
    mapping: Mapping | None = None,
    remember: bool = True,
    extracted: ExtractedText | None = None,
) -> tuple[ImportResult, DocumentPlan]:
    """Import a plan document, all or nothing. `remember` keeps each mapped name as an other
    name of the organisation chosen, so the next import resolves it by itself."""
    plan = document_import_plan(
        council=council,
        data=data,
        filename=filename,
        kind=kind,
        year=year,
        default_year=default_year,
        mapping=mapping,
        extracted=extracted,
    )
    if not plan.can_import:
        raise ServiceError(blocking_message(plan))
    parsed = plan.parsed
    before = set(Organisation.objects.filter(council=council).values_list("pk", flat=True))
    organisation_of = {
        name_key(c.name): _organisation_for(actor, council, c, remember) for c in plan.names
    }
    result = ImportResult(kind=parsed.kind)
    created: list[models.Model] = []
    people = {p.name.lower(): p for p in Person.objects.filter(councils=council)}

    def signatories(**owner: object) -> list[models.Model]:
        return list(
            Signatory.objects.bulk_create(
                Signatory(
                    **owner,
                    position=i,
                    name=s.name[:200],
                    title=(s.title or "")[:120],
                    organisation_name=(s.organisation or "")[:200],
                    person=people.get(s.name.lower()),
                )
                for i, s in enumerate(parsed.signatories)
            )
        )

    if parsed.kind == "agreement":
        agreement = Agreement.objects.create(
            council=council,
            title=(parsed.title or _("Cooperation agreement"))[:300],
            signed_on=_date(parsed.date),
            place=(parsed.place or "")[:100],
            valid_from=_date(parsed.valid_from),
            valid_to=_date(parsed.valid_to),
            purpose=parsed.purpose or "",
            method=parsed.method or "",
            current_picture=parsed.current_picture or "",
            commitments_intro=parsed.commitments_intro or "",
            enclosures=list(parsed.enclosures),
        )
        audit_create(actor=actor, instance=agreement, council_id=council.pk)
        created += AgreementParty.objects.bulk_create(
            AgreementParty(
                agreement=agreement,
                position=i,
                name=name[:200],
                organisation=organisation_of[name_key(name)],
            )
            for i, name in enumerate(parsed.parties)
        )
        created += Commitment.objects.bulk_create(
            Commitment(agreement=agreement, number=c.number, text=c.text)
            for c in parsed.commitments
        )
        governance = []
        for i, name in enumerate(parsed.governance_bodies):
            governance_kind, body = _governance(council, name)
            governance.append(
                GovernanceBody(
                    agreement=agreement,
                    position=i,
                    name=name[:200],
                    kind=governance_kind,
                    body=body,
                )
            )
        created += GovernanceBody.objects.bulk_create(governance)
        created += signatories(agreement=agreement)
        result.agreement = agreement
    elif parsed.kind == "promises":
        promise_set = PromiseSet.objects.create(
            council=council,
            title=(parsed.title or _("Citizen promises %(year)s") % {"year": plan.year})[:300],
            year=plan.year,
            valid_from=_date(parsed.valid_from),
            valid_to=_date(parsed.valid_to),
            signed_on=_date(parsed.date),
            place=(parsed.place or "")[:100],
            background=parsed.background or "",
            current_picture=parsed.current_picture or "",
            dialogues=parsed.dialogues or "",
            intro=parsed.promises_intro or "",
            agreement=Agreement.objects.filter(council=council)
            .filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__year__gte=plan.year))
            .order_by("valid_to")
            .first(),
        )
        audit_create(actor=actor, instance=promise_set, council_id=council.pk)
        created += Promise.objects.bulk_create(
            Promise(
                promise_set=promise_set,
                position=i,
                text=p.text,
                parties=list(p.parties),
                joint=p.joint,
            )
            for i, p in enumerate(parsed.promises)
        )
        created += signatories(promise_set=promise_set)
        # A plan of the same year that has no promises yet gets these.
        Plan.objects.filter(council=council, year=plan.year, promise_set__isnull=True).update(
            promise_set=promise_set
        )
        result.promise_set = promise_set
    else:
        target = plan.plan
        if target is None:
            target = Plan.objects.create(
                council=council,
                title=(parsed.title or _("Implementation plan %(year)s") % {"year": plan.year})[
                    :300
                ],
                year=plan.year,
                promise_set=plan.promise_set,
                agreement=plan.agreement,
            )
            audit_create(actor=actor, instance=target, council_id=council.pk)
        start = target.activities.count()
        activities = Activity.objects.bulk_create(
            Activity(
                plan=target,
                position=start + i,
                text=a.text[:4000],
                responsible_text=" + ".join(a.responsible)[:300],
                status=a.status or "",
                status_on=timezone.localdate() if a.status else None,
                due_on=_date(a.due),
                when_text="" if a.due else (a.due_text or "")[:200],
            )
            for i, a in enumerate(parsed.activities)
        )
        links = [
            Activity.organisations.through(
                activity_id=activity.pk, organisation_id=organisation_of[name_key(name)].pk
            )
            for activity, parsed_activity in zip(activities, parsed.activities, strict=True)
            for name in dict.fromkeys(parsed_activity.responsible)
        ]
        Activity.organisations.through.objects.bulk_create(links, ignore_conflicts=True)
        created += activities
        result.plan = target
        result.activity_count = len(activities)
    audit_create_many(actor=actor, instances=created, council_id=council.pk)
    result.created_organisations = list(
        Organisation.objects.filter(council=council).exclude(pk__in=before)
    )
    try:
        with transaction.atomic():
            record = DocumentImport.objects.create(
                council=council,
                sha256=plan.sha256,
                filename=plan.filename,
                kind=parsed.kind,
                imported_by=actor if isinstance(actor, User) else None,
                agreement=result.agreement,
                promise_set=result.promise_set,
                plan=result.plan,
            )
    except IntegrityError as exc:  # the same document, imported at the same moment elsewhere
        raise ServiceError(_("This document was already imported.")) from exc
    audit_create(actor=actor, instance=record, council_id=council.pk)
    return result, plan


def plan_json(plan: DocumentPlan) -> dict[str, object]:
    """The parsed document (docs/formats/plan-documents.md) and what the import makes of it."""
    return {
        **plan.parsed.to_json(),
        "import": {
            "year": plan.year,
            "responsible": [
                {
                    "name": c.name,
                    "organisation": c.organisation.name if c.organisation else None,
                    "create": c.create,
                    "lines": c.lines,
                }
                for c in plan.names
            ],
            "errors": [{"line": e.line, "message": e.message} for e in plan.errors],
            "can_import": plan.can_import,
        },
    }


def attachment_data(attachment: Attachment) -> tuple[bytes, str]:
    """A minutes attachment as the importer reads a file: its title, then its text."""
    return f"{attachment.title}\n\n{attachment.text}".encode(), f"{attachment.title[:200]}.txt"


def attachments_import(*, actor: Actor, meeting: Meeting) -> list[ImportResult]:
    """Import every plan document attached to a meeting's minutes that is not yet imported:
    agreements first, then promises, then plans, so that each links to the one before.
    Attachments that are no plan document are left alone."""
    found: list[tuple[int, Attachment, str]] = []
    council = meeting.body.council
    for attachment in meeting.attachments.all():
        data, filename = attachment_data(attachment)
        try:
            plan = document_import_plan(
                council=council, data=data, filename=filename, default_year=meeting.date.year
            )
        except ServiceError:
            continue
        found.append((("agreement", "promises", "plan").index(plan.kind), attachment, plan.kind))
    results = []
    for _order, attachment, kind in sorted(found, key=lambda f: f[0]):
        data, filename = attachment_data(attachment)
        result, _plan = document_import(
            actor=actor,
            council=council,
            data=data,
            filename=filename,
            kind=kind,
            default_year=meeting.date.year,
        )
        results.append(result)
    return results
