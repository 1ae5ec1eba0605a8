"""Permission-matrix rows for data from others: importing incidents and reported crimes (a
column-mapping step on an upload kept for its own uploader), Kolada key figures and the
population (the statistics page's row is in insights/tests/permission_rows.py).

Every import and the population change the council's records and need change_records.
"""

from __future__ import annotations

from samverkan.accounts.tests.matrix import CHANGE, IMPORT_STATISTICS
from samverkan.core.importing.models import PendingImport

TABLE = "Datum;Kategori;Plats\n2018-03-01;Glaskross;Centrum\n"


def _slug(i):
    return {"slug": i["slug"]}


def _pending(i):
    return {"slug": i["slug"], "pk": i["iimp_pending"]}


PAGES = [
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
    pending = (
        PendingImport.objects.create(
            council=council, uploaded_by=user, filename="tabell.csv", data=TABLE.encode()
        ).pk
        if user is not None
        else 999999
    )
    return {"iimp_pending": pending}
