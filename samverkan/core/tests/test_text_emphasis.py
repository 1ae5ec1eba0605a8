"""Imported text shows Markdown's emphasis as emphasis, never raw asterisks, and nothing else of
it becomes markup."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from samverkan.core.templatetags.text import emphasised, with_emphasis

SEED = (
    "Genom medborgarlöften ska medborgar- och medarbetarperspektivet tas tillvara. "
    "*Medborgarna ska lokalt involveras och löftena ska innehålla det som medborgarna upplever "
    "som problem.*"
)


def test_the_seeds_emphasis_is_shown_without_asterisks():
    html = str(with_emphasis(SEED))
    assert "*" not in html
    assert "<em>Medborgarna ska lokalt involveras" in html
    assert "som problem.</em>" in html


def test_strong_and_lone_asterisks():
    assert emphasised("**Viktigt:** 5 * 3 = 15") == "<strong>Viktigt:</strong> 5 * 3 = 15"
    assert emphasised("Bilaga* och * fotnot") == "Bilaga* och * fotnot"


def test_markup_in_the_text_stays_text():
    html = str(with_emphasis("*<script>alert(1)</script>*"))
    assert "<script>" not in html
    assert "<em>&lt;script&gt;alert(1)&lt;/script&gt;</em>" in html


@given(st.text(max_size=300))
def test_no_text_becomes_other_markup(text):
    html = emphasised(text)
    stripped = html.replace("<em>", "").replace("</em>", "")
    stripped = stripped.replace("<strong>", "").replace("</strong>", "")
    assert "<" not in stripped
