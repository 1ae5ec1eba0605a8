"""A person in the incidents: reports and period totals made through their login (registered
with organisations/personal_data.py). Reports describe events, not people (GDPR article 10,
checked when they are made), so they stay as the record of the situational picture."""

from __future__ import annotations

from django.utils.translation import gettext as _

from samverkan.core.importing.selectors import import_jobs_started_by
from samverkan.incidents.models import AggregateReport, ImportBatch, Incident
from samverkan.organisations.models import Council, Person
from samverkan.organisations.personal_data import Section, collects, plain

# One export holds at most this many reports; an importer's login may have made many more.
MAX_ROWS = 10_000


@collects("incidents.Incident", "incidents.AggregateReport", "incidents.ImportBatch")
def _incidents(person: Person, council: Council) -> list[Section]:
    kept = _("Kept as the record of the situational picture; reports describe events, not people.")
    reports = Section(
        "incidents_reported",
        _("Incidents you reported"),
        [
            ("happened", _("happened")),
            ("category", _("category")),
            ("place", _("place")),
            ("address", _("address or place description")),
            ("description", _("description")),
            ("photos", _("photos")),
        ],
        kept=kept,
    )
    totals = Section(
        "period_totals_reported",
        _("Period totals you reported"),
        [
            ("from", _("from")),
            ("to", _("to")),
            ("category", _("category")),
            ("count", _("number of incidents")),
        ],
        kept=kept,
    )
    imports = Section(
        "incident_imports",
        _("Incident files you imported"),
        [("at", _("when")), ("file", _("file name")), ("created", _("incidents created"))],
        kept=kept,
    )
    if person.user_id is None:
        return [reports, totals, imports]
    for incident in (
        Incident.objects.filter(reported_by_id=person.user_id, council=council)
        .select_related("category", "place")
        .prefetch_related("photos")
        .order_by("occurred_from", "id")[:MAX_ROWS]
    ):
        reports.rows.append(
            {
                "happened": plain(incident.occurred_from),
                "category": str(incident.category) if incident.category_id else "",
                "place": str(incident.place) if incident.place_id else "",
                "address": incident.address,
                "description": incident.description,
                "photos": len(incident.photos.all()),
            }
        )
    for total in (
        AggregateReport.objects.filter(reported_by_id=person.user_id, council=council)
        .select_related("category")
        .order_by("period_from", "id")
    ):
        totals.rows.append(
            {
                "from": plain(total.period_from),
                "to": plain(total.period_to),
                "category": str(total.category) if total.category_id else "",
                "count": total.count,
            }
        )
    for batch in ImportBatch.objects.filter(
        imported_by_id=person.user_id, council=council
    ).order_by("created_at", "id"):
        imports.rows.append(
            {"at": plain(batch.created_at), "file": batch.filename, "created": batch.created}
        )
    return [reports, totals, imports]


@collects("core.ImportJob")
def _import_jobs(person: Person, council: Council) -> list[Section]:
    started = Section(
        "imports_started",
        _("Imports you started"),
        [("at", _("when")), ("file", _("file name")), ("state", _("state"))],
        kept=_("Kept for 30 days as the record of the import, then deleted."),
    )
    if person.user_id is None:
        return [started]
    for job in import_jobs_started_by(user_id=person.user_id, council_id=council.pk):
        started.rows.append(
            {"at": plain(job.created_at), "file": job.filename, "state": job.get_state_display()}
        )
    return [started]
