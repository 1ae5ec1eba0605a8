from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.meetings.importers import MAX_IMPORT_BYTES


class MinutesUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Minutes or notice"),
        help_text=_("Plain text, Word (.docx) or PDF with text, at most 20 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".txt,.docx,.pdf,text/plain,application/pdf"}
        ),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload
