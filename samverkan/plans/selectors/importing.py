"""Reads for the import of plan documents: the minutes attachments that are plan documents not
yet imported. Scoped to one council (already access-checked)."""

from __future__ import annotations

from dataclasses import dataclass

from samverkan.core.importing.rejections import ImportRejected
from samverkan.core.importing.text import extract_text
from samverkan.core.pages import one_or_not_found
from samverkan.meetings.models import Attachment
from samverkan.organisations.models import Council
from samverkan.plans.importers.plan_documents import parse_plan_document
from samverkan.plans.models import DocumentImport, DocumentKind
from samverkan.plans.services.importing import attachment_data, document_sha256


def attachment_in(council: Council, pk: int) -> Attachment:
    """An attachment of the council's minutes, to be read as a plan document."""
    return one_or_not_found(
        Attachment.objects.filter(meeting__body__council=council).select_related("meeting"), pk=pk
    )


@dataclass
class AttachmentDocument:
    """A minutes attachment that reads as a plan document not yet imported."""

    attachment: Attachment
    kind: str
    title: str

    @property
    def kind_label(self) -> str:
        return str(DocumentKind(self.kind).label)


def attachments_to_import(council: Council) -> list[AttachmentDocument]:
    """The council's minutes attachments that are plan documents not imported yet, newest
    meeting first. Reads every attachment's text (no query each)."""
    imported = set(DocumentImport.objects.filter(council=council).values_list("sha256", flat=True))
    found = []
    attachments = Attachment.objects.filter(meeting__body__council=council).select_related(
        "meeting__body"
    )
    for attachment in attachments.order_by("-meeting__date", "meeting_id", "position", "id"):
        data, filename = attachment_data(attachment)
        try:
            text = extract_text(data, filename)
            parsed = parse_plan_document(text)
        except ImportRejected:
            continue
        if document_sha256(text) in imported:
            continue
        found.append(AttachmentDocument(attachment, parsed.kind, parsed.title or attachment.title))
    return found
