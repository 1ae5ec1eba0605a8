"""For tests of a document the worker makes: follow its download link to the job's page, let
the worker's task run when the queue has not run it yet, and fetch the file the page offers."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.test import Client
from django.utils.module_loading import import_string

from samverkan.core.importing.models import ImportJob, ImportState

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

_FILE_LINK = re.compile(r'href="([^"]*/documents/[0-9]+/file)"')


def document_response(client: Client, url: str, data: dict[str, str] | None = None) -> Response:
    """The file behind a document's download link, as its user fetches it from the job's page;
    any other answer (a refusal, a login page) as it came."""
    asked = client.get(url, data) if data is not None else client.get(url)
    job = (
        ImportJob.objects.filter(page=asked["Location"]).first()
        if asked.status_code == 302
        else None
    )
    if job is None:
        return asked
    if job.state == ImportState.QUEUED:
        # The worker's turn: run the queued task here.
        import_string(job.resume_with).call(job.pk)
    page = client.get(job.page)
    found = _FILE_LINK.search(page.content.decode())
    assert found, page.content.decode()[:3000]  # noqa: S101
    return client.get(found.group(1))
