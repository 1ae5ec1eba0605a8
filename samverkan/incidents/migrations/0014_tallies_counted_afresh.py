"""The tallies counted afresh from the incidents with their new keys (0013), as
`samverkan rebuild-tallies` does; a migration of its own, since PostgreSQL cannot create the
indexes of 0013 in a transaction that has inserted rows whose foreign keys are still to be
checked."""

from django.db import migrations

COUNTED = ("new", "handled", "published")
REBUILD = (
    (
        "incidents_categorytally",
        "council_id, local_month, category_id, COALESCE(organisation_id, 0), source, target_group",
        "council_id, month, category_id, organisation_key, source, target_group, count, cost",
        "",
    ),
    (
        "incidents_placetally",
        "council_id, local_month, place_id, category_id",
        "council_id, month, place_id, category_id, count, cost",
        "AND place_id IS NOT NULL",
    ),
    (
        "incidents_hourtally",
        "council_id, local_month, category_id, local_weekday, local_hour",
        "council_id, month, category_id, weekday, hour, count",
        "",
    ),
    (
        "incidents_celltally",
        "council_id, local_month, h3_cell, category_id",
        "council_id, month, h3_cell, category_id, count",
        "AND h3_cell <> ''",
    ),
)


def count_afresh(apps, schema_editor):
    marks = ", ".join(["%s"] * len(COUNTED))
    with schema_editor.connection.cursor() as cursor:
        for table, keys, columns, extra in REBUILD:
            sums = "COUNT(*), COALESCE(SUM(cost), 0)" if "cost" in columns else "COUNT(*)"
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {keys}, {sums} "  # noqa: S608
                f"FROM incidents_incident WHERE merged_into_id IS NULL "
                f"AND status IN ({marks}) {extra} GROUP BY {keys}",
                list(COUNTED),
            )


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0013_tallies_by_category_and_target_group"),
    ]

    operations = [
        migrations.RunPython(count_afresh, migrations.RunPython.noop),
    ]
