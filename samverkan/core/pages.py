"""What the views share: pagination, form handling, the page with one form, the question
before removing, and fetching one row or "not found"."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from samverkan.core.errors import NotFoundError, ServiceError

T = TypeVar("T")
M = TypeVar("M", bound=Model)


def paginate(
    request: HttpRequest, queryset: QuerySet[Any], per_page: int | None = None
) -> Page[Any]:
    """Return the requested page; an out-of-range or malformed number gives the nearest page."""
    paginator = Paginator(queryset, per_page or settings.PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


def run_service(form: forms.BaseForm, call: Callable[[], T]) -> T | None:
    """Call the service; on a refusal put its message on the form and return None."""
    try:
        return call()
    except ServiceError as exc:
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, str(exc.message))
        return None


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST, also when it is empty (an empty form must fail, not reset)."""
    return request.POST if request.method == "POST" else None


_ID = re.compile(r"[0-9]{1,18}")


def parse_id(raw: object) -> int | None:
    """A database id from user input: ASCII digits only, within a 64-bit integer, else None.

    str.isdigit() is not enough: it accepts "²", which int() refuses.
    """
    text = str(raw or "")
    return int(text) if _ID.fullmatch(text) else None


def redirect_target(request: HttpRequest, fallback: str) -> str:
    """Where to go after a form: the posted (or asked) `next` when it is a path on this site.

    Anything else falls back: another host or scheme, a malformed URL, and the page asked for
    itself (the login page sending a logged-in visitor to the login page loops).
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target
        and target.split("?", 1)[0] != request.path
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return fallback


def one_or_not_found(queryset: QuerySet[M], **filters: object) -> M:
    """The first row of the queryset matching the filters, else NotFoundError.

    Scope the queryset to what the viewer may see: a row of another council is then as
    missing as one that does not exist.
    """
    found = queryset.filter(**filters).first()
    if found is None:
        raise NotFoundError
    return found


def saved(
    request: HttpRequest, form: forms.BaseForm, call: Callable[[], object], message: str
) -> bool:
    """Run the service for a valid POST and say so to the user; True when it saved."""
    if request.method != "POST" or not form.is_valid():
        return False
    if run_service(form, call) is None and form.errors:
        return False
    messages.success(request, message)
    return True


def form_page(
    request: HttpRequest, template: str, context: Mapping[str, object], *, form: forms.BaseForm
) -> HttpResponse:
    """A page with one form; 400 when a posted form has errors."""
    return render(
        request,
        template,
        {**context, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


def confirm_delete_page(
    request: HttpRequest,
    context: Mapping[str, object],
    *,
    heading: str,
    text: str,
    back: str,
    back_label: str,
) -> HttpResponse:
    """The question before removing something; its form posts back to the same address."""
    return render(
        request,
        "core/confirm_delete.html",
        {**context, "heading": heading, "text": text, "back": back, "back_label": back_label},
    )
