"""The tallies are emptied before they gain keys (0013), which counts them afresh; a migration
of its own, so that PostgreSQL never alters a table in the transaction that changed its rows."""

from django.db import migrations


def empty(apps, schema_editor):
    for name in ("CategoryTally", "PlaceTally", "HourTally", "CellTally"):
        apps.get_model("incidents", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0011_crime_statistic_area"),
    ]

    operations = [
        migrations.RunPython(empty, empty),
    ]
