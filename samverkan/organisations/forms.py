"""Forms parse and type the input; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.organisations.models import (
    Body,
    BodyKind,
    Council,
    Membership,
    MembershipRole,
    Organisation,
    Person,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class CouncilForm(forms.Form):
    municipality_name = forms.CharField(label=_("Municipality"), max_length=100)
    name = forms.CharField(label=_("Name"), max_length=200, initial="Brottsförebyggande rådet")
    slug = forms.SlugField(
        label=_("Short name in addresses"),
        max_length=60,
        required=False,
        help_text=_("Letters, digits and hyphens, e.g. koping-bra. Made from the name if empty."),
    )
    publishes = forms.BooleanField(
        label=_("Publishes publicly"),
        required=False,
        help_text=_(
            "Adjusted minutes, citizen promises and the situational picture become public, and "
            "citizens may report damage and unsafe places (also over Open311)."
        ),
    )


class CouncilLookForm(forms.Form):
    """The council's own look; the service checks the colour, the logo and the template."""

    display_name = forms.CharField(
        label=_("Name as shown"),
        max_length=200,
        required=False,
        help_text=_("On the public pages and on every document. The council's name if empty."),
    )
    colour = forms.CharField(
        label=_("Main colour"),
        max_length=7,
        required=False,
        help_text=_(
            "Six hexadecimal digits, such as #1a5276. It carries white text, so it must be dark "
            "enough for WCAG AA (a contrast of 4.5:1)."
        ),
    )
    contact_line = forms.CharField(
        label=_("Contact line"),
        max_length=300,
        required=False,
        help_text=_(
            "At the foot of every document, such as an address, a phone number or a web address."
        ),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG or SVG, at most 512 KB. An SVG is cleaned of scripts and links."),
        widget=forms.ClearableFileInput(attrs={"accept": ".png,.svg,image/png,image/svg+xml"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
    template = forms.FileField(
        label=_("Word template"),
        required=False,
        help_text=_(
            ".docx or .dotx, at most 5 MB. Every Word document takes its styles; the content "
            "comes from the platform."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.dotx"}),
    )
    remove_template = forms.BooleanField(label=_("Remove the Word template"), required=False)


class OrganisationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Organisation
        fields = ["name", "short_name", "parent", "kind"]

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parents = Organisation.objects.filter(council=council)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        # Optional on the form: an organisation is an "other party" unless told.
        self.fields["kind"].required = False


class AliasForm(forms.Form):
    name = forms.CharField(
        label=_("Other name"),
        max_length=200,
        help_text=_("A name the council's documents use, e.g. “KBAB” for Köpings Bostads AB."),
    )


class EndForm(forms.Form):
    ended_on = forms.DateField(label=_("End date"), widget=DateInput())


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that the erasure cannot be undone"),
        error_messages={"required": _("Tick the box to confirm the erasure.")},
    )


class PersonForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Person
        fields = ["name", "email", "phone"]
        help_texts = {
            "email": _("Used for notices. Never shown publicly."),
        }

    def __init__(
        self,
        *args: Any,
        held_back: list[Council] | None = None,
        may_fill_in_email: bool = False,
        **kwargs: Any,
    ) -> None:
        """`held_back`: the person's other councils where the user may not change records; the
        contact details are then read-only (a missing address may be filled in if allowed)."""
        super().__init__(*args, **kwargs)
        if not held_back:
            return
        why = _(
            "This person is also registered in %(councils)s; the address and phone number are "
            "changed by a coordinator of both councils or by a site administrator."
        )
        names = "; ".join(str(other) for other in held_back)
        for name in ("email", "phone"):
            if name == "email" and may_fill_in_email:
                continue
            self.fields[name].disabled = True
            self.fields[name].help_text = why % {"councils": names}


class BodyForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Body
        fields = [
            "name",
            "kind",
            "description",
            "adjusts_minutes",
            "chair_adjusts",
            "publishes_minutes",
            "minutes_kept_at",
            "formal_rules",
            "mandate",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class MembershipForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Membership
        fields = ["person", "role", "organisation", "title", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(councils=council)  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = Organisation.objects.filter(council=council)  # type: ignore[attr-defined]
        self.fields["role"].initial = MembershipRole.MEMBER
        if self.instance.pk:
            # The seat's person is fixed; a new person gets a new membership.
            self.fields["person"].disabled = True


BODY_KIND_CHOICES = BodyKind.choices
