"""Permission-matrix rows for the document pages: the agreement and its parts, the citizen
promises and their activities, and the import of plan documents (see accounts/tests/matrix.py).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from samverkan.accounts.tests.matrix import (
    CHANGE,
    MANAGE_PROMISES,
    READ_RESTRICTED,
    SEE_COUNCIL,
)
from samverkan.core.importing.models import ImportJob, ImportState, PendingImport
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
    PromiseSetStatus,
    Signatory,
)

MANAGE_PLANS = CHANGE  # coordinator, secretary and site admin
# A comment on promises being anchored: the council's members (view_restricted).
COMMENT = {**READ_RESTRICTED, "reporter": 403, "viewer": 403}
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
    # The same set at each later step of its lifecycle (docs/design/promises.md).
    later = {
        status: PromiseSet.objects.create(
            council=council, title=f"Medborgarlöften 2025 ({status})", year=2025, status=status
        )
        for status in ("anchoring", "signing", "published")
    }
    for one in later.values():
        Promise.objects.create(promise_set=one, text="Kommunen lovar belysning.")
    to_sign = Signatory.objects.create(
        promise_set=later[PromiseSetStatus.SIGNING], name="Björn Wilhelmsson", party="police"
    )
    plan = Plan.objects.create(
        council=council, title="Genomförandeplan 2026", year=2026, promise_set=promise_set
    )
    activity = Activity.objects.create(plan=plan, text="Fotpatrull fredagar")
    meeting = Meeting.objects.filter(body__council=council).first()
    assert meeting is not None  # noqa: S101 (the matrix makes one)
    attachment = Attachment.objects.create(meeting=meeting, title="Bilaga 9", text=PLAN_CSV)
    # A reading of a plan document waiting for the worker: its page shows the progress.
    reading = ImportJob.objects.create(
        council=council, kind="plan_document", step="read", filename="plan-matris-2033.csv"
    )
    reading.page = f"/councils/{council.slug}/plans/import/jobs/{reading.pk}/"
    reading.save(update_fields=["page"])
    return {
        "doc_reading": reading.pk,
        "doc_agreement": agreement.pk,
        "doc_party": party.pk,
        "doc_commitment": commitment.pk,
        "doc_group": group.pk,
        "doc_signatory": signatory.pk,
        "doc_promise_set": promise_set.pk,
        "doc_promise": promise.pk,
        "doc_anchoring_set": later[PromiseSetStatus.ANCHORING].pk,
        "doc_signing_set": later[PromiseSetStatus.SIGNING].pk,
        "doc_published_set": later[PromiseSetStatus.PUBLISHED].pk,
        "doc_to_sign": to_sign.pk,
        "doc_activity": activity.pk,
        "doc_attachment": attachment.pk,
    }


def user_ids(council: Council, user: User | None = None) -> dict[str, object]:
    """A plan document waiting for its uploader's confirmation, read by the worker already (the
    preview redirects to the reading's progress until it is)."""
    if user is None:
        return {"doc_pending": 999999}
    pending = PendingImport.objects.create(
        council=council, uploaded_by=user, filename="plan.csv", data=PLAN_CSV.encode()
    )
    ImportJob.objects.create(
        council=council,
        kind="plan_document",
        step="read",
        pending=pending,
        filename="plan.csv",
        page="/",
        state=ImportState.DONE,
        result={"text": PLAN_CSV, "ocr": False, "confidence": None},
    )
    return {"doc_pending": pending.pk}


def _slug(i):
    return {"slug": i["slug"]}


def _pk(key):
    return lambda i: {"slug": i["slug"], "pk": i[key]}


# (url name, kwargs from ids, method, answers[, POST data]). A POST that succeeds redirects.
PAGES = [
    ("plans:agreement_detail", _pk("doc_agreement"), "get", SEE_COUNCIL),
    ("plans:agreement_create", _slug, "get", MANAGE_PROMISES),
    (
        "plans:agreement_create",
        _slug,
        "post",
        MANAGE_PROMISES,
        lambda i: {"title": "Samverkansöverenskommelse 4", "valid_to": "2030-12-31"},
    ),
    ("plans:agreement_edit", _pk("doc_agreement"), "get", MANAGE_PROMISES),
    (
        "plans:agreement_edit",
        _pk("doc_agreement"),
        "post",
        MANAGE_PROMISES,
        lambda i: {"title": "Samverkansöverenskommelse 3 (reviderad)"},
    ),
    ("plans:commitment_add", _pk("doc_agreement"), "get", MANAGE_PROMISES),
    (
        "plans:commitment_add",
        _pk("doc_agreement"),
        "post",
        MANAGE_PROMISES,
        lambda i: {"text": "Medborgarlöften tas fram varje år."},
    ),
    ("plans:commitment_edit", _pk("doc_commitment"), "get", MANAGE_PROMISES),
    (
        "plans:commitment_edit",
        _pk("doc_commitment"),
        "post",
        MANAGE_PROMISES,
        lambda i: {"number": "2", "text": "Lägesbild varje kvartal."},
    ),
    ("plans:commitment_delete", _pk("doc_commitment"), "post", MANAGE_PROMISES),
    ("plans:party_add", _pk("doc_agreement"), "get", MANAGE_PROMISES),
    (
        "plans:party_add",
        _pk("doc_agreement"),
        "post",
        MANAGE_PROMISES,
        lambda i: {"name": "Lokalpolisområde Västra Mälardalen"},
    ),
    ("plans:party_delete", _pk("doc_party"), "post", MANAGE_PROMISES),
    ("plans:governance_body_add", _pk("doc_agreement"), "get", MANAGE_PROMISES),
    (
        "plans:governance_body_add",
        _pk("doc_agreement"),
        "post",
        MANAGE_PROMISES,
        lambda i: {"name": "arbetsgrupper", "kind": "working_group"},
    ),
    ("plans:governance_body_edit", _pk("doc_group"), "get", MANAGE_PROMISES),
    ("plans:governance_body_delete", _pk("doc_group"), "post", MANAGE_PROMISES),
    ("plans:agreement_signatory_add", _pk("doc_agreement"), "get", MANAGE_PROMISES),
    (
        "plans:agreement_signatory_add",
        _pk("doc_agreement"),
        "post",
        MANAGE_PROMISES,
        lambda i: {"name": "Björn Wilhelmsson", "title": "Lokalpolisområdeschef"},
    ),
    ("plans:signatory_delete", _pk("doc_signatory"), "post", MANAGE_PROMISES),
    ("plans:promise_set_create", _slug, "get", MANAGE_PROMISES),
    (
        "plans:promise_set_create",
        _slug,
        "post",
        MANAGE_PROMISES,
        lambda i: {"title": "Medborgarlöften 2027", "year": "2027"},
    ),
    # A draft is for the council's members; a published set for everyone who sees the council.
    ("plans:promise_set_detail", _pk("doc_promise_set"), "get", READ_RESTRICTED),
    ("plans:promise_set_detail", _pk("doc_published_set"), "get", SEE_COUNCIL),
    ("plans:promise_set_anchor", _pk("doc_promise_set"), "post", MANAGE_PROMISES),
    (
        "plans:promise_set_comment",
        _pk("doc_anchoring_set"),
        "post",
        COMMENT,
        lambda i: {"text": "Styrelsen tillstyrker."},
    ),
    ("plans:promise_set_to_signing", _pk("doc_anchoring_set"), "post", MANAGE_PROMISES),
    ("plans:promise_set_reopen", _pk("doc_signing_set"), "post", MANAGE_PROMISES),
    ("plans:promise_set_publish", _pk("doc_signing_set"), "post", MANAGE_PROMISES),
    ("plans:promise_set_revise", _pk("doc_published_set"), "post", MANAGE_PROMISES),
    ("plans:promise_set_delete", _pk("doc_promise_set"), "get", MANAGE_PROMISES),
    ("plans:promise_set_delete", _pk("doc_promise_set"), "post", MANAGE_PROMISES),
    # Anyone who may read the set may try; only the signatory's own login signs (a refusal
    # is said on the page). The reporter does not see a set out for signing.
    ("plans:promise_set_sign", _pk("doc_to_sign"), "post", READ_RESTRICTED),
    ("plans:promise_set_edit", _pk("doc_promise_set"), "get", MANAGE_PROMISES),
    ("plans:promise_set_signatory_add", _pk("doc_promise_set"), "get", MANAGE_PROMISES),
    ("plans:promise_add", _pk("doc_promise_set"), "get", MANAGE_PROMISES),
    (
        "plans:promise_add",
        _pk("doc_promise_set"),
        "post",
        MANAGE_PROMISES,
        lambda i: {"text": "Kommunen lovar bättre belysning.", "parties": ["municipality"]},
    ),
    ("plans:promise_edit", _pk("doc_promise"), "get", MANAGE_PROMISES),
    ("plans:promise_delete", _pk("doc_promise"), "post", MANAGE_PROMISES),
    ("plans:promise_activities", _pk("doc_promise"), "get", MANAGE_PROMISES),
    (
        "plans:promise_activities",
        _pk("doc_promise"),
        "post",
        MANAGE_PROMISES,
        lambda i: {"activities": [str(i["doc_activity"])]},
    ),
    ("plans:document_upload", _slug, "get", MANAGE_PLANS),
    ("plans:document_preview", _pk("doc_pending"), "get", MANAGE_PLANS),
    ("plans:document_confirm", _pk("doc_pending"), "post", MANAGE_PLANS),
    ("plans:document_job", _pk("doc_reading"), "get", MANAGE_PLANS),
    ("plans:document_job_cancel", _pk("doc_reading"), "post", MANAGE_PLANS, lambda i: {}),
    ("plans:attachment_imports", _slug, "get", MANAGE_PLANS),
    ("plans:attachment_import", _pk("doc_attachment"), "post", MANAGE_PLANS),
]
