"""The form of the import of an earlier survey's results."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.dialogue.forms.builder import SurveyDateField


class ImportForm(forms.Form):
    title = forms.CharField(
        label=_("Name of the earlier survey"), max_length=200, initial="Trygghetsenkät"
    )
    held_on = SurveyDateField(label=_("Held on"), required=False)
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: question; answer; count; area (area may be empty)."),
    )
