from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "samverkan.plans"
    label = "plans"
    verbose_name = _("Plans and promises")

    def ready(self) -> None:
        # Promises, agreements and plans in an archive are imported by this app's importer.
        from samverkan.core.importing import archive
        from samverkan.plans.services.document_archive import IMPORTER

        archive.register(IMPORTER)
