"""The files of agenda items: added, downloaded (only by who may read the item) and removed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.access import (
    Capability,
    access_council,
    council_context,
    masked_for,
)
from samverkan.core.errors import NotFoundError, ServiceError
from samverkan.core.pages import one_or_not_found, posted, run_service
from samverkan.meetings.forms import ItemFileForm
from samverkan.meetings.models import AgendaItem, ItemFile
from samverkan.meetings.services import adjustment, item_files
from samverkan.organisations.models import Council


def _context(request: HttpRequest, council: Council, **extra: Any) -> dict[str, Any]:
    return {**council_context(request.user, council), **extra}


def _item_in(council: Council, pk: int) -> AgendaItem:
    return one_or_not_found(
        AgendaItem.objects.select_related("meeting__body").filter(
            meeting__body__council=council, pk=pk
        )
    )


def _item_file_in(council: Council, pk: int) -> ItemFile:
    return one_or_not_found(
        ItemFile.objects.select_related("item__meeting__body").filter(
            item__meeting__body__council=council, pk=pk
        )
    )


@login_required
def item_file_add(request: HttpRequest, slug: str, item_pk: int) -> HttpResponse:
    """The files of an agenda item, with the upload form."""
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    item = _item_in(council, item_pk)
    form = ItemFileForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        added = run_service(
            form,
            lambda: item_files.item_file_add(
                actor=request.user, item=item, upload=form.cleaned_data["file"]
            ),
        )
        if added is not None:
            messages.success(request, _("The file was attached."))
            return redirect("meetings:item_file_add", slug=slug, item_pk=item.pk)
    return render(
        request,
        "meetings/item_file_list.html",
        _context(
            request,
            council,
            item=item,
            meeting=item.meeting,
            files=item.files.all(),
            form=form,
            # Files change with the minutes: not once they are frozen or adjusted.
            editable=adjustment.minutes_state(item.meeting) == adjustment.MinutesState.WRITING,
        ),
        status=400 if form.is_bound else 200,
    )


@login_required
def item_file_download(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    council = access_council(request.user, slug)
    item_file = _item_file_in(council, pk)
    # A file of an item not for publication is as unseen as a missing one.
    if item_file.item.not_for_publication and masked_for(request.user, council):
        raise NotFoundError
    try:
        handle = item_file.file.open("rb")
    except FileNotFoundError as exc:
        raise NotFoundError from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=item_file.filename,
        content_type=item_file.content_type,
    )
    # The type was checked on upload; the browser must not guess another.
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    return response


@login_required
@require_POST
def item_file_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    item_file = _item_file_in(council, pk)
    item_pk = item_file.item_id
    try:
        item_files.item_file_delete(actor=request.user, item_file=item_file)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The file was deleted."))
    return redirect("meetings:item_file_add", slug=slug, item_pk=item_pk)
