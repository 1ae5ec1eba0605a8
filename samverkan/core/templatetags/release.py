from __future__ import annotations

from django import template

import samverkan

register = template.Library()


@register.simple_tag
def release_version() -> str:
    """The installed package's version, for the footer."""
    return samverkan.__version__
