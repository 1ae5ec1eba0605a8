"""Writes for the problem picture: only the coordinator's analysis is stored, audited."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor, audit_create, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.insights.models import ProblemPicture
from samverkan.organisations.models import Council
from samverkan.plans.models import PromiseSet
from samverkan.plans.services.promises import PromiseSetFields, promise_set_update

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


@transaction.atomic
def problem_picture_to_promise_set(
    *, actor: Actor, council: Council, year: int, promise_set: PromiseSet
) -> PromiseSet:
    """Copy the year's analysis into the promise set as its current picture (aktuell bild)."""
    if promise_set.council_id != council.pk:
        raise ServiceError(_("Choose the council's own citizen promises."), field="promise_set")
    picture = ProblemPicture.objects.filter(council=council, year=year).first()
    if picture is None or not picture.analysis:
        raise ServiceError(_("Write and save the analysis first."), field="promise_set")
    return promise_set_update(
        actor=actor,
        promise_set=promise_set,
        fields=PromiseSetFields(
            title=promise_set.title,
            year=promise_set.year,
            valid_from=promise_set.valid_from,
            valid_to=promise_set.valid_to,
            signed_on=promise_set.signed_on,
            place=promise_set.place,
            background=promise_set.background,
            current_picture=picture.analysis,
            dialogues=promise_set.dialogues,
            intro=promise_set.intro,
            agreement=promise_set.agreement,
        ),
    )
