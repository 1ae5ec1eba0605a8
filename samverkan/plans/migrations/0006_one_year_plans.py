"""A plan made before plans had an end year was a one-year plan: it ends the year it starts."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import F


def end_in_their_year(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Plan = apps.get_model("plans", "Plan")  # noqa: N806 (a model class)
    Plan.objects.filter(end_year__isnull=True).update(end_year=F("year"))


class Migration(migrations.Migration):
    dependencies = [("plans", "0005_atgardsplan")]

    operations = [migrations.RunPython(end_in_their_year, migrations.RunPython.noop)]
