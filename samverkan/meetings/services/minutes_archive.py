"""Minutes and notices in an archive (core/importing/archive.py): the meetings' importer of one
file, registered in the app's `ready`.

Each file goes through `minutes_import` in a savepoint of its own: it is imported whole or not
at all, and one refused file does not stop the others. A file imported before (the same bytes)
is reported as a duplicate, so the same archive twice changes nothing. A file whose date, time
or place the parser only guessed is not saved but kept for a look: the report links to its
preview, where the secretary checks it and imports it (an archive imported by the command,
with nobody to look, imports it and says what was guessed).
"""

from __future__ import annotations

import hashlib
from typing import Any, Final

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.core.errors import ServiceError
from samverkan.core.importing import archive
from samverkan.core.importing.archive import FileOutcome
from samverkan.core.importing.rejections import ImportRejected
from samverkan.core.importing.services import pending_import_create
from samverkan.meetings.importers.minutes import parse_minutes
from samverkan.meetings.models import MinutesImport
from samverkan.meetings.services.minutes_import import minutes_import, minutes_import_plan

# The fields of the front page whose guess stops a file for a look.
LOOK_AT: Final = ("date", "time", "place")


def recognises(text: str) -> bool:
    """Whether the text reads as minutes or a notice."""
    try:
        parse_minutes(text)
    except ImportRejected:
        return False
    return True


def minutes_file_import(
    *, actor: Any, council: Any, data: bytes, filename: str, name: str
) -> FileOutcome:
    """Import one file of an archive as minutes or a notice, or keep it for a look."""
    earlier = MinutesImport.objects.filter(
        council=council, sha256=hashlib.sha256(data).hexdigest()
    ).first()
    if earlier is not None:
        return FileOutcome(
            name,
            archive.DUPLICATE,
            _("Imported before on %(date)s (%(file)s).")
            % {"date": f"{earlier.created_at:%Y-%m-%d}", "file": earlier.filename},
            kind="minutes",
        )
    try:
        plan = minutes_import_plan(council=council, data=data, filename=filename)
        guessed = [field for field in LOOK_AT if field in plan.parsed.guessed]
        if guessed and isinstance(actor, User):
            pending = pending_import_create(
                council_id=council.pk, user=actor, filename=filename, data=data, replace=False
            )
            return FileOutcome(
                name,
                archive.NEEDS_LOOK,
                _("Guessed from the layout: %(fields)s. Check the preview and import it.")
                % {"fields": ", ".join(_guessed_label(field) for field in guessed)},
                kind="minutes",
                label=f"{plan.body.name}, {plan.date:%Y-%m-%d}",
                url=reverse("meetings:minutes_preview", args=[council.slug, pending.pk]),
                warnings=len(plan.parsed.warnings),
                ocr_confidence=plan.ocr_confidence,
            )
        with transaction.atomic():
            meeting, plan = minutes_import(
                actor=actor, council=council, data=data, filename=filename
            )
    except ServiceError as exc:
        return FileOutcome(name, archive.REFUSED, str(exc.message), kind="minutes")
    return FileOutcome(
        name,
        archive.IMPORTED,
        kind="notice" if plan.is_notice else "minutes",
        label=f"{meeting.body.name}, {meeting.date:%Y-%m-%d}",
        url=reverse("meetings:meeting_detail", args=[council.slug, meeting.pk]),
        warnings=len(plan.parsed.warnings),
        ocr_confidence=plan.ocr_confidence,
    )


def _guessed_label(field: str) -> str:
    return {"date": _("the date"), "time": _("the time"), "place": _("the place")}[field]


IMPORTER: Final = archive.DocumentImporter(
    kind="minutes", order=10, recognises=recognises, import_file=minutes_file_import
)
