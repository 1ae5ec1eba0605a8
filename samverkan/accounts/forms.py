from __future__ import annotations

import math
from typing import Any

from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samverkan.accounts import login_limit
from samverkan.accounts.models import Role
from samverkan.organisations.models import Council, Person


class LoginForm(allauth_forms.LoginForm):
    """allauth's login by user name, behind the durable wait of `login_limit`.

    The user name keeps its field name `username` (allauth calls it `login`), so that password
    managers and bookmarked forms go on working.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("User name")
        self.fields["login"].widget.attrs.pop("placeholder", None)
        # The cursor starts in the user name, as on Django's own login page.
        self.fields["login"].widget.attrs["autofocus"] = True
        self.fields["password"].widget.attrs.pop("placeholder", None)
        self.fields["password"].help_text = ""

    def add_prefix(self, field_name: str) -> str:
        return str(super().add_prefix("username" if field_name == "login" else field_name))

    def clean(self) -> dict[str, Any]:
        username = (self.cleaned_data.get("login") or "").strip()
        wait = login_limit.wait_seconds(self.request, username) if username else 0
        if wait:
            login_limit.record_refusal(username, wait)
            minutes = math.ceil(wait / 60)
            raise forms.ValidationError(
                ngettext(
                    "Too many failed attempts. Wait %(minutes)s minute and try again.",
                    "Too many failed attempts. Wait %(minutes)s minutes and try again.",
                    minutes,
                ),
                code="locked",
                params={"minutes": minutes},
            )
        try:
            cleaned: dict[str, Any] = super().clean()
        except forms.ValidationError:
            if username:
                login_limit.record_failure(self.request, username)
            raise
        if self.errors:
            return cleaned
        login_limit.record_success(self.request, username)
        return cleaned


class GrantRoleForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class NewUserForm(forms.Form):
    """An invitation: the person chooses their own password by the link mailed to them."""

    username = forms.CharField(label=_("User name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("The invitation goes here, with a link to choose a password."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    person = forms.ModelChoiceField(
        label=_("The person who logs in"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_(
            "Link the login to the council's record of the person. An adjuster or chair must "
            "have a linked login to approve minutes."
        ),
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            councils=council, user__isnull=True
        )


class SecondFactorForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles that must sign in with a second factor"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A code from an app on the phone, besides the password."),
    )
    accepts_provider_second_factor = forms.BooleanField(
        label=_("A second factor at the organisation's sign-in (SSO) counts"),
        required=False,
        help_text=_(
            "When the municipality's or the police's identity provider says it asked for a "
            "second factor, the login needs no code of its own here."
        ),
    )
