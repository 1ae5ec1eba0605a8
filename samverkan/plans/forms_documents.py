"""Forms of the document pages: the agreement and its parts, the citizen promises, the
activities that fulfil a promise, the import of a document, and its mapping of names."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.meetings.importers import MAX_IMPORT_BYTES
from samverkan.organisations.models import Body, Council, Organisation
from samverkan.plans.forms import PlanDateField
from samverkan.plans.models import Activity, Agreement, GovernanceKind, Party
from samverkan.plans.services.documents import MAX_YEAR, MIN_YEAR
from samverkan.plans.services.importing import CREATE, Mapping

LONG_TEXT = 20_000


def _text(label: Any, rows: int = 4, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=LONG_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


class AgreementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    signed_on = PlanDateField(label=_("Date"), required=False)
    place = forms.CharField(label=_("Place"), max_length=100, required=False)
    valid_from = PlanDateField(label=_("Valid from"), required=False)
    valid_to = PlanDateField(label=_("Valid to"), required=False)
    purpose = _text(_("Purpose"))
    method = _text(_("Method and organisation"))
    current_picture = _text(_("Current picture"))
    commitments_intro = _text(_("Introduction to the commitments"), rows=2)
    enclosures = forms.CharField(
        label=_("Enclosures"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, e.g. “Bilaga 1 Genomförandeplan”."),
    )

    def clean_enclosures(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["enclosures"].splitlines() if line.strip()
        ]


class CommitmentForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=999, required=False)
    text = forms.CharField(
        label=_("Commitment"), max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )


class PartyForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    name = forms.CharField(
        label=_("Name in the agreement"),
        max_length=200,
        required=False,
        help_text=_("Left empty, the organisation's name is used."),
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (narrows the type)
        field.queryset = Organisation.objects.filter(council=council)


class GovernanceBodyForm(forms.Form):
    name = forms.CharField(
        label=_("Name in the agreement"),
        max_length=200,
        required=False,
        help_text=_("E.g. “styrgrupp (Brå AU)”. Left empty, the body's name is used."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=GovernanceKind.choices)
    body = forms.ModelChoiceField(
        label=_("Body of the council"), queryset=Body.objects.none(), required=False
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["body"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (narrows the type)
        field.queryset = Body.objects.filter(council=council)


class SignatoryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        required=False,
        help_text=_("E.g. kommunchef, lokalpolisområdeschef."),
    )
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)


class PromiseSetForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    year = forms.IntegerField(
        label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR, required=False
    )
    valid_from = PlanDateField(label=_("Valid from"), required=False)
    valid_to = PlanDateField(
        label=_("Valid to"),
        required=False,
        help_text=_("Usually a year; sometimes two, e.g. 2018-07-01 to 2020-06-30."),
    )
    background = _text(_("Background"))
    current_picture = _text(_("Current picture"))
    dialogues = _text(_("Citizen dialogues"))
    intro = _text(_("Introduction to the promises"), rows=2)
    signed_on = PlanDateField(label=_("Date of signing"), required=False)
    place = forms.CharField(label=_("Place"), max_length=100, required=False)
    agreement = forms.ModelChoiceField(
        label=_("Cooperation agreement"), queryset=Agreement.objects.none(), required=False
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agreement"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (narrows the type)
        field.queryset = Agreement.objects.filter(council=council)


class PromiseForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=999, required=False)
    text = forms.CharField(
        label=_("Promise"), max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    parties = forms.MultipleChoiceField(
        label=_("Who promises"),
        choices=Party.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=list(Party.values),
    )
    joint = forms.BooleanField(label=_("Joint promise"), required=False)


class ActivityChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        text = str(obj.text)
        return f"{obj.plan.year} · {obj.position + 1}. {text[:120]}{'…' if len(text) > 120 else ''}"


class PromiseActivitiesForm(forms.Form):
    activities = ActivityChoiceField(
        label=_("Activities that fulfil the promise"),
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["activities"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101 (narrows the type)
        field.queryset = choices


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
            "Plain text, Word (.docx), PDF with text, Excel (.xlsx) or CSV, at most 20 MB. "
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
