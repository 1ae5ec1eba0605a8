"""What a running import tells the page that waits on it: its counts now and then, and whether
the user asked it to stop.

The task of an import (`import_job_run` in `services.py`) hands a `Progress` to the work; the
work calls `phase` when it starts a new part (reading, checking, saving) and `advance` as rows
pass. Both raise `ImportCancelledError` once the user has asked to cancel, so the work stops
where it is; the import's own transaction then leaves nothing behind. Writes are few (at most
one every `WRITE_EVERY`), and each is its own short statement outside the import's
transaction, so the page sees them at once.
"""

from __future__ import annotations

import time

from django.utils import timezone

from samverkan.core.importing.models import ImportJob

# A progress row is written at most this often (seconds).
WRITE_EVERY = 0.5


class ImportCancelledError(Exception):
    """The user cancelled the import: stop, and leave nothing behind."""


class Progress:
    """The progress of one ImportJob, written to its row."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self._last = 0.0

    def phase(self, message: str, *, total: int | None = None) -> None:
        """Start a part of the work: its message and, when known, how many rows it has."""
        self._write(message=message[:300], done=0, total=total, phase_started_at=timezone.now())

    def advance(self, done: int, *, at_once: bool = False) -> None:
        """Say how many rows of this part are done (written now and then, not every call;
        `at_once` for the few long steps of a document)."""
        now = time.monotonic()
        if at_once or now - self._last >= WRITE_EVERY:
            self._write(done=done)

    def last_chance(self) -> None:
        """Stop here when cancelled; after this the work saves and can no longer be stopped."""
        ImportJob.objects.filter(pk=self.job_id).update(can_cancel=False)
        self.check()

    def check(self) -> None:
        """Stop here when the user has cancelled."""
        if ImportJob.objects.filter(pk=self.job_id, cancel_requested=True).exists():
            raise ImportCancelledError

    def _write(self, **fields: object) -> None:
        self._last = time.monotonic()
        ImportJob.objects.filter(pk=self.job_id).update(**fields)
        self.check()
