"""Forms of the cooperation agreement and its parts: commitments, parties, governance bodies,
signatories."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.organisations.models import Body, Council, Organisation, Person
from samverkan.plans.forms.activities import PlanDateField
from samverkan.plans.models import GovernanceKind, Party

LONG_TEXT = 20_000


def long_text(label: Any, rows: int = 4, **kwargs: Any) -> forms.CharField:
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
    purpose = long_text(_("Purpose"))
    method = long_text(_("Method and organisation"))
    current_picture = long_text(_("Current picture"))
    commitments_intro = long_text(_("Introduction to the commitments"), rows=2)
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


class PromiseSignatoryForm(SignatoryForm):
    """A signatory of citizen promises: the party it signs for and the person whose login
    signs in the platform; the name is the person's unless written."""

    field_order = ["party", "person", "name", "title", "organisation_name"]

    party = forms.ChoiceField(label=_("Signs for"), choices=Party.choices)
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.none(),
        help_text=_("The person signs by signing in with the login linked to them."),
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (narrows the type)
        field.queryset = Person.objects.filter(councils=council, user__isnull=False).order_by(
            "name"
        )
