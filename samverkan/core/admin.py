"""The console's page for accessibility feedback (the audit trail's is in organisations/admin.py,
which names councils)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from samverkan.core.console import ReadOnlyAdmin, console
from samverkan.core.errors import ServiceError
from samverkan.core.feedback import feedback_mark_handled
from samverkan.core.models import Feedback


@admin.register(Feedback, site=console)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "message_start", "page_url", "email", "handled_at", "handled_by"]
    list_filter = [("handled_at", admin.EmptyFieldListFilter)]
    date_hierarchy = "created_at"
    fields = ["created_at", "page_url", "message", "email", "handled_at", "handled_by"]
    list_select_related = ["handled_by"]
    actions = ["mark_handled"]

    @admin.display(description=_("message"))
    def message_start(self, feedback: Feedback) -> str:
        return feedback.message[:80]

    @admin.action(description=_("Mark as handled"))
    def mark_handled(self, request: HttpRequest, queryset: QuerySet[Feedback]) -> None:
        assert isinstance(request.user, User)  # noqa: S101 (the console admits logins only)
        done = 0
        for feedback in queryset:
            try:
                feedback_mark_handled(actor=request.user, feedback=feedback)
                done += 1
            except ServiceError as exc:
                self.message_user(request, str(exc.message), messages.WARNING)
        if done:
            self.message_user(request, _("Marked as handled: %(count)d.") % {"count": done})
