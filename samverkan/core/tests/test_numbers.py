"""Numbers in tables and documents: 325 000, not 325000."""

from __future__ import annotations

from django.template import Context, Template


def render(value):
    return Template("{% load numbers %}{{ value|thousands }}").render(Context({"value": value}))


def test_thousands_are_set_apart_by_a_no_break_space():
    assert render(325000) == "325\u00a0000"
    assert render(1234567) == "1\u00a0234\u00a0567"
    assert render(999) == "999"


def test_an_empty_value_stays_empty():
    assert render(None) == "None"
    assert render("") == ""
