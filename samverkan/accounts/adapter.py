"""How django-allauth behaves here: nobody signs up (a coordinator invites), and its texts."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from samverkan.accounts import login_limit, services


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
