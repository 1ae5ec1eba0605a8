"""The agenda of a meeting in the minutes editor: items, their decisions and records, and
whether an attachment is published."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.access import Capability, access_council, council_context
from samverkan.core.errors import ServiceError
from samverkan.core.pages import posted
from samverkan.meetings.forms import (
    DecisionForm,
    ItemForm,
    ItemRecordForm,
)
from samverkan.meetings.models import (
    AgendaItem,
    Attachment,
    Decision,
    ItemRecord,
)
from samverkan.meetings.selectors.meetings import part_in
from samverkan.meetings.services import agenda
from samverkan.meetings.views.editor import act, done, writable_meeting
from samverkan.organisations.models import Council


@login_required
@require_POST
def item_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = writable_meeting(request, slug, pk)
    form = ItemForm(request.POST, prefix="item")

    def call() -> object:
        data = {k: v for k, v in form.cleaned_data.items() if k != "adjusted_immediately"}
        return agenda.item_create(actor=request.user, meeting=meeting, **data)

    return act(request, council, meeting, form, "item", call, _("The item was added."), "items")


def _item(council: Council, item_pk: int) -> AgendaItem:
    return part_in(council, AgendaItem, item_pk)


@login_required
def item_edit(request: HttpRequest, slug: str, item_pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    item = _item(council, item_pk)
    initial = {
        "title": item.title,
        "presenter": item.presenter,
        "planned_time": item.planned_time,
        "reference": item.reference,
        "text": item.text,
        "not_for_publication": item.not_for_publication,
        "adjusted_immediately": item.adjusted_immediately,
    }
    form = ItemForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            agenda.item_update(actor=request.user, item=item, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            return done(request, council, item.meeting, _("The item was saved."), f"item-{item.pk}")
    return render(
        request,
        "meetings/item_form.html",
        {**council_context(request.user, council), "form": form, "item": item},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def item_delete(request: HttpRequest, slug: str, item_pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    item = _item(council, item_pk)
    return act(
        request, council, item.meeting, None, "",
        lambda: agenda.item_delete(actor=request.user, item=item),
        _("The item was removed."), "items",
    )  # fmt: skip


@login_required
@require_POST
def item_move(request: HttpRequest, slug: str, item_pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    item = _item(council, item_pk)
    up = request.POST.get("direction") == "up"
    return act(
        request, council, item.meeting, None, "",
        lambda: agenda.item_move(actor=request.user, item=item, up=up),
        _("The item was moved."), f"item-{item.pk}",
    )  # fmt: skip


@login_required
@require_POST
def decision_add(request: HttpRequest, slug: str, item_pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    item = _item(council, item_pk)
    key = f"decision-{item.pk}"
    form = DecisionForm(request.POST, prefix=key)
    return act(
        request, council, item.meeting, form, key,
        lambda: agenda.decision_add(actor=request.user, item=item, **form.cleaned_data),
        _("The decision was added."), f"item-{item.pk}",
    )  # fmt: skip


@login_required
@require_POST
def decision_delete(request: HttpRequest, slug: str, decision_pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    decision = part_in(council, Decision, decision_pk)
    return act(
        request, council, decision.item.meeting, None, "",
        lambda: agenda.decision_delete(actor=request.user, decision=decision),
        _("The decision was removed."), f"item-{decision.item_id}",
    )  # fmt: skip


@login_required
@require_POST
def record_add(request: HttpRequest, slug: str, item_pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    item = _item(council, item_pk)
    key = f"record-{item.pk}"
    form = ItemRecordForm(request.POST, prefix=key)
    return act(
        request, council, item.meeting, form, key,
        lambda: agenda.item_record_add(actor=request.user, item=item, **form.cleaned_data),
        _("It was added to the item."), f"item-{item.pk}",
    )  # fmt: skip


@login_required
@require_POST
def record_delete(request: HttpRequest, slug: str, record_pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    record = part_in(council, ItemRecord, record_pk)
    return act(
        request, council, record.item.meeting, None, "",
        lambda: agenda.item_record_delete(actor=request.user, record=record),
        _("It was removed from the item."), f"item-{record.item_id}",
    )  # fmt: skip


@login_required
@require_POST
def attachment_publication(request: HttpRequest, slug: str, attachment_pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    attachment = part_in(council, Attachment, attachment_pk)
    secret = request.POST.get("not_for_publication") == "1"
    return act(
        request, council, attachment.meeting, None, "",
        lambda: agenda.attachment_set_publication(
            actor=request.user, attachment=attachment, not_for_publication=secret
        ),
        _("The attachment was saved."), "attachments",
    )  # fmt: skip
