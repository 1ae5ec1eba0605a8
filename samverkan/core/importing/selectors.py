"""Reads of the upload buffer: an upload is seen only by who uploaded it, in its council."""

from __future__ import annotations

from django.db.models import QuerySet

from samverkan.core.importing.models import PendingImport
from samverkan.core.pages import one_or_not_found


def pending_import_in(council_id: int, pk: int, user_id: int) -> PendingImport:
    """The upload `pk` of this user in this council, else NotFoundError."""
    return one_or_not_found(
        PendingImport.objects.filter(council_id=council_id, pk=pk, uploaded_by_id=user_id)
    )


def pending_imports_of(*, user_id: int, council_id: int) -> QuerySet[PendingImport]:
    """The uploads a login left waiting in a council, for the hand-out of their data."""
    return PendingImport.objects.filter(uploaded_by_id=user_id, council_id=council_id)
