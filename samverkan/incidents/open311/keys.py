"""API keys of the apps that create requests over Open311. Only a hash of a key is kept."""

from __future__ import annotations

import hashlib
import re
import secrets

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.core.audit import Actor, audit_create, audit_update, snapshot
from samverkan.core.errors import NotFoundError, ServiceError
from samverkan.incidents.models import Open311Key

PREFIX_LENGTH = 8
# Longer keys are not ours; they are refused before any hashing.
MAX_KEY_LENGTH = 200
# Keys are URL-safe base64 (secrets.token_urlsafe); anything else is not ours.
_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def keys_all() -> QuerySet[Open311Key]:
    return Open311Key.objects.all()


def key_create(*, name: str, actor: Actor = None) -> tuple[Open311Key, str]:
    """Create a key for an app and return it with the key itself, which is shown only once."""
    name = name.strip()
    if not name or len(name) > 100:
        raise ServiceError(_("Give the app a name of at most 100 characters."), field="name")
    if Open311Key.objects.filter(name=name).exists():
        raise ServiceError(_("There is already a key with this name."), field="name")
    key = secrets.token_urlsafe(32)
    with transaction.atomic():
        record = Open311Key.objects.create(
            name=name, prefix=key[:PREFIX_LENGTH], key_hash=_hash(key)
        )
        audit_create(actor=actor, instance=record, council_id=None)
    return record, key


def key_revoke(*, name: str, actor: Actor = None) -> Open311Key:
    record = Open311Key.objects.filter(name=name.strip()).first()
    if record is None:
        raise NotFoundError
    if record.revoked_at is not None:
        raise ServiceError(_("This key is already revoked."), field="name")
    with transaction.atomic():
        before = snapshot(record)
        record.revoked_at = timezone.now()
        record.save(update_fields=["revoked_at", "updated_at"])
        audit_update(actor=actor, instance=record, before=before, council_id=None)
    return record


def key_check(key: str) -> Open311Key | None:
    """The active key record matching the key, or None (missing, unknown or revoked)."""
    if not (PREFIX_LENGTH <= len(key) <= MAX_KEY_LENGTH) or not _KEY.fullmatch(key):
        return None
    digest = _hash(key)
    candidates = Open311Key.objects.filter(prefix=key[:PREFIX_LENGTH], revoked_at__isnull=True)
    for record in candidates:
        if secrets.compare_digest(record.key_hash, digest):
            Open311Key.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
            return record
    return None
