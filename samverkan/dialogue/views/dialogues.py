"""Pages of dialogue meetings: the list, a meeting with the inputs heard, and taking an input up
as a plan activity or a promise draft."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.access import Capability, access_council, masked_for
from samverkan.core import pages
from samverkan.core.audit import history_of
from samverkan.core.pages import paginate, posted, run_service
from samverkan.dialogue.forms.dialogues import (
    DialogueForm,
    InputForm,
    ToActivityForm,
    ToPromiseForm,
)
from samverkan.dialogue.models import Dialogue
from samverkan.dialogue.selectors.dialogues import dialogue_in, dialogues_of, input_in
from samverkan.dialogue.selectors.themes import themes_of
from samverkan.dialogue.services import dialogues
from samverkan.dialogue.views.pages import confirm_delete_page, council_page, form_page
from samverkan.plans.masking import mask_activities


def _dialogue(request: HttpRequest, slug: str, pk: int, need: Capability) -> Dialogue:
    council = access_council(request.user, slug, need=need)
    return dialogue_in(council, pk)


@login_required
def dialogue_list(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    page = paginate(request, dialogues_of(council))
    return render(request, "dialogue/dialogue_list.html", council_page(request, council, page=page))


@login_required
def dialogue_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    form = DialogueForm(posted(request), council=council)
    if request.method == "POST" and form.is_valid():
        dialogue = run_service(
            form,
            lambda: dialogues.dialogue_create(
                actor=request.user, council=council, fields=form.dialogue_fields()
            ),
        )
        if dialogue:
            messages.success(request, _("The dialogue meeting was recorded."))
            return redirect("dialogue:dialogue_detail", slug=slug, pk=dialogue.pk)
    return form_page(
        request, "dialogue/dialogue_form.html", council, form, title=_("New dialogue meeting")
    )


def _detail(
    request: HttpRequest, dialogue: Dialogue, input_form: InputForm | None = None
) -> HttpResponse:
    council = dialogue.council
    form = input_form or InputForm(council=council)
    inputs = list(dialogue.inputs.all())
    mask_activities((i.activity for i in inputs), public=masked_for(request.user, council))
    return pages.form_page(
        request,
        "dialogue/dialogue_detail.html",
        council_page(
            request,
            council,
            dialogue=dialogue,
            inputs=inputs,
            input_form=form,
            themes=list(themes_of(council).values_list("name", flat=True)),
            history=history_of(dialogue)[:20],
        ),
        form=form,
    )


@login_required
def dialogue_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _detail(request, _dialogue(request, slug, pk, Capability.VIEW_COUNCIL))


@login_required
def dialogue_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    dialogue = _dialogue(request, slug, pk, Capability.CHANGE_RECORDS)
    form = DialogueForm(
        posted(request), council=dialogue.council, initial=DialogueForm.initial_of(dialogue)
    )
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: dialogues.dialogue_update(
                actor=request.user, dialogue=dialogue, fields=form.dialogue_fields()
            ),
        )
        if done:
            messages.success(request, _("The dialogue meeting was saved."))
            return redirect("dialogue:dialogue_detail", slug=slug, pk=dialogue.pk)
    return form_page(
        request,
        "dialogue/dialogue_form.html",
        dialogue.council,
        form,
        title=_("Edit the dialogue meeting"),
        dialogue=dialogue,
    )


@login_required
def dialogue_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    dialogue = _dialogue(request, slug, pk, Capability.CHANGE_RECORDS)
    if request.method != "POST":
        return confirm_delete_page(
            request,
            dialogue.council,
            heading=_("Remove the dialogue meeting?"),
            text=_(
                "The meeting and its inputs are removed. Activities and promises made from them"
                " stay."
            ),
            back=reverse("dialogue:dialogue_detail", kwargs={"slug": slug, "pk": dialogue.pk}),
            back_label=str(dialogue),
        )
    dialogues.dialogue_delete(actor=request.user, dialogue=dialogue)
    messages.success(request, _("The dialogue meeting was removed."))
    return redirect("dialogue:dialogue_list", slug=slug)


@login_required
@require_POST
def dialogue_input_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    dialogue = _dialogue(request, slug, pk, Capability.CHANGE_RECORDS)
    form = InputForm(request.POST, council=dialogue.council)
    if form.is_valid():
        item = run_service(
            form,
            lambda: dialogues.dialogue_input_add(
                actor=request.user, dialogue=dialogue, fields=form.input_fields()
            ),
        )
        if item:
            messages.success(request, _("The input was added."))
            return redirect("dialogue:dialogue_detail", slug=slug, pk=dialogue.pk)
    return _detail(request, dialogue, form)


@login_required
def dialogue_input_edit(request: HttpRequest, slug: str, pk: int, input_pk: int) -> HttpResponse:
    dialogue = _dialogue(request, slug, pk, Capability.CHANGE_RECORDS)
    item = input_in(dialogue, input_pk)
    form = InputForm(
        posted(request),
        council=dialogue.council,
        initial={
            "text": item.text,
            "theme": item.theme.name if item.theme else "",
            "place": item.place_id,
            "category": item.category_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: dialogues.dialogue_input_update(
                actor=request.user, item=item, fields=form.input_fields()
            ),
        )
        if done:
            messages.success(request, _("The input was saved."))
            return redirect(
                reverse("dialogue:dialogue_detail", kwargs={"slug": slug, "pk": dialogue.pk})
                + f"#input-{item.pk}"
            )
    return form_page(
        request,
        "dialogue/dialogue_form.html",
        dialogue.council,
        form,
        title=_("Edit the input"),
        dialogue=dialogue,
        themes=list(themes_of(dialogue.council).values_list("name", flat=True)),
    )


@login_required
@require_POST
def dialogue_input_delete(request: HttpRequest, slug: str, pk: int, input_pk: int) -> HttpResponse:
    dialogue = _dialogue(request, slug, pk, Capability.CHANGE_RECORDS)
    item = input_in(dialogue, input_pk)
    dialogues.dialogue_input_delete(actor=request.user, item=item)
    messages.success(request, _("The input was removed."))
    return redirect("dialogue:dialogue_detail", slug=slug, pk=dialogue.pk)


@login_required
def dialogue_input_to_activity(
    request: HttpRequest, slug: str, pk: int, input_pk: int
) -> HttpResponse:
    dialogue = _dialogue(request, slug, pk, Capability.MANAGE_PLANS)
    item = input_in(dialogue, input_pk)
    form = ToActivityForm(posted(request), council=dialogue.council)
    if request.method == "POST" and form.is_valid():
        activity = run_service(
            form,
            lambda: dialogues.dialogue_input_to_activity(
                actor=request.user,
                item=item,
                plan=form.cleaned_data["plan"],
                text=form.cleaned_data["text"],
            ),
        )
        if activity:
            messages.success(request, _("The input became an activity of the plan."))
            return redirect("dialogue:dialogue_detail", slug=slug, pk=dialogue.pk)
    return form_page(
        request,
        "dialogue/dialogue_form.html",
        dialogue.council,
        form,
        title=_("Make the input a plan activity"),
        dialogue=dialogue,
        item=item,
        submit_label=_("Add to the plan"),
    )


@login_required
def dialogue_input_to_promise(
    request: HttpRequest, slug: str, pk: int, input_pk: int
) -> HttpResponse:
    dialogue = _dialogue(request, slug, pk, Capability.MANAGE_PLANS)
    item = input_in(dialogue, input_pk)
    form = ToPromiseForm(
        posted(request),
        council=dialogue.council,
        initial={"parties": ["municipality", "police"]},
    )
    if request.method == "POST" and form.is_valid():
        promise = run_service(
            form,
            lambda: dialogues.dialogue_input_to_promise(
                actor=request.user,
                item=item,
                promise_set=form.cleaned_data["promise_set"],
                parties=list(form.cleaned_data["parties"]),
                text=form.cleaned_data["text"],
            ),
        )
        if promise:
            messages.success(request, _("The input became a promise draft."))
            return redirect("dialogue:dialogue_detail", slug=slug, pk=dialogue.pk)
    return form_page(
        request,
        "dialogue/dialogue_form.html",
        dialogue.council,
        form,
        title=_("Make the input a promise draft"),
        dialogue=dialogue,
        item=item,
        submit_label=_("Add the promise"),
    )


D = "councils/<slug:slug>/dialogues/"
urlpatterns: list[URLPattern] = [
    path(D, dialogue_list, name="dialogue_list"),
    path(f"{D}new/", dialogue_create, name="dialogue_create"),
    path(f"{D}<int:pk>/", dialogue_detail, name="dialogue_detail"),
    path(f"{D}<int:pk>/edit/", dialogue_edit, name="dialogue_edit"),
    path(f"{D}<int:pk>/delete/", dialogue_delete, name="dialogue_delete"),
    path(f"{D}<int:pk>/inputs/new/", dialogue_input_add, name="dialogue_input_add"),
    path(
        f"{D}<int:pk>/inputs/<int:input_pk>/edit/", dialogue_input_edit, name="dialogue_input_edit"
    ),
    path(
        f"{D}<int:pk>/inputs/<int:input_pk>/delete/",
        dialogue_input_delete,
        name="dialogue_input_delete",
    ),
    path(
        f"{D}<int:pk>/inputs/<int:input_pk>/activity/",
        dialogue_input_to_activity,
        name="dialogue_input_to_activity",
    ),
    path(
        f"{D}<int:pk>/inputs/<int:input_pk>/promise/",
        dialogue_input_to_promise,
        name="dialogue_input_to_promise",
    ),
]
