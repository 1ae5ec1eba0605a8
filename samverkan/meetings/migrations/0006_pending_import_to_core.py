"""The upload buffer moves to core (core/importing/): every importer uses it, not only the
minutes'. The table is renamed with its rows, so an upload waiting for its preview survives;
core's 0007 takes the model over without touching the database."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0005_search_document"),
    ]
    run_before = [
        ("core", "0007_pending_import"),
    ]

    operations = [
        migrations.AlterModelTable(name="pendingimport", table="core_pendingimport"),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="PendingImport")],
        ),
    ]
