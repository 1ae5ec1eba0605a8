"""A coordinator's pages for the council's webhooks: the list, a new one (its secret shown once),
editing, removing, the delivery log and "send a test event". Everything needs manage_webhooks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.access import Capability, access_council, council_context
from samverkan.core.pages import confirm_delete_page, form_page, paginate, posted, saved
from samverkan.webhooks import services
from samverkan.webhooks.forms import WebhookEditForm, WebhookForm
from samverkan.webhooks.selectors import deliveries_of, webhook_of, webhooks_of

NEED = Capability.MANAGE_WEBHOOKS
FORM = "webhooks/webhook_form.html"
# The secret of a webhook just created, kept in the session for its page to show once.
NEW_SECRET = "webhook_new_secret"  # noqa: S105 (a session key)


@login_required
def webhook_list(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=NEED)
    page = paginate(request, webhooks_of(council))
    return render(
        request,
        "webhooks/webhook_list.html",
        {**council_context(request.user, council), "page": page, "webhooks": page.object_list},
    )


@login_required
def webhook_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=NEED)
    form = WebhookForm(posted(request))
    made: dict[str, object] = {}

    def create() -> object:
        webhook, secret = services.webhook_create(
            actor=request.user,
            council=council,
            name=form.cleaned_data["name"],
            url=form.cleaned_data["url"],
            events=form.cleaned_data["events"],
            secret=form.cleaned_data["secret"],
        )
        made.update(pk=webhook.pk, secret=secret)
        return webhook

    if saved(request, form, create, _("The webhook was registered.")):
        request.session[NEW_SECRET] = {"pk": made["pk"], "secret": made["secret"]}
        return redirect("webhooks:webhook_detail", slug=slug, pk=made["pk"])
    context = {**council_context(request.user, council), "title": _("New webhook")}
    return form_page(request, FORM, context, form=form)


@login_required
def webhook_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The webhook and its delivery log, newest first."""
    council = access_council(request.user, slug, need=NEED)
    webhook = webhook_of(council, pk)
    new_secret = ""
    kept = request.session.get(NEW_SECRET)
    if isinstance(kept, dict) and kept.get("pk") == webhook.pk:
        new_secret = str(kept.get("secret", ""))
        del request.session[NEW_SECRET]
    page = paginate(request, deliveries_of(webhook))
    return render(
        request,
        "webhooks/webhook_detail.html",
        {
            **council_context(request.user, council),
            "webhook": webhook,
            "new_secret": new_secret,
            "page": page,
            "deliveries": page.object_list,
        },
    )


@login_required
def webhook_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=NEED)
    webhook = webhook_of(council, pk)
    initial = {
        "name": webhook.name,
        "url": webhook.url,
        "events": webhook.events,
        "active": webhook.active,
    }
    form = WebhookEditForm(posted(request), initial=initial)
    if saved(
        request,
        form,
        lambda: services.webhook_update(
            actor=request.user,
            webhook=webhook,
            name=form.cleaned_data["name"],
            url=form.cleaned_data["url"],
            events=form.cleaned_data["events"],
            active=form.cleaned_data["active"],
            secret=form.cleaned_data["secret"],
        ),
        _("The webhook was saved."),
    ):
        return redirect("webhooks:webhook_detail", slug=slug, pk=webhook.pk)
    context = {
        **council_context(request.user, council),
        "title": _("Edit webhook"),
        "webhook": webhook,
    }
    return form_page(request, FORM, context, form=form)


@login_required
def webhook_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=NEED)
    webhook = webhook_of(council, pk)
    if request.method == "POST":
        services.webhook_delete(actor=request.user, webhook=webhook)
        messages.success(request, _("The webhook was removed."))
        return redirect("webhooks:webhook_list", slug=slug)
    return confirm_delete_page(
        request,
        council_context(request.user, council),
        heading=_("Remove the webhook?"),
        text=_("“%(name)s” gets no more events, and its delivery log is removed.")
        % {"name": webhook.name},
        back=reverse("webhooks:webhook_detail", kwargs={"slug": slug, "pk": webhook.pk}),
        back_label=_("Back to the webhook"),
    )


@login_required
@require_POST
def webhook_test(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Send a test event now; the log shows how it went."""
    council = access_council(request.user, slug, need=NEED)
    webhook = webhook_of(council, pk)
    page = reverse("webhooks:webhook_detail", kwargs={"slug": slug, "pk": webhook.pk})
    services.webhook_send_test(webhook=webhook, path=page)
    messages.success(request, _("A test event was sent. Its delivery is in the log below."))
    return redirect(page)


w = "councils/<slug:slug>/webhooks/"
h = w + "<int:pk>/"
urlpatterns: list[URLPattern] = [
    path(w, webhook_list, name="webhook_list"),
    path(w + "new/", webhook_create, name="webhook_create"),
    path(h, webhook_detail, name="webhook_detail"),
    path(h + "edit/", webhook_edit, name="webhook_edit"),
    path(h + "delete/", webhook_delete, name="webhook_delete"),
    path(h + "test/", webhook_test, name="webhook_test"),
]
