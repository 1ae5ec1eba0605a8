"""Writes of the upload buffer: keep an upload until its preview is confirmed, then drop it.

An upload waiting for its preview is no record (it holds a file, not a decision), so these
writes record no audit event; the import that a confirmed preview makes is audited.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from samverkan.core.importing.models import PendingImport

# An upload waiting for its preview to be confirmed is kept this long at most: minutes and
# tables hold names, and an abandoned preview should not keep them.
PENDING_LIFETIME = dt.timedelta(hours=24)


@transaction.atomic
def pending_import_create(
    *, council_id: int, user: User, filename: str, data: bytes
) -> PendingImport:
    """Keep an upload until its preview is confirmed; the user's earlier ones are dropped."""
    PendingImport.objects.filter(
        Q(uploaded_by=user) | Q(created_at__lt=timezone.now() - PENDING_LIFETIME)
    ).delete()
    return PendingImport.objects.create(
        council_id=council_id, uploaded_by=user, filename=filename[:255], data=data
    )


def pending_import_delete(*, pending: PendingImport) -> None:
    """Drop an upload once it is imported or refused."""
    pending.delete()


def pending_imports_delete_of(*, user_id: int) -> None:
    """Drop every upload a login left waiting (its person is erased: nobody else can confirm
    them)."""
    PendingImport.objects.filter(uploaded_by_id=user_id).delete()
