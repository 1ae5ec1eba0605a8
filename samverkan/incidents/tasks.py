"""The worker's tasks of the imports of incidents' data: the tables (incidents and reported
crimes: read an upload, check its rows against the chosen columns, and import them, all or
nothing) and a file of the police's events.

A page only queues the work (`core.importing.services.import_job_create`) and shows its
progress; the task runs here in `samverkan worker` and keeps its outcome on the `ImportJob`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from samverkan.core.errors import ServiceError
from samverkan.core.importing import tables
from samverkan.core.importing.models import ImportJob
from samverkan.core.importing.progress import Progress
from samverkan.core.importing.services import import_job_run, pending_import_delete
from samverkan.incidents.police import services as police_services
from samverkan.incidents.services import bulk_import, statistics
from samverkan.organisations.models import Council, Organisation

INCIDENTS = "incidents"
STATISTICS = "statistics"
POLICE = "police"
# The steps of a table import: read the upload (its columns and first rows), check the rows,
# import them.
READ, CHECK, IMPORT = "read", "check", "import"
PREVIEW_ROWS = 5


@task()
def table_import_run(job_id: int) -> str:
    """Run one step of a table import (the worker's task)."""
    return import_job_run(job_id, _work)


@task()
def police_events_import_run(job_id: int) -> str:
    """Import a file of the police's events (the worker's task)."""
    return import_job_run(job_id, _police_events)


def _police_events(job: ImportJob, progress: Progress) -> dict[str, Any]:
    pending = job.pending
    if pending is None:
        raise ServiceError(_("The upload is gone; upload the file again."))
    progress.phase(_("Saving the events"))
    progress.last_chance()
    result = police_services.police_events_import(
        actor=_actor(job),
        council=Council.objects.get(pk=job.council_id),
        data=bytes(pending.data),
        source=_("File %(name)s") % {"name": pending.filename[:100]},
    )
    pending_import_delete(pending=pending)
    return {"imported": True, "outcome": police_services.result_text(result)}


def _work(job: ImportJob, progress: Progress) -> dict[str, Any]:
    pending = job.pending
    if pending is None:
        raise ServiceError(_("The upload is gone; upload the file again."))
    progress.phase(_("Reading the file"))
    table = tables.read_table(pending.filename, bytes(pending.data), sheet=job.params.get("sheet"))
    if job.step == READ:
        return {
            "headers": table.headers,
            "preview": [
                ["" if cell is None else str(cell) for cell in row]
                for row in table.rows[:PREVIEW_ROWS]
            ],
            "rows": len(table.rows),
            "sheet": table.sheet,
            "sheets": table.sheets,
        }
    council = Council.objects.get(pk=job.council_id)
    mapping = {name: column for name, column in job.params["mapping"].items()}
    progress.phase(_("Checking the rows"), total=len(table.rows) if job.kind == INCIDENTS else None)
    if job.kind == INCIDENTS:
        return _incidents(job, progress, council, table, mapping)
    return _statistics(job, progress, council, table, mapping)


def _report(rows: int, good: int, skipped: int, problems: list[Any], count: int) -> dict[str, Any]:
    return {
        "rows": rows,
        "good": good,
        "skipped": skipped,
        "problems": [{"row": p.row, "message": str(p.message)} for p in problems],
        "problem_count": count,
    }


def _incidents(
    job: ImportJob,
    progress: Progress,
    council: Council,
    table: tables.Table,
    mapping: dict[str, int | None],
) -> dict[str, Any]:
    organisation_id = job.params.get("organisation")
    organisation = (
        Organisation.objects.filter(council=council, pk=organisation_id).first()
        if organisation_id
        else None
    )
    checked = bulk_import.incidents_import_check(
        council=council,
        table=table,
        mapping=mapping,
        organisation=organisation,
        progress=progress.advance,
    )
    report = _report(
        len(table.rows),
        len(checked.incidents),
        checked.skipped,
        checked.problems,
        checked.problem_count,
    )
    if job.step != IMPORT or checked.problem_count:
        return {"report": report}
    progress.phase(_("Saving the incidents"))
    progress.last_chance()
    result = bulk_import.incidents_import(
        actor=_actor(job),
        council=council,
        table=table,
        mapping=mapping,
        organisation=organisation,
        checked=checked,
    )
    if job.pending is not None:
        pending_import_delete(pending=job.pending)
    message = (
        ngettext(
            "%(count)d incident was imported.",
            "%(count)d incidents were imported.",
            result.created,
        )
        % {"count": result.created}
        + " "
        + ngettext(
            "%(count)d was already imported and skipped.",
            "%(count)d were already imported and skipped.",
            result.skipped,
        )
        % {"count": result.skipped}
    )
    return {"report": report, "imported": True, "outcome": message}


def _statistics(
    job: ImportJob,
    progress: Progress,
    council: Council,
    table: tables.Table,
    mapping: dict[str, int | None],
) -> dict[str, Any]:
    checked = statistics.crime_statistics_check(council=council, table=table, mapping=mapping)
    report = _report(
        len(table.rows), len(checked.figures), 0, checked.problems, len(checked.problems)
    )
    if checked.left_out:
        report["note"] = statistics.left_out_text(checked)
    if job.step != IMPORT or checked.problems:
        return {"report": report}
    progress.phase(_("Saving the figures"))
    progress.last_chance()
    result = statistics.crime_statistics_import(
        actor=_actor(job),
        council=council,
        table=table,
        mapping=mapping,
        source=str(job.params.get("source") or ""),
    )
    if job.pending is not None:
        pending_import_delete(pending=job.pending)
    message = _("%(created)d figures added, %(updated)d updated.") % {
        "created": result.created,
        "updated": result.updated,
    }
    return {"report": report, "imported": True, "outcome": message}


def _actor(job: ImportJob) -> User | None:
    return job.started_by
