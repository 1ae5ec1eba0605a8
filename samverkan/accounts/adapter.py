"""How django-allauth behaves here: nobody signs up (a coordinator invites), and its texts."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import User
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from samverkan.accounts import login_limit, services
from samverkan.core.mail import mail_queue


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # The same refusal whichever of the two was wrong, in the site's own words.
        "username_password_mismatch": _(
            "Please enter a correct user name and password. Note that both fields may be "
            "case-sensitive."
        ),
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def set_password(self, user: AbstractBaseUser, password: str) -> None:
        """Set a password through the service, so that the change is audited and logged."""
        if not isinstance(user, User):
            raise TypeError("A login is a django.contrib.auth User here.")
        services.user_set_password(actor=user, user=user, password=password)
        login_limit.security_log.info("password set by its holder: %s", user.get_username())

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """allauth's mails (a password reset, …) go through the platform's queue, with its
        record and retries, instead of straight to the mail server."""
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                "current_site": get_current_site(request),
                **context,
            },
        )
        user = context.get("user")
        mail_queue(
            kind=f"account-{template_prefix.rsplit('/', 1)[-1]}"[:40],
            to=email,
            subject=str(message.subject),
            body=str(message.body),
            recipient=user if isinstance(user, User) else None,
        )
