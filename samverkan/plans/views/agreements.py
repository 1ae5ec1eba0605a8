"""Pages of the cooperation agreement and its parts: commitments, parties, governance bodies,
and the signatories (of an agreement or of citizen promises)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.access import Capability, access_council, council_context
from samverkan.core.audit import history_of
from samverkan.core.pages import form_page, posted, run_service, saved
from samverkan.organisations.models import Council
from samverkan.plans.forms.agreements import (
    AgreementForm,
    CommitmentForm,
    GovernanceBodyForm,
    PartyForm,
    PromiseSignatoryForm,
    SignatoryForm,
)
from samverkan.plans.models import (
    Agreement,
    PromiseSet,
)
from samverkan.plans.selectors.agreements import (
    agreement_in,
    commitment_in,
    governance_body_in,
    party_in,
    signatory_in,
)
from samverkan.plans.selectors.promises import promise_set_in, promise_sets_visible_to
from samverkan.plans.services import agreements


def _context(request: HttpRequest, council: Council, **extra: Any) -> dict[str, Any]:
    return {**council_context(request.user, council), **extra}


def part_page(
    request: HttpRequest,
    council: Council,
    form: forms.BaseForm,
    *,
    title: str,
    back: str,
    back_label: str,
) -> HttpResponse:
    """The page of one part of an agreement or a promise set; 400 when it was refused."""
    return form_page(
        request,
        "plans/agreement_part_form.html",
        _context(request, council, title=title, back=back, back_label=back_label),
        form=form,
    )


def part_form(
    request: HttpRequest,
    council: Council,
    form: forms.BaseForm,
    save: Callable[[], object],
    *,
    saved_message: str,
    title: str,
    back: str,
    back_label: str,
) -> HttpResponse:
    """The form of one part of an agreement or a promise set: saved on a valid POST and back to
    its page, else shown again (400 when it was refused)."""
    if saved(request, form, save, saved_message):
        return redirect(back)
    return part_page(request, council, form, title=title, back=back, back_label=back_label)


def part_deleted(
    request: HttpRequest, delete: Callable[[], object], message: str, back: str
) -> HttpResponse:
    """Remove one part (a POST) and go back to its page."""
    delete()
    messages.success(request, message)
    return redirect(back)


# Agreements -------------------------------------------------------------------------------


def _agreement_fields(data: dict[str, Any]) -> agreements.AgreementFields:
    return agreements.AgreementFields(
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
    agreement = agreement_in(council, pk)
    return render(
        request,
        "plans/agreement_detail.html",
        _context(
            request,
            council,
            agreement=agreement,
            expires_in=agreements.expires_soon(agreement),
            promise_sets=list(
                promise_sets_visible_to(request.user, council).filter(agreement=agreement)
            ),
            plans=list(agreement.plans.all()),
            history=history_of(agreement)[:20],
        ),
    )


@login_required
def agreement_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PROMISES)
    form = AgreementForm(posted(request))
    if request.method == "POST" and form.is_valid():
        fields = _agreement_fields(form.cleaned_data)
        agreement = run_service(
            form,
            lambda: agreements.agreement_create(actor=request.user, council=council, fields=fields),
        )
        if agreement is not None:
            messages.success(request, _("The agreement was saved."))
            return redirect("plans:agreement_detail", slug=slug, pk=agreement.pk)
    return part_page(
        request,
        council,
        form,
        title=_("New cooperation agreement"),
        back=reverse("plans:index", kwargs={"slug": slug}),
        back_label=_("Plans"),
    )


@login_required
def agreement_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PROMISES)
    agreement = agreement_in(council, pk)
    initial = {
        name: getattr(agreement, name) for name in AgreementForm.base_fields if name != "enclosures"
    }
    initial["enclosures"] = "\n".join(str(e) for e in agreement.enclosures or [])
    form = AgreementForm(posted(request), initial=initial)
    return part_form(
        request,
        council,
        form,
        lambda: agreements.agreement_update(
            actor=request.user, agreement=agreement, fields=_agreement_fields(form.cleaned_data)
        ),
        saved_message=_("The agreement was saved."),
        title=_("Edit the agreement"),
        back=_agreement_url(council, pk),
        back_label=agreement.title,
    )


@login_required
def commitment_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PROMISES)
    agreement = agreement_in(council, pk)
    form = CommitmentForm(posted(request))
    return part_form(
        request,
        council,
        form,
        lambda: agreements.commitment_add(
            actor=request.user,
            agreement=agreement,
            text=form.cleaned_data["text"],
            number=form.cleaned_data["number"],
        ),
        saved_message=_("The commitment was saved."),
        title=_("New commitment"),
        back=_agreement_url(council, pk),
        back_label=agreement.title,
    )


@login_required
def commitment_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PROMISES)
    commitment = commitment_in(council, pk)
    form = CommitmentForm(
        posted(request), initial={"number": commitment.number, "text": commitment.text}
    )
    return part_form(
        request,
        council,
        form,
        lambda: agreements.commitment_update(
            actor=request.user,
            commitment=commitment,
            text=form.cleaned_data["text"],
            number=form.cleaned_data["number"] or commitment.number,
        ),
        saved_message=_("The commitment was saved."),
        title=_("Edit commitment %(number)s") % {"number": commitment.number},
        back=_agreement_url(council, commitment.agreement_id),
        back_label=commitment.agreement.title,
    )


@login_required
@require_POST
def commitment_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PROMISES)
    commitment = commitment_in(council, pk)
    return part_deleted(
        request,
        lambda: agreements.commitment_delete(actor=request.user, commitment=commitment),
        _("The commitment was removed."),
        _agreement_url(council, commitment.agreement_id),
    )


@login_required
def party_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PROMISES)
    agreement = agreement_in(council, pk)
    form = PartyForm(posted(request), council=council)
    return part_form(
        request,
        council,
        form,
        lambda: agreements.agreement_party_add(
            actor=request.user,
            agreement=agreement,
            name=form.cleaned_data["name"],
            organisation=form.cleaned_data["organisation"],
        ),
        saved_message=_("The party was saved."),
        title=_("New party"),
        back=_agreement_url(council, pk),
        back_label=agreement.title,
    )


@login_required
@require_POST
def party_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PROMISES)
    party = party_in(council, pk)
    return part_deleted(
        request,
        lambda: agreements.agreement_party_delete(actor=request.user, party=party),
        _("The party was removed."),
        _agreement_url(council, party.agreement_id),
    )


@login_required
def governance_body_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PROMISES)
    agreement = agreement_in(council, pk)
    form = GovernanceBodyForm(posted(request), council=council)
    return part_form(
        request,
        council,
        form,
        lambda: agreements.governance_body_add(
            actor=request.user,
            agreement=agreement,
            name=form.cleaned_data["name"],
            kind=form.cleaned_data["kind"],
            body=form.cleaned_data["body"],
        ),
        saved_message=_("The group was saved."),
        title=_("New governance body"),
        back=_agreement_url(council, pk),
        back_label=agreement.title,
    )


@login_required
def governance_body_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PROMISES)
    governance = governance_body_in(council, pk)
    form = GovernanceBodyForm(
        posted(request),
        council=council,
        initial={"name": governance.name, "kind": governance.kind, "body": governance.body_id},
    )
    return part_form(
        request,
        council,
        form,
        lambda: agreements.governance_body_update(
            actor=request.user,
            governance_body=governance,
            name=form.cleaned_data["name"],
            kind=form.cleaned_data["kind"],
            body=form.cleaned_data["body"],
        ),
        saved_message=_("The group was saved."),
        title=_("Edit governance body %(name)s") % {"name": governance.name},
        back=_agreement_url(council, governance.agreement_id),
        back_label=governance.agreement.title,
    )


@login_required
@require_POST
def governance_body_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PROMISES)
    governance = governance_body_in(council, pk)
    return part_deleted(
        request,
        lambda: agreements.governance_body_delete(actor=request.user, governance_body=governance),
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
        else reverse("plans:promise_set_detail", kwargs={"slug": council.slug, "pk": owner.pk})
    )
    form: SignatoryForm = (
        SignatoryForm(posted(request))
        if promise_set is None
        else PromiseSignatoryForm(posted(request), council=council)
    )
    return part_form(
        request,
        council,
        form,
        lambda: agreements.signatory_add(
            actor=request.user,
            agreement=agreement,
            promise_set=promise_set,
            name=form.cleaned_data["name"],
            title=form.cleaned_data["title"],
            organisation_name=form.cleaned_data["organisation_name"],
            party=form.cleaned_data.get("party", ""),
            person=form.cleaned_data.get("person"),
        ),
        saved_message=_("The signatory was saved."),
        title=_("New signatory"),
        back=back,
        back_label=owner.title,
    )


@login_required
def agreement_signatory_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PROMISES)
    return _signatory_page(request, council, agreement=agreement_in(council, pk))


@login_required
def promise_set_signatory_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PROMISES)
    return _signatory_page(
        request, council, promise_set=promise_set_in(council, pk, viewer=request.user)
    )


@login_required
@require_POST
def signatory_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PROMISES)
    signatory = signatory_in(council, pk)
    back = (
        _agreement_url(council, signatory.agreement_id)
        if signatory.agreement_id
        else reverse(
            "plans:promise_set_detail", kwargs={"slug": slug, "pk": signatory.promise_set_id}
        )
    )
    return part_deleted(
        request,
        lambda: agreements.signatory_delete(actor=request.user, signatory=signatory),
        _("The signatory was removed."),
        back,
    )


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
    path(
        ps + "<int:pk>/signatories/new/",
        promise_set_signatory_add,
        name="promise_set_signatory_add",
    ),
    path(p + "signatories/<int:pk>/delete/", signatory_delete, name="signatory_delete"),
]
