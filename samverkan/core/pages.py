"""Pagination and form handling shared by every list and form view."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict
from django.utils.http import url_has_allowed_host_and_scheme

from samverkan.core.errors import ServiceError

T = TypeVar("T")


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
