from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samverkan.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.core.signals import request_finished

        from samverkan.core.forms import clean_typed_text_in_every_form
        from samverkan.core.log_format import request_id_clear

        clean_typed_text_in_every_form()
        from samverkan.core import checks, lookups  # noqa: F401 (registers them)

        request_finished.connect(request_id_clear, dispatch_uid="samverkan-request-id")
