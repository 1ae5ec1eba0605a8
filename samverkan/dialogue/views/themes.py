"""Pages of the council's dialogue themes: the list with the number of inputs of each, renaming
a theme and merging one into another."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverkan.accounts.access import Capability, access_council
from samverkan.core.pages import paginate, posted, run_service
from samverkan.dialogue.forms.themes import ThemeMergeForm, ThemeRenameForm
from samverkan.dialogue.selectors.themes import theme_in, themes_with_counts
from samverkan.dialogue.services import themes
from samverkan.dialogue.views.pages import council_page, form_page


@login_required
def theme_list(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    page = paginate(request, themes_with_counts(council))
    return render(request, "dialogue/theme_list.html", council_page(request, council, page=page))


@login_required
def theme_rename(request: HttpRequest, slug: str, theme_pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    theme = theme_in(council, theme_pk)
    form = ThemeRenameForm(posted(request), initial={"name": theme.name})
    if request.method == "POST" and form.is_valid():
        renamed = run_service(
            form,
            lambda: themes.theme_rename(
                actor=request.user, theme=theme, name=form.cleaned_data["name"]
            ),
        )
        if renamed:
            messages.success(request, _("The theme was renamed."))
            return redirect("dialogue:theme_list", slug=slug)
    return form_page(
        request,
        "dialogue/theme_form.html",
        council,
        form,
        title=_("Rename the theme “%(name)s”") % {"name": theme.name},
        submit_label=_("Rename"),
        theme=theme,
    )


@login_required
def theme_merge(request: HttpRequest, slug: str, theme_pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    theme = theme_in(council, theme_pk)
    form = ThemeMergeForm(posted(request), theme=theme)
    if request.method == "POST" and form.is_valid():
        moved = run_service(
            form,
            lambda: themes.theme_merge(
                actor=request.user, theme=theme, into=form.cleaned_data["into"]
            ),
        )
        if moved is not None:
            messages.success(
                request,
                ngettext(
                    "The theme “%(name)s” was merged into “%(into)s”; %(count)s input moved.",
                    "The theme “%(name)s” was merged into “%(into)s”; %(count)s inputs moved.",
                    moved,
                )
                % {"name": theme.name, "into": form.cleaned_data["into"].name, "count": moved},
            )
            return redirect("dialogue:theme_list", slug=slug)
    return form_page(
        request,
        "dialogue/theme_form.html",
        council,
        form,
        title=_("Merge the theme “%(name)s”") % {"name": theme.name},
        submit_label=_("Merge"),
        theme=theme,
    )


T = "councils/<slug:slug>/dialogues/themes/"
urlpatterns: list[URLPattern] = [
    path(T, theme_list, name="theme_list"),
    path(f"{T}<int:theme_pk>/rename/", theme_rename, name="theme_rename"),
    path(f"{T}<int:theme_pk>/merge/", theme_merge, name="theme_merge"),
]
