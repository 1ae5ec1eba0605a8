"""Numbers as Swedish readers expect them in tables and documents: 325 000, not 325000."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def thousands(value: object) -> object:
    """An integer with a no-break space between each group of three digits; other values as
    they are (an empty cost stays empty)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return value
    return f"{value:,}".replace(",", "\u00a0")
