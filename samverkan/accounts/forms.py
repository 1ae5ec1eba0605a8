from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from allauth.account import forms as allauth_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.webauthn import forms as webauthn_forms
from cryptography.exceptions import InvalidSignature
from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samverkan.accounts import login_limit
from samverkan.accounts.models import ApiScope, MailChoices, Role, SignInMethod
from samverkan.organisations.models import Council, Person


def _locked(wait: int) -> forms.ValidationError:
    minutes = math.ceil(wait / 60)
    return forms.ValidationError(
        ngettext(
            "Too many failed attempts. Wait %(minutes)s minute and try again.",
            "Too many failed attempts. Wait %(minutes)s minutes and try again.",
            minutes,
        ),
        code="locked",
        params={"minutes": minutes},
    )


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
            raise _locked(wait)
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


# The second factor (allauth.mfa, MFA_FORMS in settings.py) ------------------------------------


def _second_factor_checked(user: User, check: Callable[[], Any]) -> Any:
    """Run allauth's check of a second factor behind the durable wait of `login_limit`.

    A failed answer is logged and counted against the login (a guesser of codes knows the
    password already); a success forgets the count. allauth's own limit is a cache's.
    """
    username = user.get_username()
    wait = login_limit.second_factor_wait_seconds(username)
    if wait:
        login_limit.record_refusal(username, wait, method=SignInMethod.SECOND_FACTOR)
        raise _locked(wait)
    try:
        result = check()
    except forms.ValidationError:
        login_limit.record_second_factor_failure(username)
        raise
    login_limit.record_second_factor_success(username)
    return result


class AuthenticateForm(mfa_forms.AuthenticateForm):
    """The code at sign-in (an app's or a recovery code), behind the durable wait."""

    def clean_code(self) -> str:
        return str(_second_factor_checked(self.user, super().clean_code))


class ReauthenticateForm(mfa_forms.ReauthenticateForm):
    """The code asked again before a change of the second factor, behind the durable wait."""

    def clean_code(self) -> str:
        return str(_second_factor_checked(self.user, super().clean_code))


# What a crafted answer of a passkey may raise inside fido2 (it parses and verifies what the
# browser sent): the form refuses it as a wrong answer instead of failing with a server error.
_MALFORMED_ANSWER = (TypeError, ValueError, KeyError, AttributeError, IndexError, InvalidSignature)


def _passkey_refusal() -> forms.ValidationError:
    return forms.ValidationError(
        _("The passkey's answer was not accepted. Try again."), code="passkey_refused"
    )


def _label_credential(form: forms.Form) -> None:
    field = form.fields["credential"]
    field.label = _("Passkey")
    field.error_messages = {
        **field.error_messages,
        "required": _("The passkey's answer was not accepted. Try again."),
        "invalid": _("The passkey's answer was not accepted. Try again."),
    }


class AddPasskeyForm(webauthn_forms.AddWebAuthnForm):
    """Enrolling a passkey or security key; a malformed answer is a form error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name of the key")
        self.fields["name"].help_text = _("To tell your keys apart, for example the device.")
        _label_credential(self)

    def clean(self) -> dict[str, Any]:
        credential = self.cleaned_data.get("credential")
        if credential is not None and not isinstance(credential, dict):
            raise _passkey_refusal()
        try:
            cleaned: dict[str, Any] = super().clean()
        except (forms.ValidationError, *_MALFORMED_ANSWER) as error:
            raise _passkey_refusal() from error
        return cleaned


class AuthenticatePasskeyForm(webauthn_forms.AuthenticateWebAuthnForm):
    """The passkey at sign-in, behind the durable wait; a malformed answer is a form error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _label_credential(self)

    def clean_credential(self) -> Any:
        return _second_factor_checked(self.user, self._checked_credential)

    def _checked_credential(self) -> Any:
        if not isinstance(self.cleaned_data.get("credential"), dict):
            raise _passkey_refusal()
        try:
            return super().clean_credential()
        except (forms.ValidationError, *_MALFORMED_ANSWER) as error:
            # allauth's own refusal says "Incorrect code", which a passkey has none of.
            raise _passkey_refusal() from error


class ReauthenticatePasskeyForm(AuthenticatePasskeyForm):
    reauthenticated = True
    passwordless = False


class MailChoicesForm(forms.ModelForm):  # type: ignore[type-arg]
    """What the login wants by e-mail (its account page)."""

    class Meta:
        model = MailChoices
        fields = ["minutes_approval", "moderation", "report_reminders"]
        help_texts = {
            "minutes_approval": _(
                "Sent when you are the adjuster (or the chair who approves) of a meeting's minutes."
            ),
            "moderation": _("For coordinators: citizens' reports and Open311 requests."),
            "report_reminders": _(
                "For reporters: the activities of your organisation in the plan, before a "
                "meeting of the body that decided the plan."
            ),
        }


class ApiTokenForm(forms.Form):
    """A new API token: a name for the program, and what it may do (at least one scope)."""

    name = forms.CharField(label=_("Name of the program"), max_length=100)
    scopes = forms.MultipleChoiceField(
        label=_("The token may"),
        choices=ApiScope.choices,
        initial=[ApiScope.READ],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing the token may do.")},
        help_text=_("Give a program only what it needs: most only read."),
    )
