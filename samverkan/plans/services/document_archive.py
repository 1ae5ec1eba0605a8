"""Plan documents in an archive (core/importing/archive.py): the plans' importer of one file
(citizen promises, a cooperation agreement, a plan), registered in the app's `ready`.

A document imported before (the same text) is a duplicate; one whose responsible parties are
not all organisations of the council waits for a look: the report links to its preview, where
each name is mapped or created (an archive imported by the command refuses it, saying which
names). Anything else the import refuses is refused with its reason. Each file is saved whole
or not at all (`document_import` is one transaction).
"""

from __future__ import annotations

from typing import Any, Final

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.accounts.access import Capability, can
from samverkan.core.errors import ServiceError
from samverkan.core.importing import archive
from samverkan.core.importing.archive import FileOutcome
from samverkan.core.importing.rejections import ImportRejected
from samverkan.core.importing.services import pending_import_create
from samverkan.core.importing.text import extract_document
from samverkan.plans.importers.plan_documents import parse_plan_document
from samverkan.plans.models import DocumentImport
from samverkan.plans.services.importing import (
    blocking_message,
    document_import,
    document_import_plan,
    document_sha256,
)


def recognises(text: str) -> bool:
    """Whether the text reads as citizen promises, an agreement or a plan."""
    try:
        parse_plan_document(text, None)
    except ImportRejected:
        return False
    return True


def plan_document_file_import(
    *, actor: Any, council: Any, data: bytes, filename: str, name: str
) -> FileOutcome:
    """Import one file of an archive as a plan document, or keep it for a look."""
    if isinstance(actor, User) and not can(actor, council, Capability.MANAGE_PLANS):
        return FileOutcome(
            name, archive.REFUSED, _("You may not import plan documents in this council.")
        )
    try:
        text = extract_document(data, filename).text
    except ImportRejected as exc:
        return FileOutcome(name, archive.REFUSED, _(exc.message))
    earlier = DocumentImport.objects.filter(council=council, sha256=document_sha256(text)).first()
    if earlier is not None:
        return FileOutcome(
            name,
            archive.DUPLICATE,
            _("Imported before on %(date)s (%(file)s).")
            % {"date": f"{earlier.created_at:%Y-%m-%d}", "file": earlier.filename},
            kind=earlier.kind,
        )
    try:
        plan = document_import_plan(council=council, data=data, filename=filename)
        if plan.errors or not (plan.unresolved and isinstance(actor, User)):
            if not plan.can_import:
                return FileOutcome(name, archive.REFUSED, blocking_message(plan), kind=plan.kind)
            result, plan = document_import(
                actor=actor, council=council, data=data, filename=filename
            )
        else:
            pending = pending_import_create(
                council_id=council.pk, user=actor, filename=filename, data=data, replace=False
            )
            return FileOutcome(
                name,
                archive.NEEDS_LOOK,
                _("Choose the organisation each responsible party means: %(names)s.")
                % {"names": ", ".join(f"“{c.name}”" for c in plan.unresolved)},
                kind=plan.kind,
                label=plan.parsed.title or "",
                url=reverse("plans:document_preview", args=[council.slug, pending.pk]),
                warnings=len(plan.warnings),
                ocr_confidence=plan.ocr_confidence,
            )
    except ServiceError as exc:
        return FileOutcome(name, archive.REFUSED, str(exc.message))
    label, url = plan.parsed.title or "", ""
    if result.promise_set is not None:
        label = result.promise_set.title or label
        url = reverse("plans:promise_set_detail", args=[council.slug, result.promise_set.pk])
    elif result.agreement is not None:
        label = result.agreement.title
        url = reverse("plans:agreement_detail", args=[council.slug, result.agreement.pk])
    elif result.plan is not None:
        url = reverse("plans:plan_detail", args=[council.slug, result.plan.pk])
    return FileOutcome(
        name,
        archive.IMPORTED,
        kind=plan.kind,
        label=label,
        url=url,
        warnings=len(plan.warnings),
        ocr_confidence=plan.ocr_confidence,
    )


IMPORTER: Final = archive.DocumentImporter(
    kind="plan_documents",
    order=20,
    recognises=recognises,
    import_file=plan_document_file_import,
)
