"""Reads for the import of minutes: a file waiting for its preview, only for who uploaded it."""

from __future__ import annotations

from samverkan.core.pages import one_or_not_found
from samverkan.meetings.models import PendingImport
from samverkan.organisations.models import Council


def pending_import_in(council: Council, pk: int, user_id: int) -> PendingImport:
    return one_or_not_found(
        PendingImport.objects.filter(council=council, pk=pk, uploaded_by_id=user_id)
    )
