from __future__ import annotations

from typing import Any

from django import template
from django.apps import apps

from samverkan.core.audit import labelled_changes
from samverkan.core.models import AuditEvent

register = template.Library()


@register.filter
def changes(event: AuditEvent) -> list[tuple[str, Any, Any]]:
    """The event's changed fields with their labels in the current language."""
    try:
        model = apps.get_model(event.model)
    except (LookupError, ValueError):
        return [(name, old, new) for name, (old, new) in event.changes.items()]
    return list(labelled_changes(model, event.changes))
