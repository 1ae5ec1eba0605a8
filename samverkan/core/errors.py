"""The project's own exceptions. Services raise them; the edge translates them once."""

from __future__ import annotations

from django.utils.functional import Promise


class ServiceError(Exception):
    """A refused write, with a message fit to show the user."""

    def __init__(self, message: str | Promise, *, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


class NotFoundError(Exception):
    """The object is missing or the viewer may not see it: both look the same."""


class ForbiddenError(Exception):
    """The viewer may see the object but not do this with it."""
