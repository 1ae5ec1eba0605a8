"""The lägesbild's template filters: a count as its reader may see it."""

from __future__ import annotations

from django import template

from samverkan.insights.selectors.dashboard import public_count

register = template.Library()


@register.filter
def shown_count(count: int, public: bool) -> str:
    """On the public page a count of 1 to 4 reads "<5", as on the public incident overview, so
    that no single event can be picked out."""
    return public_count(count) if public else str(count)
