from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samverkan.accounts"
    label = "accounts"
    verbose_name = _("Accounts and access")

    def ready(self) -> None:
        # The receivers of single sign-on: auditing a link, noting a provider's second factor.
        from samverkan.accounts import sso  # noqa: F401
