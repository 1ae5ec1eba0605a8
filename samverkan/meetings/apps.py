from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "samverkan.meetings"
    label = "meetings"
    verbose_name = _("Meetings and minutes")

    def ready(self) -> None:
        # The one who froze minutes may not link a login to one of their approvers (four eyes).
        from samverkan.accounts.services import link_guards
        from samverkan.meetings.services.adjustment import link_refusal

        link_guards.append(link_refusal)
        # Minutes and notices in an archive are imported by this app's importer.
        from samverkan.core.importing import archive
        from samverkan.meetings.services.minutes_archive import IMPORTER

        archive.register(IMPORTER)
