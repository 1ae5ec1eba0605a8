"""Writes for the problem picture: its analysis is the year's lägesbild's (written there), copied
into citizen promises as their current picture."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor
from samverkan.core.errors import ServiceError
from samverkan.insights.models import SituationReport
from samverkan.insights.selectors.problem_picture import current_picture_text, lagesbild_analysis
from samverkan.organisations.models import Council
from samverkan.plans.models import PromiseSet
from samverkan.plans.services.promises import PromiseSetFields, promise_set_update

MIN_YEAR, MAX_YEAR = 1990, 2100


@transaction.atomic
def problem_picture_to_promise_set(
    *, actor: Actor, council: Council, year: int, promise_set: PromiseSet
) -> PromiseSet:
    """Copy the year's lägesbild's analysis and prioritised problems into the promise set as
    its current picture (aktuell bild): the lägesbild is the one source of the analysis."""
    if promise_set.council_id != council.pk:
        raise ServiceError(_("Choose the council's own citizen promises."), field="promise_set")
    report = (
        SituationReport.objects.filter(council=council, year=year)
        .prefetch_related("sections", "problems")
        .first()
    )
    text = current_picture_text(*lagesbild_analysis(report))
    if not text:
        raise ServiceError(
            _("Write the analysis or prioritise problems in the year's situation report first."),
            field="promise_set",
        )
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
            current_picture=text,
            dialogues=promise_set.dialogues,
            intro=promise_set.intro,
            agreement=promise_set.agreement,
        ),
    )
