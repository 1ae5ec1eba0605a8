"""The console's audit trail across councils: read-only, filtered by council, record type,
actor and date."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from samverkan.core.console import ReadOnlyAdmin, console
from samverkan.core.models import AuditEvent
from samverkan.organisations.models import Council


class CouncilFilter(admin.SimpleListFilter):
    title = _("council")
    parameter_name = "council"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(str(c.pk), c.name) for c in Council.objects.order_by("name")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(council_id=int(value))
        return queryset


@admin.register(AuditEvent, site=console)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "model", "object_repr", "council_id"]
    list_filter = [
        CouncilFilter,
        "action",
        "model",
        ("actor", admin.RelatedOnlyFieldListFilter),
    ]
    date_hierarchy = "at"
    search_fields = ["object_repr"]
    fields = ["at", "actor", "action", "model", "object_id", "object_repr", "council_id", "changes"]
    list_select_related = ["actor"]
    # The trail grows without end: no count of every row on each page.
    show_full_result_count = False
