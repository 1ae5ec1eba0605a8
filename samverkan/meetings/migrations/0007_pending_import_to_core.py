"""The upload buffer moves to core (core/importing/): every importer uses it, not only the
minutes'. The table is renamed with its rows, so an upload waiting for its preview survives;
core's 0008 takes the model over without touching the database."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0006_decision_kind_elected"),
    ]
    run_before = [
        ("core", "0008_pending_import"),
    ]

    operations = [
        migrations.AlterModelTable(name="pendingimport", table="core_pendingimport"),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="PendingImport")],
        ),
    ]
