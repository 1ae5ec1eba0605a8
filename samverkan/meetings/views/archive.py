"""The archive pages: search in every year's items and decisions, and the decision register.

Both read GET parameters through a filter form: a value that does not validate is shown as an
error and left out of the filter, so a stale or edited link never gives a server error.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from samverkan.accounts.access import Capability, access_council, can, council_context
from samverkan.core.pages import paginate
from samverkan.meetings import search
from samverkan.meetings.models import DecisionKind
from samverkan.meetings.selectors.archive import decisions_of
from samverkan.meetings.selectors.meetings import meeting_years
from samverkan.organisations.models import Body, Council


class ArchiveFilterForm(forms.Form):
    """Body and year, both optional; the choices are the council's own."""

    def __init__(self, data: QueryDict, *, council: Council) -> None:
        super().__init__(data)
        self.fields["body"] = forms.ModelChoiceField(
            label=_("Body"),
            queryset=Body.objects.filter(council=council).order_by("name", "id"),
            required=False,
            empty_label=_("All bodies"),
        )
        years = [("", _("All years")), *((y, str(y)) for y in meeting_years(council))]
        self.fields["year"] = forms.TypedChoiceField(
            label=_("Year"), choices=years, coerce=int, required=False, empty_value=None
        )
        self.order_fields(["q", "body", "year", "kind"])

    def valid_values(self) -> dict[str, Any]:
        """The values that validated; an invalid one is dropped (its error stays on the form)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}


class ArchiveSearchForm(ArchiveFilterForm):
    q = forms.CharField(label=_("Search for"), required=False)


class DecisionFilterForm(ArchiveFilterForm):
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *DecisionKind.choices],
    )


@login_required
def archive_search(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    form = ArchiveSearchForm(request.GET, council=council)
    values = form.valid_values()
    query = values.get("q", "")
    page = paginate(
        request,
        search.search_items(
            council,
            query,
            body=values.get("body"),
            year=values.get("year"),
            restricted=can(request.user, council, Capability.VIEW_RESTRICTED),
        ),
    )
    snippets = search.search_snippets(list(page), query)
    hits = [(item, snippets.get(item.pk, "")) for item in page]
    return render(
        request,
        "meetings/archive_search.html",
        {
            **council_context(request.user, council),
            "form": form,
            "query": query,
            "page": page,
            "hits": hits,
        },
    )


@login_required
def decision_register(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    form = DecisionFilterForm(request.GET, council=council)
    values = form.valid_values()
    page = paginate(
        request,
        decisions_of(
            council,
            body=values.get("body"),
            year=values.get("year"),
            kind=values.get("kind"),
            restricted=can(request.user, council, Capability.VIEW_RESTRICTED),
        ),
    )
    return render(
        request,
        "meetings/decision_register.html",
        {**council_context(request.user, council), "form": form, "page": page},
    )
