"""The council keeps its category tree and its named places."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverkan.accounts.access import Capability, access_council, council_context
from samverkan.core.audit import history_of
from samverkan.core.pages import paginate, posted, run_service
from samverkan.incidents import selectors
from samverkan.incidents.forms import AddressRegisterForm, CategoryForm, PlaceForm
from samverkan.incidents.services import categories as services
from samverkan.incidents.services.addresses import address_register_import
from samverkan.organisations.models import Council


def _form_page(
    request: HttpRequest, council: Council, form: Any, title: str, back: str, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "incidents/setup_form.html",
        {
            **council_context(request.user, council),
            "form": form,
            "title": title,
            "back": back,
            **extra,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def category_list(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    if request.method == "POST":
        created = services.categories_ensure_defaults(actor=request.user, council=council)
        count = len(created)
        messages.success(
            request,
            ngettext(
                "%(count)d default category was added.",
                "%(count)d default categories were added.",
                count,
            )
            % {"count": count},
        )
        return redirect("incidents:category_list", slug=slug)
    return render(
        request,
        "incidents/category_list.html",
        {**council_context(request.user, council), "tree": selectors.category_tree(council)},
    )


@login_required
def category_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    form = CategoryForm(posted(request), council=council)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(
            form,
            lambda: services.category_create(
                actor=request.user,
                council=council,
                name=data["name"],
                parent=data["parent"],
                position=data["position"],
            ),
        ):
            messages.success(request, _("The category was saved."))
            return redirect("incidents:category_list", slug=slug)
    return _form_page(request, council, form, _("New category"), "incidents:category_list")


@login_required
def category_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    category = selectors.category_in(council, pk)
    initial = {"name": category.name, "parent": category.parent_id, "position": category.position}
    form = CategoryForm(posted(request), council=council, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(
            form,
            lambda: services.category_update(
                actor=request.user,
                category=category,
                name=data["name"],
                parent=data["parent"],
                position=data["position"],
            ),
        ):
            messages.success(request, _("The category was saved."))
            return redirect("incidents:category_list", slug=slug)
    return _form_page(
        request,
        council,
        form,
        _("Change category"),
        "incidents:category_list",
        history=history_of(category),
    )


@login_required
def place_list(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    page = paginate(request, selectors.places_of(council))
    return render(
        request,
        "incidents/place_list.html",
        {**council_context(request.user, council), "page": page},
    )


@login_required
def address_register(request: HttpRequest, slug: str) -> HttpResponse:
    """The council's address register: how many addresses it holds, and a file to replace it."""
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    form = AddressRegisterForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        count = run_service(
            form,
            lambda: address_register_import(
                actor=request.user, council=council, filename=upload.name, data=upload.read()
            ),
        )
        if count:
            messages.success(
                request,
                ngettext(
                    "The register now holds %(count)d address.",
                    "The register now holds %(count)d addresses.",
                    count,
                )
                % {"count": count},
            )
            return redirect("incidents:address_register", slug=slug)
    return render(
        request,
        "incidents/address_register.html",
        {
            **council_context(request.user, council),
            "form": form,
            "count": selectors.address_count(council),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def place_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    form = PlaceForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(
            form,
            lambda: services.place_create(
                actor=request.user,
                council=council,
                name=data["name"],
                kind=data["kind"],
                geometry=data["geometry"],
            ),
        ):
            messages.success(request, _("The place was saved."))
            return redirect("incidents:place_list", slug=slug)
    return _form_page(request, council, form, _("New place"), "incidents:place_list")


@login_required
def place_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    place = selectors.place_in(council, pk)
    initial = {"name": place.name, "kind": place.kind, "geometry": json.dumps(place.geometry)}
    form = PlaceForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(
            form,
            lambda: services.place_update(
                actor=request.user,
                place=place,
                name=data["name"],
                kind=data["kind"],
                geometry=data["geometry"],
            ),
        ):
            messages.success(request, _("The place was saved."))
            return redirect("incidents:place_list", slug=slug)
    return _form_page(
        request, council, form, _("Change place"), "incidents:place_list", history=history_of(place)
    )


c = "councils/<slug:slug>/incidents/"
urlpatterns = [
    path(c + "categories/", category_list, name="category_list"),
    path(c + "categories/new/", category_create, name="category_create"),
    path(c + "categories/<int:pk>/", category_edit, name="category_edit"),
    path(c + "places/", place_list, name="place_list"),
    path(c + "places/addresses/", address_register, name="address_register"),
    path(c + "places/new/", place_create, name="place_create"),
    path(c + "places/<int:pk>/", place_edit, name="place_edit"),
]
