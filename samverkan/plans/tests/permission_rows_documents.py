"""Permission-matrix rows for the document pages: the agreement and its parts, the citizen
promises and their activities, and the import of plan documents (see accounts/tests/matrix.py).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from samverkan.accounts.tests.matrix import CHANGE, SEE_COUNCIL
from samverkan.core.importing.models import PendingImport
from samverkan.meetings.models import Attachment, Meeting
from samverkan.organisations.models import Body, Council, Organisation
from samverkan.plans.models import (
    Activity,
    Agreement,
    AgreementParty,
    Commitment,
    GovernanceBody,
    Plan,
    Promise,
    PromiseSet,
    Signatory,
)

MANAGE_PLANS = CHANGE  # coordinator, secretary and site admin
# A plan whose one responsible party the council knows, so that confirming it imports.
PLAN_CSV = "Aktivitet;Ansvarig;Status\nTrygghetsvandring i centrum;Köpings kommun;pågår\n"


def extra_ids(council: Council, user: User | None = None) -> dict[str, object]:
    """An agreement with a party, a commitment, a group and a signatory; promises, a plan."""
    agreement = Agreement.objects.create(
        council=council, title="Samverkansöverenskommelse 3", valid_to=dt.date(2026, 12, 31)
    )
    organisation = Organisation.objects.filter(council=council).order_by("id")[0]
    party = AgreementParty.objects.create(
        agreement=agreement, name=organisation.name, organisation=organisation
    )
    commitment = Commitment.objects.create(agreement=agreement, number=1, text="Lägesbild.")
    group = GovernanceBody.objects.create(
        agreement=agreement,
        name="styrgrupp",
        kind="steering_group",
        body=Body.objects.filter(council=council).first(),
    )
    signatory = Signatory.objects.create(agreement=agreement, name="Sara Schelin")
    promise_set = PromiseSet.objects.create(
        council=council, title="Medborgarlöften 2026", year=2026, agreement=agreement
    )
    promise = Promise.objects.create(
        promise_set=promise_set, text="Polisen lovar fotpatrull.", parties=["police"]
    )
    plan = Plan.objects.create(
        council=council, title="Genomförandeplan 2026", year=2026, promise_set=promise_set
    )
    activity = Activity.objects.create(plan=plan, text="Fotpatrull fredagar")
    meeting = Meeting.objects.filter(body__council=council).first()
    assert meeting is not None  # noqa: S101 (the matrix makes one)
    attachment = Attachment.objects.create(meeting=meeting, title="Bilaga 9", text=PLAN_CSV)
    return {
        "doc_agreement": agreement.pk,
        "doc_party": party.pk,
        "doc_commitment": commitment.pk,
        "doc_group": group.pk,
        "doc_signatory": signatory.pk,
        "doc_promise_set": promise_set.pk,
        "doc_promise": promise.pk,
        "doc_activity": activity.pk,
        "doc_attachment": attachment.pk,
    }


def user_ids(council: Council, user: User | None = None) -> dict[str, object]:
    """A plan document waiting for its uploader's confirmation."""
    pending = (
        PendingImport.objects.create(
            council=council, uploaded_by=user, filename="plan.csv", data=PLAN_CSV.encode()
        ).pk
        if user is not None
        else 999999
    )
    return {"doc_pending": pending}


def _slug(i):
    return {"slug": i["slug"]}


def _pk(key):
    return lambda i: {"slug": i["slug"], "pk": i[key]}


# (url name, kwargs from ids, method, answers[, POST data]). A POST that succeeds redirects.
PAGES = [
    ("plans:agreement_detail", _pk("doc_agreement"), "get", SEE_COUNCIL),
    ("plans:agreement_create", _slug, "get", MANAGE_PLANS),
    (
        "plans:agreement_create",
        _slug,
        "post",
        MANAGE_PLANS,
        lambda i: {"title": "Samverkansöverenskommelse 4", "valid_to": "2030-12-31"},
    ),
    ("plans:agreement_edit", _pk("doc_agreement"), "get", MANAGE_PLANS),
    (
        "plans:agreement_edit",
        _pk("doc_agreement"),
        "post",
        MANAGE_PLANS,
        lambda i: {"title": "Samverkansöverenskommelse 3 (reviderad)"},
    ),
    ("plans:commitment_add", _pk("doc_agreement"), "get", MANAGE_PLANS),
    (
        "plans:commitment_add",
        _pk("doc_agreement"),
        "post",
        MANAGE_PLANS,
        lambda i: {"text": "Medborgarlöften tas fram varje år."},
    ),
    ("plans:commitment_edit", _pk("doc_commitment"), "get", MANAGE_PLANS),
    (
        "plans:commitment_edit",
        _pk("doc_commitment"),
        "post",
        MANAGE_PLANS,
        lambda i: {"number": "2", "text": "Lägesbild varje kvartal."},
    ),
    ("plans:commitment_delete", _pk("doc_commitment"), "post", MANAGE_PLANS),
    ("plans:party_add", _pk("doc_agreement"), "get", MANAGE_PLANS),
    (
        "plans:party_add",
        _pk("doc_agreement"),
        "post",
        MANAGE_PLANS,
        lambda i: {"name": "Lokalpolisområde Västra Mälardalen"},
    ),
    ("plans:party_delete", _pk("doc_party"), "post", MANAGE_PLANS),
    ("plans:governance_body_add", _pk("doc_agreement"), "get", MANAGE_PLANS),
    (
        "plans:governance_body_add",
        _pk("doc_agreement"),
        "post",
        MANAGE_PLANS,
        lambda i: {"name": "arbetsgrupper", "kind": "working_group"},
    ),
    ("plans:governance_body_edit", _pk("doc_group"), "get", MANAGE_PLANS),
    ("plans:governance_body_delete", _pk("doc_group"), "post", MANAGE_PLANS),
    ("plans:agreement_signatory_add", _pk("doc_agreement"), "get", MANAGE_PLANS),
    (
        "plans:agreement_signatory_add",
        _pk("doc_agreement"),
        "post",
        MANAGE_PLANS,
        lambda i: {"name": "Björn Wilhelmsson", "title": "Lokalpolisområdeschef"},
    ),
    ("plans:signatory_delete", _pk("doc_signatory"), "post", MANAGE_PLANS),
    ("plans:promise_set_create", _slug, "get", MANAGE_PLANS),
    (
        "plans:promise_set_create",
        _slug,
        "post",
        MANAGE_PLANS,
        lambda i: {"title": "Medborgarlöften 2027", "year": "2027"},
    ),
    ("plans:promise_set_detail", _pk("doc_promise_set"), "get", SEE_COUNCIL),
    ("plans:promise_set_edit", _pk("doc_promise_set"), "get", MANAGE_PLANS),
    ("plans:promise_set_signatory_add", _pk("doc_promise_set"), "get", MANAGE_PLANS),
    ("plans:promise_add", _pk("doc_promise_set"), "get", MANAGE_PLANS),
    (
        "plans:promise_add",
        _pk("doc_promise_set"),
        "post",
        MANAGE_PLANS,
        lambda i: {"text": "Kommunen lovar bättre belysning.", "parties": ["municipality"]},
    ),
    ("plans:promise_edit", _pk("doc_promise"), "get", MANAGE_PLANS),
    ("plans:promise_delete", _pk("doc_promise"), "post", MANAGE_PLANS),
    ("plans:promise_activities", _pk("doc_promise"), "get", MANAGE_PLANS),
    (
        "plans:promise_activities",
        _pk("doc_promise"),
        "post",
        MANAGE_PLANS,
        lambda i: {"activities": [str(i["doc_activity"])]},
    ),
    ("plans:document_upload", _slug, "get", MANAGE_PLANS),
    ("plans:document_preview", _pk("doc_pending"), "get", MANAGE_PLANS),
    ("plans:document_confirm", _pk("doc_pending"), "post", MANAGE_PLANS),
    ("plans:attachment_imports", _slug, "get", MANAGE_PLANS),
    ("plans:attachment_import", _pk("doc_attachment"), "post", MANAGE_PLANS),
]
