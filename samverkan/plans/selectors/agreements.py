"""Reads for the cooperation agreement and its parts (commitments, parties, governance bodies,
signatories), scoped to one council (already access-checked)."""

from __future__ import annotations

from django.db.models import QuerySet

from samverkan.core.pages import one_or_not_found
from samverkan.organisations.models import Council
from samverkan.plans.models import Agreement, AgreementParty, Commitment, GovernanceBody, Signatory


def agreements_of(council: Council) -> QuerySet[Agreement]:
    return Agreement.objects.filter(council=council)


def agreement_in(council: Council, pk: int) -> Agreement:
    return one_or_not_found(
        agreements_of(council)
        .prefetch_related("parties__organisation", "commitments", "governance_bodies__body")
        .prefetch_related("signatories"),
        pk=pk,
    )


def commitment_in(council: Council, pk: int) -> Commitment:
    return one_or_not_found(
        Commitment.objects.filter(agreement__council=council).select_related("agreement"), pk=pk
    )


def party_in(council: Council, pk: int) -> AgreementParty:
    return one_or_not_found(
        AgreementParty.objects.filter(agreement__council=council).select_related("agreement"), pk=pk
    )


def governance_body_in(council: Council, pk: int) -> GovernanceBody:
    return one_or_not_found(
        GovernanceBody.objects.filter(agreement__council=council).select_related(
            "agreement", "body"
        ),
        pk=pk,
    )


def signatory_in(council: Council, pk: int) -> Signatory:
    signatories = Signatory.objects.filter(agreement__council=council) | Signatory.objects.filter(
        promise_set__council=council
    )
    return one_or_not_found(signatories.select_related("agreement", "promise_set"), pk=pk)
