"""Permission-matrix rows for the archive imports (a ZIP of minutes, notices and plan
documents run by the worker): the council's list of them, one import's page and its cancelling,
for those who manage meetings. The upload itself is the minutes upload's row."""

from __future__ import annotations

from samverkan.accounts.tests.matrix import MANAGE_MEETINGS
from samverkan.core.importing.models import ImportJob, ImportState
from samverkan.organisations.models import Council


def _slug(i):
    return {"slug": i["slug"]}


def _job(i):
    return {"slug": i["slug"], "pk": i["arc_job"]}


PAGES: list[tuple[object, ...]] = [
    ("meetings:archive_jobs", _slug, "get", MANAGE_MEETINGS),
    ("meetings:archive_job", _job, "get", MANAGE_MEETINGS),
    ("meetings:archive_job_cancel", _job, "post", MANAGE_MEETINGS, lambda i: {}),
]


def extra_ids(council: Council, user: object) -> dict[str, object]:
    job = ImportJob.objects.create(
        council=council,
        kind="archive",
        filename="arkiv-matris-2031.zip",
        page="/",
        state=ImportState.DONE,
        result={
            "files": [{"name": "protokoll-2031.txt", "outcome": "refused", "reason": "x"}],
            "counts": {"imported": 0, "duplicate": 0, "needs_look": 0, "refused": 1},
        },
    )
    return {"arc_job": job.pk}


def user_ids(council: Council, user: object) -> dict[str, object]:
    """The worker has read the login's uploaded minutes (accounts/tests/conftest.py makes the
    upload), so its preview shows at once."""
    from samverkan.core.importing.models import PendingImport
    from samverkan.demo.loader import seed_text

    pending = (
        PendingImport.objects.filter(
            council=council, uploaded_by_id=getattr(user, "pk", None), filename="p.txt"
        )
        .order_by("-id")
        .first()
        if user is not None
        else None
    )
    if pending is not None:
        ImportJob.objects.create(
            council=council,
            kind="minutes",
            step="read",
            pending=pending,
            filename="p.txt",
            page="/",
            state=ImportState.DONE,
            result={"text": seed_text(), "ocr": False, "confidence": None},
        )
    return {}
