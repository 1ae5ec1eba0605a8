"""Who must sign in with a second factor, and leading those who have none to enrol.

A login must when it holds, in any council, a role that council's policy names
(`SecondFactorPolicy`, by default coordinators and secretaries). An app (TOTP) and a passkey
(WebAuthn) count alike, each with recovery codes. Until it has enrolled one, every
page but enrolment, logging out and changing the language leads to enrolment; once it has,
allauth asks for the second factor at every sign-in. A sign-in through an identity provider
that asserted a second factor needs none of its own where the council accepts the provider's.
"""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from samverkan.accounts.models import DEFAULT_SECOND_FACTOR_ROLES, CouncilRole
from samverkan.accounts.sso import PROVIDER_SECOND_FACTOR

# The session remembers an enrolled login, so that it costs no query on later pages.
ENROLLED = "second_factor_enrolled"


def second_factor_required(user: User, *, provider_asserted: bool = False) -> bool:
    """Whether any council this login holds a role in requires a second factor for it.

    provider_asserted: the identity provider of this sign-in said a second factor was used,
    which suffices where the council accepts it (`accepts_provider_second_factor`).
    """
    for council_role in CouncilRole.objects.filter(user=user).select_related(
        "council__second_factor_policy"
    ):
        policy = getattr(council_role.council, "second_factor_policy", None)
        roles = policy.roles if policy is not None else DEFAULT_SECOND_FACTOR_ROLES
        accepts_provider = policy.accepts_provider_second_factor if policy is not None else True
        if council_role.role in roles and not (provider_asserted and accepts_provider):
            return True
    return False


def has_second_factor(user: User) -> bool:
    return bool(Authenticator.objects.filter(user=user).exists())


def _open_paths() -> tuple[str, ...]:
    """Pages a login that must enrol may still open."""
    return (
        "/account/2fa/",
        "/account/reauthenticate/",
        reverse("accounts:logout"),
        reverse("set_language"),
        settings.STATIC_URL,
    )


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            not settings.SECOND_FACTOR_OPTIONAL
            and isinstance(user, User)
            and not request.session.get(ENROLLED)
            and not request.path.startswith(_open_paths())
        ):
            if has_second_factor(user):
                request.session[ENROLLED] = True
            elif second_factor_required(
                user, provider_asserted=bool(request.session.get(PROVIDER_SECOND_FACTOR))
            ):
                # The choice: an app's codes or a passkey (recovery codes come with either).
                return redirect("mfa_index")
        return self.get_response(request)
