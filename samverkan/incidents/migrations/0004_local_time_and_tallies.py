"""Local time parts on incidents and the situational picture's tallies, filled for old rows.

Schema and data sit in one migration here on purpose: the local parts are added nullable,
filled by the database's own time-zone functions (the council's zone), then made NOT NULL; the
tallies are created and counted with one INSERT … SELECT each (the same statements as
services/tallies.tallies_rebuild, frozen here). At a million incidents this took about a minute
and a half on SQLite (a Python function per row) and on PostgreSQL alike.
"""

from zoneinfo import ZoneInfo

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, TruncMonth

COUNTED = ("new", "handled", "published")
TALLIES = {
    "incidents_categorytally": (
        "council_id, local_month, category_id, COALESCE(organisation_id, 0), source",
        "council_id, month, category_id, organisation_key, source, count, cost",
        "",
    ),
    "incidents_placetally": (
        "council_id, local_month, place_id, category_id",
        "council_id, month, place_id, category_id, count, cost",
        "AND place_id IS NOT NULL",
    ),
    "incidents_hourtally": (
        "council_id, local_month, local_weekday, local_hour",
        "council_id, month, weekday, hour, count",
        "",
    ),
    "incidents_celltally": (
        "council_id, local_month, h3_cell",
        "council_id, month, h3_cell, count",
        "AND h3_cell <> ''",
    ),
}


def fill_local_parts(apps, schema_editor):
    zone = ZoneInfo(settings.TIME_ZONE)
    Incident = apps.get_model("incidents", "Incident")
    Incident.objects.using(schema_editor.connection.alias).update(
        local_month=TruncMonth("occurred_from", output_field=models.DateField(), tzinfo=zone),
        local_weekday=ExtractIsoWeekDay("occurred_from", tzinfo=zone),
        local_hour=ExtractHour("occurred_from", tzinfo=zone),
    )


def fill_tallies(apps, schema_editor):
    marks = ", ".join(["%s"] * len(COUNTED))
    with schema_editor.connection.cursor() as cursor:
        for table, (keys, columns, extra) in TALLIES.items():
            sums = "COUNT(*), COALESCE(SUM(cost), 0)" if "cost" in columns else "COUNT(*)"
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {keys}, {sums} "  # noqa: S608 (ours)
                f"FROM incidents_incident WHERE merged_into_id IS NULL "
                f"AND status IN ({marks}) {extra} GROUP BY {keys}",
                list(COUNTED),
            )


class Migration(migrations.Migration):

    dependencies = [
        ('incidents', '0003_imports_statistics'),
        ('organisations', '0002_organisationalias'),
    ]

    operations = [
        migrations.AddField(
            model_name='incident',
            name='local_hour',
            field=models.PositiveSmallIntegerField(null=True, verbose_name='hour'),
        ),
        migrations.AddField(
            model_name='incident',
            name='local_month',
            field=models.DateField(null=True, verbose_name='month'),
        ),
        migrations.AddField(
            model_name='incident',
            name='local_weekday',
            field=models.PositiveSmallIntegerField(null=True, verbose_name='weekday'),
        ),
        migrations.RunPython(fill_local_parts, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="incident",
            name="local_hour",
            field=models.PositiveSmallIntegerField(verbose_name="hour"),
        ),
        migrations.AlterField(
            model_name="incident",
            name="local_month",
            field=models.DateField(verbose_name="month"),
        ),
        migrations.AlterField(
            model_name="incident",
            name="local_weekday",
            field=models.PositiveSmallIntegerField(verbose_name="weekday"),
        ),
        migrations.CreateModel(
            name='CategoryTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.DateField()),
                ('organisation_key', models.PositiveIntegerField(default=0)),
                ('source', models.CharField(max_length=20)),
                ('count', models.IntegerField(default=0)),
                ('cost', models.BigIntegerField(default=0)),
                ('category', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='incidents.category')),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisations.council')),
            ],
            options={
                'ordering': ['month', 'id'],
                'constraints': [models.UniqueConstraint(fields=('council', 'month', 'category', 'organisation_key', 'source'), name='category_tally_unique')],
            },
        ),
        migrations.CreateModel(
            name='CellTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.DateField()),
                ('h3_cell', models.CharField(max_length=16)),
                ('count', models.IntegerField(default=0)),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisations.council')),
            ],
            options={
                'ordering': ['month', 'id'],
                'constraints': [models.UniqueConstraint(fields=('council', 'month', 'h3_cell'), name='cell_tally_unique')],
            },
        ),
        migrations.CreateModel(
            name='HourTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.DateField()),
                ('weekday', models.PositiveSmallIntegerField()),
                ('hour', models.PositiveSmallIntegerField()),
                ('count', models.IntegerField(default=0)),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisations.council')),
            ],
            options={
                'ordering': ['month', 'id'],
                'constraints': [models.UniqueConstraint(fields=('council', 'month', 'weekday', 'hour'), name='hour_tally_unique')],
            },
        ),
        migrations.CreateModel(
            name='PlaceTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.DateField()),
                ('count', models.IntegerField(default=0)),
                ('cost', models.BigIntegerField(default=0)),
                ('category', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='incidents.category')),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisations.council')),
                ('place', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='incidents.place')),
            ],
            options={
                'ordering': ['month', 'id'],
                'constraints': [models.UniqueConstraint(fields=('council', 'month', 'place', 'category'), name='place_tally_unique')],
            },
        ),
        migrations.RunPython(fill_tallies, migrations.RunPython.noop, elidable=True),
    ]
