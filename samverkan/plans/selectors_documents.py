"""Reads for the document pages: the parts of an agreement and of citizen promises, and the
minutes attachments that are plan documents not yet imported. Scoped to one council."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Model, QuerySet

from samverkan.core.errors import NotFoundError
from samverkan.meetings.importers import ImportRejected
from samverkan.meetings.importers.text_extract import extract_text
from samverkan.meetings.models import Attachment
from samverkan.organisations.models import Council
from samverkan.plans.importers.plan_documents import parse_plan_document
from samverkan.plans.models import (
    AgreementParty,
    Commitment,
    DocumentImport,
    DocumentKind,
    GovernanceBody,
    Promise,
    Signatory,
)
from samverkan.plans.services.importing import attachment_data, document_sha256

M = TypeVar("M", bound=Model)


def _one(queryset: QuerySet[M], pk: int) -> M:
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise NotFoundError
    return found


def commitment_in(council: Council, pk: int) -> Commitment:
    return _one(
        Commitment.objects.filter(agreement__council=council).select_related("agreement"), pk
    )


def party_in(council: Council, pk: int) -> AgreementParty:
    return _one(
        AgreementParty.objects.filter(agreement__council=council).select_related("agreement"), pk
    )


def governance_body_in(council: Council, pk: int) -> GovernanceBody:
    return _one(
        GovernanceBody.objects.filter(agreement__council=council).select_related(
            "agreement", "body"
        ),
        pk,
    )


def signatory_in(council: Council, pk: int) -> Signatory:
    signatories = Signatory.objects.filter(agreement__council=council) | Signatory.objects.filter(
        promise_set__council=council
    )
    return _one(signatories.select_related("agreement", "promise_set"), pk)


def promise_in(council: Council, pk: int) -> Promise:
    return _one(
        Promise.objects.filter(promise_set__council=council).select_related("promise_set"), pk
    )


def attachment_in(council: Council, pk: int) -> Attachment:
    """An attachment of the council's minutes, to be read as a plan document."""
    return _one(
        Attachment.objects.filter(meeting__body__council=council).select_related("meeting"), pk
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
