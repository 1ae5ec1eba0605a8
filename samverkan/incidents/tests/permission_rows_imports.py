"""Permission-matrix rows for data from others: importing incidents and reported crimes (a
column-mapping step on an upload kept for its own uploader), Kolada key figures and the
population (the statistics page's row is in insights/tests/permission_rows.py).

Every import and the population change the council's records and need change_records. The
imports run in the worker; their pages (progress, report, cancel) are the council's, for
those who may run that kind of import.
"""

from __future__ import annotations

from samverkan.accounts.tests.matrix import CHANGE, IMPORT_STATISTICS
from samverkan.core.importing.models import ImportJob, ImportState, PendingImport

TABLE = "Datum;Kategori;Plats\n2018-03-01;Glaskross;Centrum\n"


def _slug(i):
    return {"slug": i["slug"]}


def _pending(i):
    return {"slug": i["slug"], "pk": i["iimp_pending"]}


def _job(i):
    return {"slug": i["slug"], "pk": i["iimp_job"]}


PAGES = [
    # The council's imports, for anyone who may run one kind of them; an incidents import's
    # page and its cancelling, for those who may import incidents.
    ("incidents:import_jobs", _slug, "get", IMPORT_STATISTICS),
    ("incidents:import_job", _job, "get", CHANGE),
    ("incidents:import_job_cancel", _job, "post", CHANGE, lambda i: {}),
    ("incidents:import_upload", _slug, "get", CHANGE),
    ("incidents:import_map", _pending, "get", CHANGE),
    ("incidents:statistics_import", _slug, "get", IMPORT_STATISTICS),
    ("incidents:statistics_map", _pending, "get", IMPORT_STATISTICS),
    ("incidents:statistics_kolada", _slug, "get", IMPORT_STATISTICS),
    ("incidents:statistics_kolada_fetch", _slug, "get", IMPORT_STATISTICS),
    ("incidents:statistics_population", _slug, "get", IMPORT_STATISTICS),
    (
        "incidents:statistics_population",
        _slug,
        "post",
        IMPORT_STATISTICS,
        lambda i: {"year": "2018", "count": "25000"},
    ),
]


def user_ids(council, user=None):
    """An upload waiting for its columns, kept for the user who asks."""
    pending = 999999
    if user is not None:
        upload = PendingImport.objects.create(
            council=council, uploaded_by=user, filename="tabell.csv", data=TABLE.encode()
        )
        pending = upload.pk
        # The worker has read it: its columns and first rows are known.
        ImportJob.objects.create(
            council=council,
            kind="incidents",
            step="read",
            pending=upload,
            filename="tabell.csv",
            page="/",
            state=ImportState.DONE,
            params={"sheet": None},
            result={"headers": ["Datum", "Kategori", "Plats"], "preview": [], "rows": 1},
        )
    job = ImportJob.objects.create(
        council=council,
        kind="incidents",
        step="check",
        filename="tabell.csv",
        page="/",
        state=ImportState.DONE,
        result={"report": {"rows": 1, "good": 1, "skipped": 0, "problems": [], "problem_count": 0}},
    )
    return {"iimp_pending": pending, "iimp_job": job.pk}
