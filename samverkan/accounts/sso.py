"""Single sign-on through the organisation's identity provider (allauth.socialaccount).

A first sign-in through a provider links to the one active login whose e-mail address the
provider vouches for (OpenID Connect's `email_verified`; a SAML assertion from a configured
provider counts as verified by that configuration). Nobody signs up: an address without a login
is refused with a message to ask for an invitation. Roles stay in the platform; the provider
only says who it is. A provider's statement that a second factor was used (OpenID Connect's
`amr`, SAML's AuthnContextClassRef) is kept in the session and counts as the second factor
where the council allows it (`second_factor.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from allauth.account.signals import user_logged_in
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialAccount, SocialLogin
from allauth.socialaccount.providers.saml.provider import SAMLProvider as AllauthSAMLProvider
from allauth.socialaccount.signals import social_account_added, social_account_removed
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import DisallowedHost
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.accounts import login_limit, services
from samverkan.core.audit import audit_change

# The session's note that this sign-in's provider asserted a second factor.
PROVIDER_SECOND_FACTOR = "provider_second_factor"
# Where the SAML provider keeps the assertion's authentication contexts in the extra data.
AUTHN_CONTEXTS = "samverkan:authn_contexts"


class SAMLProvider(AllauthSAMLProvider):
    """allauth's SAML provider, keeping how the user authenticated (AuthnContextClassRef), and
    taking the address of an assertion from a configured provider as verified."""

    # allauth finds the provider's addresses (urls.py) in this package.
    package = "allauth.socialaccount.providers.saml"

    def extract_extra_data(self, data: Any) -> dict[str, Any]:
        extra: dict[str, Any] = dict(data.get_attributes())
        extra[AUTHN_CONTEXTS] = list(data.get_last_authn_contexts())
        return extra

    def extract_common_fields(self, data: Any) -> dict[str, Any]:
        fields: dict[str, Any] = super().extract_common_fields(data)
        fields["email_verified"] = bool(fields.get("email"))
        return fields


def configured_providers() -> list[tuple[str, str]]:
    """Each configured provider's name and the address that starts a sign-in through it, from
    the settings alone (the environment configures them, never the database)."""
    apps = settings.SOCIALACCOUNT_PROVIDERS
    return [
        *(
            (app["name"], reverse("openid_connect_login", args=[app["provider_id"]]))
            for app in apps.get("openid_connect", {}).get("APPS", [])
        ),
        *(
            (app["name"], reverse("saml_login", args=[app["client_id"]]))
            for app in apps.get("saml", {}).get("APPS", [])
        ),
    ]


def provider_asserted_second_factor(sociallogin: SocialLogin) -> bool:
    """Whether the provider says this sign-in used a second factor."""
    account = sociallogin.account
    app_settings = sociallogin.provider.app.settings
    extra = account.extra_data or {}
    if isinstance(sociallogin.provider, AllauthSAMLProvider):
        contexts = set(extra.get(AUTHN_CONTEXTS) or [])
        return bool(contexts & set(app_settings.get("second_factor_contexts", [])))
    amr = _claims(extra).get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return bool(set(amr) & set(app_settings.get("second_factor_amr", [])))


def verified_addresses(sociallogin: SocialLogin) -> list[str]:
    """The addresses the provider vouches for: `email_verified` (SAML: by configuration), or
    Entra ID's `xms_edov` (the address's domain is verified by the tenant)."""
    claims = _claims(sociallogin.account.extra_data or {})
    domain_verified = claims.get("xms_edov") in (True, "true", "True", "1", 1)
    return [
        address.email
        for address in sociallogin.email_addresses
        if address.verified or domain_verified
    ]


def _claims(extra: dict[str, Any]) -> dict[str, Any]:
    claims: dict[str, Any] = {**(extra.get("userinfo") or {}), **(extra.get("id_token") or {})}
    return claims or extra


def _address_verified(user: User) -> bool:
    return bool(
        EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
    )


def _refuse(request: HttpRequest, message: str) -> ImmediateHttpResponse:
    messages.error(request, message)
    return ImmediateHttpResponse(redirect("account_login"))


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False

    def authenticate_by_email(self, sociallogin: SocialLogin) -> tuple[User, str] | None:
        """The one active login with a verified address of this sign-in; none when two share it."""
        for email in verified_addresses(sociallogin):
            users = list(User.objects.filter(email__iexact=email, is_active=True)[:2])
            if len(users) == 1:
                return users[0], email
        return None

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        """Refuse a sign-in that links to no login, in words that say what to do; on a first
        link, switch off a password nobody proved the address for (allauth's defence against
        a login made in another's name: whoever chose that password is locked out)."""
        if sociallogin.is_existing:
            user = sociallogin.user
            if not user.is_active:
                raise _refuse(request, _("This login is deactivated."))
            if sociallogin.account.pk is None and not _address_verified(user):
                services.user_unset_password(actor=user, user=user)
            return
        provider = sociallogin.provider.name
        login_limit.security_log.warning("single sign-on refused: no login for it (%s)", provider)
        if not verified_addresses(sociallogin):
            raise _refuse(
                request,
                _(
                    "%(provider)s did not confirm your e-mail address, so it cannot be linked "
                    "to a login here. Ask your IT department, or sign in with your password."
                )
                % {"provider": provider},
            )
        raise _refuse(
            request,
            _(
                "There is no login here for the e-mail address %(provider)s gave. Ask your "
                "council's coordinator for an invitation to that address."
            )
            % {"provider": provider},
        )

    def on_authentication_error(self, request: HttpRequest, provider: Any, **kwargs: Any) -> None:
        login_limit.security_log.warning("single sign-on failed: %s", provider.id)
        super().on_authentication_error(request, provider, **kwargs)


@receiver(social_account_added)
def _audit_link(
    sender: object, request: HttpRequest, sociallogin: SocialLogin, **kwargs: Any
) -> None:
    """The first sign-in linked a provider's identity to a login: audited and logged."""
    account: SocialAccount = sociallogin.account
    # On the login, by the provider's name only: the provider's data about the person stay out
    # of the trail.
    audit_change(
        actor=account.user,
        instance=account.user,
        changes={"single_sign_on": [None, account.provider]},
        council_id=None,
    )
    login_limit.security_log.info(
        "single sign-on linked to a login: %s (%s)",
        account.user.get_username(),
        account.provider,
    )
    # Only its holder signs in through the provider: the login's approvals count (four eyes).
    from samverkan.accounts.models import CredentialsSetBy
    from samverkan.accounts.services import login_credentials_set

    login_credentials_set(user=account.user, how=CredentialsSetBy.SSO)


@receiver(social_account_removed)
def _audit_unlink(
    sender: object, request: HttpRequest, socialaccount: SocialAccount, **kwargs: Any
) -> None:
    """Its holder ended a provider's link (Mitt konto's connections page): audited and logged."""
    audit_change(
        actor=socialaccount.user,
        instance=socialaccount.user,
        changes={"single_sign_on": [socialaccount.provider, None]},
        council_id=None,
    )
    login_limit.security_log.info(
        "single sign-on unlinked from a login: %s (%s)",
        socialaccount.user.get_username(),
        socialaccount.provider,
    )


@receiver(user_logged_in)
def _note_second_factor(sender: object, request: HttpRequest, user: User, **kwargs: Any) -> None:
    """Every sign-in says afresh whether a provider asserted the second factor."""
    sociallogin = kwargs.get("sociallogin")
    asserted = sociallogin is not None and provider_asserted_second_factor(sociallogin)
    request.session[PROVIDER_SECOND_FACTOR] = asserted
    if sociallogin is not None:
        # Kept among the login's last sign-ins on the console, as a password sign-in is.
        login_limit.record_success(None, user.get_username(), method="sso")
        login_limit.security_log.info(
            "signed in through %s: %s%s",
            sociallogin.account.provider,
            user.get_username(),
            " (second factor asserted)" if asserted else "",
        )


SAML_PATHS = "/account/saml/"


class SAMLHostMiddleware:
    """Answer a SAML request without a Host header 400, as Django answers a bad one.

    python3-saml builds the addresses it checks from the Host header, and allauth reads it
    without a default: without one, the request failed with a server error.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(SAML_PATHS) and not request.META.get("HTTP_HOST"):
            # A SuspiciousOperation: Django answers 400 with the site's page and logs it.
            raise DisallowedHost("A SAML request without a Host header.")
        return self.get_response(request)
