"""Pages of the plans app: the cooperation agreement and its parts, the citizen promises and
the activities that fulfil them, and the import of plan documents with a preview (from a file
or from the attachments of the council's minutes)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from samverkan.accounts.access import Capability, access_council, council_context, masked_for
from samverkan.core.audit import history_of
from samverkan.core.errors import ForbiddenError, ServiceError
from samverkan.core.pages import posted, run_service
from samverkan.meetings import selectors as meeting_selectors
from samverkan.meetings.models import PendingImport
from samverkan.meetings.services.minutes_import import pending_import_create
from samverkan.organisations.models import Council
from samverkan.organisations.selectors import organisations_of
from samverkan.plans import selectors
from samverkan.plans import selectors_documents as parts
from samverkan.plans.forms_documents import (
    AgreementForm,
    CommitmentForm,
    DocumentOptionsForm,
    DocumentUploadForm,
    GovernanceBodyForm,
    NameMappingForm,
    PartyForm,
    PromiseActivitiesForm,
    PromiseForm,
    PromiseSetForm,
    SignatoryForm,
)
from samverkan.plans.masking import mask_activities
from samverkan.plans.models import (
    ActivityStatus,
    Agreement,
    DocumentKind,
    Party,
    PromiseSet,
)
from samverkan.plans.services import documents as services
from samverkan.plans.services import importing


def _context(request: HttpRequest, council: Council, **extra: Any) -> dict[str, Any]:
    return {**council_context(request.user, council), **extra}


def _login(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise ForbiddenError
    return request.user


def _part_page(
    request: HttpRequest,
    council: Council,
    form: forms.BaseForm,
    *,
    title: str,
    back: str,
    back_label: str,
) -> HttpResponse:
    """A form for one part of an agreement or a promise set; 400 when it was refused."""
    return render(
        request,
        "plans/agreement_part_form.html",
        _context(request, council, form=form, title=title, back=back, back_label=back_label),
        status=400 if form.is_bound and form.errors else 200,
    )


def _saved(
    request: HttpRequest, form: forms.BaseForm, call: Callable[[], object], message: str
) -> bool:
    """Run the service for a valid POST; True when it saved."""
    if request.method != "POST" or not form.is_valid():
        return False
    if run_service(form, call) is None and form.errors:
        return False
    messages.success(request, message)
    return True


def _part_form(
    request: HttpRequest,
    council: Council,
    form: forms.BaseForm,
    save: Callable[[], object],
    *,
    saved: str,
    title: str,
    back: str,
    back_label: str,
) -> HttpResponse:
    """The form of one part: saved on a valid POST and back to its page, else shown again."""
    if _saved(request, form, save, saved):
        return redirect(back)
    return _part_page(request, council, form, title=title, back=back, back_label=back_label)


def _part_deleted(
    request: HttpRequest, delete: Callable[[], object], message: str, back: str
) -> HttpResponse:
    """Remove one part (a POST) and go back to its page."""
    delete()
    messages.success(request, message)
    return redirect(back)


# Agreements -------------------------------------------------------------------------------


def _agreement_fields(data: dict[str, Any]) -> services.AgreementFields:
    return services.AgreementFields(
        title=data["title"],
        signed_on=data["signed_on"],
        place=data["place"],
        valid_from=data["valid_from"],
        valid_to=data["valid_to"],
        purpose=data["purpose"],
        method=data["method"],
        current_picture=data["current_picture"],
        commitments_intro=data["commitments_intro"],
        enclosures=data["enclosures"],
    )


def _agreement_url(council: Council, pk: int) -> str:
    return reverse("plans:agreement_detail", kwargs={"slug": council.slug, "pk": pk})


@login_required
def agreement_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug)
    agreement = selectors.agreement_in(council, pk)
    return render(
        request,
        "plans/agreement_detail.html",
        _context(
            request,
            council,
            agreement=agreement,
            expires_in=services.expires_soon(agreement),
            promise_sets=list(agreement.promise_sets.all()),
            plans=list(agreement.plans.all()),
            history=history_of(agreement)[:20],
        ),
    )


@login_required
def agreement_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    form = AgreementForm(posted(request))
    if request.method == "POST" and form.is_valid():
        fields = _agreement_fields(form.cleaned_data)
        agreement = run_service(
            form,
            lambda: services.agreement_create(actor=request.user, council=council, fields=fields),
        )
        if agreement is not None:
            messages.success(request, _("The agreement was saved."))
            return redirect("plans:agreement_detail", slug=slug, pk=agreement.pk)
    return _part_page(
        request,
        council,
        form,
        title=_("New cooperation agreement"),
        back=reverse("plans:index", kwargs={"slug": slug}),
        back_label=_("Plans"),
    )


@login_required
def agreement_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    agreement = selectors.agreement_in(council, pk)
    initial = {
        name: getattr(agreement, name) for name in AgreementForm.base_fields if name != "enclosures"
    }
    initial["enclosures"] = "\n".join(str(e) for e in agreement.enclosures or [])
    form = AgreementForm(posted(request), initial=initial)
    return _part_form(
        request,
        council,
        form,
        lambda: services.agreement_update(
            actor=request.user, agreement=agreement, fields=_agreement_fields(form.cleaned_data)
        ),
        saved=_("The agreement was saved."),
        title=_("Edit the agreement"),
        back=_agreement_url(council, pk),
        back_label=agreement.title,
    )


@login_required
def commitment_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    agreement = selectors.agreement_in(council, pk)
    form = CommitmentForm(posted(request))
    return _part_form(
        request,
        council,
        form,
        lambda: services.commitment_add(
            actor=request.user,
            agreement=agreement,
            text=form.cleaned_data["text"],
            number=form.cleaned_data["number"],
        ),
        saved=_("The commitment was saved."),
        title=_("New commitment"),
        back=_agreement_url(council, pk),
        back_label=agreement.title,
    )


@login_required
def commitment_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    commitment = parts.commitment_in(council, pk)
    form = CommitmentForm(
        posted(request), initial={"number": commitment.number, "text": commitment.text}
    )
    return _part_form(
        request,
        council,
        form,
        lambda: services.commitment_update(
            actor=request.user,
            commitment=commitment,
            text=form.cleaned_data["text"],
            number=form.cleaned_data["number"] or commitment.number,
        ),
        saved=_("The commitment was saved."),
        title=_("Edit commitment %(number)s") % {"number": commitment.number},
        back=_agreement_url(council, commitment.agreement_id),
        back_label=commitment.agreement.title,
    )


@login_required
@require_POST
def commitment_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    commitment = parts.commitment_in(council, pk)
    return _part_deleted(
        request,
        lambda: services.commitment_delete(actor=request.user, commitment=commitment),
        _("The commitment was removed."),
        _agreement_url(council, commitment.agreement_id),
    )


@login_required
def party_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    agreement = selectors.agreement_in(council, pk)
    form = PartyForm(posted(request), council=council)
    return _part_form(
        request,
        council,
        form,
        lambda: services.agreement_party_add(
            actor=request.user,
            agreement=agreement,
            name=form.cleaned_data["name"],
            organisation=form.cleaned_data["organisation"],
        ),
        saved=_("The party was saved."),
        title=_("New party"),
        back=_agreement_url(council, pk),
        back_label=agreement.title,
    )


@login_required
@require_POST
def party_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    party = parts.party_in(council, pk)
    return _part_deleted(
        request,
        lambda: services.agreement_party_delete(actor=request.user, party=party),
        _("The party was removed."),
        _agreement_url(council, party.agreement_id),
    )


@login_required
def governance_body_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    agreement = selectors.agreement_in(council, pk)
    form = GovernanceBodyForm(posted(request), council=council)
    return _part_form(
        request,
        council,
        form,
        lambda: services.governance_body_add(
            actor=request.user,
            agreement=agreement,
            name=form.cleaned_data["name"],
            kind=form.cleaned_data["kind"],
            body=form.cleaned_data["body"],
        ),
        saved=_("The group was saved."),
        title=_("New governance body"),
        back=_agreement_url(council, pk),
        back_label=agreement.title,
    )


@login_required
def governance_body_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    governance = parts.governance_body_in(council, pk)
    form = GovernanceBodyForm(
        posted(request),
        council=council,
        initial={"name": governance.name, "kind": governance.kind, "body": governance.body_id},
    )
    return _part_form(
        request,
        council,
        form,
        lambda: services.governance_body_update(
            actor=request.user,
            governance_body=governance,
            name=form.cleaned_data["name"],
            kind=form.cleaned_data["kind"],
            body=form.cleaned_data["body"],
        ),
        saved=_("The group was saved."),
        title=_("Edit governance body %(name)s") % {"name": governance.name},
        back=_agreement_url(council, governance.agreement_id),
        back_label=governance.agreement.title,
    )


@login_required
@require_POST
def governance_body_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    governance = parts.governance_body_in(council, pk)
    return _part_deleted(
        request,
        lambda: services.governance_body_delete(actor=request.user, governance_body=governance),
        _("The group was removed."),
        _agreement_url(council, governance.agreement_id),
    )


def _signatory_page(
    request: HttpRequest,
    council: Council,
    *,
    agreement: Agreement | None = None,
    promise_set: PromiseSet | None = None,
) -> HttpResponse:
    owner: Agreement | PromiseSet | None = agreement or promise_set
    assert owner is not None  # noqa: S101 (one of them is given)
    back = (
        _agreement_url(council, owner.pk)
        if agreement is not None
        else _promise_set_url(council, owner.pk)
    )
    form = SignatoryForm(posted(request))
    return _part_form(
        request,
        council,
        form,
        lambda: services.signatory_add(
            actor=request.user,
            agreement=agreement,
            promise_set=promise_set,
            name=form.cleaned_data["name"],
            title=form.cleaned_data["title"],
            organisation_name=form.cleaned_data["organisation_name"],
        ),
        saved=_("The signatory was saved."),
        title=_("New signatory"),
        back=back,
        back_label=owner.title,
    )


@login_required
def agreement_signatory_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    return _signatory_page(request, council, agreement=selectors.agreement_in(council, pk))


@login_required
def promise_set_signatory_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    return _signatory_page(request, council, promise_set=selectors.promise_set_in(council, pk))


@login_required
@require_POST
def signatory_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    signatory = parts.signatory_in(council, pk)
    back = (
        _agreement_url(council, signatory.agreement_id)
        if signatory.agreement_id
        else reverse(
            "plans:promise_set_detail", kwargs={"slug": slug, "pk": signatory.promise_set_id}
        )
    )
    return _part_deleted(
        request,
        lambda: services.signatory_delete(actor=request.user, signatory=signatory),
        _("The signatory was removed."),
        back,
    )


# Citizen promises -------------------------------------------------------------------------


def _promise_set_fields(data: dict[str, Any]) -> services.PromiseSetFields:
    return services.PromiseSetFields(**{n: data[n] for n in PromiseSetForm.base_fields})


def _promise_set_url(council: Council, pk: int) -> str:
    return reverse("plans:promise_set_detail", kwargs={"slug": council.slug, "pk": pk})


@login_required
def promise_set_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug)
    promise_set = selectors.promise_set_in(council, pk)
    labels = dict(ActivityStatus.choices)
    promises = []
    public = masked_for(request.user, council)
    for promise in promise_set.promises.all():
        activities = list(promise.activities.all())
        mask_activities(activities, public=public)
        status = selectors.combined_status([a.status for a in activities])
        promises.append(
            {
                "promise": promise,
                "activities": activities,
                "status": status,
                "status_label": labels.get(status, ""),
            }
        )
    return render(
        request,
        "plans/promise_set_detail.html",
        _context(
            request,
            council,
            promise_set=promise_set,
            promises=promises,
            status_labels=labels,
            history=history_of(promise_set)[:20],
        ),
    )


@login_required
def promise_set_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    form = PromiseSetForm(posted(request), council=council)
    if request.method == "POST" and form.is_valid():
        fields = _promise_set_fields(form.cleaned_data)
        promise_set = run_service(
            form,
            lambda: services.promise_set_create(actor=request.user, council=council, fields=fields),
        )
        if promise_set is not None:
            messages.success(request, _("The citizen promises were saved."))
            return redirect("plans:promise_set_detail", slug=slug, pk=promise_set.pk)
    return _part_page(
        request,
        council,
        form,
        title=_("New citizen promises"),
        back=reverse("plans:index", kwargs={"slug": slug}),
        back_label=_("Plans"),
    )


@login_required
def promise_set_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    promise_set = selectors.promise_set_in(council, pk)
    initial = {name: getattr(promise_set, name) for name in PromiseSetForm.base_fields}
    initial["agreement"] = promise_set.agreement_id
    form = PromiseSetForm(posted(request), council=council, initial=initial)
    return _part_form(
        request,
        council,
        form,
        lambda: services.promise_set_update(
            actor=request.user,
            promise_set=promise_set,
            fields=_promise_set_fields(form.cleaned_data),
        ),
        saved=_("The citizen promises were saved."),
        title=_("Edit the citizen promises"),
        back=_promise_set_url(council, pk),
        back_label=promise_set.title,
    )


@login_required
def promise_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    promise_set = selectors.promise_set_in(council, pk)
    form = PromiseForm(posted(request))
    return _part_form(
        request,
        council,
        form,
        lambda: services.promise_add(
            actor=request.user,
            promise_set=promise_set,
            text=form.cleaned_data["text"],
            parties=form.cleaned_data["parties"],
            joint=form.cleaned_data["joint"],
            number=form.cleaned_data["number"],
        ),
        saved=_("The promise was saved."),
        title=_("New promise"),
        back=_promise_set_url(council, pk),
        back_label=promise_set.title,
    )


@login_required
def promise_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    promise = parts.promise_in(council, pk)
    form = PromiseForm(
        posted(request),
        initial={
            "number": promise.position + 1,
            "text": promise.text,
            "parties": promise.parties,
            "joint": promise.joint,
        },
    )
    return _part_form(
        request,
        council,
        form,
        lambda: services.promise_update(
            actor=request.user,
            promise=promise,
            text=form.cleaned_data["text"],
            parties=form.cleaned_data["parties"],
            joint=form.cleaned_data["joint"],
            number=form.cleaned_data["number"] or promise.position + 1,
        ),
        saved=_("The promise was saved."),
        title=_("Edit promise %(number)s") % {"number": promise.position + 1},
        back=_promise_set_url(council, promise.promise_set_id),
        back_label=promise.promise_set.title,
    )


@login_required
@require_POST
def promise_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    promise = parts.promise_in(council, pk)
    return _part_deleted(
        request,
        lambda: services.promise_delete(actor=request.user, promise=promise),
        _("The promise was removed."),
        _promise_set_url(council, promise.promise_set_id),
    )


@login_required
def promise_activities(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Choose the activities of the year's plan that fulfil the promise."""
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    promise = parts.promise_in(council, pk)
    choices = services.activities_for_promise(promise)
    form = PromiseActivitiesForm(
        posted(request),
        choices=choices,
        initial={"activities": list(promise.activities.values_list("pk", flat=True))},
    )
    if _saved(
        request,
        form,
        lambda: services.promise_link_activities(
            actor=request.user,
            promise=promise,
            activities=list(form.cleaned_data["activities"]),
        ),
        _("The activities of the promise were saved."),
    ):
        return redirect("plans:promise_set_detail", slug=slug, pk=promise.promise_set_id)
    return render(
        request,
        "plans/promise_activities.html",
        _context(request, council, form=form, promise=promise, has_choices=choices.exists()),
        status=400 if form.is_bound and form.errors else 200,
    )


# Import -----------------------------------------------------------------------------------


def _upload_page(
    request: HttpRequest, council: Council, form: forms.BaseForm, rejected: str = ""
) -> HttpResponse:
    return render(
        request,
        "plans/import_upload.html",
        _context(request, council, form=form, rejected=rejected),
        status=400 if rejected or (form.is_bound and form.errors) else 200,
    )


@login_required
def document_upload(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    user = _login(request)
    form = DocumentUploadForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        pending = pending_import_create(
            council=council, user=user, filename=upload.name, data=upload.read()
        )
        return _to_preview(slug, pending, form.cleaned_data)
    return _upload_page(request, council, form)


def _to_preview(slug: str, pending: PendingImport, options: dict[str, Any]) -> HttpResponse:
    query = {k: options[k] for k in ("kind", "year", "default_year") if options.get(k)}
    url = reverse("plans:document_preview", kwargs={"slug": slug, "pk": pending.pk})
    return redirect(f"{url}?{urlencode(query)}" if query else url)


class _Preview:
    """The plan of an import with the user's mapping of names, as the preview shows it."""

    def __init__(self, council: Council, pending: PendingImport, data: QueryDict) -> None:
        options = DocumentOptionsForm(data)
        self.options = options.cleaned_data if options.is_valid() else {}
        self.arguments: dict[str, Any] = {
            "council": council,
            "data": bytes(pending.data),
            "filename": pending.filename,
            "kind": self.options.get("kind") or None,
            "year": self.options.get("year"),
            "default_year": self.options.get("default_year"),
        }
        # Raises ServiceError when the file cannot be imported at all.
        unmapped = importing.document_import_plan(**self.arguments)
        # The preview's own form says it was sent, so an unticked "remember" stays unticked.
        self.form = NameMappingForm(
            data if "choices_made" in data else None,
            names=[choice.name for choice in unmapped.unresolved],
            organisations=list(organisations_of(council, include_ended=False)),
        )
        self.form.is_valid()  # a choice that is no longer offered is dropped, the rest kept
        self.mapping = self.form.mapping()
        self.remember = bool(self.form.cleaned_data.get("remember")) if self.form.is_bound else True
        self.plan = (
            importing.document_import_plan(**self.arguments, mapping=self.mapping)
            if self.mapping
            else unmapped
        )


def _preview_page(
    request: HttpRequest,
    council: Council,
    pending: PendingImport,
    preview: _Preview,
    problem: str = "",
) -> HttpResponse:
    plan = preview.plan
    fields = dict(zip(preview.form.names, preview.form.map_fields(), strict=True))
    names = [(choice, fields.get(choice.name)) for choice in plan.names]
    statuses = dict(ActivityStatus.choices)
    parties = dict(Party.choices)
    return render(
        request,
        "plans/import_preview.html",
        _context(
            request,
            council,
            plan=plan,
            parsed=plan.parsed,
            pending=pending,
            form=preview.form,
            names=names,
            options=preview.options,
            kind_label=DocumentKind(plan.kind).label,
            activity_rows=[
                (a, statuses.get(a.status or "", a.status_text or ""))
                for a in plan.parsed.activities
            ],
            promise_rows=[
                (p, ", ".join(str(parties[x]) for x in p.parties if x in parties))
                for p in plan.parsed.promises
            ],
            problem=problem,
        ),
        status=400 if problem else 200,
    )


def _pending(request: HttpRequest, council: Council, pk: int) -> PendingImport:
    return meeting_selectors.pending_import_in(council, pk, _login(request).pk)


def _rejected(
    request: HttpRequest, council: Council, pending: PendingImport, exc: ServiceError
) -> HttpResponse:
    pending.delete()
    return _upload_page(request, council, DocumentUploadForm(), rejected=str(exc.message))


@login_required
def document_preview(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """What the import would save; "check again" posts the choices made here back."""
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    pending = _pending(request, council, pk)
    try:
        preview = _Preview(
            council, pending, request.POST if request.method == "POST" else request.GET
        )
    except ServiceError as exc:
        return _rejected(request, council, pending, exc)
    return _preview_page(request, council, pending, preview)


@login_required
@require_POST
def document_confirm(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    pending = _pending(request, council, pk)
    try:
        preview = _Preview(council, pending, request.POST)
    except ServiceError as exc:
        return _rejected(request, council, pending, exc)
    if not preview.plan.can_import:
        return _preview_page(
            request, council, pending, preview, problem=importing.blocking_message(preview.plan)
        )
    try:
        with transaction.atomic():
            result, _plan = importing.document_import(
                actor=request.user,
                **preview.arguments,
                mapping=preview.mapping,
                remember=preview.remember,
            )
            pending.delete()
    except ServiceError as exc:
        return _preview_page(request, council, pending, preview, problem=str(exc.message))
    if result.agreement is not None:
        messages.success(request, _("The cooperation agreement was imported."))
        return redirect("plans:agreement_detail", slug=slug, pk=result.agreement.pk)
    if result.promise_set is not None:
        messages.success(request, _("The citizen promises were imported."))
        return redirect("plans:promise_set_detail", slug=slug, pk=result.promise_set.pk)
    assert result.plan is not None  # noqa: S101 (one of the three is made)
    messages.success(
        request,
        ngettext(
            "%(count)s activity was imported into the plan.",
            "%(count)s activities were imported into the plan.",
            result.activity_count,
        )
        % {"count": result.activity_count},
    )
    return redirect("plans:plan_detail", slug=slug, pk=result.plan.pk)


@login_required
def attachment_imports(request: HttpRequest, slug: str) -> HttpResponse:
    """The minutes attachments that are plan documents not imported yet."""
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    found = parts.attachments_to_import(council)
    page = Paginator(found, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/import_attachments.html",
        _context(request, council, page=page),
    )


@login_required
@require_POST
def attachment_import(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Read an attachment through the same preview as an uploaded file."""
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    attachment = parts.attachment_in(council, pk)
    data, filename = importing.attachment_data(attachment)
    pending = pending_import_create(
        council=council, user=_login(request), filename=filename, data=data
    )
    return _to_preview(slug, pending, {"default_year": attachment.meeting.date.year})


p = "councils/<slug:slug>/plans/"
ag = p + "agreements/"
ps = p + "promises/"
urlpatterns: list[URLPattern] = [
    path(ag + "new/", agreement_create, name="agreement_create"),
    path(ag + "<int:pk>/", agreement_detail, name="agreement_detail"),
    path(ag + "<int:pk>/edit/", agreement_edit, name="agreement_edit"),
    path(ag + "<int:pk>/commitments/new/", commitment_add, name="commitment_add"),
    path(ag + "commitments/<int:pk>/edit/", commitment_edit, name="commitment_edit"),
    path(ag + "commitments/<int:pk>/delete/", commitment_delete, name="commitment_delete"),
    path(ag + "<int:pk>/parties/new/", party_add, name="party_add"),
    path(ag + "parties/<int:pk>/delete/", party_delete, name="party_delete"),
    path(ag + "<int:pk>/groups/new/", governance_body_add, name="governance_body_add"),
    path(ag + "groups/<int:pk>/edit/", governance_body_edit, name="governance_body_edit"),
    path(ag + "groups/<int:pk>/delete/", governance_body_delete, name="governance_body_delete"),
    path(ag + "<int:pk>/signatories/new/", agreement_signatory_add, name="agreement_signatory_add"),
    path(p + "signatories/<int:pk>/delete/", signatory_delete, name="signatory_delete"),
    path(ps + "new/", promise_set_create, name="promise_set_create"),
    path(ps + "<int:pk>/", promise_set_detail, name="promise_set_detail"),
    path(ps + "<int:pk>/edit/", promise_set_edit, name="promise_set_edit"),
    path(
        ps + "<int:pk>/signatories/new/",
        promise_set_signatory_add,
        name="promise_set_signatory_add",
    ),
    path(ps + "<int:pk>/promises/new/", promise_add, name="promise_add"),
    path(ps + "promise/<int:pk>/edit/", promise_edit, name="promise_edit"),
    path(ps + "promise/<int:pk>/delete/", promise_delete, name="promise_delete"),
    path(ps + "promise/<int:pk>/activities/", promise_activities, name="promise_activities"),
    path(p + "import/", document_upload, name="document_upload"),
    path(p + "import/<int:pk>/", document_preview, name="document_preview"),
    path(p + "import/<int:pk>/confirm/", document_confirm, name="document_confirm"),
    path(p + "import/attachments/", attachment_imports, name="attachment_imports"),
    path(p + "import/attachments/<int:pk>/", attachment_import, name="attachment_import"),
]
