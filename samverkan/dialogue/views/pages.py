"""What the dialogue pages share: the council's page context, and the council's pages with one
form or with the question before removing something (rendered by `core.pages`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from samverkan.accounts.access import council_context
from samverkan.core import pages
from samverkan.organisations.models import Council


def council_page(request: HttpRequest, council: Council, **extra: Any) -> dict[str, Any]:
    """The context of a page of the council: its menu and the viewer's capabilities, and extra."""
    return {**council_context(request.user, council), **extra}


def form_page(
    request: HttpRequest,
    template: str,
    council: Council,
    form: forms.BaseForm,
    *,
    title: str,
    submit_label: str = "",
    **extra: Any,
) -> HttpResponse:
    """A page of the council with one form; 400 when a posted form has errors."""
    context = council_page(
        request, council, page_title=title, submit_label=submit_label or _("Save"), **extra
    )
    return pages.form_page(request, template, context, form=form)


def confirm_delete_page(
    request: HttpRequest, council: Council, *, heading: str, text: str, back: str, back_label: str
) -> HttpResponse:
    """The question before removing; the form posts back to the same address."""
    return pages.confirm_delete_page(
        request,
        council_page(request, council),
        heading=heading,
        text=text,
        back=back,
        back_label=back_label,
    )
