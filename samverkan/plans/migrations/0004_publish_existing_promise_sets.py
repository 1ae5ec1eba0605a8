"""Citizen promises saved before the lifecycle existed were public the moment they were saved:
they stay published, so that nothing public disappears (docs/design/promises.md)."""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.db.models import F


def publish_existing(apps: Any, schema_editor: Any) -> None:
    PromiseSet = apps.get_model("plans", "PromiseSet")
    PromiseSet.objects.filter(status="draft").update(
        status="published", published_at=F("updated_at")
    )


class Migration(migrations.Migration):
    dependencies = [("plans", "0003_promise_lifecycle")]

    operations = [migrations.RunPython(publish_existing, migrations.RunPython.noop)]
