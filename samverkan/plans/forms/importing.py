"""Forms of the import of plan documents: the upload with its options, and the mapping of the
names the document uses to the council's organisations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.core.importing.limits import MAX_IMPORT_BYTES
from samverkan.organisations.models import Organisation
from samverkan.plans.services.importing import CREATE, Mapping
from samverkan.plans.services.promises import MAX_YEAR, MIN_YEAR

KIND_CHOICES = [
    ("", _("Recognise it")),
    ("agreement", _("Cooperation agreement")),
    ("promises", _("Citizen promises")),
    ("plan", _("Implementation plan")),
]
UPLOAD_SUFFIXES = (".txt", ".docx", ".pdf", ".xlsx", ".csv", ".tsv")


class DocumentOptionsForm(forms.Form):
    """How to read the document: its kind and the year, if the document does not say."""

    kind = forms.ChoiceField(label=_("Kind of document"), choices=KIND_CHOICES, required=False)
    year = forms.IntegerField(
        label=_("Year"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        required=False,
        help_text=_("For a plan that does not say its year."),
    )
    # The year of the meeting an attachment comes from, used when the document says none.
    default_year = forms.IntegerField(
        min_value=MIN_YEAR, max_value=MAX_YEAR, required=False, widget=forms.HiddenInput
    )


class DocumentUploadForm(DocumentOptionsForm):
    file = forms.FileField(
        label=_("Document"),
        help_text=_(
            "Plain text, Word (.docx), PDF (a scan is read by text recognition), Excel (.xlsx) "
            "or CSV, at most 20 MB. "
            "A plan's table needs the columns Aktivitet and Ansvarig; Status is optional."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_SUFFIXES)}),
    )
    field_order = ["file", "kind", "year"]

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        if not str(upload.name).lower().endswith(UPLOAD_SUFFIXES):
            raise forms.ValidationError(
                _("Choose a text, Word, PDF, Excel or CSV file (.txt, .docx, .pdf, .xlsx, .csv).")
            )
        return upload


class NameMappingForm(forms.Form):
    """What each responsible name the council does not know means: one of its organisations,
    or a new organisation of that name."""

    remember = forms.BooleanField(
        label=_("Remember each name as another name of the organisation chosen"),
        required=False,
        initial=True,
    )

    def __init__(
        self, *args: Any, names: list[str], organisations: list[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.names = names
        for i, name in enumerate(names):
            self.fields[f"map_{i}"] = forms.ChoiceField(
                label=name,
                required=False,
                choices=[
                    ("", _("Choose…")),
                    (CREATE, _("Create a new organisation named “%(name)s”") % {"name": name}),
                    *((str(o.pk), o.name) for o in organisations),
                ],
            )
        self.order_fields([*(f"map_{i}" for i in range(len(names))), "remember"])

    def mapping(self) -> Mapping:
        """The choices made so far (a name left unchosen is not in it)."""
        chosen: Mapping = {}
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        for i, name in enumerate(self.names):
            value = data.get(f"map_{i}") or ""
            if value == CREATE:
                chosen[name] = CREATE
            elif value.isdigit():
                chosen[name] = int(value)
        return chosen

    def map_fields(self) -> list[forms.BoundField]:
        return [self[f"map_{i}"] for i in range(len(self.names))]
