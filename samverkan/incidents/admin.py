"""The console's page for Open311 keys: create one (shown once) and revoke, through the
services of open311/keys.py (audited)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from samverkan.core.console import ReadOnlyAdmin, console
from samverkan.core.errors import ServiceError
from samverkan.incidents.models import Open311Key
from samverkan.incidents.open311 import keys


class NewKeyForm(forms.Form):
    name = forms.CharField(label=_("Name of the app"), max_length=100)


@admin.register(Open311Key, site=console)
class Open311KeyAdmin(ReadOnlyAdmin):
    list_display = ["name", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    fields = ["name", "prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return console.has_permission(request)

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Create a key: the key itself is shown on this page once and never again."""
        form = NewKeyForm(request.POST if request.method == "POST" else None)
        new_key = None
        if request.method == "POST" and form.is_valid():
            actor = request.user if isinstance(request.user, User) else None
            try:
                _record, new_key = keys.key_create(actor=actor, name=form.cleaned_data["name"])
            except ServiceError as exc:
                form.add_error("name", str(exc.message))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("New Open311 key"),
            "form": form,
            "new_key": new_key,
        }
        status = 400 if request.method == "POST" and new_key is None else 200
        return TemplateResponse(
            request, "admin/incidents/open311key_add.html", context, status=status
        )

    @admin.action(description=_("Revoke"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[Open311Key]) -> None:
        actor = request.user if isinstance(request.user, User) else None
        for record in queryset.filter(revoked_at__isnull=True):
            keys.key_revoke(actor=actor, name=record.name)
        self.message_user(request, _("The keys were revoked."), messages.SUCCESS)
