"""Pages for preparing and sending the notice (kallelse): the council's standard items, the
files of agenda items, the notice as PDF and DOCX, and sending it to the members.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from samverkan.accounts.access import (
    Capability,
    access_council,
    council_context,
    masked_for,
)
from samverkan.core.errors import NotFoundError, ServiceError
from samverkan.core.pages import one_or_not_found, parse_id, posted, redirect_target, run_service
from samverkan.meetings.documents.notice import notice_docx, notice_filename, notice_pdf
from samverkan.meetings.models import AgendaItem, AgendaTemplateItem, ItemFile, Meeting
from samverkan.meetings.selectors.meetings import meeting_in
from samverkan.meetings.services import adjustment
from samverkan.meetings.services import agenda_template as template_services
from samverkan.meetings.services import item_files as file_services
from samverkan.meetings.services import notice as notice_services
from samverkan.organisations.models import Council

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# Forms -------------------------------------------------------------------------------------


class TemplateItemForm(forms.Form):
    placement = forms.ChoiceField(
        label=gettext_lazy("Where on the agenda"), choices=AgendaTemplateItem.Placement.choices
    )
    title = forms.CharField(
        label=gettext_lazy("Title"), max_length=template_services.TITLE_MAX_LENGTH
    )


class TemplateTitleForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"), max_length=template_services.TITLE_MAX_LENGTH
    )


class ItemFileForm(forms.Form):
    # Empty files reach the service, which says why they are refused.
    file = forms.FileField(
        label=gettext_lazy("File"),
        allow_empty_file=True,
        help_text=gettext_lazy("PDF, Word (.docx), Excel (.xlsx), PNG or JPEG, at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": file_services.ACCEPT_ATTRIBUTE}),
    )


# Reads of this module's records, scoped to the council (already access-checked) -----------


def _pk(raw: Any) -> int:
    pk = parse_id(raw)
    if pk is None:
        raise NotFoundError
    return pk


def _template_item_in(council: Council, raw_pk: Any) -> AgendaTemplateItem:
    return one_or_not_found(AgendaTemplateItem.objects.filter(council=council, pk=_pk(raw_pk)))


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


def _context(request: HttpRequest, council: Council, **extra: Any) -> dict[str, Any]:
    return {**council_context(request.user, council), **extra}


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    return response


# Standard items ----------------------------------------------------------------------------


def _template_post(
    request: HttpRequest, council: Council, add_form: TemplateItemForm
) -> tuple[HttpResponse | None, str, dict[int, TemplateTitleForm]]:
    """Do what the pressed button asks. Returns a redirect, or an error to show."""
    post, actor = request.POST, request.user
    done = redirect("meetings:agenda_template", slug=council.slug)
    if "add" in post:
        if add_form.is_valid():
            data = add_form.cleaned_data
            created = run_service(
                add_form,
                lambda: template_services.agenda_template_item_create(
                    actor=actor, council=council, placement=data["placement"], title=data["title"]
                ),
            )
            if created is not None:
                messages.success(request, _("The standard item was added."))
                return done, "", {}
        return None, "", {}
    if "defaults" in post:
        try:
            template_services.agenda_template_create_defaults(actor=actor, council=council)
        except ServiceError as exc:
            return None, str(exc.message), {}
        messages.success(request, _("The customary standard items were added."))
        return done, "", {}
    if "rename" in post:
        item = _template_item_in(council, post["rename"])
        form = TemplateTitleForm(post, prefix=f"item-{item.pk}")
        if form.is_valid():
            saved = run_service(
                form,
                lambda: template_services.agenda_template_item_update(
                    actor=actor, item=item, title=form.cleaned_data["title"]
                ),
            )
            if saved is not None:
                messages.success(request, _("The title was saved."))
                return done, "", {}
        return None, "", {item.pk: form}
    for direction in ("up", "down"):
        if direction in post:
            item = _template_item_in(council, post[direction])
            template_services.agenda_template_item_move(
                actor=actor, item=item, up=direction == "up"
            )
            return done, "", {}
    if "delete" in post:
        item = _template_item_in(council, post["delete"])
        template_services.agenda_template_item_delete(actor=actor, item=item)
        messages.success(request, _("The standard item was deleted."))
        return done, "", {}
    return None, _("Choose what to do."), {}


@login_required
def agenda_template(request: HttpRequest, slug: str) -> HttpResponse:
    """The council's standard items: list, add, rename, reorder, delete; all without script."""
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    add_form = TemplateItemForm(request.POST if "add" in request.POST else None, prefix="add")
    error, failed_forms = "", dict[int, TemplateTitleForm]()
    if request.method == "POST":
        response, error, failed_forms = _template_post(request, council, add_form)
        if response is not None:
            return response
    items = list(AgendaTemplateItem.objects.filter(council=council))
    placements = [  # opening items first, as on the agenda
        (placement, AgendaTemplateItem.Placement(placement).label)
        for placement in (
            AgendaTemplateItem.Placement.OPENING,
            AgendaTemplateItem.Placement.CLOSING,
        )
    ]
    groups = [
        {
            "placement": placement,
            "label": label,
            "rows": [
                {
                    "item": item,
                    "form": failed_forms[item.pk]
                    if item.pk in failed_forms
                    else TemplateTitleForm(initial={"title": item.title}, prefix=f"item-{item.pk}"),
                }
                for item in items
                if item.placement == placement
            ],
        }
        for placement, label in placements
    ]
    defaults = [(label, template_services.DEFAULT_ITEMS[p]) for p, label in placements]
    return render(
        request,
        "meetings/agenda_template_list.html",
        _context(
            request,
            council,
            groups=groups,
            has_items=bool(items),
            defaults=defaults,
            add_form=add_form,
            error=error,
        ),
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def agenda_apply_template(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    meeting = meeting_in(council, pk)
    back = redirect_target(request, reverse("meetings:meeting_detail", args=[slug, meeting.pk]))
    try:
        created = template_services.agenda_apply_template(actor=request.user, meeting=meeting)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
        return redirect(back)
    if created:
        messages.success(
            request,
            ngettext(
                "%(count)d standard item was added to the agenda.",
                "%(count)d standard items were added to the agenda.",
                len(created),
            )
            % {"count": len(created)},
        )
    else:
        messages.info(request, _("The agenda already has every standard item."))
    return redirect(back)


# Item files --------------------------------------------------------------------------------


@login_required
def item_file_add(request: HttpRequest, slug: str, item_pk: int) -> HttpResponse:
    """The files of an agenda item, with the upload form."""
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    item = _item_in(council, item_pk)
    form = ItemFileForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        added = run_service(
            form,
            lambda: file_services.item_file_add(
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
        file_services.item_file_delete(actor=request.user, item_file=item_file)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The file was deleted."))
    return redirect("meetings:item_file_add", slug=slug, item_pk=item_pk)


# The notice --------------------------------------------------------------------------------


@login_required
def notice_pdf_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug)
    meeting = meeting_in(council, pk)
    pdf = notice_pdf(meeting, public=masked_for(request.user, council))
    return _attachment(pdf, "application/pdf", notice_filename(meeting, "pdf"))


@login_required
def notice_docx_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug)
    meeting = meeting_in(council, pk)
    docx = notice_docx(meeting, public=masked_for(request.user, council))
    return _attachment(docx, DOCX_TYPE, notice_filename(meeting, "docx"))


def _sent_message(count: int) -> str:
    return ngettext(
        "The notice was sent to %(count)d address.",
        "The notice was sent to %(count)d addresses.",
        count,
    ) % {"count": count}


@login_required
def notice_send(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The notice's page: who will get it, what is missing, and when it was sent before.
    Sending is a POST of the same page."""
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    meeting = meeting_in(council, pk)
    error = ""
    if request.method == "POST":
        try:
            dispatch = notice_services.notice_send(actor=request.user, meeting=meeting)
        except ServiceError as exc:
            error = str(exc.message)
        else:
            messages.success(request, _sent_message(dispatch.recipient_count))
            return redirect("meetings:notice_send", slug=slug, pk=meeting.pk)
    recipients = notice_services.notice_recipients(meeting)
    return render(
        request,
        "meetings/notice_send.html",
        _context(
            request,
            council,
            meeting=meeting,
            items=_agenda(meeting),
            recipients=recipients,
            problem=notice_services.notice_problem(meeting, recipients),
            dispatches=[
                {"dispatch": d, "without_email": d.without_email.splitlines()}
                for d in meeting.dispatches.select_related("sent_by")
            ],
            error=error,
        ),
        status=400 if error else 200,
    )


def _agenda(meeting: Meeting) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(meeting=meeting)
        .annotate(file_count=Count("files"))
        .order_by("number")
    )
