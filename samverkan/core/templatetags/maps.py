"""The base map of the site, for every map's element (components/map_input.html, the
dashboard's maps): its tile URL template, credit line and zoom range as data attributes."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from samverkan.core.tiles import base_map

register = template.Library()


@register.simple_tag
def base_map_attributes() -> SafeString:
    """data-tiles-url, data-tiles-attribution, data-tiles-min-zoom and data-tiles-max-zoom for a
    map's element; the scripts draw the base map from them (none when the URL is empty)."""
    tiles = base_map()
    return format_html(
        'data-tiles-url="{}" data-tiles-attribution="{}" data-tiles-min-zoom="{}" '
        'data-tiles-max-zoom="{}" data-tiles-source="{}"',
        tiles.url,
        tiles.attribution,
        tiles.min_zoom,
        tiles.max_zoom,
        tiles.source,
    )


@register.simple_tag
def base_map_service() -> str:
    """The origin of the external tile service the maps draw from, "" when the tiles are the
    platform's own or there are none (the privacy page names the service)."""
    tiles = base_map()
    if tiles.source != "service":
        return ""
    parts = urlsplit(tiles.url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else tiles.url


@register.simple_tag
def base_map_missing() -> bool:
    """Whether the maps have no base map (the coordinator's map page says how to add one)."""
    return base_map().source == "none"
