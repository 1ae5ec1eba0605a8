"""The layout's helpers: a folded filter says how many of its fields are in use."""

from __future__ import annotations

from django import forms
from django.http import QueryDict
from django.template import Context, Template
from django.utils import translation

from samverkan.core.templatetags.layout import active_filters


class _Filter(forms.Form):
    q = forms.CharField(required=False)
    kinds = forms.MultipleChoiceField(required=False, choices=[("a", "A"), ("b", "B")])
    year = forms.IntegerField(required=False)
    view = forms.CharField(required=False, widget=forms.HiddenInput)


def test_counts_the_fields_the_visitor_filled_in():
    form = _Filter(QueryDict("q=brand&kinds=a&kinds=b&year=&view=board&page=2"))
    assert active_filters(form) == 2


def test_a_value_with_an_error_counts_and_blanks_do_not():
    assert active_filters(_Filter(QueryDict("year=inte-ett-år"))) == 1
    assert active_filters(_Filter(QueryDict("q=+++&year="))) == 0
    assert active_filters(_Filter()) == 0
    assert active_filters(None) == 0


def test_the_summary_names_the_filters_in_use():
    template = Template('{% include "components/filters_summary.html" with form=form %}')
    with translation.override("en"):
        folded = template.render(Context({"form": _Filter(QueryDict("q=brand"))}))
        unused = template.render(Context({"form": _Filter(QueryDict(""))}))
    assert "<summary>Filters" in folded
    assert "(1 in use)" in folded
    assert "in use" not in unused
    with translation.override("sv"):
        swedish = template.render(Context({"form": _Filter(QueryDict("q=brand&year=2026"))}))
    assert "<summary>Filter" in swedish
    assert "(2 används)" in swedish
