"""Retention of free-text survey answers: blank those of surveys closed, or answers given, longer
ago than SURVEY_FREE_TEXT_RETENTION_DAYS (`samverkan purge-free-text`, run daily). Each survey's
blanking is one transaction and one audit event with the number of answers blanked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from samverkan.core.audit import audit_change
from samverkan.dialogue.models import Answer, QuestionKind, Survey


@dataclass
class PurgeReport:
    """What was blanked (or, in a dry run, would be): surveys with their number of answers."""

    cutoff: dt.date | None
    surveys: list[tuple[Survey, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(count for _survey, count in self.surveys)


def _expired(cutoff: dt.date) -> QuerySet[Answer]:
    return (
        Answer.objects.filter(question__kind=QuestionKind.TEXT)
        .exclude(text="")
        .filter(Q(response__survey__closes_on__lt=cutoff) | Q(response__answered_on__lt=cutoff))
    )


def free_text_purge(
    *, today: dt.date | None = None, days: int | None = None, dry_run: bool = False
) -> PurgeReport:
    """Blank the free-text answers kept longer than the retention period; 0 days keeps them.

    An answer goes when its survey closed, or it was given, more than `days` days before today.
    """
    days = settings.SURVEY_FREE_TEXT_RETENTION_DAYS if days is None else days
    if days <= 0:
        return PurgeReport(cutoff=None)
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=days)
    counts = dict(
        _expired(cutoff)
        .values_list("response__survey_id")
        .annotate(n=Count("id"))
        .order_by("response__survey_id")
    )
    surveys = Survey.objects.select_related("council").in_bulk(list(counts))
    report = PurgeReport(cutoff=cutoff)
    for survey_id, count in counts.items():
        survey = surveys[survey_id]
        if not dry_run:
            count = _blank(survey, cutoff)
        if count:
            report.surveys.append((survey, count))
    return report


@transaction.atomic
def _blank(survey: Survey, cutoff: dt.date) -> int:
    count = _expired(cutoff).filter(response__survey=survey).update(text="")
    if count:
        audit_change(
            actor=None,
            instance=survey,
            changes={"free_text_blanked": [None, count]},
            council_id=survey.council_id,
        )
    return count
