"""Helpers of the page layout: the summary of a filter that folds away on a phone."""

from __future__ import annotations

from django import forms, template

register = template.Library()


@register.filter
def active_filters(form: forms.Form | None) -> int:
    """How many of a filter form's fields the visitor has set (`{{ form|active_filters }}`).

    Counts what was sent, not what was cleaned, so a filter with an error counts too; the
    form's hidden fields (the board or table view) are not filters.
    """
    if form is None or not form.is_bound:
        return 0
    count = 0
    for field in form.visible_fields():
        value = form.data.getlist(field.html_name) if hasattr(form.data, "getlist") else None
        if value is None:
            value = [form.data.get(field.html_name)]
        if any(str(item).strip() for item in value if item is not None):
            count += 1
    return count
