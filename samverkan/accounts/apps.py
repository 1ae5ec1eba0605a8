from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samverkan.accounts"
    label = "accounts"
    verbose_name = _("Accounts and access")

    def ready(self) -> None:
        # The receivers of single sign-on: auditing a link, noting a provider's second factor.
        from django.contrib.auth.signals import user_logged_in

        from samverkan.accounts import sso  # noqa: F401
        from samverkan.accounts.session_activity import on_login

        # Every way of signing in lists the session on Mitt konto (accounts/session_activity.py).
        user_logged_in.connect(on_login, dispatch_uid="samverkan.accounts.session_activity")
