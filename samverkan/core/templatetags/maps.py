"""The map tiles of the site, for components/map_input.html."""

from __future__ import annotations

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def map_tiles_url() -> str:
    """The tile URL template, or "" for a map of the named places only (nothing leaves the site)."""
    return str(settings.MAP_TILES_URL)
