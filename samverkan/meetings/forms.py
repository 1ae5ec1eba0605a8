from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samverkan.core.importing.limits import MAX_IMPORT_BYTES
from samverkan.meetings.models import AgendaItem, AgendaTemplateItem, DecisionKind, ItemRecordKind
from samverkan.meetings.services import agenda_template, item_files
from samverkan.organisations.models import Body, Council


class MinutesUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Minutes or notice"),
        help_text=_(
            "Plain text, Word (.docx) or PDF (a scan is read by text recognition), or a ZIP "
            "archive of many such files, at most 20 MB."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".txt,.docx,.pdf,.zip,text/plain,application/pdf,application/zip"}
        ),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d", attrs={"min": "1900-01-01", "max": "2100-12-31"})


class MeetingDateField(forms.DateField):
    """A meeting's date: between 1900 and 2100, which every calendar and document can show."""

    widget = DateInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            validators=[
                MinValueValidator(dt.date(1900, 1, 1)),
                MaxValueValidator(dt.date(2100, 12, 31)),
            ],
            **kwargs,
        )


class MinutesCorrectionsForm(forms.Form):
    """The front page of imported minutes as the preview shows it, to correct before saving:
    the fields the parser guessed are marked, and what the secretary types is what is saved."""

    date = MeetingDateField(label=_("Date"))
    start = forms.TimeField(label=_("Starts"), required=False, widget=TimeInput())
    end = forms.TimeField(label=_("Ends"), required=False, widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)

    def __init__(self, *args: Any, guessed: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        marks = {"date": ("date",), "time": ("start", "end"), "place": ("place",)}
        self.guessed = [name for key, names in marks.items() if key in guessed for name in names]
        for name in self.guessed:
            self.fields[name].help_text = _("Guessed from the layout: check it.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The meeting cannot end before it starts."))
        return data


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none())
    date = MeetingDateField(label=_("Date"))
    start_time = forms.TimeField(label=_("Starts"), required=False, widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends"), required=False, widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(  # type: ignore[attr-defined]
            council=council, ended_on__isnull=True
        )


class ScheduleRowForm(MeetingForm):
    """One row of a year's schedule; an entirely empty row is skipped."""

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, council=council, **kwargs)
        for field in self.fields.values():
            field.required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if any(data.get(name) for name in ("date", "start_time", "end_time", "place")):
            if not data.get("body"):
                self.add_error("body", _("Choose the body."))
            if not data.get("date"):
                self.add_error("date", _("Give the date."))
        return data


class MeetingFactsForm(forms.Form):
    date = MeetingDateField(label=_("Date"))
    start_time = forms.TimeField(label=_("Starts"), required=False, widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends"), required=False, widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    presenter = forms.CharField(label=_("Presenter"), max_length=200, required=False)
    planned_time = forms.TimeField(label=_("Planned time"), required=False, widget=TimeInput())
    reference = forms.CharField(label=_("Reference number (Dnr)"), max_length=60, required=False)
    text = forms.CharField(
        label=_("Text"), required=False, max_length=50_000, widget=forms.Textarea(attrs={"rows": 5})
    )
    not_for_publication = forms.BooleanField(
        label=_("Not for publication (masked in every public version)"), required=False
    )
    adjusted_immediately = forms.BooleanField(label=_("Adjusted at the meeting"), required=False)


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=_("Decision"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "One att-clause, e.g. Rådet beslutar att notera informationen till protokollet."
        ),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Read from the text")), *DecisionKind.choices],
    )


class ItemRecordForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemRecordKind.choices)
    name = forms.CharField(label=_("Who"), max_length=200, required=False)
    text = forms.CharField(
        label=_("Text"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class GuestForm(forms.Form):
    name = forms.CharField(label=_("Guest's name"), max_length=200)
    affiliation = forms.CharField(label=_("Affiliation"), max_length=300, required=False)


class SignaturesForm(forms.Form):
    secretary = forms.CharField(label=_("Secretary"), max_length=200, required=False)
    chair = forms.CharField(label=_("Chair"), max_length=200, required=False)
    adjusters = forms.CharField(
        label=_("Adjusters"),
        max_length=1000,
        required=False,
        help_text=_("One name per line, as chosen at the meeting."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are the adjusted minutes corrected?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


if TYPE_CHECKING:
    ItemField = forms.ModelChoiceField[AgendaItem]
else:  # the form field is not subscriptable at run time
    ItemField = forms.ModelChoiceField


class ItemChoiceField(ItemField):
    """An agenda item, named with its meeting when the items are of several meetings."""

    def __init__(self, *args: Any, with_meeting: bool = False, **kwargs: Any) -> None:
        self.with_meeting = with_meeting
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        label = f"§ {obj.number} {obj.title}"
        if self.with_meeting:
            meeting = obj.meeting
            return f"{meeting.body.name} {meeting.date:%Y-%m-%d}: {label}"
        return label


class AttachForm(forms.Form):
    """The agenda item a rendered report is attached to (`services.item_files.document_attach`)."""

    item = ItemChoiceField(
        label=_("Agenda item"),
        queryset=AgendaItem.objects.none(),
        empty_label=None,
        help_text=_("The report is stored as one of the item's files, so it goes with the notice."),
    )

    def __init__(
        self, *args: Any, items: QuerySet[AgendaItem], with_meeting: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["item"]
        assert isinstance(field, ItemChoiceField)  # noqa: S101 (narrows the type)
        field.queryset = items
        field.with_meeting = with_meeting


# The notice's preparation: standard items and the files of items ---------------------------


class TemplateItemForm(forms.Form):
    placement = forms.ChoiceField(
        label=_("Where on the agenda"), choices=AgendaTemplateItem.Placement.choices
    )
    title = forms.CharField(label=_("Title"), max_length=agenda_template.TITLE_MAX_LENGTH)


class TemplateTitleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=agenda_template.TITLE_MAX_LENGTH)


class ItemFileForm(forms.Form):
    # Empty files reach the service, which says why they are refused.
    file = forms.FileField(
        label=_("File"),
        allow_empty_file=True,
        help_text=_("PDF, Word (.docx), Excel (.xlsx), PNG or JPEG, at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": item_files.ACCEPT_ATTRIBUTE}),
    )
