"""Writes for the problem picture: only the coordinator's analysis is stored, audited."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor, audit_create, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.dialogue.models import ProblemPicture
from samverkan.organisations.models import Council

MIN_YEAR, MAX_YEAR = 1990, 2100
ANALYSIS_MAX = 20_000


@transaction.atomic
def problem_picture_save(
    *, actor: Actor, council: Council, year: int, analysis: str
) -> ProblemPicture:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ServiceError(
            _("The year must be between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}
        )
    analysis = analysis.strip()
    if len(analysis) > ANALYSIS_MAX:
        raise ServiceError(
            _("The analysis is at most %(max)s characters.") % {"max": f"{ANALYSIS_MAX:,}"},
            field="analysis",
        )
    picture = ProblemPicture.objects.select_for_update().filter(council=council, year=year).first()
    if picture is None:
        picture = ProblemPicture.objects.create(council=council, year=year, analysis=analysis)
        audit_create(actor=actor, instance=picture, council_id=council.pk)
        return picture
    before = snapshot(picture)
    picture.analysis = analysis
    picture.save()
    audit_update(actor=actor, instance=picture, before=before, council_id=council.pk)
    return picture
