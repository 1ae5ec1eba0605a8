"""The council's standard items (dagordningsmall), and putting them on a meeting's agenda."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from samverkan.accounts.access import (
    Capability,
    access_council,
    council_context,
)
from samverkan.core.errors import NotFoundError, ServiceError
from samverkan.core.pages import one_or_not_found, parse_id, redirect_target, run_service
from samverkan.meetings.forms import TemplateItemForm, TemplateTitleForm
from samverkan.meetings.models import AgendaTemplateItem
from samverkan.meetings.selectors.meetings import meeting_in
from samverkan.meetings.services import agenda_template
from samverkan.organisations.models import Council


def _context(request: HttpRequest, council: Council, **extra: Any) -> dict[str, Any]:
    return {**council_context(request.user, council), **extra}


def _pk(raw: Any) -> int:
    pk = parse_id(raw)
    if pk is None:
        raise NotFoundError
    return pk


def _template_item_in(council: Council, raw_pk: Any) -> AgendaTemplateItem:
    return one_or_not_found(AgendaTemplateItem.objects.filter(council=council, pk=_pk(raw_pk)))


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
                lambda: agenda_template.agenda_template_item_create(
                    actor=actor, council=council, placement=data["placement"], title=data["title"]
                ),
            )
            if created is not None:
                messages.success(request, _("The standard item was added."))
                return done, "", {}
        return None, "", {}
    if "defaults" in post:
        try:
            agenda_template.agenda_template_create_defaults(actor=actor, council=council)
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
                lambda: agenda_template.agenda_template_item_update(
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
            agenda_template.agenda_template_item_move(actor=actor, item=item, up=direction == "up")
            return done, "", {}
    if "delete" in post:
        item = _template_item_in(council, post["delete"])
        agenda_template.agenda_template_item_delete(actor=actor, item=item)
        messages.success(request, _("The standard item was deleted."))
        return done, "", {}
    return None, _("Choose what to do."), {}


@login_required
def agenda_template_edit(request: HttpRequest, slug: str) -> HttpResponse:
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
    defaults = [(label, agenda_template.DEFAULT_ITEMS[p]) for p, label in placements]
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
        created = agenda_template.agenda_apply_template(actor=request.user, meeting=meeting)
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
