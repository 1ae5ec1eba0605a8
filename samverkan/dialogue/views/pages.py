"""What the dialogue pages share: the council's page context, a page with one form, and the
question before removing something."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from samverkan.accounts.access import council_context
from samverkan.organisations.models import Council


def council_page(request: HttpRequest, council: Council, **extra: Any) -> dict[str, Any]:
    """The context of a page of the council: its menu and the viewer's capabilities, and extra."""
    return {**council_context(request.user, council), **extra}


def form_page(
    request: HttpRequest,
    template: str,
    council: Council,
    form: Any,
    *,
    title: str,
    submit_label: str = "",
    **extra: Any,
) -> HttpResponse:
    """A page with one form; 400 when a posted form has errors."""
    return render(
        request,
        template,
        council_page(
            request,
            council,
            form=form,
            page_title=title,
            submit_label=submit_label or _("Save"),
            **extra,
        ),
        status=400 if form.is_bound and form.errors else 200,
    )


def confirm_delete_page(
    request: HttpRequest, council: Council, *, heading: str, text: str, back: str, back_label: str
) -> HttpResponse:
    """The question before removing; the form posts back to the same address."""
    return render(
        request,
        "core/confirm_delete.html",
        council_page(
            request, council, heading=heading, text=text, back=back, back_label=back_label
        ),
    )
